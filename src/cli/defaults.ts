import { getMethod, type AnyMethodName } from '../train/methods.ts';
import type { ModelKind } from './model.ts';

/**
 * Adam's learning rate for `train` and `compare`. The optimizer's own default (0.001, Kingma & Ba's)
 * leaves a logistic model on the bundled sets far from its minimum after 100 epochs (iris: training
 * loss 0.56, test accuracy 0.83); 0.01 reaches the minimum within the default budget for both models.
 */
export const CLI_ADAM_LR = 0.01;

/**
 * The learning rate a command uses when --lr is not given: the method's own, with the Adam family's
 * raised tenfold as above (Adam, AdamW, AMSGrad 0.01; Adamax 0.02, its own default being 0.002).
 */
export function defaultLr(method: AnyMethodName): number {
  if (method === 'adam' || method === 'adamw' || method === 'amsgrad') return CLI_ADAM_LR;
  return method === 'adamax' ? 10 * getMethod(method).lr : getMethod(method).lr;
}

/**
 * --early-stop when not given: stop once the val loss has gone this many epochs without a new lowest,
 * a tenth of the epochs and at least 10 (iris's default 500 epochs: 50). Long enough that the noise of
 * a small validation set does not end a run that is still improving.
 */
export function defaultEarlyStop(epochs: number): number {
  return Math.max(10, Math.ceil(epochs / 10));
}

/**
 * The logistic model's L2 penalty when --l2 is not given: λ = 1/n for n training rows, the same
 * objective as scikit-learn's LogisticRegression(C=1) (½‖W‖² + C·Σᵢ lossᵢ, divided by C·n).
 * Without it the converged model fits the training rows of wine exactly and scores lower on the test rows.
 */
export function defaultL2(kind: ModelKind, trainRows: number): number {
  return kind === 'logistic' ? 1 / trainRows : 0;
}

/** How long a command trains when --epochs is not given: at least `epochs` passes and `steps` updates. */
export interface Budget {
  epochs: number;
  steps: number;
}

/** `train`: 100 epochs, and enough for 2000 steps on small sets (iris: 4 batches per epoch → 500 epochs). */
export const TRAIN_BUDGET: Budget = { epochs: 100, steps: 2000 };
/** `compare` trains up to seven methods, so half of that. */
export const COMPARE_BUDGET: Budget = { epochs: 50, steps: 1000 };

/** max(budget.epochs, ⌈budget.steps / ⌈n/k⌉⌉): epochs for n training rows in batches of k. */
export function defaultEpochs(trainRows: number, k: number, budget: Budget = TRAIN_BUDGET): number {
  const stepsPerEpoch = Math.ceil(trainRows / Math.min(k, trainRows));
  return Math.max(budget.epochs, Math.ceil(budget.steps / stepsPerEpoch));
}

/**
 * "Did not converge": the training loss of the last tenth of the epochs (at least 3) is still more than
 * 1% below the tenth before it, so more epochs would still lower it. Null when there are too few epochs.
 */
export function stillFalling(losses: readonly number[], tolerance = 0.01): { before: number; after: number; epochs: number } | null {
  const w = Math.max(3, Math.floor(losses.length / 10));
  if (losses.length < 2 * w) return null;
  const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const before = mean(losses.slice(-2 * w, -w));
  const after = mean(losses.slice(-w));
  if (!(Number.isFinite(before) && Number.isFinite(after))) return null;
  return after < before * (1 - tolerance) && before - after > 1e-3 ? { before, after, epochs: w } : null;
}
