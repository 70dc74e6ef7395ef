import { Tensor, type Gradient } from '../tensor.ts';
import { broadcastMap, broadcastShapes, expand as expandData, formatShape, sameShape, sizeOf, sumsDownTo, unbroadcast } from '../shape.ts';

/**
 * x broadcast to `shape` (NumPy rules: dims aligned from the right, each equal or 1 in x; −1 keeps x's dim, as PyTorch).
 * ∂ = g summed back to x's shape, which the engine does for every gradient: the gradient is g as is.
 */
export function expand(x: Tensor, target: readonly number[]): Tensor {
  const lead = target.length - x.ndim;
  const shape = target.map((d, i) => (d === -1 && i >= lead ? x.shape[i - lead]! : d));
  if (shape.some((d) => !Number.isInteger(d) || d < 0))
    throw new RangeError(
      `expand: cannot expand ${formatShape(x.shape)} to ${formatShape(target)} (sizes must be non-negative integers, or −1 for an existing dim)`,
    );
  if (!sameShape(broadcastShapes('expand', x.shape, shape), shape)) {
    throw new RangeError(`expand: cannot expand ${formatShape(x.shape)} to ${formatShape(shape)} (only dims of size 1 can grow)`);
  }
  if (sameShape(x.shape, shape)) return x;
  const size = sizeOf(shape);
  return Tensor.fromGradientOp('expand', expandData(x.data, broadcastMap(x.shape, shape), size), [...shape], [x], expandGradient);
}
const expandGradient: Gradient = (g) => [g];

/**
 * Sums x down to `shape`, undoing a broadcast from `shape` to x's shape (the leading dims, and the
 * dims where `shape` has 1). The engine applies it to every gradient of a broadcasting op. ∂ = g expanded back.
 */
export function sumTo(x: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(x.shape, shape)) return x;
  if (!sumsDownTo(x.shape, shape)) {
    throw new RangeError(
      `sumTo: cannot sum ${formatShape(x.shape)} down to ${formatShape(shape)} (${formatShape(shape)} does not broadcast to it)`,
    );
  }
  const out = unbroadcast(x.data, broadcastMap(shape, x.shape), sizeOf(shape));
  return Tensor.fromGradientOp('sumTo', out, [...shape], [x], sumToGradient);
}
const sumToGradient: Gradient = (g, [x]) => [expand(g, x!.shape)];
