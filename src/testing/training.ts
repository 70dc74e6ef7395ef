import type { Module } from '../nn/module.ts';
import { Adam } from '../optim/adam.ts';
import type { Optimizer } from '../optim/optimizer.ts';
import { Tensor } from '../tensor/tensor.ts';
import type { Targets } from '../train/losses.ts';
import { fmt } from './assertion-error.ts';
import { firstRows, lossOf, orThrow, type Batch, type CheckOutcome, type LossOptions } from './batch.ts';
import { preserving } from './model-state.ts';

export interface TrainingCheckOptions extends LossOptions {
  /** Rows of the batch to train on (default 8: Karpathy's "as little as two" examples, a few more to be sure). */
  rows?: number;
  /** Optimizer steps (default 300). */
  steps?: number;
  /** Builds the optimizer (default Adam with lr 0.05). */
  optimizer?: (params: Tensor[]) => Optimizer;
}

/** Trains on (x, y) for `steps` full-batch steps and returns the loss before every step and after the last. */
function train(model: Module, x: Tensor, y: Targets, options: TrainingCheckOptions): number[] {
  const params = model.parameters();
  const optimizer = options.optimizer?.(params) ?? new Adam(params, { lr: 0.05 });
  const loss = lossOf(model, options);
  const curve: number[] = [];
  for (let step = 0; step < (options.steps ?? 300); step++) {
    for (const p of params) p.grad = null;
    const l = loss(x, y);
    curve.push(l.item());
    l.backward();
    optimizer.step();
  }
  curve.push(loss(x, y).item());
  return curve;
}

/** Eleven points of a curve (its first and last included), as "step 0: 1.1, step 30: 0.8, …". */
function sketch(curve: readonly number[]): string {
  const last = curve.length - 1;
  const at = [...new Set(Array.from({ length: 11 }, (_, k) => Math.round((k * last) / 10)))];
  return at.map((i) => `${i}: ${fmt(curve[i]!)}`).join(', ');
}

export interface OverfitOptions extends TrainingCheckOptions {
  /** The loss to reach, as a fraction of the loss before training (default 0.1). */
  fraction?: number;
}

/** Drives a few rows towards zero loss; the model is left as found. */
export function checkOverfitsBatch(
  model: Module,
  batch: Batch,
  options: OverfitOptions = {},
): CheckOutcome & { actual: number; expected: number } {
  return preserving(model, () => {
    const { x, y } = firstRows(batch, options.rows ?? 8);
    const curve = train(model, x, y, options);
    const goal = (options.fraction ?? 0.1) * curve[0]!;
    const final = curve.at(-1)!;
    const rows = x.shape[0] ?? 1;
    if (final <= goal)
      return {
        passed: true,
        message: `${rows} rows overfit: loss ${fmt(curve[0]!)} → ${fmt(final)} in ${curve.length - 1} steps`,
        actual: final,
        expected: goal,
      };
    const plateau = Math.abs(final - curve[Math.floor(curve.length * 0.7)]!) <= 0.01 * Math.max(final, 1e-12);
    return {
      passed: false,
      message:
        `could not overfit ${rows} rows: loss ${fmt(curve[0]!)} → ${fmt(final)} after ${curve.length - 1} steps, goal ≤ ${fmt(goal)}${plateau ? ' (a plateau)' : ''}.\n` +
        `loss by step: ${sketch(curve)}.\n` +
        'Likely causes: probabilities fed to a loss that expects logits (a softmax or sigmoid before crossEntropy), a bounded output, ' +
        'labels that do not match the inputs, a learning rate too small for these steps, or a model too small for the rows.',
      actual: final,
      expected: goal,
    };
  });
}

/**
 * Throws an AssertionError unless training on a few rows of `batch` drives the loss to (near) zero (Karpathy's
 * "overfit one batch"): below `fraction` (10%) of where it started within `steps`. The message carries the loss curve.
 */
export function assertOverfitsBatch(model: Module, batch: Batch, options: OverfitOptions = {}): void {
  orThrow(checkOverfitsBatch(model, batch, options));
}

export interface UsesInputOptions extends TrainingCheckOptions {
  /** Trained on real inputs, the loss must end below this fraction of the loss trained on zeroed inputs (default 0.5). */
  ratio?: number;
}

/** The same training from the same start on real and on zeroed inputs; the model is left as found. */
export function checkUsesInput(
  model: Module,
  batch: Batch,
  options: UsesInputOptions = {},
): CheckOutcome & { actual: number; expected: number } {
  const { x, y } = firstRows(batch, options.rows ?? 8);
  const real = preserving(model, () => train(model, x, y, options)).at(-1)!;
  const zeroed = preserving(model, () => train(model, new Tensor(new Float64Array(x.size), x.shape), y, options)).at(-1)!;
  const goal = (options.ratio ?? 0.5) * zeroed;
  if (real <= goal)
    return {
      passed: true,
      message: `real inputs train to loss ${fmt(real)}, zeroed inputs to ${fmt(zeroed)}`,
      actual: real,
      expected: goal,
    };
  return {
    passed: false,
    message:
      `training on the real inputs reached loss ${fmt(real)}, on zeroed inputs ${fmt(zeroed)}: the model learns no more from its inputs than without them ` +
      `(goal ≤ ${fmt(goal)}). Likely causes: forward ignores or overwrites x, a detach() between the input and the first layer's use of it, or inputs scaled to nothing.`,
    actual: real,
    expected: goal,
  };
}

/**
 * Throws an AssertionError unless training on the real inputs ends at a clearly lower loss than the same training on
 * zeroed inputs (Karpathy's input-independent baseline): the model must learn something from x.
 */
export function assertUsesInput(model: Module, batch: Batch, options: UsesInputOptions = {}): void {
  orThrow(checkUsesInput(model, batch, options));
}
