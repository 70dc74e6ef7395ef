import type { Module } from '../nn/module.ts';
import { noGrad } from '../tensor/autograd.ts';
import { Tensor } from '../tensor/tensor.ts';
import { resolveLoss } from '../train/losses.ts';
import { fmt } from './assertion-error.ts';
import { orThrow, targetsOf, type Batch, type CheckOutcome, type LossOptions } from './batch.ts';
import { preserving } from './model-state.ts';

export interface LossAtInitOptions extends LossOptions {
  /** The loss a model at chance should have; default: the labels' entropy (log C for C balanced classes). */
  expected?: number;
  /** Allowed relative distance from `expected` (default 0.25). */
  rtol?: number;
}

/** Entropy (nats) of the label frequencies: what a model that predicts the class prior scores under cross-entropy. */
function labelEntropy(labels: ArrayLike<number>, classes: number): number {
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]!]!++;
  return -counts.reduce((h, c) => (c === 0 ? h : h + (c / labels.length) * Math.log(c / labels.length)), 0);
}

/** Mean and standard deviation of the logits. */
function spread(out: Tensor): [number, number] {
  const m = out.data.reduce((a, b) => a + b, 0) / out.size;
  return [m, Math.sqrt(out.data.reduce((a, b) => a + (b - m) ** 2, 0) / out.size)];
}

/** The loss of the untrained model on `batch` against chance; the model is left as found. */
export function checkLossAtInit(
  model: Module,
  batch: Batch,
  options: LossAtInitOptions = {},
): CheckOutcome & { actual: number; expected: number } {
  return preserving(model, () =>
    noGrad(() => {
      const y = targetsOf(batch.y);
      const out = model.forward(batch.x);
      const loss = resolveLoss(model, options.loss)(out, y).item();
      const n = out.shape[0] ?? 1;
      const columns = out.size / n;
      let expected = options.expected;
      if (expected === undefined) {
        const labels = y instanceof Tensor ? y.data : y;
        const integer = labels.length === n && Array.from(labels).every((v) => Number.isInteger(v) && v >= 0);
        if (!integer || (columns === 1 && labels.some((v) => v > 1)))
          throw new RangeError(
            'assertLossAtInit: chance is defined here for class labels (cross-entropy or BCE); for other targets pass { expected }, the loss of a model that predicts no better than chance',
          );
        expected = labelEntropy(labels, columns === 1 ? 2 : columns);
      }
      const rtol = options.rtol ?? 0.25;
      const passed = Math.abs(loss - expected) <= rtol * expected;
      const head = `loss at init ${fmt(loss)}, chance ${fmt(expected)}${options.expected === undefined ? ` (the labels' entropy${columns > 1 ? `; log ${columns} = ${fmt(Math.log(columns))}` : ''})` : ''}`;
      if (passed) return { passed, message: `${head}, within ${fmt(rtol * 100)}%`, actual: loss, expected };
      const ratio = loss / expected;
      const [mean, sd] = spread(out);
      const hint =
        Math.abs(ratio / n - 1) < 0.25
          ? `the loss is about ${n} × chance for a batch of ${n}: it looks summed over the batch instead of averaged`
          : sd > 2 || loss > expected
            ? 'the untrained model is confident: the output layer starts too large (start its weights small or at zero, as the MLP does by default: outputInit "small")'
            : 'the untrained model already scores better than chance: labels leaking into the inputs, or a loss that is not the mean cross-entropy';
      return {
        passed,
        message: `${head}: off by ${Math.round(Math.abs(ratio - 1) * 100)}% (allowed ${fmt(rtol * 100)}%); logits mean ${fmt(mean)}, std ${fmt(sd)}. Likely cause: ${hint}`,
        actual: loss,
        expected,
      };
    }),
  );
}

/**
 * Throws an AssertionError unless the untrained model's loss on `batch` is near chance (Karpathy's "verify loss @
 * init"): log C for C balanced classes, the labels' entropy otherwise, within `rtol` (default 25%). The message
 * gives the logits' spread and a hint when the loss looks summed instead of averaged.
 */
export function assertLossAtInit(model: Module, batch: Batch, options: LossAtInitOptions = {}): void {
  orThrow(checkLossAtInit(model, batch, options));
}
