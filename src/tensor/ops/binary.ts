import { Tensor, type Operand } from '../tensor.ts';
import { broadcastIndex, broadcastShapes, sizeOf, unbroadcast } from '../shape.ts';

/** Numbers become constant scalar tensors, so every binary op also takes a plain number. */
export function asTensor(x: Operand): Tensor {
  return x instanceof Tensor ? x : new Tensor(new Float64Array([x]), []);
}

interface Broadcast {
  shape: number[];
  size: number;
  /** Source offsets per output element; null when the operand already has the output shape. */
  ai: Int32Array | null;
  bi: Int32Array | null;
}

function broadcastPair(op: string, a: Tensor, b: Tensor): Broadcast {
  const shape = broadcastShapes(op, a.shape, b.shape);
  return { shape, size: sizeOf(shape), ai: broadcastIndex(a.shape, shape), bi: broadcastIndex(b.shape, shape) };
}

/** a + b (broadcasting). ∂/∂a = g, ∂/∂b = g, each summed over its broadcast dims. */
export function add(x: Operand, y: Operand): Tensor {
  const a = asTensor(x), b = asTensor(y);
  const { shape, size, ai, bi } = broadcastPair('add', a, b);
  const out = new Float64Array(size);
  const ad = a.data, bd = b.data;
  for (let i = 0; i < size; i++) out[i] = ad[ai === null ? i : ai[i]!]! + bd[bi === null ? i : bi[i]!]!;
  return Tensor.fromOp('add', out, shape, [a, b], (g) => [
    a.requiresGrad ? unbroadcast(g, ai, a.size) : null,
    b.requiresGrad ? unbroadcast(g, bi, b.size) : null,
  ]);
}

/** a · b elementwise (broadcasting). ∂/∂a = g·b, ∂/∂b = g·a. */
export function mul(x: Operand, y: Operand): Tensor {
  const a = asTensor(x), b = asTensor(y);
  const { shape, size, ai, bi } = broadcastPair('mul', a, b);
  const out = new Float64Array(size);
  const ad = a.data, bd = b.data;
  for (let i = 0; i < size; i++) out[i] = ad[ai === null ? i : ai[i]!]! * bd[bi === null ? i : bi[i]!]!;
  return Tensor.fromOp('mul', out, shape, [a, b], (g) => {
    let ga: Float64Array | null = null, gb: Float64Array | null = null;
    if (a.requiresGrad) {
      const t = new Float64Array(size);
      for (let i = 0; i < size; i++) t[i] = g[i]! * bd[bi === null ? i : bi[i]!]!;
      ga = unbroadcast(t, ai, a.size);
    }
    if (b.requiresGrad) {
      const t = new Float64Array(size);
      for (let i = 0; i < size; i++) t[i] = g[i]! * ad[ai === null ? i : ai[i]!]!;
      gb = unbroadcast(t, bi, b.size);
    }
    return [ga, gb];
  });
}

/** a / b elementwise (broadcasting). ∂/∂a = g/b, ∂/∂b = −g·a/b². */
export function div(x: Operand, y: Operand): Tensor {
  const a = asTensor(x), b = asTensor(y);
  const { shape, size, ai, bi } = broadcastPair('div', a, b);
  const out = new Float64Array(size);
  const ad = a.data, bd = b.data;
  for (let i = 0; i < size; i++) out[i] = ad[ai === null ? i : ai[i]!]! / bd[bi === null ? i : bi[i]!]!;
  return Tensor.fromOp('div', out, shape, [a, b], (g) => {
    let ga: Float64Array | null = null, gb: Float64Array | null = null;
    if (a.requiresGrad) {
      const t = new Float64Array(size);
      for (let i = 0; i < size; i++) t[i] = g[i]! / bd[bi === null ? i : bi[i]!]!;
      ga = unbroadcast(t, ai, a.size);
    }
    if (b.requiresGrad) {
      const t = new Float64Array(size);
      for (let i = 0; i < size; i++) {
        const bv = bd[bi === null ? i : bi[i]!]!;
        t[i] = (-g[i]! * out[i]!) / bv;
      }
      gb = unbroadcast(t, bi, b.size);
    }
    return [ga, gb];
  });
}

/** a − b (broadcasting). ∂/∂a = g, ∂/∂b = −g, each summed over its broadcast dims. */
export function sub(x: Operand, y: Operand): Tensor {
  const a = asTensor(x), b = asTensor(y);
  const { shape, size, ai, bi } = broadcastPair('sub', a, b);
  const out = new Float64Array(size);
  const ad = a.data, bd = b.data;
  for (let i = 0; i < size; i++) out[i] = ad[ai === null ? i : ai[i]!]! - bd[bi === null ? i : bi[i]!]!;
  return Tensor.fromOp('sub', out, shape, [a, b], (g) => {
    let gb: Float64Array | null = null;
    if (b.requiresGrad) {
      const t = new Float64Array(size);
      for (let i = 0; i < size; i++) t[i] = -g[i]!;
      gb = unbroadcast(t, bi, b.size);
    }
    return [a.requiresGrad ? unbroadcast(g, ai, a.size) : null, gb];
  });
}
