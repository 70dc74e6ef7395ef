/** One unit of work (a training step, an optimizer step, a matmul, a whole training run). */
export type Step = () => unknown;

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Mean ms per call over `n` calls of `step`. */
export function timeSteps(step: Step, n: number): number {
  const start = performance.now();
  for (let i = 0; i < n; i++) step();
  return (performance.now() - start) / n;
}

/**
 * Warms `step` up (at least two calls and `warmupMs`, so the JIT has compiled everything) and returns how
 * many steps make one sample of about `sampleMs`, judged by the fastest single step seen.
 */
export function calibrate(step: Step, warmupMs: number, sampleMs: number): number {
  let ran = 0,
    perStep = Infinity;
  for (const start = performance.now(); ran < 2 || performance.now() - start < warmupMs; ran++)
    perStep = Math.min(perStep, timeSteps(step, 1));
  return Math.max(1, Math.round(sampleMs / perStep));
}

/** The harness's sampling: samples per side, warm-up and sample length (shorter with --quick). */
export const samplePlan = (quick: boolean): { reps: number; warmupMs: number; sampleMs: number } =>
  quick ? { reps: 3, warmupMs: 100, sampleMs: 40 } : { reps: 7, warmupMs: 300, sampleMs: 120 };
