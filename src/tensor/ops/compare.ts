import { Tensor, type Operand } from '../tensor.ts';
import { broadcastMap, broadcastShapes, expand, sizeOf } from '../shape.ts';
import { asTensor } from './binary.ts';
import { piecewiseConstant } from './piecewise-constant.ts';
import { SAVES_NOTHING } from '../version.ts';

/** The operands as tensors and their values laid out in the broadcast shape. */
function broadcastAll(op: string, operands: readonly Operand[]): { tensors: Tensor[]; shape: number[]; values: Float64Array[] } {
  const tensors = operands.map((x) => asTensor(x, op));
  const shape = tensors.reduce<number[]>((s, t) => broadcastShapes(op, s, t.shape), []);
  const size = sizeOf(shape);
  return { tensors, shape, values: tensors.map((t) => expand(t.data, broadcastMap(t.shape, shape), size)) };
}

type Test = (a: number, b: number) => boolean;

/** 1 where test(a, b), else 0 (broadcasting); a comparison has no gradient, as in PyTorch. */
function compare(op: string, x: Operand, y: Operand, test: Test): Tensor {
  const {
    shape,
    values: [a, b],
  } = broadcastAll(op, [x, y]);
  const out = new Float64Array(a!.length);
  for (let i = 0; i < out.length; i++) out[i] = test(a![i]!, b![i]!) ? 1 : 0;
  return new Tensor(out, shape);
}

/** [a > b] as 0/1. */
export const gt = (a: Operand, b: Operand): Tensor => compare('gt', a, b, (u, v) => u > v);
/** [a ≥ b] as 0/1. */
export const ge = (a: Operand, b: Operand): Tensor => compare('ge', a, b, (u, v) => u >= v);
/** [a < b] as 0/1. */
export const lt = (a: Operand, b: Operand): Tensor => compare('lt', a, b, (u, v) => u < v);
/** [a ≤ b] as 0/1. */
export const le = (a: Operand, b: Operand): Tensor => compare('le', a, b, (u, v) => u <= v);
/** [a = b] as 0/1. */
export const eq = (a: Operand, b: Operand): Tensor => compare('eq', a, b, (u, v) => u === v);

/** A constant 0/1 (or ½ at ties) weight in the output's shape: part of a gradient, with derivative 0. */
function weight(op: string, data: Float64Array, shape: number[], inputs: Tensor[]): Tensor {
  return Tensor.fromGradientOp(op, data, shape, inputs, () => inputs.map(() => null), SAVES_NOTHING);
}

/** a where cond ≠ 0, else b (broadcasting all three). ∂/∂a = g·[cond], ∂/∂b = g·[¬cond]. */
export function where(cond: Operand, x: Operand, y: Operand): Tensor {
  const {
    tensors: [, a, b],
    shape,
    values: [c, av, bv],
  } = broadcastAll('where', [cond, x, y]);
  const out = new Float64Array(c!.length),
    mask = new Float64Array(c!.length);
  for (let i = 0; i < out.length; i++) {
    mask[i] = c![i] !== 0 ? 1 : 0;
    out[i] = mask[i] ? av![i]! : bv![i]!;
  }
  return Tensor.fromGradientOp(
    'where',
    out,
    shape,
    [a!, b!],
    (g, inputs) => {
      const m = weight('whereMask', mask, shape, inputs as Tensor[]);
      return [() => g.mul(m), () => g.mul(m.neg().add(1))];
    },
    SAVES_NOTHING,
  );
}

/**
 * Elementwise max(a, b) (sign = 1) or min(a, b) (sign = −1), broadcasting; NaN propagates.
 * ∂/∂a = g·w, ∂/∂b = g·(1 − w), where w = 1 where a wins, ½ at a tie (PyTorch splits it evenly), 0 else.
 */
function extremum(op: string, x: Operand, y: Operand, sign: 1 | -1): Tensor {
  const {
    tensors: [a, b],
    shape,
    values: [av, bv],
  } = broadcastAll(op, [x, y]);
  const out = new Float64Array(av!.length),
    w = new Float64Array(av!.length);
  for (let i = 0; i < out.length; i++) {
    const u = av![i]!,
      v = bv![i]!;
    w[i] = u === v ? 0.5 : sign * (u - v) > 0 || u !== u ? 1 : 0;
    out[i] = u !== u || v !== v ? NaN : w[i] ? u : v;
  }
  return Tensor.fromGradientOp(
    op,
    out,
    shape,
    [a!, b!],
    (g, inputs) => {
      const m = weight(`${op}Weight`, w, shape, inputs as Tensor[]);
      return [() => g.mul(m), () => g.mul(m.neg().add(1))];
    },
    SAVES_NOTHING,
  );
}

/** max(a, b) elementwise, broadcasting; ties split the gradient evenly. */
export const maximum = (a: Operand, b: Operand): Tensor => extremum('maximum', a, b, 1);
/** min(a, b) elementwise, broadcasting; ties split the gradient evenly. */
export const minimum = (a: Operand, b: Operand): Tensor => extremum('minimum', a, b, -1);

/** min(max(x, lo), hi) with either bound optional; ∂ = g where lo ≤ x ≤ hi (bounds included, as PyTorch), else 0. */
export function clamp(x: Tensor, min?: number | null, max?: number | null): Tensor {
  const lo = min ?? -Infinity,
    hi = max ?? Infinity;
  if (typeof lo !== 'number' || typeof hi !== 'number' || Number.isNaN(lo) || Number.isNaN(hi))
    throw new TypeError(`clamp: min and max must be numbers, got ${String(min)} and ${String(max)}`);
  if (min == null && max == null) throw new TypeError('clamp: give at least one of min and max');
  const xd = x.data,
    out = new Float64Array(xd.length),
    pass = new Float64Array(xd.length);
  for (let i = 0; i < xd.length; i++) {
    const v = xd[i]!;
    out[i] = v !== v ? v : Math.min(Math.max(v, lo), hi);
    pass[i] = v >= lo && v <= hi ? 1 : 0;
  }
  return Tensor.fromGradientOp(
    'clamp',
    out,
    x.shape,
    [x],
    (g, [input]) => [g.mul(piecewiseConstant('clampMask', pass, input!))],
    SAVES_NOTHING,
  );
}
