import { Tensor, type Gradient } from '../tensor.ts';
import { formatShape, normalizeAxis, sizeOf, stridesOf } from '../shape.ts';
import { around } from './reduce.ts';
import { SAVES_NOTHING } from '../version.ts';

/** Indices as given by a user: a number array, an Int32Array or a tensor of integers. */
export type Indices = readonly number[] | Int32Array | Tensor;

/**
 * The one selection primitive: out[p] = x[offsets[p]], for any list of element offsets into x.
 * narrow, indexSelect, gather and the gradient of cat are all made from it.
 * ∂ = `accumulate`: each g[p] added onto element offsets[p] (repeated offsets sum, as PyTorch's index_add).
 */
export function take(op: string, x: Tensor, offsets: Int32Array, shape: readonly number[]): Tensor {
  const xd = x.data,
    out = new Float64Array(offsets.length);
  for (let p = 0; p < offsets.length; p++) out[p] = xd[offsets[p]!]!;
  const size = x.size;
  return Tensor.fromGradientOp(op, out, [...shape], [x], (g, [input]) => [accumulate(g, offsets, input!.shape, size)], SAVES_NOTHING);
}

/** Scatter-add: out (of `shape`) is zeros with g[p] added at offsets[p]. Linear in g: ∂ = take(gg, offsets). */
function accumulate(g: Tensor, offsets: Int32Array, shape: readonly number[], size: number): Tensor {
  const gd = g.data,
    out = new Float64Array(size);
  for (let p = 0; p < offsets.length; p++) out[offsets[p]!]! += gd[p]!;
  return Tensor.fromGradientOp('accumulate', out, [...shape], [g], (gg, [grad]) => [take('take', gg, offsets, grad!.shape)], SAVES_NOTHING);
}

/** Integer indices checked against `size`: a non-integer, or one outside 0..size−1, names the op, the position and the size. */
export function toIndices(op: string, indices: Indices, size: number, what = 'index'): Int32Array {
  const ok = indices instanceof Tensor || indices instanceof Int32Array || Array.isArray(indices);
  if (!ok) throw new TypeError(`${op}: ${what} must be a number array or a tensor of integers`);
  const values: ArrayLike<number> = indices instanceof Tensor ? indices.data : indices;
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v)) throw new TypeError(`${op}: ${what} ${String(v)} at position ${i} is not an integer`);
    if (v < 0 || v >= size) throw new RangeError(`${op}: ${what} ${v} at position ${i} is out of range for size ${size}`);
    out[i] = v;
  }
  return out;
}

/** The offsets of the slices `along` (positions on `axis`) of a tensor of `shape`, in output order. */
function alongAxis(shape: readonly number[], axis: number, along: Int32Array): Int32Array {
  const { outer, len, inner } = around(shape, axis);
  const offsets = new Int32Array(outer * along.length * inner);
  for (let o = 0, p = 0; o < outer; o++)
    for (let j = 0; j < along.length; j++) for (let i = 0, base = (o * len + along[j]!) * inner; i < inner; i++) offsets[p++] = base + i;
  return offsets;
}

const withAxis = (shape: readonly number[], axis: number, n: number): number[] => shape.map((d, i) => (i === axis ? n : d));

function checkCount(op: string, name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0) throw new RangeError(`${op}: ${name} must be a non-negative integer, got ${String(v)}`);
}

/** x[…, start:start+length, …] along `axis` (a copy). ∂ = g placed back into zeros. */
export function narrow(x: Tensor, axis: number, start: number, length: number): Tensor {
  const ax = normalizeAxis('narrow', axis, x.shape);
  const size = x.shape[ax]!;
  if (Number.isInteger(start) && start < 0 && start >= -size) start += size; // PyTorch counts a negative start from the end
  checkCount('narrow', 'start', start);
  checkCount('narrow', 'length', length);
  if (start + length > size)
    throw new RangeError(`narrow: start ${start} + length ${length} exceeds size ${size} of axis ${axis} of shape ${formatShape(x.shape)}`);
  const along = Int32Array.from({ length }, (_, i) => start + i);
  return take('narrow', x, alongAxis(x.shape, ax, along), withAxis(x.shape, ax, length));
}

/** The slices of x at `indices` along `axis` (repeats allowed). ∂ = g added back at each index (repeats accumulate). */
export function indexSelect(x: Tensor, axis: number, indices: Indices): Tensor {
  const ax = normalizeAxis('indexSelect', axis, x.shape);
  if (indices instanceof Tensor && indices.ndim > 1)
    throw new RangeError(`indexSelect: indices must be 1-D, got shape ${formatShape(indices.shape)}`);
  const along = toIndices('indexSelect', indices, x.shape[ax]!);
  return take('indexSelect', x, alongAxis(x.shape, ax, along), withAxis(x.shape, ax, along.length));
}

/**
 * out[i][j][k] = x[i][index[i][j][k]][k] for axis 1 (PyTorch's gather): `index` has x's number of
 * axes, and each of its dims other than `axis` is at most x's. ∂ = g scattered back, repeats summed.
 */
