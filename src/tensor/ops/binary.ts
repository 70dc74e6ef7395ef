import { Tensor, type Gradient, type Operand } from '../tensor.ts';
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

interface Broadcast {
  shape: number[];
  size: number;
  /** How each operand maps onto the output (null when it already has the output's shape). */
  am: BroadcastMap;
  bm: BroadcastMap;
}

function broadcastPair(op: string, a: Tensor, b: Tensor): Broadcast {
  const shape = broadcastShapes(op, a.shape, b.shape);
  return { shape, size: sizeOf(shape), am: broadcastMap(a.shape, shape), bm: broadcastMap(b.shape, shape) };
}

// Each gradient is returned in the output's (broadcast) shape; the engine sums it down to each input's shape.

/** a + b (broadcasting). ∂/∂a = g, ∂/∂b = g. */
export function add(x: Operand, y: Operand): Tensor {
  const a = asTensor(x, 'add'),
    b = asTensor(y, 'add');
  const { shape, size, am, bm } = broadcastPair('add', a, b);
  const ad = expand(a.data, am, size),
    bd = expand(b.data, bm, size);
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) out[i] = ad[i]! + bd[i]!;
  return Tensor.fromGradientOp('add', out, shape, [a, b], addGradient);
}
const addGradient: Gradient = (g) => [g, g];

/** a − b (broadcasting). ∂/∂a = g, ∂/∂b = −g. */
export function sub(x: Operand, y: Operand): Tensor {
  const a = asTensor(x, 'sub'),
    b = asTensor(y, 'sub');
  const { shape, size, am, bm } = broadcastPair('sub', a, b);
  const ad = expand(a.data, am, size),
    bd = expand(b.data, bm, size);
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) out[i] = ad[i]! - bd[i]!;
  return Tensor.fromGradientOp('sub', out, shape, [a, b], subGradient);
}
const subGradient: Gradient = (g) => [g, () => g.neg()];

/** a · b elementwise (broadcasting). ∂/∂a = g·b, ∂/∂b = g·a. */
export function mul(x: Operand, y: Operand): Tensor {
  const a = asTensor(x, 'mul'),
    b = asTensor(y, 'mul');
  const { shape, size, am, bm } = broadcastPair('mul', a, b);
  const ad = expand(a.data, am, size),
    bd = expand(b.data, bm, size);
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) out[i] = ad[i]! * bd[i]!;
  return Tensor.fromGradientOp('mul', out, shape, [a, b], mulGradient);
}
const mulGradient: Gradient = (g, [a, b]) => [() => g.mul(b!), () => g.mul(a!)];

/** a / b elementwise (broadcasting). ∂/∂a = g/b, ∂/∂b = −g·a/b² = −g·out/b. */
export function div(x: Operand, y: Operand): Tensor {
  const a = asTensor(x, 'div'),
    b = asTensor(y, 'div');
  const { shape, size, am, bm } = broadcastPair('div', a, b);
  const ad = expand(a.data, am, size),
    bd = expand(b.data, bm, size);
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) out[i] = ad[i]! / bd[i]!;
  return Tensor.fromGradientOp('div', out, shape, [a, b], divGradient);
}
const divGradient: Gradient = (g, [, b], out) => [() => g.div(b!), () => g.mul(out).div(b!).neg()];
