/** Shapes are plain arrays of non-negative integers; `[]` is a scalar. */
export type Shape = readonly number[];

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

/** Resolves a possibly negative axis, with an error that names the op and the shape. */
export function normalizeAxis(op: string, axis: number, shape: Shape): number {
  const ndim = shape.length;
  if (!Number.isInteger(axis) || axis < -ndim || axis >= ndim) {
    const range = ndim === 0 ? 'none (the tensor is a scalar)' : `${-ndim}..${ndim - 1}`;
    throw new RangeError(`${op}: axis ${axis} is out of range for shape ${formatShape(shape)} (allowed: ${range})`);
  }
  return axis < 0 ? axis + ndim : axis;
}

/** NumPy broadcasting: dims are aligned from the right; each pair must match or one must be 1. */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new RangeError(`${op}: cannot broadcast shapes ${formatShape(a)} and ${formatShape(b)} (dimension ${i}: ${da} vs ${db})`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * For each element of the broadcast output, the offset of the element of `from` that feeds it;
 * `null` when `from` already has the output's shape (offset = index).
 */
export function broadcastIndex(from: Shape, out: Shape): Int32Array | null {
  if (sameShape(from, out)) return null;
  const size = sizeOf(out);
  const idx = new Int32Array(size);
  if (sizeOf(from) === 1) return idx;
  const n = out.length;
  const fromStrides = stridesOf(from);
  // Stride 0 along broadcast dims makes every output position map back to its source.
  const strides = new Array<number>(n).fill(0);
  for (let i = 0; i < from.length; i++) {
    const d = n - from.length + i;
    strides[d] = from[i] === 1 ? 0 : fromStrides[i]!;
  }
  const counter = new Array<number>(n).fill(0);
  let offset = 0;
  for (let i = 0; i < size; i++) {
    idx[i] = offset;
    for (let d = n - 1; d >= 0; d--) {
      counter[d]!++;
      offset += strides[d]!;
      if (counter[d]! < out[d]!) break;
      offset -= strides[d]! * out[d]!;
      counter[d] = 0;
    }
  }
  return idx;
}

/**
 * The one helper that undoes broadcasting in every binary op's backward: sums the output-shaped
 * gradient back onto the input's elements through the index map from `broadcastIndex`.
 */
export function unbroadcast(grad: Float64Array, index: Int32Array | null, inputSize: number): Float64Array {
  if (index === null) return grad;
  const out = new Float64Array(inputSize);
  for (let i = 0; i < grad.length; i++) out[index[i]!]! += grad[i]!;
  return out;
}
