import { Tensor, type Gradient, type Operand } from '../tensor.ts';
import { broadcastMap, broadcastShapes, expand, sizeOf } from '../shape.ts';

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

interface Operands {
  a: Tensor;
  b: Tensor;
  shape: number[];
  size: number;
  /** Each operand's values laid out in the output's (broadcast) shape. */
  ad: Float64Array;
  bd: Float64Array;
  out: Float64Array;
}

/** The operands as tensors, broadcast against each other, and a buffer for the output. */
function operands(op: string, x: Operand, y: Operand): Operands {
  const a = asTensor(x, op),
    b = asTensor(y, op);
  const shape = broadcastShapes(op, a.shape, b.shape),
    size = sizeOf(shape);
  const ad = expand(a.data, broadcastMap(a.shape, shape), size),
    bd = expand(b.data, broadcastMap(b.shape, shape), size);
  return { a, b, shape, size, ad, bd, out: new Float64Array(size) };
}

// Each gradient is returned in the output's (broadcast) shape; the engine sums it down to each input's shape.

/** a + b (broadcasting). ∂/∂a = g, ∂/∂b = g. */
export function add(x: Operand, y: Operand): Tensor {
  const { a, b, shape, size, ad, bd, out } = operands('add', x, y);
  for (let i = 0; i < size; i++) out[i] = ad[i]! + bd[i]!;
  return Tensor.fromGradientOp('add', out, shape, [a, b], addGradient);
}
const addGradient: Gradient = (g) => [g, g];

/** a − b (broadcasting). ∂/∂a = g, ∂/∂b = −g. */
export function sub(x: Operand, y: Operand): Tensor {
  const { a, b, shape, size, ad, bd, out } = operands('sub', x, y);
  for (let i = 0; i < size; i++) out[i] = ad[i]! - bd[i]!;
  return Tensor.fromGradientOp('sub', out, shape, [a, b], subGradient);
}
const subGradient: Gradient = (g) => [g, () => g.neg()];

/** a · b elementwise (broadcasting). ∂/∂a = g·b, ∂/∂b = g·a. */
export function mul(x: Operand, y: Operand): Tensor {
  const { a, b, shape, size, ad, bd, out } = operands('mul', x, y);
  for (let i = 0; i < size; i++) out[i] = ad[i]! * bd[i]!;
  return Tensor.fromGradientOp('mul', out, shape, [a, b], mulGradient);
}
const mulGradient: Gradient = (g, [a, b]) => [() => g.mul(b!), () => g.mul(a!)];

/** a / b elementwise (broadcasting). ∂/∂a = g/b, ∂/∂b = −g·a/b² = −g·out/b. */
export function div(x: Operand, y: Operand): Tensor {
  const { a, b, shape, size, ad, bd, out } = operands('div', x, y);
  for (let i = 0; i < size; i++) out[i] = ad[i]! / bd[i]!;
  return Tensor.fromGradientOp('div', out, shape, [a, b], divGradient);
}
const divGradient: Gradient = (g, [, b], out) => [() => g.div(b!), () => g.mul(out).div(b!).neg()];
