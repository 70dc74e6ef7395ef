import { Tensor, type Gradient } from '../tensor.ts';
import { formatShape } from '../shape.ts';
import { matmulNN, matmulNT, matmulTN } from '../kernels/matmul.ts';
import { reshape } from './movement.ts';
import { SAVES_OTHER } from '../version.ts';

/**
 * Matrix product. 2-D: [m,k]·[k,n] → [m,n], with ∂/∂A = G·Bᵀ and ∂/∂B = Aᵀ·G (see matmul2d).
 * 1-D operands follow NumPy: a vector on the left is a row [1,k], on the right a column [k,1],
 * and the added dimension is removed from the result.
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (!(b instanceof Tensor))
    throw new TypeError(
      `matmul: the right operand must be a Tensor, got ${Array.isArray(b) ? 'an array (use tensor(values))' : String(b)}`,
    );
  if (a.ndim < 1 || a.ndim > 2 || b.ndim < 1 || b.ndim > 2) {
    throw new RangeError(`matmul: only 1-D and 2-D operands are supported, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
  const k = a.shape[a.ndim - 1]!;
  const kb = b.shape[0]!;
  if (k !== kb)
    throw new RangeError(
      `matmul: cannot multiply ${formatShape(a.shape)} by ${formatShape(b.shape)} (inner dimensions ${k} and ${kb} differ)`,
    );
  if (a.ndim === 2 && b.ndim === 2) return matmul2d(a, b);
  const left = a.ndim === 1 ? reshape(a, [1, k]) : a;
  const right = b.ndim === 1 ? reshape(b, [k, 1]) : b;
  const shape = [...(a.ndim === 2 ? [a.shape[0]!] : []), ...(b.ndim === 2 ? [b.shape[1]!] : [])];
  return reshape(matmul2d(left, right), shape);
}

/** Which operands a product reads transposed: NN is A·B, NT is A·Bᵀ, TN is Aᵀ·B. */
type Layout = 'NN' | 'NT' | 'TN';

/**
 * The one matmul primitive: a 2-D product in one of three layouts, each a kernel that reads the
 * transposed operand in place (no copy). The gradients of each layout are products in the others,
 * so the set is closed and the gradient is differentiable to any order:
 *   C = A·B:  ∂A = G·Bᵀ (NT), ∂B = Aᵀ·G (TN)
 *   C = A·Bᵀ: ∂A = G·B (NN),  ∂B = Gᵀ·A (TN)
 *   C = Aᵀ·B: ∂A = B·Gᵀ (NT), ∂B = A·G (NN)
 */
function matmul2d(a: Tensor, b: Tensor, layout: Layout = 'NN'): Tensor {
  const [r, c] = a.shape as [number, number],
    [br, bc] = b.shape as [number, number];
  let data: Float64Array, shape: number[];
  if (layout === 'NN') [data, shape] = [matmulNN(a.data, b.data, r, c, bc), [r, bc]];
  else if (layout === 'NT') [data, shape] = [matmulNT(a.data, b.data, r, c, br), [r, br]];
  else [data, shape] = [matmulTN(a.data, b.data, r, c, bc), [c, bc]];
  return Tensor.fromGradientOp('matmul', data, shape, [a, b], matmulGradients[layout], SAVES_OTHER);
}

const matmulGradients: Record<Layout, Gradient> = {
  NN: (g, [a, b]) => [() => matmul2d(g, b!, 'NT'), () => matmul2d(a!, g, 'TN')],
  NT: (g, [a, b]) => [() => matmul2d(g, b!, 'NN'), () => matmul2d(g, a!, 'TN')],
  TN: (g, [a, b]) => [() => matmul2d(b!, g, 'NT'), () => matmul2d(a!, g, 'NN')],
};
