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
  /** The optimizer's state buffers after the step (m, v, accumulators…), copied. */
  state: Record<string, number[]>;
  /** Bias-corrected moments for Adam-family rules: mHat = m/(1−β1ᵗ), vHat = v/(1−β2ᵗ) (Adamax: mHat only; none without bias correction). */
  derived: Record<string, number[]>;
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
  params?: ReadonlyArray<number | string>;
  /** Labels for `optimizer.params`, e.g. `model.namedParameters().map(([n]) => n)`. */
  names?: readonly string[];
  /** Record only the first `elements` values of each tensor (default all), to bound memory on big models. */
  elements?: number;
  /** Stop recording after this many recorded steps (default unlimited). */
  maxSteps?: number;
}

export interface OptimizerTrace {
  readonly entries: TraceEntry[];
  /** Restores the optimizer's own `step`; entries recorded so far stay. */
  detach(): void;
}

/**
 * Records what every `optimizer.step()` does: gradient in, state after, update out. It wraps the
 * instance's `step` method, so code that only holds the optimizer (a training loop, `fit`) is
 * traced without changes. Call `detach()` to stop.
 */
export function traceOptimizer(optimizer: Optimizer, options: TraceOptions = {}): OptimizerTrace {
  const every = options.every ?? 1;
  if (!Number.isInteger(every) || every < 1) throw new RangeError(`traceOptimizer: option every must be an integer ≥ 1, got ${String(every)}`);
  const names = options.names ?? optimizer.params.map((_, i) => `params[${i}]`);
  if (names.length !== optimizer.params.length) {
    throw new RangeError(`traceOptimizer: option names has ${names.length} labels but the optimizer has ${optimizer.params.length} params`);
  }
  const selected = resolveSelection(options.params, names, optimizer.params.length);
  const limit = options.elements ?? Infinity;
  const maxSteps = options.maxSteps ?? Infinity;
  const entries: TraceEntry[] = [];
  let recordedSteps = 0;
  const hadOwnStep = Object.prototype.hasOwnProperty.call(optimizer, 'step');
  // eslint-disable-next-line @typescript-eslint/unbound-method -- always called as originalStep.call(optimizer)
  const originalStep = optimizer.step;
  const take = (a: ArrayLike<number>): number[] => Array.from(a).slice(0, Math.min(a.length, limit));

  optimizer.step = function tracedStep(this: Optimizer): void {
    const step = optimizer.stepCount + 1;
    const record = (step - 1) % every === 0 && recordedSteps < maxSteps;
    if (!record) return originalStep.call(optimizer);
    const watched = selected.filter((i) => optimizer.params[i]!.grad !== null);
    const before = watched.map((i) => ({ grad: take(optimizer.params[i]!.grad!), value: take(optimizer.params[i]!.data) }));
    originalStep.call(optimizer);
    recordedSteps++;
    watched.forEach((i, k) => {
      const { grad, value } = before[k]!;
      const after = take(optimizer.params[i]!.data);
      const update = after.map((a, j) => a - value[j]!);
      const paramState = optimizer.stateOf(i);
      const state: Record<string, number[]> = {};
      for (const [key, buf] of Object.entries(paramState?.buffers ?? {})) state[key] = take(buf);
      entries.push({
        step,
        index: i,
        param: names[i]!,
        grad,
        before: value,
        after,
        update,
        state,
        derived: deriveMoments(optimizer, state, paramState?.step ?? 0),
        effectiveLr: update.map((u, j) => (grad[j] === 0 ? NaN : -u / grad[j]!)),
      });
    });
  };

  return {
    entries,
    detach() {
      if (hadOwnStep) optimizer.step = originalStep;
      else delete (optimizer as { step?: unknown }).step;
    },
  };
}

function resolveSelection(params: TraceOptions['params'], names: readonly string[], count: number): number[] {
  if (params === undefined) return names.map((_, i) => i);
  return params.map((p) => {
    const index = typeof p === 'number' ? p : names.indexOf(p);
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new RangeError(`traceOptimizer: option params names ${JSON.stringify(p)}, which is not one of the optimizer's params (${names.join(', ')})`);
    }
    return index;
  });
}

/** Rules whose update divides m by 1 − β1ᵗ (and v by 1 − β2ᵗ): the ones m̂ and v̂ are defined for. */
const ADAM_FAMILY = new Set(['Adam', 'AdamW', 'Adamax']);

/** m̂ and v̂ as Adam (and AdamW, Adamax) use them in the step that just ran. */
function deriveMoments(optimizer: Optimizer, state: Record<string, number[]>, t: number): Record<string, number[]> {
  const h = optimizer.hyperparameters as Record<string, number | boolean | undefined>;
  const m = state.expAvg;
  if (!ADAM_FAMILY.has(optimizer.name) || m === undefined || typeof h.beta1 !== 'number' || t === 0) return {};
  if (h.biasCorrection === false) return {}; // the update uses m and v as they are
  const bc1 = 1 - h.beta1 ** t;
  const derived: Record<string, number[]> = { mHat: m.map((x) => x / bc1) };
  const v = h.amsgrad === true ? state.maxExpAvgSq : state.expAvgSq;
  if (v !== undefined && typeof h.beta2 === 'number') {
    const bc2 = 1 - h.beta2 ** t;
    derived.vHat = v.map((x) => x / bc2);
  }
  return derived;
}
