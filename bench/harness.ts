import { loadTf, useBackend, type TF } from './tf.ts';
import { calibrate, median, samplePlan, timeSteps, type Step } from './timing.ts';

export type { Step } from './timing.ts';

/** gradlab meets the target when its time × factor ≤ the peer's time ('best': the faster TF.js backend). */
export interface Target {
  peer: 'best' | 'wasm';
  factor: number;
}

export interface Workload {
  id: number;
  title: string;
  /** How the medians are shown; GFLOP/s needs `flops` per step. */
  unit: 'ms/step' | 'ms/run' | 'GFLOP/s';
  flops?: number;
  target: Target;
  gradlab(): Step;
  tf(tf: TF): Step;
  /** A sanity line printed under the table (e.g. the accuracy each side reached). */
  note?(): string;
  /** The same work described for PyTorch (bench/torch_bench.py), with the very same data and weights. */
  torch?(): TorchJob;
}

/** A workload as PyTorch runs it: arrays are written as raw little-endian files beside a JSON manifest. */
export type TorchJob =
  | {
      kind: 'train';
      spec: { sizes: readonly number[]; activation: string; loss: string; optimizer: { kind: string; lr: number; momentum?: number } };
      weights: { w: Float64Array; b: Float64Array }[];
      batches: { x: Float64Array; y: Int32Array }[];
    }
  | { kind: 'adam'; param: Float64Array; grad: Float64Array; lr: number }
  | { kind: 'matmul'; a: Float64Array; b: Float64Array; n: number };

export interface Options {
  quick: boolean;
}

export const SIDES = ['gradlab', 'cpu', 'wasm'] as const;
export type Side = (typeof SIDES)[number];

export interface Result {
  workload: Workload;
  /** Median ms per step for each side. */
  ms: Record<Side, number>;
  memory: { peakMB: number; allocsPerStep: number; kbPerStep: number };
  /** PyTorch's median ms per step (one thread), when it is installed and the workload describes itself for it. */
  torch?: { float64: number; float32: number };
}

const gc = (globalThis as { gc?: () => void }).gc;
/**
 * Warm-up, then `reps` timed samples per side, alternating the order each repetition so drift
 * (heat, other processes) hits every side alike. A sample runs enough steps to last ~sampleMs; a
 * forced GC before each keeps one side's garbage from being collected on another side's clock.
 */
export async function measure(workload: Workload, options: Options): Promise<Result> {
  const tf = await loadTf();
  const { reps, warmupMs, sampleMs } = samplePlan(options.quick);
  tf.engine().startScope();
  const steps = {} as Record<Side, Step>,
    counts = {} as Record<Side, number>,
    samples = {} as Record<Side, number[]>;
  for (const side of SIDES) {
    if (side !== 'gradlab') await useBackend(side);
    const step = (steps[side] = side === 'gradlab' ? workload.gradlab() : workload.tf(tf));
    counts[side] = calibrate(step, warmupMs, sampleMs);
    samples[side] = [];
  }
  for (let r = 0; r < reps; r++) {
    for (let k = 0; k < SIDES.length; k++) {
      const side = SIDES[(r + k) % SIDES.length]!;
      if (side !== 'gradlab') await useBackend(side);
      gc?.();
      samples[side].push(timeSteps(steps[side], counts[side]));
    }
  }
  const memory = measureMemory(steps.gradlab, Math.min(counts.gradlab, 200));
  tf.engine().endScope();
  tf.disposeVariables();
  const ms = { gradlab: median(samples.gradlab), cpu: median(samples.cpu), wasm: median(samples.wasm) };
  return { workload, ms, memory };
}

/** Peak heap + ArrayBuffer memory above a GC'd baseline while stepping, and typed arrays created per step. */
function measureMemory(step: Step, n: number): Result['memory'] {
  const used = (): number => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  gc?.();
  const base = used();
  let peak = base;
  for (let i = 0; i < n; i++) {
    step();
    peak = Math.max(peak, used());
  }
  const { count, bytes } = countTypedArrays(() => {
    for (let i = 0; i < n; i++) step();
  });
  return { peakMB: (peak - base) / 2 ** 20, allocsPerStep: count / n, kbPerStep: bytes / n / 1024 };
}

/**
 * Counts the typed arrays created (by `new` or `.from`) while `run` runs, by swapping the global
 * constructors for counting proxies; the engine allocates all its buffers through them.
 */
export function countTypedArrays(run: () => void): { count: number; bytes: number } {
  const g = globalThis as unknown as Record<string, unknown>;
  const names = ['Float64Array', 'Float32Array', 'Int32Array', 'Uint8Array'];
  const originals = names.map((name) => g[name] as new (...args: unknown[]) => ArrayBufferView);
  let count = 0,
    bytes = 0;
  names.forEach((name, i) => {
    const proxy: object = new Proxy(originals[i]!, {
      construct(target, args, newTarget) {
        // Constructing with the proxy as new.target would give the arrays an unusual map (hidden
        // class) that deoptimises every kernel touching them later; the original keeps them ordinary.
        const made = Reflect.construct(target, args, newTarget === proxy ? target : newTarget) as ArrayBufferView;
        if (!(args[0] instanceof ArrayBuffer || args[0] instanceof SharedArrayBuffer)) {
          count++;
          bytes += made.byteLength;
        }
        return made;
      },
    });
    g[name] = proxy;
  });
  try {
    run();
  } finally {
    names.forEach((name, i) => (g[name] = originals[i]));
  }
  return { count, bytes };
}
