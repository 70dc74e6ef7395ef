import { Tensor, type Gradient, type Operand } from '../tensor.ts';
import { SAVES_NOTHING, SAVES_OTHER } from '../version.ts';
import { type BroadcastMap, broadcastMap, broadcastShapes, expand, sizeOf } from '../shape.ts';

/** Numbers become constant scalar tensors, so every binary op also takes a plain number. */
export function asTensor(x: Operand, op = 'asTensor'): Tensor {
  if (x instanceof Tensor) return x;
  if (typeof x !== 'number') {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- validates input from untyped (JavaScript or JSON) callers
    const isNull = x === null;
    const got = isNull
      ? 'null'
      : Array.isArray(x)
        ? `an array (use tensor(values))`
        : typeof x === 'string'
          ? `the string "${String(x)}"`
          : typeof x;
    throw new TypeError(`${op}: operands must be Tensors or numbers, got ${got}`);
  }
  return new Tensor(new Float64Array([x]), []);
}

/**
 * An operand read as a matrix [rows, cols] over the output: element (r, c) is data[r·s0 + c·s1].
 * Strides of 0 read a scalar, a bias row or a column without copying it out to the output's size.
 */
interface View {
  data: Float64Array;
  s0: number;
  s1: number;
}

interface Operands {
  a: Tensor;
  b: Tensor;
  shape: number[];
  rows: number;
  cols: number;
  av: View;
  bv: View;
  out: Float64Array;
}

/** The operands as tensors, broadcast against each other as views of one [rows, cols] layout, and a buffer for the output. */
function operands(op: string, x: Operand, y: Operand): Operands {
  const a = asTensor(x, op),
    b = asTensor(y, op);
  const shape = broadcastShapes(op, a.shape, b.shape),
    size = sizeOf(shape);
  const am = broadcastMap(a.shape, shape),
    bm = broadcastMap(b.shape, shape);
  const cols = Math.max(1, colsFor(am, size) ?? colsFor(bm, size) ?? size);
  return {
    a,
    b,
    shape,
    rows: size / cols,
    cols,
    av: viewOf(a.data, am, size, cols),
    bv: viewOf(b.data, bm, size, cols),
    out: new Float64Array(size),
  };
}

/** The row length a broadcast asks for: a bias row's length, or a column's row length (undefined: any). */
function colsFor(map: BroadcastMap, size: number): number | undefined {
  if (map === null || map instanceof Int32Array || map.period === 1) return undefined;
  if (map.inner === 1) return map.period;
  return map.inner * map.period === size ? map.inner : undefined;
}

function viewOf(data: Float64Array, map: BroadcastMap, size: number, cols: number): View {
  if (map === null) return { data, s0: cols, s1: 1 };
  if (!(map instanceof Int32Array)) {
    if (map.period === 1) return { data, s0: 0, s1: 0 };
    if (map.inner === 1 && map.period === cols) return { data, s0: 0, s1: 1 };
    if (map.inner === cols && map.inner * map.period === size) return { data, s0: 1, s1: 0 };
  }
  return { data: expand(data, map, size), s0: cols, s1: 1 };
}

// Each gradient is returned in the output's (broadcast) shape; the engine sums it down to each input's shape.

/** a + b (broadcasting). ∂/∂a = g, ∂/∂b = g. */
export function add(x: Operand, y: Operand): Tensor {
  const { a, b, shape, rows, cols, av, bv, out } = operands('add', x, y);
  const { data: ad, s0: a0, s1: a1 } = av,
    { data: bd, s0: b0, s1: b1 } = bv;
  if (a1 === 1 && b1 === 1)
    for (let r = 0, o = 0; r < rows; r++) for (let c = 0, i = r * a0, j = r * b0; c < cols; c++) out[o++] = ad[i + c]! + bd[j + c]!;
  else
    for (let r = 0, o = 0; r < rows; r++)
      for (let c = 0, i = r * a0, j = r * b0; c < cols; c++, o++, i += a1, j += b1) out[o] = ad[i]! + bd[j]!;
  return Tensor.fromGradientOp('add', out, shape, [a, b], addGradient, SAVES_NOTHING);
}
const addGradient: Gradient = (g) => [g, g];

/** a − b (broadcasting). ∂/∂a = g, ∂/∂b = −g. */
export function sub(x: Operand, y: Operand): Tensor {
  const { a, b, shape, rows, cols, av, bv, out } = operands('sub', x, y);
  const { data: ad, s0: a0, s1: a1 } = av,
    { data: bd, s0: b0, s1: b1 } = bv;
  if (a1 === 1 && b1 === 1)
    for (let r = 0, o = 0; r < rows; r++) for (let c = 0, i = r * a0, j = r * b0; c < cols; c++) out[o++] = ad[i + c]! - bd[j + c]!;
  else
    for (let r = 0, o = 0; r < rows; r++)
      for (let c = 0, i = r * a0, j = r * b0; c < cols; c++, o++, i += a1, j += b1) out[o] = ad[i]! - bd[j]!;
  return Tensor.fromGradientOp('sub', out, shape, [a, b], subGradient, SAVES_NOTHING);
}
const subGradient: Gradient = (g) => [g, () => g.neg()];

/** a · b elementwise (broadcasting). ∂/∂a = g·b, ∂/∂b = g·a. */
export function mul(x: Operand, y: Operand): Tensor {
  const { a, b, shape, rows, cols, av, bv, out } = operands('mul', x, y);
  const { data: ad, s0: a0, s1: a1 } = av,
    { data: bd, s0: b0, s1: b1 } = bv;
  if (a1 === 1 && b1 === 1)
    for (let r = 0, o = 0; r < rows; r++) for (let c = 0, i = r * a0, j = r * b0; c < cols; c++) out[o++] = ad[i + c]! * bd[j + c]!;
  else
    for (let r = 0, o = 0; r < rows; r++)
      for (let c = 0, i = r * a0, j = r * b0; c < cols; c++, o++, i += a1, j += b1) out[o] = ad[i]! * bd[j]!;
  return Tensor.fromGradientOp('mul', out, shape, [a, b], mulGradient, SAVES_OTHER);
}
const mulGradient: Gradient = (g, [a, b]) => [() => g.mul(b!), () => g.mul(a!)];

/** a / b elementwise (broadcasting). ∂/∂a = g/b, ∂/∂b = −g·a/b² = −g·out/b. */
export function div(x: Operand, y: Operand): Tensor {
  const { a, b, shape, rows, cols, av, bv, out } = operands('div', x, y);
  const { data: ad, s0: a0, s1: a1 } = av,
    { data: bd, s0: b0, s1: b1 } = bv;
  if (a1 === 1 && b1 === 1)
    for (let r = 0, o = 0; r < rows; r++) for (let c = 0, i = r * a0, j = r * b0; c < cols; c++) out[o++] = ad[i + c]! / bd[j + c]!;
  else
    for (let r = 0, o = 0; r < rows; r++)
      for (let c = 0, i = r * a0, j = r * b0; c < cols; c++, o++, i += a1, j += b1) out[o] = ad[i]! / bd[j]!;
  return Tensor.fromGradientOp('div', out, shape, [a, b], divGradient);
}
const divGradient: Gradient = (g, [, b], out) => [() => g.div(b!), () => g.mul(out).div(b!).neg()];
