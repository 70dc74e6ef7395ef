import type { Tensor } from '../tensor.ts';
import { normalizeAxis } from '../shape.ts';

/**
 * log Σ exp(x) along `axis` = m + log Σ exp(x − m), m = max along the axis (detached: the value does
 * not depend on it, and the shift keeps exp from overflowing). ∂ = g·softmax(x).
 */
export function logsumexp(x: Tensor, axis: number, keepDims = false): Tensor {
  const ax = normalizeAxis('logsumexp', axis, x.shape);
  const m = x.max(ax, true).detach();
  const out = x.sub(m).exp().sum(ax, true).log().add(m);
  return keepDims ? out : out.squeeze(ax);
}

export interface VarianceOptions {
  /** Divide by n − 1 (Bessel's correction, the default as in PyTorch) rather than n. */
  unbiased?: boolean;
  keepDims?: boolean;
}

function checkOptions(op: string, options: VarianceOptions): void {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${op}: options must be an object { unbiased, keepDims }`);
  for (const key of Object.keys(options))
    if (key !== 'unbiased' && key !== 'keepDims') throw new TypeError(`${op}: unknown option "${key}" (allowed: unbiased, keepDims)`);
}

/** Σ(x − mean)² / (n − 1) (or / n with unbiased: false) over all elements or along `axis`. */
export function variance(x: Tensor, axis?: number, options: VarianceOptions = {}): Tensor {
  checkOptions('var', options);
  const ax = axis === undefined ? undefined : normalizeAxis('var', axis, x.shape);
  const n = ax === undefined ? x.size : x.shape[ax]!;
  const centered = x.sub(ax === undefined ? x.mean() : x.mean(ax, true));
  const squares = centered.mul(centered);
  const total = ax === undefined ? squares.sum(undefined, options.keepDims) : squares.sum(ax, options.keepDims);
  return total.div(options.unbiased === false ? n : n - 1);
}

/** √var(x), with var's options. */
export function std(x: Tensor, axis?: number, options: VarianceOptions = {}): Tensor {
  checkOptions('std', options);
  return variance(x, axis, options).sqrt();
}
