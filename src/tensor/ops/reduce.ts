import { Tensor, type Gradient } from '../tensor.ts';
import { normalizeAxis } from '../shape.ts';
import { piecewiseConstant } from './piecewise-constant.ts';

/** Splits a shape around `axis` into (outer, length along axis, inner) so reductions are three plain loops. */
export function around(shape: readonly number[], axis: number): { outer: number; len: number; inner: number } {
  let outer = 1,
    inner = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i]!;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i]!;
  return { outer, len: shape[axis]!, inner };
}

export function reducedShape(shape: readonly number[], axis: number, keepDims: boolean): number[] {
  return keepDims ? shape.map((d, i) => (i === axis ? 1 : d)) : shape.filter((_, i) => i !== axis);
}

/** Σ over all elements, or along `axis`. ∂/∂x = g broadcast back over the summed axis. */
export function sum(x: Tensor, axis?: number, keepDims = false): Tensor {
  const xd = x.data;
  if (axis === undefined) {
    let s = 0;
    for (let i = 0; i < xd.length; i++) s += xd[i]!;
    return Tensor.fromGradientOp('sum', new Float64Array([s]), keepDims ? x.shape.map(() => 1) : [], [x], sumAllGradient);
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
 * Maximum over all elements, or along `axis`. Along an axis the gradient flows to the first maximal
 * element, as PyTorch's max(dim) (which returns that index); over all elements it is split evenly
 * among the tied maxima, as PyTorch's max().
 */
export function max(x: Tensor, axis?: number, keepDims = false): Tensor {
  return extreme('max', x, axis, keepDims, 1);
}

/** Minimum over all elements, or along `axis`; ties as `max`. */
export function min(x: Tensor, axis?: number, keepDims = false): Tensor {
  return extreme('min', x, axis, keepDims, -1);
}

/** The index of the first maximum over the flattened tensor, or along `axis` (no gradient). */
export function argmax(x: Tensor, axis?: number, keepDims = false): Tensor {
  const { at, shape } = locate('argmax', x, axis, keepDims, 1);
  return new Tensor(Float64Array.from(at), shape);
}

/** The index of the first minimum over the flattened tensor, or along `axis` (no gradient). */
export function argmin(x: Tensor, axis?: number, keepDims = false): Tensor {
  const { at, shape } = locate('argmin', x, axis, keepDims, -1);
  return new Tensor(Float64Array.from(at), shape);
}

interface Located {
  /** Per slice, the first extreme element's position along the axis (flat index when reducing everything). */
  at: Int32Array;
  best: Float64Array;
  ax: number;
  len: number;
  inner: number;
  kept: number[];
  shape: number[];
}

/** Finds the first extreme element (sign 1: max, −1: min) of each slice; NaN wins, as in PyTorch. */
function locate(op: string, x: Tensor, axis: number | undefined, keepDims: boolean, sign: 1 | -1): Located {
  if (x.size === 0) throw new RangeError(`${op}: cannot reduce an empty tensor (shape [${x.shape.join(', ')}])`);
  const xd = x.data;
  const ax = axis === undefined ? -1 : normalizeAxis(op, axis, x.shape);
  const { outer, len, inner } = ax === -1 ? { outer: 1, len: x.size, inner: 1 } : around(x.shape, ax);
  const best = new Float64Array(outer * inner),
    at = new Int32Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let b = xd[o * len * inner + i]!,
        k0 = 0;
      for (let k = 1; k < len && b === b; k++) {
        const v = xd[(o * len + k) * inner + i]!;
        if (sign * (v - b) > 0 || v !== v) [b, k0] = [v, k];
      }
      best[o * inner + i] = b;
      at[o * inner + i] = k0;
    }
  }
  const kept = ax === -1 ? x.shape.map(() => 1) : reducedShape(x.shape, ax, true);
  const shape = keepDims ? kept : ax === -1 ? [] : reducedShape(x.shape, ax, false);
  return { at, best, ax, len, inner, kept, shape };
}

function extreme(op: 'max' | 'min', x: Tensor, axis: number | undefined, keepDims: boolean, sign: 1 | -1): Tensor {
  const { at, best, ax, len, inner, kept, shape } = locate(op, x, axis, keepDims, sign);
  // A 0/1 mask of the chosen elements (piecewise constant), or 1/k on each of k tied maxima: g·mask is linear in g.
  return Tensor.fromGradientOp(op, best, shape, [x], (g, [input]) => {
    const mask = new Float64Array(input!.size);
    if (ax === -1) {
      let ties = 0;
      for (let j = 0; j < mask.length; j++) if (input!.data[j] === best[0]) ties++;
      for (let j = 0; j < mask.length; j++) if (input!.data[j] === best[0] || ties === 0) mask[j] = ties === 0 ? +(j === at[0]) : 1 / ties;
    } else for (let s = 0; s < at.length; s++) mask[(Math.floor(s / inner) * len + at[s]!) * inner + (s % inner)] = 1;
    return [g.reshape(kept).mul(piecewiseConstant(`arg${op}`, mask, input!))];
  });
}
