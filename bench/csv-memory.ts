/**
 * Memory per input byte of reading a CSV, and of training on it through the real CLI.
 *
 *     node --import tsx bench/csv-memory.ts [--mb 50] [--impl src/node/csv.ts] [--train [--models logistic,mlp]]
 *
 * Writes a CSV of about --mb megabytes to the system's temporary folder (10 numeric features with
 * 6–8 significant digits and a 3-class label, seeded), then, in a fresh child process each:
 *   load   loadCsv(path) from --impl; reports peak RSS above the process's RSS before the call;
 *   train  `gradlab train --dataset <csv> --epochs 1 --model <m>` (logistic, mlp = 64,32); reports its peak RSS.
 * The file is removed at the end; nothing is kept or committed.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Rng } from '../src/util/random.ts';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? undefined : args[i + 1];
};

if (args[0] === '--child-load') {
  const { loadCsv } = (await import(resolve(args[2]!))) as typeof import('../src/node/csv.ts');
  global.gc?.();
  const before = process.memoryUsage().rss;
  const data = loadCsv(args[1]!);
  const peak = process.resourceUsage().maxRSS * 1024;
  global.gc?.();
  const heap = process.memoryUsage();
  console.log(
    JSON.stringify({ rows: data.features.shape[0], before, peak, retainedHeap: heap.heapUsed, retainedExternal: heap.arrayBuffers }),
  );
  process.exit(0);
}

const mb = Number(arg('mb') ?? 50);
const impl = arg('impl') ?? 'src/node/csv.ts';
const dir = mkdtempSync(join(tmpdir(), 'gradlab-csv-memory-'));
const path = join(dir, `data-${mb}mb.csv`);
try {
  const rng = new Rng(1);
  const header = `${Array.from({ length: 10 }, (_, j) => `x${j}`).join(',')},label\n`;
  // Written in blocks of about 1 MB: one string of the whole file would exceed V8's string limit (~512 MB).
  const fd = openSync(path, 'w');
  let block = header;
  let size = header.length;
  while (size < mb * 1e6) {
    const row = Array.from({ length: 10 }, () => (rng.normal() * 10).toPrecision(6 + rng.int(3)));
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
  console.log(`CSV: ${(bytes / 1e6).toFixed(1)} MB`);
  const load = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/csv-memory.ts', '--child-load', path, impl], {
    encoding: 'utf8',
    maxBuffer: 1e8,
  });
  if (load.status !== 0) throw new Error(load.stderr);
  const r = JSON.parse(load.stdout.trim().split('\n').pop()!) as {
    rows: number;
    before: number;
    peak: number;
    retainedHeap: number;
    retainedExternal: number;
  };
  console.log(
    `load (${impl}): ${r.rows} rows; peak RSS ${(r.peak / 1e6).toFixed(0)} MB, ${((r.peak - r.before) / bytes).toFixed(2)} bytes per input byte above the ${(r.before / 1e6).toFixed(0)} MB baseline; after: heap ${(r.retainedHeap / 1e6).toFixed(0)} MB, typed arrays ${(r.retainedExternal / 1e6).toFixed(0)} MB`,
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
