import type { Tensor } from '../tensor/tensor.ts';
import type { Transform } from './transform.ts';

/** √(Σ x²); NaN if any x is NaN, Infinity if any is infinite or the norm itself overflows. */
function l2Norm(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * x[i]!;
  if (s !== Infinity) return Math.sqrt(s);
  // The squares overflowed although the values may be finite: rescale by the largest magnitude.
  let scale = 0;
  for (let i = 0; i < x.length; i++) scale = Math.max(scale, Math.abs(x[i]!));
  if (!Number.isFinite(scale)) return scale;
  let r = 0;
  for (let i = 0; i < x.length; i++) r += (x[i]! / scale) ** 2;
  return scale * Math.sqrt(r);
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
  const norms: number[] = [];
  let index = 0;
  for (const p of params) {
    const g = p.grad?.data;
    if (g !== undefined) {
      const norm = l2Norm(g);
      if (!Number.isFinite(norm)) {
        throw new RangeError(
          `clipGradNorm: the gradient norm is ${norm} (params[${index}], shape [${p.shape.join(', ')}], has a non-finite gradient); no gradient was clipped`,
        );
      }
      norms.push(norm);
      grads.push(g);
    }
    index++;
  }
  const total = l2Norm(norms);
  if (!Number.isFinite(total)) throw new RangeError(`clipGradNorm: the total gradient norm overflows (${total}); no gradient was clipped`);
  const coef = maxNorm / (total + 1e-6);
  if (coef < 1) {
    for (const g of grads) for (let i = 0; i < g.length; i++) g[i] = g[i]! * coef;
  }
  return total;
}

/**
 * `clipGradNorm` as a transform, on the update it receives (the gradient when it comes first):
 *
 *     total = ‖(‖u_1‖, …, ‖u_n‖)‖₂,   u ← u·maxNorm/(total + 1e-6) when that factor is < 1
 *
 * A non-finite norm throws, naming the parameter; no parameter has been written then (the optimizer
 * writes them after the whole chain), though transforms before this one have updated their state.
 */
export function clipByGlobalNorm(maxNorm?: number): Transform<{ maxNorm: number }> {
  return {
    name: 'clipByGlobalNorm',
    defaults: maxNorm === undefined ? {} : { maxNorm },
    required: maxNorm === undefined ? ['maxNorm'] : [],
    validate: (check) => check.positive('maxNorm'),
    updateAll(ps, { maxNorm: limit }) {
      const norms = ps.map((p) => {
        const norm = l2Norm(p.u);
        if (!Number.isFinite(norm))
          throw new RangeError(`clipByGlobalNorm: the update of params[${p.index}] has norm ${norm}; nothing was clipped`);
        return norm;
      });
      const total = l2Norm(norms);
      if (!Number.isFinite(total))
        throw new RangeError(`clipByGlobalNorm: the total update norm overflows (${total}); nothing was clipped`);
      const coef = limit / (total + 1e-6);
      if (coef >= 1) return;
      for (const p of ps) {
        const u = p.writable();
        for (let i = 0; i < u.length; i++) u[i] = u[i]! * coef;
      }
    },
  };
}
