/**
 * Memory and CPU time of reading a CSV, and peak memory of training on it through the real CLI.
 *
 *     node --import tsx bench/csv-memory.ts [--rows 400000 | --mb 50] [--features 20]
 *         [--impl src/node/csv.ts[,other/csv.ts]] [--repeat 3] [--train [--models logistic,mlp]]
 *
 * Writes a CSV to the system's temporary folder (--features numeric columns with 6–8 significant
 * digits and a 3-class label, seeded; --rows rows, or about --mb megabytes), then, in a fresh child
 * process each:
 *   load   loadCsv(path) from each --impl (await-ed if it returns a promise); reports the process's
 *          peak RSS, its RSS before the call, and the CPU time (user + system) of the call. With
 *          several --impl and --repeat, the runs interleave (a, b, a, b, …) so a busy machine
 *          slows each alike; the median of the repeats is printed;
 *   train  `gradlab train --dataset <csv> --epochs 1 --model <m>` (logistic, mlp = 64,32); reports its peak RSS.
 * The file is removed at the end; nothing is kept or committed.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { Rng } from '../src/util/random.ts';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? undefined : args[i + 1];
};

interface LoadResult {
  rows: number;
  before: number;
  peak: number;
  cpuMs: number;
  retainedHeap: number;
  retainedExternal: number;
}

/** The child's program: plain Node (no TypeScript loader) runs a bundle of the implementation. */
const CHILD = `
const [path, bundle] = process.argv.slice(1);
const { loadCsv } = await import(bundle);
globalThis.gc();
const before = process.memoryUsage().rss;
const cpu = process.cpuUsage();
const data = await loadCsv(path);
const used = process.cpuUsage(cpu);
const peak = process.resourceUsage().maxRSS * 1024;
globalThis.gc();
const heap = process.memoryUsage();
console.log(JSON.stringify({ rows: data.features.shape[0], before, peak, cpuMs: (used.user + used.system) / 1000,
  retainedHeap: heap.heapUsed, retainedExternal: heap.arrayBuffers }));
`;

const rows = arg('rows') === undefined ? Infinity : Number(arg('rows'));
const mb = arg('mb') === undefined ? (rows === Infinity ? 50 : Infinity) : Number(arg('mb'));
const features = Number(arg('features') ?? 10);
const impls = (arg('impl') ?? 'src/node/csv.ts').split(',');
const repeat = Number(arg('repeat') ?? 1);
const dir = mkdtempSync(join(tmpdir(), 'gradlab-csv-memory-'));
const path = join(dir, 'data.csv');
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
try {
  const rng = new Rng(1);
  const header = `${Array.from({ length: features }, (_, j) => `x${j}`).join(',')},label\n`;
  // Written in blocks of about 1 MB: one string of the whole file would exceed V8's string limit (~512 MB).
  const fd = openSync(path, 'w');
  let block = header;
  let size = header.length;
  for (let r = 0; r < rows && size < mb * 1e6; r++) {
    const row = Array.from({ length: features }, () => (rng.normal() * 10).toPrecision(6 + rng.int(3)));
    const line = `${row.join(',')},${['setosa', 'versicolor', 'virginica'][rng.int(3)]!}\n`;
    block += line;
    size += line.length;
    if (block.length > 1e6) {
      writeSync(fd, block);
      block = '';
    }
  }
  writeSync(fd, block);
  closeSync(fd);
  const bytes = statSync(path).size;
  console.log(`CSV: ${(bytes / 1e6).toFixed(1)} MB (${(bytes / 2 ** 20).toFixed(1)} MiB), ${features} features and a label`);
  // Each implementation bundled to one plain-JavaScript file, as an installed package runs it.
  const bundles = new Map<string, string>();
  for (const [k, impl] of impls.entries()) {
    const outfile = join(dir, `impl-${k}.mjs`);
    await build({ entryPoints: [resolve(impl)], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'silent' });
    bundles.set(impl, pathToFileURL(outfile).href);
  }
  const runs = new Map<string, LoadResult[]>(impls.map((impl) => [impl, []]));
  for (let k = 0; k < repeat; k++) {
    for (const impl of impls) {
      const load = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', CHILD, path, bundles.get(impl)!], {
        encoding: 'utf8',
        maxBuffer: 1e8,
      });
      if (load.status !== 0) throw new Error(load.stderr);
      runs.get(impl)!.push(JSON.parse(load.stdout.trim().split('\n').pop()!) as LoadResult);
    }
  }
  for (const [impl, results] of runs) {
    const r = results[0]!;
    const peak = median(results.map((x) => x.peak));
    const before = median(results.map((x) => x.before));
    const cpu = results.map((x) => x.cpuMs);
    console.log(
      `load (${impl}): ${r.rows} rows; CPU ${(median(cpu) / 1000).toFixed(2)} s (runs: ${cpu.map((c) => (c / 1000).toFixed(2)).join(', ')}); ` +
        `peak RSS ${(peak / 1e6).toFixed(0)} MB (${(peak / 2 ** 20).toFixed(0)} MiB), ${((peak - before) / bytes).toFixed(2)} bytes per input byte above the ${(before / 1e6).toFixed(0)} MB before the call; ` +
        `after: heap ${(r.retainedHeap / 1e6).toFixed(0)} MB, typed arrays ${(r.retainedExternal / 1e6).toFixed(0)} MB`,
    );
  }
  console.log(
    `load average while measuring: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')} (2 cores)`,
  );
  if (args.includes('--train')) {
    for (const model of (arg('models') ?? 'logistic,mlp').split(',')) {
      const t = spawnSync(
        '/usr/bin/time',
        ['-f', '%M', process.execPath, 'bin/gradlab.js', 'train', '--dataset', path, '--epochs', '1', '--model', model, '--json'],
        { encoding: 'utf8', maxBuffer: 1e9 },
      );
      if (t.status !== 0) throw new Error(t.stderr);
      const peakKb = Number(t.stderr.trim().split('\n').pop());
      console.log(
        `train (gradlab train --epochs 1 --model ${model}): peak RSS ${(peakKb / 1e3).toFixed(0)} MB, ${((peakKb * 1e3) / bytes).toFixed(2)} bytes per input byte (whole process)`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
