import { withMode } from '../nn/modes.ts';
import type { Tensor } from '../tensor/tensor.ts';
import type { Module } from '../nn/module.ts';
import { Optimizer } from '../optim/optimizer.ts';
import type { Hyperparameters } from '../optim/options.ts';
import { ALL_METHOD_NAMES, DEFAULT_BATCH_K, batchSizeFor, getMethod, type AnyMethodName } from './methods.ts';
import { LRScheduler } from '../optim/lr-scheduler.ts';
import type { Schedule } from '../optim/schedules.ts';
import { noGrad } from '../tensor/autograd.ts';
import { METRIC_NAMES, classCountOf, type MetricName } from './metrics.ts';
import type { LossFn, LossName, Targets } from './losses.ts';
import { rowSlice } from './evaluate.ts';
import { positiveInteger } from '../util/guards.ts';

/** A custom metric, computed on the validation data each epoch from the model's output. */
export interface Metric {
  name: string;
  fn: (pred: Tensor, targets: Targets) => number;
}

export interface OptimizerSetup {
  optimizer: Optimizer;
  batchSize: number;
}

/**
 * An optimizer instance is used as it is (`lr` overrides its learning rate; batch size default 32).
 * A method name builds its optimizer from the registry over the model's parameters, with `lr` and
 * `optimizerOptions` as overrides, and its batch size: N for gd, 1 for sgd, k = 32 otherwise.
 */
export function resolveOptimizer(
  model: Module,
  spec: Optimizer | AnyMethodName | undefined,
  options: { lr?: number; optimizerOptions?: Hyperparameters; batchSize?: number },
  n: number,
): OptimizerSetup {
  const batchSize = options.batchSize === undefined ? undefined : positiveInteger('fit', 'batchSize', options.batchSize);
  if (spec === undefined || typeof spec === 'string') {
    const name = spec ?? 'adam';
    const method = getMethod(name);
    const overrides: Hyperparameters = { ...options.optimizerOptions };
    if (options.lr !== undefined) overrides.lr = options.lr;
    return { optimizer: method.create(model.parameters(), overrides), batchSize: batchSize ?? batchSizeFor(name, n) };
  }
  if (!(spec instanceof Optimizer))
    throw new TypeError(`fit: optimizer must be an Optimizer or one of the method names ${ALL_METHOD_NAMES.join(', ')}`);
  if (options.optimizerOptions !== undefined)
    throw new RangeError('fit: optimizerOptions apply only when optimizer is a method name; configure the Optimizer instance instead');
  checkOptimizerCoversModel(model, spec);
  if (options.lr !== undefined) spec.lr = options.lr;
  return { optimizer: spec, batchSize: batchSize ?? Math.min(DEFAULT_BATCH_K, n) };
}

/** A scheduler for `optimizer`: a schedule function is wrapped; an LRScheduler must drive this optimizer. */
export function resolveScheduler(scheduler: LRScheduler | Schedule | undefined, optimizer: Optimizer): LRScheduler | null {
  if (scheduler === undefined) return null;
  if (typeof scheduler === 'function') return new LRScheduler(optimizer, scheduler);
  if (!(scheduler instanceof LRScheduler)) throw new TypeError('fit: scheduler must be an LRScheduler or a schedule function t => factor');
  if (scheduler.optimizer !== optimizer)
    throw new RangeError(
      'fit: the LRScheduler drives a different optimizer than the one fit uses; pass that optimizer too, or pass a schedule function',
    );
  return scheduler;
}

