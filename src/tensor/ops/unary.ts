import { Tensor } from '../tensor.ts';

/**
 * Elementwise op builder: `forward` maps one value, `local` gives ∂out/∂in from the input and
 * output values. The chain rule (g · local) is applied here once for every unary op.
 */
function unaryOp(name: string, x: Tensor, forward: (v: number) => number, local: (v: number, out: number) => number): Tensor {
  const n = x.size, xd = x.data;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = forward(xd[i]!);
  return Tensor.fromOp(name, out, x.shape, [x], (g) => {
    const gx = new Float64Array(n);
    for (let i = 0; i < n; i++) gx[i] = g[i]! * local(xd[i]!, out[i]!);
    return [gx];
  });
}

/** −x; ∂ = −1. */
export const neg = (x: Tensor): Tensor => unaryOp('neg', x, (v) => -v, () => -1);

/** eˣ; ∂ = eˣ. */
export const exp = (x: Tensor): Tensor => unaryOp('exp', x, Math.exp, (_v, out) => out);

/** ln x; ∂ = 1/x. */
export const log = (x: Tensor): Tensor => unaryOp('log', x, Math.log, (v) => 1 / v);

/** √x; ∂ = 1/(2√x). */
export const sqrt = (x: Tensor): Tensor => unaryOp('sqrt', x, Math.sqrt, (_v, out) => 0.5 / out);

/** |x|; ∂ = sign(x) (0 at 0, as PyTorch). */
export const abs = (x: Tensor): Tensor => unaryOp('abs', x, Math.abs, (v) => Math.sign(v));

/** tanh x; ∂ = 1 − tanh²x. */
export const tanh = (x: Tensor): Tensor => unaryOp('tanh', x, Math.tanh, (_v, out) => 1 - out * out);

/** σ(x) = 1/(1 + e⁻ˣ); ∂ = σ(1 − σ). Written per sign so e^|x| never overflows. */
export const sigmoid = (x: Tensor): Tensor =>
  unaryOp('sigmoid', x, (v) => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v))), (_v, out) => out * (1 - out));

/** max(x, 0); ∂ = 1 where x > 0, else 0. NaN passes through (as in PyTorch) rather than becoming 0. */
export const relu = (x: Tensor): Tensor => unaryOp('relu', x, (v) => (v > 0 || v !== v ? v : 0), (v) => (v > 0 ? 1 : 0));

/** xᵖ for a constant p; ∂ = p·xᵖ⁻¹. */
export function pow(x: Tensor, p: number): Tensor {
  if (typeof p !== 'number' || Number.isNaN(p)) throw new TypeError(`pow: exponent must be a number, got ${String(p)}`);
  if (p === 2) return unaryOp('pow', x, (v) => v * v, (v) => 2 * v);
  // p = 0: the derivative is 0 everywhere (PyTorch too), not 0·x⁻¹ = NaN at x = 0.
  if (p === 0) return unaryOp('pow', x, () => 1, () => 0);
  return unaryOp('pow', x, (v) => Math.pow(v, p), (v) => p * Math.pow(v, p - 1));
}
