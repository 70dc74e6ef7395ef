import { Tensor } from '../tensor.ts';

/**
 * Records an elementwise op: the caller computed `out`, and `grad(g)` returns g · ∂out/∂x.
 * Every op spells out its own two loops: a per-element callback here would be a call the JIT
 * cannot inline (one call site shared by all ops), several times slower than the arithmetic.
 */
function unaryOp(name: string, x: Tensor, out: Float64Array, grad: (g: Float64Array) => Float64Array): Tensor {
  return Tensor.fromOp(name, out, x.shape, [x], (g) => [grad(g)]);
}

/** −x; ∂ = −1. */
export function neg(x: Tensor): Tensor {
  const xd = x.data,
    n = xd.length,
    out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = -xd[i]!;
  return unaryOp('neg', x, out, (g) => {
    const gx = new Float64Array(n);
    for (let i = 0; i < n; i++) gx[i] = g[i]! * -1;
    return gx;
  });
}

/** eˣ; ∂ = eˣ. */
export function exp(x: Tensor): Tensor {
  const xd = x.data,
    n = xd.length,
    out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.exp(xd[i]!);
  return unaryOp('exp', x, out, (g) => {
    const gx = new Float64Array(n);
    for (let i = 0; i < n; i++) gx[i] = g[i]! * out[i]!;
    return gx;
  });
}

/** ln x; ∂ = 1/x. */
export function log(x: Tensor): Tensor {
  const xd = x.data,
    n = xd.length,
    out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.log(xd[i]!);
  return unaryOp('log', x, out, (g) => {
    const gx = new Float64Array(n);
    for (let i = 0; i < n; i++) gx[i] = g[i]! * (1 / xd[i]!);
    return gx;
  });
}

/** √x; ∂ = 1/(2√x). */
export function sqrt(x: Tensor): Tensor {
  const xd = x.data,
    n = xd.length,
    out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(xd[i]!);
  return unaryOp('sqrt', x, out, (g) => {
    const gx = new Float64Array(n);
    for (let i = 0; i < n; i++) gx[i] = g[i]! * (0.5 / out[i]!);
    return gx;
  });
}

/** |x|; ∂ = sign(x) (0 at 0, as PyTorch). */
export function abs(x: Tensor): Tensor {
  const xd = x.data,
    n = xd.length,
    out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.abs(xd[i]!);
  return unaryOp('abs', x, out, (g) => {
    const gx = new Float64Array(n);
    for (let i = 0; i < n; i++) gx[i] = g[i]! * Math.sign(xd[i]!);
    return gx;
  });
}

/** tanh x; ∂ = 1 − tanh²x. */
export function tanh(x: Tensor): Tensor {
  const xd = x.data,
    n = xd.length,
    out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.tanh(xd[i]!);
  return unaryOp('tanh', x, out, (g) => {
    const gx = new Float64Array(n);
    for (let i = 0; i < n; i++) gx[i] = g[i]! * (1 - out[i]! * out[i]!);
    return gx;
  });
}

/** σ(x) = 1/(1 + e⁻ˣ); ∂ = σ(1 − σ). Written per sign so e^|x| never overflows. */
export function sigmoid(x: Tensor): Tensor {
  const xd = x.data,
    n = xd.length,
    out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = xd[i]!;
    out[i] = v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
  }
  return unaryOp('sigmoid', x, out, (g) => {
    const gx = new Float64Array(n);
    for (let i = 0; i < n; i++) gx[i] = g[i]! * (out[i]! * (1 - out[i]!));
    return gx;
  });
}

/** max(x, 0); ∂ = 1 where x > 0, else 0. NaN passes through (as in PyTorch) rather than becoming 0. */
export function relu(x: Tensor): Tensor {
  const xd = x.data,
    n = xd.length,
    out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = xd[i]!;
    out[i] = v > 0 || v !== v ? v : 0;
  }
  return unaryOp('relu', x, out, (g) => {
    const gx = new Float64Array(n);
    for (let i = 0; i < n; i++) gx[i] = g[i]! * (xd[i]! > 0 ? 1 : 0);
    return gx;
  });
}

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
  return unaryOp('pow', x, out, (g) => {
    const gx = new Float64Array(n);
    if (p === 2) for (let i = 0; i < n; i++) gx[i] = g[i]! * (2 * xd[i]!);
    else if (p === 0) for (let i = 0; i < n; i++) gx[i] = g[i]! * 0;
    else for (let i = 0; i < n; i++) gx[i] = g[i]! * (p * Math.pow(xd[i]!, p - 1));
    return gx;
  });
}
