export interface EwmaOptions {
  /** Divide v_t by 1 − βᵗ (Adam's correction for starting at v_0 = 0). Default false. */
  biasCorrection?: boolean;
  /** v_0; default 0. Bias correction assumes 0, so the two cannot be combined. */
  initial?: number;
}

/**
 * Exponentially weighted moving averages of a sequence:
 *
 *     v_t = β·v_{t−1} + (1 − β)·x_t,   v_0 = 0        (bias-corrected: v_t / (1 − βᵗ))
 *
 * Returns v_1 … v_n. The building block of momentum (x = g), RMSProp and Adam (x = g²).
 */
export function ewma(values: Iterable<number>, beta: number, options: EwmaOptions = {}): number[] {
  const { biasCorrection = false, initial = 0 } = options;
  if (typeof beta !== 'number' || !(beta >= 0 && beta < 1)) {
    throw new RangeError(`ewma: beta must be in [0, 1), got ${String(beta)}`);
  }
  if (!Number.isFinite(initial)) throw new RangeError(`ewma: initial must be a finite number, got ${String(initial)}`);
  if (biasCorrection && initial !== 0) {
    throw new RangeError(`ewma: biasCorrection assumes v_0 = 0, got initial ${initial}`);
  }
  const out: number[] = [];
  let v = initial;
  let t = 0;
  for (const x of values) {
    if (typeof x !== 'number') throw new TypeError(`ewma: values[${t}] is ${String(x)}, not a number`);
    t++;
    v = beta * v + (1 - beta) * x;
    out.push(biasCorrection ? v / (1 - beta ** t) : v);
  }
  return out;
}
