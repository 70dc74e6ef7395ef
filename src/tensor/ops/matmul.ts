import { Tensor } from '../tensor.ts';
import { formatShape } from '../shape.ts';
import { matmulNN, matmulNT, matmulTN } from '../kernels/matmul.ts';
import { reshape } from './movement.ts';

/**
 * Matrix product. 2-D: [m,k]·[k,n] → [m,n], with ∂/∂A = G·Bᵀ and ∂/∂B = Aᵀ·G.
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

function matmul2d(a: Tensor, b: Tensor): Tensor {
  const m = a.shape[0]!,
    k = a.shape[1]!,
    n = b.shape[1]!;
  return Tensor.fromOp('matmul', matmulNN(a.data, b.data, m, k, n), [m, n], [a, b], (g) => [
    a.requiresGrad ? matmulNT(g, b.data, m, n, k) : null,
    b.requiresGrad ? matmulTN(a.data, g, m, k, n) : null,
  ]);
}
