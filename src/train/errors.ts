import type { Tensor } from '../tensor/tensor.ts';
import { firstNonFinite } from '../tensor/debug.ts';

/** Base class for errors raised by `fit` and `trainStep` themselves (not by the ops or the optimizer they drive). */
export class TrainingError extends Error {
  override name = 'TrainingError';
}

/** Where the first NaN/±Infinity sits: which tensor, which element, and in its value or its gradient. */
export interface NonFiniteEntry {
  /** The parameter's name from `model.namedParameters()`, e.g. `layers.0.weight`. */
  parameter: string;
  /** 'value' when the parameter itself is non-finite, 'gradient' when its `.grad` is. */
  where: 'value' | 'gradient';
  /** Flat index into the tensor's data. */
  index: number;
  /** The same element as a multi-index, e.g. [3, 1]. */
  position: number[];
  value: number;
}

export interface NonFiniteLossDetails {
  /** From 1 in `fit`; 0 from `trainStep` when no position was given. */
  epoch: number;
  /** Global step (optimizer updates counted from 1), and the batch within the epoch (from 1). */
  step: number;
  batch: number;
  loss: number;
  /** The first non-finite parameter value or gradient, or null when only the loss is non-finite. */
  culprit: NonFiniteEntry | null;
  /** True when the optimizer step produced the non-finite values and the previous weights were put back. */
  restored: boolean;
}

/**
 * Training produced NaN or ±Infinity. `fit` and `trainStep` check the loss and the gradients before each
 * optimizer step and the parameters after it, so the model keeps the last finite weights.
 */
export class NonFiniteLossError extends TrainingError {
  override name = 'NonFiniteLossError';
  readonly epoch: number;
  readonly step: number;
  readonly batch: number;
  readonly loss: number;
  readonly culprit: NonFiniteEntry | null;
  readonly restored: boolean;

  constructor(details: NonFiniteLossDetails) {
    super(describe(details));
    ({ epoch: this.epoch, step: this.step, batch: this.batch, loss: this.loss, culprit: this.culprit, restored: this.restored } = details);
  }
}

function describe({ epoch, step, batch, loss, culprit, restored }: NonFiniteLossDetails): string {
  // Outside fit (trainStep without `at`) nobody counts epochs: they are 0, and only the step is named.
  const where = epoch > 0 ? `epoch ${epoch}, step ${step} (batch ${batch} of the epoch)` : `step ${step}`;
  const what = restored
    ? `the optimizer step made parameter ${formatEntry(culprit)}; the previous (finite) weights were restored`
    : `loss ${loss}${culprit ? `; first non-finite ${culprit.where === 'gradient' ? 'gradient' : 'parameter'}: ${formatEntry(culprit)}` : ' (every parameter and gradient is finite)'}; the update was not applied`;
  return `training diverged at ${where}: ${what}. Try a smaller learning rate, gradient clipping (clipGradNorm) or standardised features.`;
}

function formatEntry(entry: NonFiniteEntry | null): string {
  if (entry === null) return 'non-finite';
  const grad = entry.where === 'gradient' ? '.grad' : '';
  return `${entry.parameter}${grad}[${entry.position.join(', ')}] = ${entry.value}`;
}

/** Multi-index of flat `index` in a row-major tensor of `shape`. */
export function positionOf(index: number, shape: readonly number[]): number[] {
  const position = new Array<number>(shape.length).fill(0);
  let rest = index;
  for (let d = shape.length - 1; d >= 0; d--) {
    const n = shape[d]!;
    position[d] = rest % n;
    rest = Math.floor(rest / n);
  }
  return position;
}

/** The first non-finite value (where = 'value') or gradient (where = 'gradient') among `named`, in order. */
export function findNonFinite(named: readonly (readonly [string, Tensor])[], where: 'value' | 'gradient'): NonFiniteEntry | null {
  for (const [parameter, p] of named) {
    const data = where === 'value' ? p.data : p.grad?.data;
    if (data === undefined) continue;
    const index = firstNonFinite(data);
    if (index >= 0) return { parameter, where, index, position: positionOf(index, p.shape), value: data[index]! };
  }
  return null;
}
