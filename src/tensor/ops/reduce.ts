import { Tensor, type Gradient } from '../tensor.ts';
import { SAVES_NOTHING } from '../version.ts';
import { normalizeAxis } from '../shape.ts';
import { piecewiseConstant } from './piecewise-constant.ts';

/** Splits a shape around `axis` into (outer, length along axis, inner) so reductions are three plain loops. */
function around(shape: readonly number[], axis: number): { outer: number; len: number; inner: number } {
  let outer = 1,
    inner = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i]!;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i]!;
  return { outer, len: shape[axis]!, inner };
}

function reducedShape(shape: readonly number[], axis: number, keepDims: boolean): number[] {
  return keepDims ? shape.map((d, i) => (i === axis ? 1 : d)) : shape.filter((_, i) => i !== axis);
}

/** Σ over all elements, or along `axis`. ∂/∂x = g broadcast back over the summed axis. */
export function sum(x: Tensor, axis?: number, keepDims = false): Tensor {
  const xd = x.data;
  if (axis === undefined) {
    let s = 0;
    for (let i = 0; i < xd.length; i++) s += xd[i]!;
    return Tensor.fromGradientOp('sum', new Float64Array([s]), keepDims ? x.shape.map(() => 1) : [], [x], sumAllGradient, SAVES_NOTHING);
  }
  const ax = normalizeAxis('sum', axis, x.shape);
  const { outer, len, inner } = around(x.shape, ax);
  const out = new Float64Array(outer * inner);
  for (let o = 0; o < outer; o++)
    for (let k = 0; k < len; k++) for (let i = 0; i < inner; i++) out[o * inner + i]! += xd[(o * len + k) * inner + i]!;
  const kept = reducedShape(x.shape, ax, true);
  return Tensor.fromGradientOp('sum', out, reducedShape(x.shape, ax, keepDims), [x], (g, [input]) => [
    g.reshape(kept).expand(input!.shape),
  ]);
}
const sumAllGradient: Gradient = (g, [x]) => [g.expand(x!.shape)];

/** Mean over all elements, or along `axis`: sum / n. */
export function mean(x: Tensor, axis?: number, keepDims = false): Tensor {
  const n = axis === undefined ? x.size : x.shape[normalizeAxis('mean', axis, x.shape)]!;
  return sum(x, axis, keepDims).mul(1 / n);
}

/**
 * Maximum over all elements, or along `axis`. The gradient flows to the first maximal element
 * (ties do not split it), as PyTorch's max(dim) does.
 */
export function max(x: Tensor, axis?: number, keepDims = false): Tensor {
  if (x.size === 0) throw new RangeError('max: cannot take the maximum of an empty tensor');
  const xd = x.data;
  const ax = axis === undefined ? -1 : normalizeAxis('max', axis, x.shape);
  const { outer, len, inner } = ax === -1 ? { outer: 1, len: x.size, inner: 1 } : around(x.shape, ax);
  const out = new Float64Array(outer * inner);
  const argmax = new Int32Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let best = -Infinity,
        at = o * len * inner + i;
      for (let k = 0; k < len; k++) {
        const j = (o * len + k) * inner + i;
        const v = xd[j]!;
        if (v > best || Number.isNaN(v)) {
          best = v;
          at = j;
          if (Number.isNaN(v)) break; // NaN propagates, as in PyTorch
        }
      }
      out[o * inner + i] = best;
      argmax[o * inner + i] = at;
    }
  }
  const kept = ax === -1 ? x.shape.map(() => 1) : reducedShape(x.shape, ax, true);
  const shape = keepDims ? kept : ax === -1 ? [] : reducedShape(x.shape, ax, false);
  // The first maximal element of each slice as a 0/1 mask (piecewise constant): the gradient g·mask is linear in g.
  return Tensor.fromGradientOp('max', out, shape, [x], (g, [input]) => {
    const mask = new Float64Array(input!.size);
    for (let j = 0; j < argmax.length; j++) mask[argmax[j]!] = 1;
    return [g.reshape(kept).mul(piecewiseConstant('argmax', mask, input!))];
  });
}