export function gather(x: Tensor, axis: number, index: Tensor): Tensor {
  if (!(index instanceof Tensor)) throw new TypeError('gather: index must be a Tensor of integers');
  const ax = normalizeAxis('gather', axis, x.shape);
  if (index.ndim !== x.ndim || index.shape.some((d, i) => i !== ax && d > x.shape[i]!))
    throw new RangeError(
      `gather: index shape ${formatShape(index.shape)} does not fit x shape ${formatShape(x.shape)} along axis ${axis} (same number of axes, each other dim at most x's)`,
    );
  const values = toIndices('gather', index, x.shape[ax]!);
  const xs = stridesOf(x.shape),
    n = index.ndim,
    counter = new Array<number>(n).fill(0);
  const offsets = new Int32Array(values.length);
  for (let p = 0; p < values.length; p++) {
    let off = 0;
    for (let d = 0; d < n; d++) off += (d === ax ? values[p]! : counter[d]!) * xs[d]!;
    offsets[p] = off;
    for (let d = n - 1; d >= 0 && (counter[d] = counter[d]! + 1) === index.shape[d]; d--) counter[d] = 0;
  }
  return take('gather', x, offsets, index.shape);
}

/** Concatenation along `axis`; every other dim must agree. ∂ for each input = its part of g. */
export function cat(tensors: readonly Tensor[], axis = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0 || !tensors.every((t) => t instanceof Tensor))
    throw new TypeError('cat: expected a non-empty array of Tensors');
  const first = tensors[0]!;
  const ax = normalizeAxis('cat', axis, first.shape);
  for (const t of tensors)
    if (t.ndim !== first.ndim || t.shape.some((d, i) => i !== ax && d !== first.shape[i]))
      throw new RangeError(
        `cat: shapes ${tensors.map((s) => formatShape(s.shape)).join(', ')} differ outside axis ${axis} (only the concatenated axis may differ)`,
      );
  const total = tensors.reduce((s, t) => s + t.shape[ax]!, 0);
  const shape = withAxis(first.shape, ax, total);
  const { outer, inner } = around(shape, ax);
  const out = new Float64Array(sizeOf(shape));
  const parts: Int32Array[] = [];
  for (let t = 0, start = 0; t < tensors.length; t++) {
    const len = tensors[t]!.shape[ax]!;
    const block = len * inner,
      td = tensors[t]!.data;
    for (let o = 0; o < outer; o++) out.set(td.subarray(o * block, (o + 1) * block), (o * total + start) * inner);
    parts.push(
      alongAxis(
        shape,
        ax,
        Int32Array.from({ length: len }, (_, i) => start + i),
      ),
    );
    start += len;
  }
  return Tensor.fromGradientOp('cat', out, shape, tensors, catGradient(parts), SAVES_NOTHING);
}
const catGradient =
  (parts: Int32Array[]): Gradient =>
  (g, inputs) =>
    inputs.map((x, t) => () => take('take', g, parts[t]!, x.shape));

/** The tensors, of one shape, joined along a new axis. */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0 || !tensors.every((t) => t instanceof Tensor))
    throw new TypeError('stack: expected a non-empty array of Tensors');
  const shape = tensors[0]!.shape;
  const ax = normalizeAxis('stack', axis, [...shape, 1]);
  if (tensors.some((t) => t.ndim !== shape.length || t.shape.some((d, i) => d !== shape[i])))
    throw new RangeError(`stack: all tensors must have one shape, got ${tensors.map((t) => formatShape(t.shape)).join(', ')}`);
  return cat(
    tensors.map((t) => t.unsqueeze(ax)),
    ax,
  );
}

/** Pieces of `size` along `axis` (the last may be smaller), or pieces of the given sizes (which must sum to the axis). */
export function split(x: Tensor, sizeOrSizes: number | readonly number[], axis = 0): Tensor[] {
  const ax = normalizeAxis('split', axis, x.shape);
  const n = x.shape[ax]!;
  let sizes: number[];
  if (typeof sizeOrSizes === 'number') {
    if (!Number.isInteger(sizeOrSizes) || sizeOrSizes < 1)
      throw new RangeError(`split: size must be a positive integer, got ${sizeOrSizes}`);
    sizes = Array.from({ length: Math.max(1, Math.ceil(n / sizeOrSizes)) }, (_, i) => Math.min(sizeOrSizes, n - i * sizeOrSizes));
  } else {
    sizes = [...sizeOrSizes];
    sizes.forEach((s) => checkCount('split', 'each size', s));
    const sum = sizes.reduce((a, b) => a + b, 0);
    if (sum !== n)
      throw new RangeError(`split: sizes [${sizes.join(', ')}] sum to ${sum}, but axis ${axis} of ${formatShape(x.shape)} has size ${n}`);
  }
  let start = 0;
  return sizes.map((s) => narrow(x, ax, (start += s) - s, s));
}

/** `chunks` pieces along `axis` of size ⌈n/chunks⌉ (the last smaller; fewer pieces when n is small), as PyTorch. */
export function chunk(x: Tensor, chunks: number, axis = 0): Tensor[] {
  if (!Number.isInteger(chunks) || chunks < 1) throw new RangeError(`chunk: chunks must be a positive integer, got ${chunks}`);
  const n = x.shape[normalizeAxis('chunk', axis, x.shape)]!;
  return split(x, Math.max(1, Math.ceil(n / chunks)), axis);
}
