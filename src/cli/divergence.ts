import type { NonFiniteLossError } from '../train/errors.ts';
import type { AnyMethodName } from '../train/methods.ts';
import { defaultLr } from './defaults.ts';
import { formatNumber } from './io.ts';

/** A run whose final training loss is this many times its initial loss, or more, has diverged. */
export const DIVERGENCE_FACTOR = 10;

/** How a run diverged: its training loss at the initial and at the final weights, or the step where it left the finite numbers. */
export interface Divergence {
  /** "the training loss rose from 1.10 to 1.4e+7" or "the loss became NaN at epoch 1, step 2". */
  what: string;
  from?: number;
  to?: number;
  step?: number;
}

/** Divergence by leaving the finite numbers: the step, and the first parameter or gradient that did. */
export function nonFiniteDivergence(error: NonFiniteLossError): Divergence {
  const { culprit } = error;
  const where = culprit
    ? `; first non-finite ${culprit.where === 'gradient' ? 'gradient' : 'parameter'}: ${culprit.parameter}${culprit.where === 'gradient' ? '.grad' : ''}[${culprit.position.join(', ')}] = ${culprit.value}`
    : '';
  const what = error.restored ? 'an update made the weights non-finite' : `the loss became ${error.loss}`;
  return { what: `${what} at epoch ${error.epoch}, step ${error.step}${where}`, step: error.step };
}

/**
 * Divergence by the loss: the final weights' training loss is not finite or at least DIVERGENCE_FACTOR
 * times the initial weights' (an order of magnitude worse than not training at all). A run that blew up
 * for a while and came back below that is not flagged: its final model is what counts.
 */
export function lossDivergence(initial: number, final: number): Divergence | null {
  if (Number.isFinite(final) && !(final >= DIVERGENCE_FACTOR * initial)) return null;
  return { what: `the training loss rose from ${formatNumber(initial)} to ${formatNumber(final)}`, from: initial, to: final };
}

/** What to do about a run of `method` that diverged at learning rate `lr`. */
export function divergenceAdvice(method: AnyMethodName, lr: number): string {
  const usual = defaultLr(method);
  return lr > usual ? `lower --lr (it was ${lr}; ${method}'s default is ${usual})` : `lower --lr (it was ${lr})`;
}
