import { Tensor, type Gradient } from '../tensor.ts';
import { formatShape, normalizeAxis, sizeOf, stridesOf } from '../shape.ts';

/** Same data, new shape (one dim may be −1 and is inferred). ∂ = g reshaped back. */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const inferAt = shape.indexOf(-1);
  if (shape.some((d, i) => !Number.isInteger(d) || d < -1 || (d === -1 && i !== inferAt))) {
    throw new RangeError(`reshape: invalid target shape ${formatShape(shape)} (dims must be non-negative integers, at most one −1)`);
  }
  const dims = [...shape];
  if (inferAt >= 0) {
    const known = sizeOf(dims.filter((_, i) => i !== inferAt));
    if (known === 0 || x.size % known !== 0)
      throw new RangeError(`reshape: cannot reshape ${formatShape(x.shape)} (${x.size} elements) to ${formatShape(shape)}`);
    dims[inferAt] = x.size / known;
  }
  if (sizeOf(dims) !== x.size) {
    throw new RangeError(
      `reshape: cannot reshape ${formatShape(x.shape)} (${x.size} elements) to ${formatShape(shape)} (${sizeOf(dims)} elements)`,
    );
  }
  // Shares the buffer: tensors are never written by ops, so a view is safe and free.
  return Tensor.fromGradientOp('reshape', x.data, dims, [x], reshapeGradient);
}
const reshapeGradient: Gradient = (g, [x]) => [g.reshape(x!.shape)];

/** Reverses the axes (the matrix transpose for 2-D). ∂ = g transposed back. */
export function transpose(x: Tensor): Tensor {
  if (x.ndim < 2) return reshape(x, x.shape);
  const axes = x.shape.map((_, i) => x.ndim - 1 - i);
  return permute(x, axes);
}

/** Reorders the axes: output axis i is input axis `axes[i]`. ∂ = g permuted by the inverse. */
export function permute(x: Tensor, axes: readonly number[]): Tensor {
  const n = x.ndim;
  if (axes.length !== n || [...axes].sort((a, b) => a - b).some((a, i) => a !== i)) {
    throw new RangeError(`permute: axes [${axes.join(', ')}] are not a permutation of 0..${n - 1} for shape ${formatShape(x.shape)}`);
  }
  const shape = axes.map((a) => x.shape[a]!);
  const out = permuteData(x.data, x.shape, axes);
  const inverse = new Array<number>(n);
  axes.forEach((a, i) => (inverse[a] = i));
  return Tensor.fromGradientOp('permute', out, shape, [x], (g) => [permute(g, inverse)]);
}

function permuteData(data: Float64Array, shape: readonly number[], axes: readonly number[]): Float64Array {
  const n = shape.length;
  const out = new Float64Array(data.length);
  if (n === 2 && axes[0] === 1) {
    // The common case (matrix transpose) gets a direct double loop.
    const r = shape[0]!,
      c = shape[1]!;
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = data[i * c + j]!;
    return out;
  }
  const inStrides = stridesOf(shape);
  const outShape = axes.map((a) => shape[a]!);
  const strides = axes.map((a) => inStrides[a]!);
  const counter = new Array<number>(n).fill(0);
  let offset = 0;
  for (let i = 0; i < data.length; i++) {
    out[i] = data[offset]!;
    for (let d = n - 1; d >= 0; d--) {
      counter[d]!++;
      offset += strides[d]!;
      if (counter[d]! < outShape[d]!) break;
      offset -= strides[d]! * outShape[d]!;
      counter[d] = 0;
    }
  }
  return out;
}

/** Removes `axis` if it has size 1 (a no-op otherwise, as PyTorch), or every size-1 axis. */
export function squeeze(x: Tensor, axis?: number): Tensor {
  if (axis === undefined)
    return reshape(
      x,
      x.shape.filter((d) => d !== 1),
    );
  const ax = normalizeAxis('squeeze', axis, x.shape);
  return x.shape[ax] === 1
    ? reshape(
        x,
        x.shape.filter((_, i) => i !== ax),
      )
    : x;
}

/** Inserts an axis of size 1 at `axis` (−1 appends one, as PyTorch: axis is in −ndim−1..ndim). */
export function unsqueeze(x: Tensor, axis: number): Tensor {
  const ax = normalizeAxis('unsqueeze', axis, [...x.shape, 1]);
  return reshape(x, [...x.shape.slice(0, ax), 1, ...x.shape.slice(ax)]);
}

/** Merges axes start..end (inclusive, negative from the end) into one. */
export function flatten(x: Tensor, start = 0, end = -1): Tensor {
  if (x.ndim === 0) return reshape(x, [1]);
  const s = normalizeAxis('flatten', start, x.shape),
    e = normalizeAxis('flatten', end, x.shape);
  if (s > e) throw new RangeError(`flatten: start axis ${start} comes after end axis ${end} for shape ${formatShape(x.shape)}`);
  return reshape(x, [...x.shape.slice(0, s), sizeOf(x.shape.slice(s, e + 1)), ...x.shape.slice(e + 1)]);
}
