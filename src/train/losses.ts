import { Tensor } from '../tensor/tensor.ts';
import { formatShape } from '../tensor/shape.ts';
import { bceWithLogits, crossEntropy, mse, toClassLabels, type Labels } from '../nn/losses.ts';
import type { Module } from '../nn/module.ts';

/** Targets of a batch: class indices (Int32Array), real targets (Float64Array) or a target tensor. */
export type Targets = Int32Array | Float64Array | Tensor;

/** A training objective: a scalar tensor from the model's output and the batch's targets. */
export type LossFn = (pred: Tensor, targets: Targets) => Tensor;

export type LossName = 'crossEntropy' | 'bce' | 'mse';

export const LOSS_NAMES: readonly LossName[] = ['crossEntropy', 'bce', 'mse'];

/** A model that defines its own objective, such as `LogisticRegression` (BCE or cross-entropy, plus L2). */
export interface HasLoss {
  loss(pred: Tensor, labels: Labels): Tensor;
}

function hasLoss(model: Module): model is Module & HasLoss {
  return typeof (model as Partial<HasLoss>).loss === 'function';
}

/**
 * Targets shaped like `pred`, for elementwise losses (bce, mse): a tensor of the same size is reshaped;
 * N class indices against [N, C] logits (C > 1) become one-hot rows; N values against N outputs
 * ([N] or [N, 1]) become a column.
 */
export function targetsLike(op: string, pred: Tensor, targets: Targets): Tensor {
  const n = pred.shape[0] ?? 1;
  if (targets instanceof Tensor) {
    if (targets.size !== pred.size)
      throw new RangeError(`${op}: targets of shape ${formatShape(targets.shape)} do not match predictions ${formatShape(pred.shape)}`);
    return targets.shape.length === pred.shape.length ? targets : targets.reshape([...pred.shape]);
  }
  if (targets.length !== n) throw new RangeError(`${op}: ${targets.length} targets for a batch of ${n} rows`);
  if (pred.size === n) return new Tensor(Float64Array.from(targets), pred.shape);
  const classes = pred.size / n;
  if (!(targets instanceof Int32Array)) {
    throw new RangeError(
      `${op}: predictions ${formatShape(pred.shape)} have ${classes} columns but the targets are one real value per row`,
    );
  }
  const out = new Float64Array(pred.size);
  targets.forEach((label, i) => {
    if (!(label >= 0 && label < classes))
      throw new RangeError(`${op}: label at index ${i} is ${label}, outside 0..${classes - 1} for ${classes} outputs`);
    out[i * classes + label] = 1;
  });
  return new Tensor(out, pred.shape);
}

/** Class labels against a single logit column must be 0 or 1 (BCE's targets are probabilities of class 1). */
function binaryChecked(op: string, pred: Tensor, targets: Targets): Targets {
  if (targets instanceof Int32Array && pred.size === targets.length) toClassLabels(op, targets, targets.length, 2);
  return targets;
}

function asLabels(targets: Targets): Labels {
  return targets instanceof Float64Array ? Array.from(targets) : targets;
}

const BUILT_IN: Record<LossName, LossFn> = {
  crossEntropy: (pred, targets) => crossEntropy(pred, asLabels(targets)),
  bce: (pred, targets) => bceWithLogits(pred, targetsLike('bce', pred, binaryChecked('bce', pred, targets))),
  mse: (pred, targets) => mse(pred, targetsLike('mse', pred, targets)),
};

/**
 * The loss `fit` and `evaluate` use: a function as given, a built-in by name, or by default the
 * model's own `loss` method when it has one (LogisticRegression), else softmax cross-entropy.
 */
export function resolveLoss(model: Module, loss?: LossFn | LossName): LossFn {
  if (typeof loss === 'function') return loss;
  if (loss === undefined) return hasLoss(model) ? (pred, targets) => model.loss(pred, asLabels(targets)) : BUILT_IN.crossEntropy;
  if (!Object.hasOwn(BUILT_IN, loss))
    throw new RangeError(
      `loss: unknown loss "${String(loss)}" (allowed: ${LOSS_NAMES.join(', ')}, or a function (pred, targets) => Tensor)`,
    );
  return BUILT_IN[loss];
}
