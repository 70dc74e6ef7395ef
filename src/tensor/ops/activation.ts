import { Tensor, type Gradient } from '../tensor.ts';
import { piecewiseConstant } from './piecewise-constant.ts';

// Elementwise ops with forward loops of their own (as unary.ts), and the activations built from them.

function elementwise(name: string, x: Tensor, f: (v: number) => number, gradient: Gradient): Tensor {
  const xd = x.data,
    out = new Float64Array(xd.length);
  for (let i = 0; i < xd.length; i++) out[i] = f(xd[i]!);
  return Tensor.fromGradientOp(name, out, x.shape, [x], gradient);
}

/** ln(1 + x), exact for small x; ∂ = g/(1 + x). */
export const log1p = (x: Tensor): Tensor => elementwise('log1p', x, Math.log1p, (g, [v]) => [g.div(v!.add(1))]);

/** eˣ − 1, exact for small x; ∂ = g·(out + 1). */
export const expm1 = (x: Tensor): Tensor => elementwise('expm1', x, Math.expm1, (g, _, out) => [g.mul(out.add(1))]);

/** sin x; ∂ = g·cos x. */
export const sin = (x: Tensor): Tensor => elementwise('sin', x, Math.sin, (g, [v]) => [g.mul(cos(v!))]);

/** cos x; ∂ = −g·sin x. */
export const cos = (x: Tensor): Tensor => elementwise('cos', x, Math.cos, (g, [v]) => [g.mul(sin(v!)).neg()]);

/** A 0/1 mask of `test` over x's values, with derivative 0. */
function mask(name: string, x: Tensor, test: (v: number) => boolean): Tensor {
  const xd = x.data,
    out = new Float64Array(xd.length);
  for (let i = 0; i < xd.length; i++) out[i] = test(xd[i]!) ? 1 : 0;
  return piecewiseConstant(name, out, x);
}

export interface SoftplusOptions {
  beta?: number;
  /** Above β·x > threshold the op is x itself (PyTorch's default 20). */
  threshold?: number;
}

/** log(1 + e^{βx})/β, or x where βx > threshold; ∂ = g·σ(βx) (g above the threshold). */
export function softplus(x: Tensor, options: SoftplusOptions = {}): Tensor {
  for (const key of Object.keys(options))
    if (key !== 'beta' && key !== 'threshold') throw new TypeError(`softplus: unknown option "${key}" (allowed: beta, threshold)`);
  const beta = options.beta ?? 1,
    threshold = options.threshold ?? 20;
  if (!(beta > 0) || typeof threshold !== 'number') throw new RangeError(`softplus: beta must be > 0, got ${beta}`);
  return elementwise(
    'softplus',
    x,
    (v) => (v * beta > threshold ? v : Math.log1p(Math.exp(v * beta)) / beta),
    (g, [v]) => {
      const linear = mask('softplusLinear', v!, (u) => u * beta > threshold);
      return [g.mul(v!.mul(beta).sigmoid().mul(linear.neg().add(1)).add(linear))];
    },
  );
}

/** x for x > 0, slope·x otherwise; ∂ = g·(1 or slope). */
export function leakyRelu(x: Tensor, slope = 0.01): Tensor {
  if (typeof slope !== 'number' || Number.isNaN(slope)) throw new TypeError(`leakyRelu: slope must be a number, got ${String(slope)}`);
  return elementwise(
    'leakyRelu',
    x,
    (v) => (v > 0 ? v : v * slope),
    (g, [v]) => [
      g.mul(
        mask('leakyReluSlope', v!, (u) => u > 0)
          .mul(1 - slope)
          .add(slope),
      ),
    ],
  );
}

/** x for x > 0, α(eˣ − 1) otherwise; ∂ = g·(1 or α·eˣ). */
export function elu(x: Tensor, alpha = 1): Tensor {
  if (typeof alpha !== 'number' || Number.isNaN(alpha)) throw new TypeError(`elu: alpha must be a number, got ${String(alpha)}`);
  return elementwise(
    'elu',
    x,
    (v) => (v > 0 ? v : alpha * Math.expm1(v)),
    (g, [v]) => {
      const pos = mask('eluPositive', v!, (u) => u > 0),
        neg = pos.neg().add(1);
      // exp of the negative part only: e^x for a large positive x would overflow, and ∞·0 is NaN.
      return [g.mul(pos.add(v!.mul(neg).exp().mul(neg).mul(alpha)))];
    },
  );
}

/** x·σ(x) (also called swish). */
export const silu = (x: Tensor): Tensor => x.mul(x.sigmoid());

export interface GeluOptions {
  approximate?: 'none' | 'tanh';
}

/** x·Φ(x) (Φ the standard normal CDF), or with approximate 'tanh': ½x(1 + tanh(√(2/π)(x + 0.044715x³))). */
export function gelu(x: Tensor, options: GeluOptions = {}): Tensor {
  for (const key of Object.keys(options))
    if (key !== 'approximate') throw new TypeError(`gelu: unknown option "${key}" (allowed: approximate)`);
  const approximate = options.approximate ?? 'none';
  if (approximate === 'none') return x.mul(normalCdf(x));
  if (approximate !== 'tanh') throw new RangeError(`gelu: approximate must be 'none' or 'tanh', got ${String(approximate)}`);
  return x
    .mul(
      x
        .pow(3)
        .mul(0.044715)
        .add(x)
        .mul(Math.sqrt(2 / Math.PI))
        .tanh()
        .add(1),
    )
    .mul(0.5);
}

/** Φ(x) = ½(1 + erf(x/√2)); ∂ = g·φ(x) = g·e^{−x²/2}/√(2π). */
function normalCdf(x: Tensor): Tensor {
  return elementwise(
    'normalCdf',
    x,
    (v) => 0.5 * (1 + erf(v / Math.SQRT2)),
    (g, [v]) => [
      g.mul(
        v!
          .mul(v!)
          .mul(-0.5)
          .exp()
          .mul(1 / Math.sqrt(2 * Math.PI)),
      ),
    ],
  );
}

/**
 * erf x by its series erf x = (2/√π)·e^{−x²}·Σₙ 2ⁿx^{2n+1}/(1·3·…·(2n+1)), whose terms are all of one
 * sign (no cancellation), so it is accurate to a few ulps; |x| ≥ 6 gives ±1 (erfc 6 < 3e−17).
 */
export function erf(x: number): number {
  if (x !== x) return x;
  const a = Math.abs(x);
  if (a >= 6) return Math.sign(x);
  let term = a,
    total = a;
  for (let n = 1; term > total * 1e-17; n++) total += term *= (2 * a * a) / (2 * n + 1);
  return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * Math.exp(-a * a) * total;
}
