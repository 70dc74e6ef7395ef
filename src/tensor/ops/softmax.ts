import type { Tensor } from '../tensor.ts';
import { normalizeAxis } from '../shape.ts';

/**
 * log softmax(x)ᵢ = xᵢ − m − log Σⱼ exp(xⱼ − m), with m = max(x) along `axis`.
 * Subtracting the (detached) max keeps exp from overflowing for logits of ±1000; the result does
 * not depend on m, so no gradient needs to flow through it.
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  normalizeAxis('logSoftmax', axis, x.shape); // so a bad axis is reported by this op's name, not max's
  const shifted = x.sub(x.max(axis, true).detach());
  return shifted.sub(shifted.exp().sum(axis, true).log());
}

/** softmax(x)ᵢ = exp(xᵢ − m) / Σⱼ exp(xⱼ − m), with the same max shift as `logSoftmax`. */
export function softmax(x: Tensor, axis = -1): Tensor {
  normalizeAxis('softmax', axis, x.shape);
  const e = x.sub(x.max(axis, true).detach()).exp();
  return e.div(e.sum(axis, true));
}
