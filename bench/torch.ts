/**
 * The PyTorch columns of `npm run bench`: the workloads' own data and weights written to a temporary
 * folder, timed by bench/torch_bench.py under Debian's python3-torch (one thread, float64 and float32).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TorchJob, Workload } from './harness.ts';

/** Debian's python3-torch installs for /usr/bin/python3 (a plain `python3` may be another interpreter). */
export const PYTHON = process.env.GRADLAB_TORCH_PYTHON ?? '/usr/bin/python3';
export const SCRIPT = fileURLToPath(new URL('torch_bench.py', import.meta.url));

export type TorchTimes = { float64: number; float32: number };
export type TorchRun = { version: string; ms: Map<number, TorchTimes> } | { skipped: string };

/** PyTorch's version, or why it cannot be used. */
export function torchAvailable(): { version: string } | { skipped: string } {
  const probe = spawnSync(PYTHON, ['-c', 'import torch, numpy; print(torch.__version__)'], { encoding: 'utf8' });
  if (probe.error !== undefined) return { skipped: `${PYTHON} not found` };
  if (probe.status !== 0) return { skipped: `${PYTHON} cannot import torch (install Debian's python3-torch)` };
  return { version: probe.stdout.trim() };
}

/** Writes each job's arrays as raw files and the manifest as jobs.json. */
export function writeJobs(dir: string, jobs: { id: number; job: TorchJob }[]): void {
  let files = 0;
  const file = (array: Float64Array | Int32Array) => {
    const name = `a${files++}.bin`;
    writeFileSync(join(dir, name), new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    return { file: name, dtype: array instanceof Float64Array ? '<f8' : '<i4' };
  };
  const manifest = jobs.map(({ id, job }) => {
    if (job.kind === 'train')
      return {
        id,
        kind: job.kind,
        spec: job.spec,
        weights: job.weights.map(({ w, b }) => ({ w: file(w), b: file(b) })),
        batches: job.batches.map(({ x, y }) => ({ x: file(x), y: file(y) })),
      };
    if (job.kind === 'adam') return { id, kind: job.kind, lr: job.lr, param: file(job.param), grad: file(job.grad) };
    return { id, kind: job.kind, n: job.n, a: file(job.a), b: file(job.b) };
  });
  writeFileSync(join(dir, 'jobs.json'), JSON.stringify(manifest));
}

/** Times the workloads that describe themselves for PyTorch; the others get no PyTorch column. */
export function runTorch(workloads: Workload[], quick: boolean): TorchRun {
  const available = torchAvailable();
  if ('skipped' in available) return available;
  const jobs = workloads.flatMap((w) => (w.torch ? [{ id: w.id, job: w.torch() }] : []));
  if (jobs.length === 0) return { version: available.version, ms: new Map() };
  const dir = mkdtempSync(join(tmpdir(), 'gradlab-torch-'));
  try {
    writeJobs(dir, jobs);
    const run = spawnSync(PYTHON, [SCRIPT, dir, ...(quick ? ['--quick'] : [])], {
      encoding: 'utf8',
      env: { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
    });
    if (run.status !== 0)
      return { skipped: `bench/torch_bench.py failed: ${run.stderr.trim().split('\n').at(-1) ?? `exit status ${String(run.status)}`}` };
    const out = JSON.parse(run.stdout) as { torch: string; ms: Record<string, TorchTimes> };
    return { version: out.torch, ms: new Map(Object.entries(out.ms).map(([id, t]) => [Number(id), t])) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
