/**
 * `npm run bench:sweep [-- --quick] [-- --out FILE.png]`: how the cost of one training step grows with the
 * hidden width and with the batch, for gradlab (default, one thread, TypeScript kernels only), TF.js (wasm)
 * and PyTorch (float64 and float32, one thread, when Debian's python3-torch is installed). Prints a table
 * per sweep and the crossover points, and draws both sweeps log–log into docs/cost-growth.png.
 */
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { writeFigure } from '../src/node/files.ts';
import { renderVegaLite } from '../src/node/svg.ts';
import { median, samplePlan } from './timing.ts';
import { Arm, JS_ARMS } from './sweep-arms.ts';
import { sweepChartSpec } from './sweep-chart.ts';
import { FIXED_BATCH, FIXED_WIDTH, pointId, sweepAxes, sweepPoints, sweepWorkload, type SweepPoint } from './sweep-points.ts';
import { crossoverLines, sweepSeries, sweepTable, type Measured } from './sweep-report.ts';
import { runTorch } from './torch.ts';

function parseArgs(argv: string[]): { quick: boolean; out: string } {
  let quick = false,
    out = 'docs/cost-growth.png';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') quick = true;
    else if (arg === '--out' && argv[i + 1] !== undefined) out = argv[++i]!;
    else throw new Error(`bench:sweep: unknown argument '${arg}' (allowed: --quick, --out FILE.png)`);
  }
  return { quick, out };
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
  return new Map(arms.map((arm, a) => [arm.spec.name, median(samples[a]!)]));
}

async function main(): Promise<void> {
  const { quick, out } = parseArgs(process.argv.slice(2));
  const points = sweepPoints(quick);
  console.log(
    `bench:sweep — one training step of MLP 64→width→10 (ReLU, cross-entropy, Adam), ${points.length} points` +
      `${quick ? ', --quick' : ''}; node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; load average ${load()}`,
  );
  const arms = JS_ARMS.map((spec) => new Arm(spec));
  const measured: Measured = new Map();
  try {
    for (const point of points) {
      process.stdout.write(`  width ${point.width}, batch ${point.batch} …\n`);
      measured.set(pointId(point), await measurePoint(arms, point, quick));
    }
  } finally {
    for (const arm of arms) arm.close();
  }
  console.log(`  load average after the JavaScript arms: ${load()}`);
  process.stdout.write('  running the PyTorch arms (bench/torch_bench.py, one thread, float64 and float32) …\n');
  const torch = runTorch(points.map(sweepWorkload), quick);
  if ('skipped' in torch) console.log(`  skipping PyTorch: ${torch.skipped}`);
  else {
    console.log(`  PyTorch ${torch.version}, torch.set_num_threads(1); load average after: ${load()}`);
    for (const [id, t] of torch.ms) {
      measured.get(id)?.set('PyTorch f64', t.float64);
      measured.get(id)?.set('PyTorch f32', t.float32);
    }
  }
  const { widths, batches } = sweepAxes(quick);
  const sweeps = [
    { axis: 'width', title: `hidden width (batch ${FIXED_BATCH})`, points: widths.map((width) => ({ width, batch: FIXED_BATCH })) },
    { axis: 'batch', title: `batch size (width ${FIXED_WIDTH})`, points: batches.map((batch) => ({ width: FIXED_WIDTH, batch })) },
  ];
  const arms6 = [...JS_ARMS.map((a) => a.name), ...('skipped' in torch ? [] : ['PyTorch f64', 'PyTorch f32'])];
  for (const sweep of sweeps) {
    console.log(`\nms per step against ${sweep.title}:\n`);
    console.log(sweepTable(sweep.axis, sweep.points, arms6, measured));
  }
  console.log('\nCrossover points (an arm counts as faster below 0.95 × the other’s time):');
  for (const sweep of sweeps) for (const line of crossoverLines(sweep.axis, sweep.points, measured)) console.log(`  ${line}`);
  const spec = sweepChartSpec(
    sweeps.map((s) => ({
      title: `against ${s.title}`,
      xLabel: s.axis === 'width' ? 'hidden width' : 'batch size',
      series: sweepSeries(s.axis, s.points, arms6, measured),
    })),
    {
      text: 'One training step of an MLP 64 → width → 10 (ReLU, cross-entropy, Adam): ms per step',
      subtitle: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, node ${process.version}; medians of ${samplePlan(quick).reps} samples; gradlab float64, TF.js float32`,
    },
  );
  console.log(`\npicture: ${await writeFigure(await renderVegaLite(spec, 'bench:sweep'), resolve(out))}`);
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
