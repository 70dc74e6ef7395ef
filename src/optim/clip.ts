import type { Tensor } from '../tensor/tensor.ts';

function sumOfSquares(g: Float64Array): number {
  let s = 0;
  for (let i = 0; i < g.length; i++) s += g[i]! * g[i]!;
  if (s !== Infinity) return s;
  // Squares overflowed although the values may be finite: rescale by the largest magnitude.
  let scale = 0;
  for (let i = 0; i < g.length; i++) scale = Math.max(scale, Math.abs(g[i]!));
  if (!Number.isFinite(scale)) return scale;
  let r = 0;
  for (let i = 0; i < g.length; i++) r += (g[i]! / scale) ** 2;
  return r * scale * scale; // Infinity only if the norm itself overflows
}

/**
 * Clips gradients by their global L2 norm, in place, as PyTorch's `clip_grad_norm_`:
 *
 *     total = ‖(‖g_1‖, …, ‖g_n‖)‖₂,   c = maxNorm / (total + 1e-6),   g ← c·g when c < 1
 *
 * Returns the total norm before clipping. Parameters without a gradient are skipped. A non-finite
 * total norm throws (naming the offending parameter) and leaves every gradient untouched.
 */
export function clipGradNorm(params: Iterable<Tensor>, maxNorm: number): number {
  if (typeof maxNorm !== 'number' || !(maxNorm > 0 && Number.isFinite(maxNorm))) {
    throw new RangeError(`clipGradNorm: maxNorm must be a positive finite number, got ${String(maxNorm)}`);
  }
  const grads: Float64Array[] = [];
  let squares = 0;
  let index = 0;
  for (const p of params) {
    const g = p.grad;
    if (g !== null) {
      const norm = Math.sqrt(sumOfSquares(g));
      if (!Number.isFinite(norm)) {
        throw new RangeError(`clipGradNorm: the gradient norm is ${norm} (params[${index}], shape [${p.shape.join(', ')}], has a non-finite gradient); no gradient was clipped`);
      }
      squares += norm * norm;
      grads.push(g);
    }
    index++;
  }
  const total = Math.sqrt(squares);
  if (!Number.isFinite(total)) throw new RangeError(`clipGradNorm: the total gradient norm overflows (${total}); no gradient was clipped`);
  const coef = maxNorm / (total + 1e-6);
  if (coef < 1) {
    for (const g of grads) for (let i = 0; i < g.length; i++) g[i] = g[i]! * coef;
  }
  return total;
}
