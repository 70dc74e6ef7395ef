import type { Optimizer } from '../optim/optimizer.ts';

/** What one optimizer step did to one parameter tensor (plain arrays, so it serialises to JSON as is). */
export interface TraceEntry {
  /** The optimizer's step count after this step (1 for the first step). */
  step: number;
  /** Index into `optimizer.params`. */
  index: number;
  /** `names[index]` when names were given, else `params[index]`. */
  param: string;
  /** The gradient the step consumed. */
  grad: number[];
  before: number[];
  after: number[];
  /** θ_after − θ_before. */
  update: number[];
  /** Every state buffer the optimizer's transforms declare (m, v, accumulators…), after the step, copied. */
  state: Record<string, number[]>;
  /** The same buffers before the step (their declared initial values before the first one). */
  stateBefore?: Record<string, number[]>;
  /** What the transforms derive from their state for this step (Adam: mHat = m/(1−β1ᵗ), vHat = v/(1−β2ᵗ)). */
  derived: Record<string, number[]>;
  /** How the transforms write each buffer and derived value in formulas (expAvg → m), where they say. */
  labels?: Record<string, string>;
  /**
   * The per-coordinate learning rate a plain SGD step would need for the same update:
   * −update/grad (for Adam ≈ lr·m̂/((√v̂+eps)·g)); NaN where the gradient is 0.
   */
  effectiveLr: number[];
}

export interface TraceOptions {
  /** Record steps 1, 1+every, 1+2·every, … (default 1: every step). */
  every?: number;
  /** Which parameters to record, by index or name (default all). */
  params?: readonly (number | string)[];
  /** Labels for `optimizer.params`, e.g. `model.namedParameters().map(([n]) => n)`. */
  names?: readonly string[];
  /** Record only the first `elements` values of each tensor (default all), to bound memory on big models. */
  elements?: number;
  /** Stop recording after this many recorded steps (default unlimited). */
  maxSteps?: number;
}

export interface OptimizerTrace {
  readonly entries: TraceEntry[];
  /** Stops recording; entries recorded so far stay. */
  detach(): void;
}

/**
 * Records what every `optimizer.step()` does to each parameter: the gradient in, each state buffer
 * the transforms declare before and after, what they derive, and the update Δθ out. It observes
 * the optimizer (`optimizer.observe`), so code that only holds the optimizer (a training loop, `fit`)
 * is traced without changes, whatever chain of transforms it runs. Call `detach()` to stop.
 */
export function traceOptimizer(optimizer: Optimizer, options: TraceOptions = {}): OptimizerTrace {
  const every = options.every ?? 1;
  if (!Number.isInteger(every) || every < 1)
    throw new RangeError(`traceOptimizer: option every must be an integer ≥ 1, got ${String(every)}`);
  const names = options.names ?? optimizer.params.map((_, i) => `params[${i}]`);
  if (names.length !== optimizer.params.length) {
    throw new RangeError(`traceOptimizer: option names has ${names.length} labels but the optimizer has ${optimizer.params.length} params`);
  }
  const selected = resolveSelection(options.params, names, optimizer.params.length);
  const limit = options.elements ?? Infinity;
  const maxSteps = options.maxSteps ?? Infinity;
  const entries: TraceEntry[] = [];
  let recordedSteps = 0;
  const take = (a: ArrayLike<number>): number[] => Array.from(a).slice(0, Math.min(a.length, limit));
  /** Each declared buffer of params[i]: its live values, or the declared initial value before its first update. */
  const buffers = (i: number): Record<string, number[]> => {
    const live = optimizer.stateOf(i)?.buffers;
    const p = optimizer.params[i]!;
    return Object.fromEntries(
      optimizer.bufferSpecs().map((spec) => {
        const size = (spec.shape ?? p.shape).reduce((a, b) => a * b, 1);
        return [spec.name, take(live?.[spec.name] ?? new Float64Array(size).fill(spec.initial))];
      }),
    );
  };
  let pending: { index: number; grad: number[]; value: number[]; state: Record<string, number[]> }[] | null = null;

  const stop = optimizer.observe({
    beforeStep(step) {
      pending = null;
      if ((step - 1) % every !== 0 || recordedSteps >= maxSteps) return;
      const watched = selected.filter((i) => optimizer.params[i]!.grad !== null);
      pending = watched.map((index) => {
        const p = optimizer.params[index]!;
        return { index, grad: take(p.grad!.data), value: take(p.data), state: buffers(index) };
      });
    },
    afterStep(step) {
      if (pending === null) return;
      recordedSteps++;
      const labels = Object.fromEntries(
        optimizer
          .bufferSpecs()
          .filter((s) => s.label !== undefined)
          .map((s) => [s.name, s.label!]),
      );
      for (const { index, grad, value, state: stateBefore } of pending) {
        const after = take(optimizer.params[index]!.data);
        const update = after.map((a, j) => a - value[j]!);
        const state = buffers(index);
        const t = optimizer.stateOf(index)?.step ?? 0;
        const derived: Record<string, number[]> = {};
        for (const transform of optimizer.transforms) Object.assign(derived, transform.inspect?.(state, optimizer.hyperparameters, t));
        entries.push({
          step,
          index,
          param: names[index]!,
          grad,
          before: value,
          after,
          update,
          state,
          stateBefore,
          derived,
          labels,
          effectiveLr: update.map((u, j) => (grad[j] === 0 ? NaN : -u / grad[j]!)),
        });
      }
      pending = null;
    },
  });

  return { entries, detach: stop };
}

function resolveSelection(params: TraceOptions['params'], names: readonly string[], count: number): number[] {
  if (params === undefined) return names.map((_, i) => i);
  return params.map((p) => {
    const index = typeof p === 'number' ? p : names.indexOf(p);
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new RangeError(
        `traceOptimizer: option params names ${JSON.stringify(p)}, which is not one of the optimizer's params (${names.join(', ')})`,
      );
    }
    return index;
  });
}