/** Built-in metric names (computed on training and validation data) and custom ones (validation only). */
export function resolveMetrics(
  metrics: readonly (MetricName | Metric)[] | undefined,
  classification: boolean,
): { builtIn: MetricName[]; custom: Metric[] } {
  const list = metrics ?? (classification ? ['accuracy'] : []);
  const builtIn: MetricName[] = [];
  const custom: Metric[] = [];
  for (const m of list) {
    if (typeof m === 'string') {
      if (!METRIC_NAMES.includes(m))
        throw new RangeError(`fit: unknown metric "${m}" (built in: ${METRIC_NAMES.join(', ')}; or pass { name, fn })`);
      if (!classification) throw new RangeError(`fit: metric "${m}" needs integer class labels, but the targets are real values`);
      builtIn.push(m);
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- validates input from untyped (JavaScript or JSON) callers
    } else if (m && typeof m.name === 'string' && typeof m.fn === 'function') {
      custom.push(m);
    } else {
      throw new TypeError('fit: a metric is a name (accuracy, precision, recall, f1) or { name: string, fn: (pred, targets) => number }');
    }
  }
  return { builtIn, custom };
}

/** 'accuracy' → 'valAccuracy'. */
export function validationKey(name: string): string {
  return `val${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

/** fit's plain flags, whose wrong values would otherwise pass silently (a string shuffle: 'no' is truthy). */
export function checkFitFlags(options: { shuffle?: unknown; seed?: unknown; schedulerInterval?: unknown; callbacks?: unknown }): void {
  const { shuffle, seed, schedulerInterval, callbacks } = options;
  if (shuffle !== undefined && typeof shuffle !== 'boolean')
    throw new TypeError(`fit: shuffle must be true or false, got ${JSON.stringify(shuffle)}`);
  if (seed !== undefined && typeof seed !== 'number' && typeof seed !== 'string')
    throw new TypeError(`fit: seed must be a number or a string, got ${JSON.stringify(seed)}`);
  if (schedulerInterval !== undefined && schedulerInterval !== 'epoch' && schedulerInterval !== 'step') {
    throw new RangeError(`fit: schedulerInterval must be 'epoch' or 'step', got ${JSON.stringify(schedulerInterval)}`);
  }
  const list: unknown[] = callbacks === undefined ? [] : Array.isArray(callbacks) ? callbacks : [callbacks];
  list.forEach((cb, i) => {
    if (typeof cb !== 'object' || cb === null)
      throw new TypeError(`fit: callbacks[${i}] must be an object with onStepEnd, onEpochEnd, … methods, got ${String(cb)}`);
  });
}

/**
 * With class labels and a classification loss (the default, crossEntropy or bce), every label must
 * name one of the model's classes; checked before the first step, so the error gives the row of the
 * data set (not of a shuffled batch) and no update has been made.
 */
export function checkLabels(
  model: Module,
  x: Tensor,
  sets: readonly (readonly [string, Targets])[],
  loss: LossFn | LossName | undefined,
): void {
  if (loss === 'mse' || typeof loss === 'function' || !sets.some(([, y]) => y instanceof Int32Array)) return;
  // Evaluation mode: a probe must not move BatchNorm1d's running statistics (nor fail on one row).
  const classes = classCountOf(withMode(model, false, () => noGrad(() => model.forward(rowSlice(x, 0, 1)))));
  for (const [name, y] of sets) {
    if (!(y instanceof Int32Array)) continue;
    const row = y.findIndex((v) => v < 0 || v >= classes);
    if (row >= 0)
      throw new RangeError(
        `fit: ${name}: the label in row ${row} is ${y[row]!}, outside 0..${classes - 1} for the model's ${classes} classes`,
      );
  }
}

export function checkEpochs(epochs: unknown): number {
  return positiveInteger('fit', 'epochs', epochs);
}

/**
 * An optimizer built over other tensors (another model's parameters()) would step those and leave
 * this model untouched; refused before any step. Optimizing a subset (frozen layers) is fine.
 */
export function checkOptimizerCoversModel(model: Module, optimizer: Optimizer): void {
  const own = model.parameters();
  const mine = new Set(own);
  if (own.length > 0 && !optimizer.params.some((p) => mine.has(p))) {
    throw new RangeError(
      `fit: the optimizer updates none of this model's ${own.length} parameter tensors (it was built over ${optimizer.params.length} other tensors, e.g. another model's parameters()); build it with model.parameters()`,
    );
  }
}
