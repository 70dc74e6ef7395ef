import type { Module } from '../nn/module.ts';
import { Tensor } from '../tensor/tensor.ts';
import { resolveLoss, type LossFn, type LossName, type Targets } from '../train/losses.ts';
import { AssertionError } from './assertion-error.ts';

/** Rows to check a model on: inputs `x` ([N, …]) and their targets (class indices, real targets or a tensor). */
export interface Batch {
  x: Tensor;
  y: Targets | readonly number[];
}

/** The loss the checks train and measure with: as `fit` takes it (default: the model's own loss, else crossEntropy). */
export interface LossOptions {
  loss?: LossFn | LossName;
}

/** The outcome of one check, as checkModel lists it. */
export interface CheckOutcome {
  passed: boolean;
  message: string;
}

/** Integer targets as Int32Array (class indices), other arrays as Float64Array; tensors as given. */
export function targetsOf(y: Batch['y']): Targets {
  if (y instanceof Tensor || y instanceof Int32Array || y instanceof Float64Array) return y;
  return y.every((v) => Number.isInteger(v)) ? Int32Array.from(y) : Float64Array.from(y);
}

/** model → (x, y) ↦ scalar loss tensor. */
export function lossOf(model: Module, options: LossOptions): (x: Tensor, y: Targets) => Tensor {
  const loss = resolveLoss(model, options.loss);
  return (x, y) => loss(model.forward(x), y);
}

/** Throws an outcome that failed as an AssertionError (with `actual`/`expected` when given). */
export function orThrow(outcome: CheckOutcome & { actual?: unknown; expected?: unknown }): void {
  if (!outcome.passed) {
    const details = 'actual' in outcome ? { actual: outcome.actual, expected: outcome.expected } : {};
    throw new AssertionError(outcome.message, details);
  }
}

/** `count` rows of a batch from row `start`. */
export function rowsOf(batch: Batch, start: number, count: number): { x: Tensor; y: Targets } {
  const n = batch.x.shape[0] ?? 1;
  const end = Math.min(n, start + count);
  const slice = (t: Tensor): Tensor => {
    const per = t.size / (t.shape[0] ?? 1);
    return new Tensor(t.data.slice(start * per, end * per), [end - start, ...t.shape.slice(1)]);
  };
  const y = targetsOf(batch.y);
  return { x: slice(batch.x), y: y instanceof Tensor ? slice(y) : y.slice(start, end) };
}

/** The first `n` rows of a batch. */
export const firstRows = (batch: Batch, n: number): { x: Tensor; y: Targets } => rowsOf(batch, 0, n);

/** Row `r` of a batch, as a batch of one. */
export const row = (batch: Batch, r: number): { x: Tensor; y: Targets } => rowsOf(batch, r, 1);
