import { Tensor } from '../tensor/tensor.ts';
import { formatShape } from '../tensor/shape.ts';
import { resolveRng, type RandomOptions } from '../util/random.ts';

// PyTorch's torch.nn.functional for the layers that have one: the modules call these, and a model
// written as plain functions can too. Both are compositions of primitive ops, so their gradients
// are differentiable again.

/**
 * Layer normalization over the last axis (PyTorch's F.layer_norm with normalized_shape = [D]):
 * y = (x − μ) / √(σ² + eps) · weight + bias, with μ and the biased σ² over the last axis.
 * `weight` and `bias` are optional, each of shape [D].
 */
export function layerNorm(x: Tensor, weight?: Tensor | null, bias?: Tensor | null, eps = 1e-5): Tensor {
  if (!(x instanceof Tensor)) throw new TypeError('layerNorm: x must be a Tensor');
  if (x.ndim === 0) throw new RangeError('layerNorm: x must have at least one axis, got a scalar');
  if (!(typeof eps === 'number' && eps >= 0)) throw new RangeError(`layerNorm: eps must be a number ≥ 0, got ${String(eps)}`);
  const d = x.shape[x.ndim - 1]!;
  for (const [name, p] of [
    ['weight', weight],
    ['bias', bias],
  ] as const) {
    if (p === undefined || p === null) continue;
    if (!(p instanceof Tensor) || p.ndim !== 1 || p.shape[0] !== d) {
      const got = p instanceof Tensor ? formatShape(p.shape) : typeof p;
      throw new RangeError(`layerNorm: ${name} must have shape [${d}] (the last axis of x ${formatShape(x.shape)}), got ${got}`);
    }
  }
  const centered = x.sub(x.mean(-1, true));
  let y = centered.div(centered.pow(2).mean(-1, true).add(eps).sqrt());
  if (weight) y = y.mul(weight);
  return bias ? y.add(bias) : y;
}

export interface DropoutOptions extends RandomOptions {
  /** When false (evaluation), dropout is the identity. Default true, as PyTorch's F.dropout. */
  training?: boolean;
}

/**
 * Inverted dropout: in training each element is zeroed with probability p and the survivors are
 * scaled by 1/(1 − p), so the expected value is unchanged and evaluation is the identity.
 * The mask is drawn from `rng` (or `seed`, or the global generator): the same generator state gives
 * the same mask. ∂ = g·mask/(1 − p).
 */
export function dropout(x: Tensor, p: number, options: DropoutOptions = {}): Tensor {
  if (!(x instanceof Tensor)) throw new TypeError('dropout: x must be a Tensor');
  if (!(typeof p === 'number' && p >= 0 && p <= 1)) throw new RangeError(`dropout: p must be a probability in [0, 1], got ${String(p)}`);
  for (const key of Object.keys(options))
    if (!['training', 'rng', 'seed'].includes(key)) throw new TypeError(`dropout: unknown option "${key}" (allowed: training, rng, seed)`);
  if (options.training === false || p === 0) return x;
  const rng = resolveRng(options);
  const mask = new Float64Array(x.size);
  const scale = p === 1 ? 0 : 1 / (1 - p);
  for (let i = 0; i < mask.length; i++) mask[i] = rng.uniform() < p ? 0 : scale;
  return x.mul(new Tensor(mask, x.shape));
}
