import { Tensor, type Operand } from '../tensor.ts';
import { type BroadcastMap, broadcastMap, broadcastShapes, expand, sizeOf, unbroadcast } from '../shape.ts';

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

/** a + b (broadcasting). ∂/∂a = g, ∂/∂b = g, each summed over its broadcast dims. */
export function add(x: Operand, y: Operand): Tensor {
  const a = asTensor(x, 'add'),
    b = asTensor(y, 'add');
  const { shape, size, am, bm } = broadcastPair('add', a, b);
  const ad = expand(a.data, am, size),
    bd = expand(b.data, bm, size);
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) out[i] = ad[i]! + bd[i]!;
  return Tensor.fromOp('add', out, shape, [a, b], (g) => [
    a.requiresGrad ? unbroadcast(g, am, a.size) : null,
    b.requiresGrad ? unbroadcast(g, bm, b.size) : null,
  ]);
}

/** a · b elementwise (broadcasting). ∂/∂a = g·b, ∂/∂b = g·a. */
export function mul(x: Operand, y: Operand): Tensor {
  const a = asTensor(x, 'mul'),
    b = asTensor(y, 'mul');
  const { shape, size, am, bm } = broadcastPair('mul', a, b);
  const ad = expand(a.data, am, size),
    bd = expand(b.data, bm, size);
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) out[i] = ad[i]! * bd[i]!;
  return Tensor.fromOp('mul', out, shape, [a, b], (g) => {
    let ga: Float64Array | null = null,
      gb: Float64Array | null = null;
    if (a.requiresGrad) {
      const t = new Float64Array(size);
      for (let i = 0; i < size; i++) t[i] = g[i]! * bd[i]!;
      ga = unbroadcast(t, am, a.size);
    }
    if (b.requiresGrad) {
      const t = new Float64Array(size);
      for (let i = 0; i < size; i++) t[i] = g[i]! * ad[i]!;
      gb = unbroadcast(t, bm, b.size);
    }
    return [ga, gb];
  });
}

/** a / b elementwise (broadcasting). ∂/∂a = g/b, ∂/∂b = −g·a/b². */
export function div(x: Operand, y: Operand): Tensor {
  const a = asTensor(x, 'div'),
    b = asTensor(y, 'div');
  const { shape, size, am, bm } = broadcastPair('div', a, b);
  const ad = expand(a.data, am, size),
    bd = expand(b.data, bm, size);
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) out[i] = ad[i]! / bd[i]!;
  return Tensor.fromOp('div', out, shape, [a, b], (g) => {
    let ga: Float64Array | null = null,
      gb: Float64Array | null = null;
    if (a.requiresGrad) {
      const t = new Float64Array(size);
      for (let i = 0; i < size; i++) t[i] = g[i]! / bd[i]!;
      ga = unbroadcast(t, am, a.size);
    }
    if (b.requiresGrad) {
      const t = new Float64Array(size);
      for (let i = 0; i < size; i++) t[i] = (-g[i]! * out[i]!) / bd[i]!;
      gb = unbroadcast(t, bm, b.size);
    }
    return [ga, gb];
  });
}

/** a − b (broadcasting). ∂/∂a = g, ∂/∂b = −g, each summed over its broadcast dims. */
export function sub(x: Operand, y: Operand): Tensor {
  const a = asTensor(x, 'sub'),
    b = asTensor(y, 'sub');
  const { shape, size, am, bm } = broadcastPair('sub', a, b);
  const ad = expand(a.data, am, size),
    bd = expand(b.data, bm, size);
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) out[i] = ad[i]! - bd[i]!;
  return Tensor.fromOp('sub', out, shape, [a, b], (g) => {
    let gb: Float64Array | null = null;
    if (b.requiresGrad) {
      const t = new Float64Array(size);
      for (let i = 0; i < size; i++) t[i] = -g[i]!;
      gb = unbroadcast(t, bm, b.size);
    }
    return [a.requiresGrad ? unbroadcast(g, am, a.size) : null, gb];
  });
}
