import { Tensor, type Gradient } from '../tensor.ts';
import { sub } from './binary.ts';
import { piecewiseConstant } from './piecewise-constant.ts';
import { SAVES_NOTHING, type Saves } from '../version.ts';

// Every op spells out its own forward loop: a per-element callback would be a call the JIT cannot
// inline (one call site shared by all ops), several times slower than the arithmetic. Each gradient
// is g · ∂out/∂x written with tensor ops, so it can be differentiated again.

/** Records an elementwise op: the caller computed `out`. */
function unaryOp(name: string, x: Tensor, out: Float64Array, gradient: Gradient, saves?: Saves): Tensor {
  return Tensor.fromGradientOp(name, out, x.shape, [x], gradient, saves);
}

/** −x; ∂ = −g. */
export function neg(x: Tensor): Tensor {
  const xd = x.data,
    n = xd.length,
    out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = -xd[i]!;
  return unaryOp('neg', x, out, negGradient, SAVES_NOTHING);
}
const negGradient: Gradient = (g) => [g.neg()];

/** eˣ; ∂ = eˣ. */
export function exp(x: Tensor): Tensor {
  const xd = x.data,
    n = xd.length,
    out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.exp(xd[i]!);
  return unaryOp('exp', x, out, expGradient);
}
const expGradient: Gradient = (g, _, out) => [g.mul(out)];

/** ln x; ∂ = g/x. */
export function log(x: Tensor): Tensor {
  const xd = x.data,
    n = xd.length,
    out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.log(xd[i]!);
  return unaryOp('log', x, out, logGradient);
}
const logGradient: Gradient = (g, [x]) => [g.div(x!)];

/** √x; ∂ = g/(2√x). */
export function sqrt(x: Tensor): Tensor {
  const xd = x.data,
    n = xd.length,
    out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(xd[i]!);
  return unaryOp('sqrt', x, out, sqrtGradient);
}
const sqrtGradient: Gradient = (g, _, out) => [g.div(out.mul(2))];

/** |x|; ∂ = sign(x) (0 at 0, as PyTorch). */
export function abs(x: Tensor): Tensor {
  const xd = x.data,
    n = xd.length,
    out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.abs(xd[i]!);
  return unaryOp('abs', x, out, absGradient);
}
const absGradient: Gradient = (g, [x]) => [g.mul(signOf(x!))];

/** tanh x; ∂ = 1 − tanh²x. */
export function tanh(x: Tensor): Tensor {
  const xd = x.data,
    n = xd.length,
    out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.tanh(xd[i]!);
  return unaryOp('tanh', x, out, tanhGradient);
}
const tanhGradient: Gradient = (g, _, out) => [tanhBackward(g, out)];

/**
 * g·(1 − y²), the gradient of y = tanh x, as one op (PyTorch's tanh_backward): one loop instead of
 * four ops on the untracked path. ∂/∂g = gg·(1 − y²), ∂/∂y = −2·gg·g·y.
 */
function tanhBackward(g: Tensor, y: Tensor): Tensor {
  const gd = g.data,
    yd = y.data,
    n = gd.length,
    out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = gd[i]! * (1 - yd[i]! * yd[i]!);
  return Tensor.fromGradientOp('tanhBackward', out, y.shape, [g, y], tanhBackwardGradient);
}
const tanhBackwardGradient: Gradient = (gg, [g, y]) => [() => tanhBackward(gg, y!), () => gg.mul(g!).mul(y!).mul(-2)];

/** σ(x) = 1/(1 + e⁻ˣ); ∂ = σ(1 − σ). Written per sign so e^|x| never overflows. */
export function sigmoid(x: Tensor): Tensor {
  const xd = x.data,
    n = xd.length,
    out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = xd[i]!;
    out[i] = v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
  }
  return unaryOp('sigmoid', x, out, sigmoidGradient);
}
const sigmoidGradient: Gradient = (g, _, out) => [sigmoidBackward(g, out)];

/** g·y(1 − y), the gradient of y = σ(x), as one op (PyTorch's sigmoid_backward). ∂/∂g = gg·y(1 − y), ∂/∂y = gg·g·(1 − 2y). */
function sigmoidBackward(g: Tensor, y: Tensor): Tensor {
  const gd = g.data,
    yd = y.data,
    n = gd.length,
    out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = gd[i]! * (yd[i]! * (1 - yd[i]!));
  return Tensor.fromGradientOp('sigmoidBackward', out, y.shape, [g, y], sigmoidBackwardGradient);
}
const sigmoidBackwardGradient: Gradient = (gg, [g, y]) => [() => sigmoidBackward(gg, y!), () => gg.mul(g!).mul(sub(1, y!.mul(2)))];

/** max(x, 0); ∂ = 1 where x > 0, else 0. NaN passes through (as in PyTorch) rather than becoming 0. */
export function relu(x: Tensor): Tensor {
  const xd = x.data,
    n = xd.length,
    out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = xd[i]!;
    out[i] = v > 0 || v !== v ? v : 0;
  }
  return unaryOp('relu', x, out, reluGradient);
}
const reluGradient: Gradient = (g, [x]) => [reluBackward(g, x!)];

/**
 * g where x > 0, else 0: the gradient of relu as one op (PyTorch's threshold_backward). It is linear
 * in g and piecewise constant in x: ∂/∂g = reluBackward(gg, x), ∂/∂x = 0.
 */
function reluBackward(g: Tensor, x: Tensor): Tensor {
  const gd = g.data,
    xd = x.data,
    n = gd.length,
    out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = xd[i]! > 0 ? gd[i]! : 0;
  return Tensor.fromGradientOp('reluBackward', out, x.shape, [g, x], reluBackwardGradient);
}
const reluBackwardGradient: Gradient = (gg, [, x]) => [() => reluBackward(gg, x!), null];

/** xᵖ for a constant p; ∂ = p·xᵖ⁻¹. */
export function pow(x: Tensor, p: number): Tensor {
  if (typeof p !== 'number' || Number.isNaN(p)) throw new TypeError(`pow: exponent must be a number, got ${String(p)}`);
  const xd = x.data,
    n = xd.length,
    out = new Float64Array(n);
  // p = 2 (squared errors) is exact as v·v; p = 0 has derivative 0 everywhere (PyTorch too), not 0·x⁻¹ = NaN at x = 0.
  if (p === 2) for (let i = 0; i < n; i++) out[i] = xd[i]! * xd[i]!;
  else if (p === 0) out.fill(1);
  else for (let i = 0; i < n; i++) out[i] = Math.pow(xd[i]!, p);
  return unaryOp('pow', x, out, (g, [base]) => [
    p === 0
      ? g.mul(piecewiseConstant('zeros', new Float64Array(n), base!))
      : p === 2
        ? g.mul(base!.mul(2))
        : g.mul(base!.pow(p - 1).mul(p)),
  ]);
}

/** sign(x) (0 at 0), with derivative 0. */
function signOf(x: Tensor): Tensor {
  const xd = x.data,
    mask = new Float64Array(xd.length);
  for (let i = 0; i < xd.length; i++) mask[i] = Math.sign(xd[i]!);
  return piecewiseConstant('sign', mask, x);
}
