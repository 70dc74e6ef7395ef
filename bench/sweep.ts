/**
 * `npm run bench:sweep [-- --quick] [-- --out FILE.png]`: how the cost of one training step grows with the
 * hidden width and with the batch, for gradlab (default, one thread, TypeScript kernels only), TF.js (wasm)
 * and PyTorch (float64 and float32, one thread, when Debian's python3-torch is installed). Prints a table
 * per sweep and the crossover points, and draws both sweeps log–log into docs/cost-growth.png (a --quick run: out/cost-growth-quick.png).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { writeFigure } from '../src/node/files.ts';
import { renderVegaLite } from '../src/node/svg.ts';
import { median, samplePlan } from './timing.ts';
import { Arm, JS_ARMS } from './sweep-arms.ts';
import { sweepChartSpec } from './sweep-chart.ts';
import { FIXED_BATCH, FIXED_WIDTH, pointId, sweepAxes, sweepPoints, sweepWorkload, type SweepPoint } from './sweep-points.ts';
import { crossoverLines, sweepSeries, sweepTable, type Measured } from './sweep-report.ts';
import { torchAvailable, writeJobs } from './torch.ts';

function parseArgs(argv: string[]): { quick: boolean; out: string } {
  let quick = false,
    out: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') quick = true;
    else if (arg === '--out' && argv[i + 1] !== undefined) out = argv[++i]!;
    else throw new Error(`bench:sweep: unknown argument '${arg}' (allowed: --quick, --out FILE.png)`);
  }
  // A quick run's picture never replaces the full run's in docs/.
  return { quick, out: out ?? (quick ? 'out/cost-growth-quick.png' : 'docs/cost-growth.png') };
}

const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** Every arm prepares the point, then `reps` samples in a rotating order (drift hits every arm alike); the medians. */
async function measurePoint(arms: Arm[], point: SweepPoint, quick: boolean): Promise<Map<string, number>> {
  for (const arm of arms) await arm.prepare(point, quick);
  const samples = arms.map((): number[] => []);
  for (let r = 0; r < samplePlan(quick).reps; r++) {
    for (let k = 0; k < arms.length; k++) {
      const a = (r + k) % arms.length;
      samples[a]!.push(await arms[a]!.sample());
    }
  }
  for (const arm of arms) await arm.release();
  return new Map(arms.map((arm, a) => [arm.name, median(samples[a]!)]));
}

async function main(): Promise<void> {
  const { quick, out } = parseArgs(process.argv.slice(2));
  const points = sweepPoints(quick);
  const loadBefore = loadavg()[0]!;
  console.log(
    `bench:sweep — one training step of MLP 64→width→10 (ReLU, cross-entropy, Adam), ${points.length} points` +
      `${quick ? ', --quick' : ''}; node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; load average ${load()}`,
  );
  const torch = torchAvailable();
  // PyTorch trains the very data and initial weights the JavaScript arms build, written out once.
  const jobDir = mkdtempSync(join(tmpdir(), 'gradlab-sweep-'));
  const arms = JS_ARMS.map((spec) => Arm.javascript(spec));
  if ('skipped' in torch) console.log(`  skipping PyTorch: ${torch.skipped}`);
  else {
    writeJobs(
      jobDir,
      points.map((p) => ({ id: pointId(p), job: sweepWorkload(p).torch!() })),
    );
    arms.push(Arm.torch('float64', jobDir), Arm.torch('float32', jobDir));
    console.log(`  PyTorch ${torch.version}, one thread (OMP_NUM_THREADS=1)`);
  }
  const measured: Measured = new Map();
  try {
    // A first pass over the smallest point, untimed: fresh processes start with cold JITs and caches.
    await measurePoint(arms, points[0]!, true);
    for (const point of points) {
      process.stdout.write(`  width ${point.width}, batch ${point.batch} …\n`);
      measured.set(pointId(point), await measurePoint(arms, point, quick));
    }
  } finally {
    for (const arm of arms) arm.close();
    rmSync(jobDir, { recursive: true, force: true });
  }
  const loadAfter = loadavg()[0]!;
  console.log(`  load average at the end: ${load()}`);
  const { widths, batches } = sweepAxes(quick);
  const sweeps = [
    { axis: 'width', title: `hidden width (batch ${FIXED_BATCH})`, points: widths.map((width) => ({ width, batch: FIXED_BATCH })) },
    { axis: 'batch', title: `batch size (width ${FIXED_WIDTH})`, points: batches.map((batch) => ({ width: FIXED_WIDTH, batch })) },
  ];
  const names = arms.map((a) => a.name);
  for (const sweep of sweeps) {
    console.log(`\nms per step against ${sweep.title}:\n`);
    console.log(sweepTable(sweep.axis, sweep.points, names, measured));
  }
  console.log('\nCrossover points (an arm counts as faster below 0.95 × the other’s time):');
  for (const sweep of sweeps) for (const line of crossoverLines(sweep.axis, sweep.points, measured)) console.log(`  ${line}`);
  const spec = sweepChartSpec(
    sweeps.map((s) => ({
      title: `against ${s.title}`,
      xLabel: s.axis === 'width' ? 'hidden width' : 'batch size',
      series: sweepSeries(s.axis, s.points, names, measured),
    })),
    {
      text: 'One training step of an MLP 64 → width → 10 (ReLU, cross-entropy, Adam): ms per step',
      subtitle: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, node ${process.version}; medians of ${samplePlan(quick).reps} samples; load ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}; gradlab float64, TF.js float32`,
    },
  );
  mkdirSync(dirname(resolve(out)), { recursive: true });
  console.log(`\npicture: ${await writeFigure(await renderVegaLite(spec, 'bench:sweep'), resolve(out))}`);
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
