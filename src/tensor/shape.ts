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

/** Whether a tensor of shape `to` broadcasts to `from`, so that `from` can be summed down to it. */
export function sumsDownTo(from: Shape, to: Shape): boolean {
  const lead = from.length - to.length;
  if (lead < 0) return false;
  for (let i = 0; i < to.length; i++) if (to[i] !== 1 && to[i] !== from[lead + i]) return false;
  return true;
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
 * A broadcast without an index array: output element i reads operand element ⌊i / inner⌋ mod
 * period. This covers the broadcasts training runs on every step: scalars (period 1), a bias [n]
 * added to the rows of [m, n] (inner 1, period n) and per-row values [m, 1] across columns (the
 * max and sum in softmax: inner n, period m).
 */
export interface Tile {
  readonly inner: number;
  readonly period: number;
}

/** How an operand feeds a broadcast output: null (same shape), a `Tile`, or else an explicit `broadcastIndex`. */
export type BroadcastMap = Tile | Int32Array | null;

export function broadcastMap(from: Shape, out: Shape): BroadcastMap {
  if (sameShape(from, out)) return null;
  // A tile needs the dims `from` keeps (equal to the output's, > 1) to form one run; the dims
  // broadcast after that run multiply into `inner`, those before it are the repetitions.
  const lead = out.length - from.length;
  let state: 'before' | 'kept' | 'after' = 'before',
    inner = 1,
    period = 1;
  for (let d = 0; d < out.length; d++) {
    const o = out[d]!,
      f = d < lead ? 1 : from[d - lead]!;
    if (o === 1) continue;
    if (f === o) {
      if (state === 'after') return broadcastIndex(from, out);
      state = 'kept';
      period *= o;
    } else {
      if (state === 'kept') state = 'after';
      if (state === 'after') inner *= o;
    }
  }
  return { inner, period };
}

/** The operand's values laid out in the output's shape (`src` itself when the shapes already match). */
export function expand(src: Float64Array, map: BroadcastMap, size: number): Float64Array {
  if (map === null) return src;
  const out = new Float64Array(size);
  if (map instanceof Int32Array) {
    for (let i = 0; i < size; i++) out[i] = src[map[i]!]!;
    return out;
  }
  const { inner, period } = map;
  if (period === 1) return out.fill(src[0] ?? 0);
  if (inner === 1) {
    for (let i = 0; i < size; i += period) out.set(src, i);
    return out;
  }
  for (let i = 0, p = 0; i < size; i += inner, p = p + 1 === period ? 0 : p + 1) out.fill(src[p]!, i, i + inner);
  return out;
}

/**
 * The one helper that undoes broadcasting in every binary op's backward: sums the output-shaped
 * gradient back onto the input's elements (each in increasing output order, whatever the map).
 */
export function unbroadcast(grad: Float64Array, map: BroadcastMap, inputSize: number): Float64Array {
  if (map === null) return grad;
  const out = new Float64Array(inputSize);
  if (map instanceof Int32Array) {
    for (let i = 0; i < grad.length; i++) out[map[i]!]! += grad[i]!;
    return out;
  }
  const { inner, period } = map;
  if (inner === 1 && grad.length % period === 0) {
    // A bias row (the common case): sum whole rows of `period`, without the per-element inner loop.
    for (let row = 0; row < grad.length; row += period) for (let p = 0; p < period; p++) out[p]! += grad[row + p]!;
    return out;
  }
  for (let i = 0, p = 0; i < grad.length; p = p + 1 === period ? 0 : p + 1) {
    for (const end = i + inner; i < end; i++) out[p]! += grad[i]!;
  }
  return out;
}
