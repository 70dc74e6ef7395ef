import { Tensor } from '../tensor/tensor.ts';
import { grad } from '../tensor/grad.ts';
import { formatShape, sameShape } from '../tensor/shape.ts';
import { Rng } from '../util/random.ts';

// Curvature of a loss with respect to a model's parameters θ (model.parameters()), by double
// backward: one backward that records ∇θ, then one backward through ∇θ per Hessian-vector product.
// The Hessian itself is never formed, so its size (|θ|²) does not matter.

/** v ↦ H·v for the Hessian H of `loss` with respect to `params` (v: one tensor per parameter). */
export type HessianVectorProduct = (v: readonly Tensor[]) => Tensor[];

/**
 * Prepares H·v products of a scalar `loss` with respect to `params`: records the gradient once
 * (keeping the loss's graph), after which each product costs one backward through the gradient.
 */
export function hessianVectorProduct(loss: Tensor, params: Iterable<Tensor>, call = 'hessianVectorProduct'): HessianVectorProduct {
  const ps = [...params];
  if (!(loss instanceof Tensor) || loss.size !== 1)
    throw new RangeError(
      `${call}: the loss must be a scalar Tensor${loss instanceof Tensor ? `, got shape ${formatShape(loss.shape)}` : ''}`,
    );
  if (!loss.requiresGrad)
    throw new Error(`${call}: the loss does not require grad: no parameter has requiresGrad: true, or it was computed inside noGrad`);
  const gradients = grad(loss, ps, { createGraph: true, allowUnused: true });
  // A gradient that is not part of a graph (the loss is linear in that parameter) adds nothing to H·v.
  const curved = gradients.flatMap((g, i) => (g?.requiresGrad === true ? [i] : []));
  return (v) => {
    if (v.length !== ps.length) throw new RangeError(`${call}: got ${v.length} tensors in v for ${ps.length} parameters`);
    ps.forEach((p, i) => {
      const vi = v[i]!;
      if (!(vi instanceof Tensor) || !sameShape(vi.shape, p.shape))
        throw new RangeError(
          `${call}: v[${i}] has shape ${vi instanceof Tensor ? formatShape(vi.shape) : String(vi)} but parameter ${i} has shape ${formatShape(p.shape)}`,
        );
    });
    if (curved.length === 0) return ps.map((p) => new Tensor(new Float64Array(p.size), p.shape));
    const hv = grad(
      curved.map((i) => gradients[i]!),
      ps,
      { gradOutputs: curved.map((i) => v[i]!), retainGraph: true, allowUnused: true },
    );
    return hv.map((h, i) => h ?? new Tensor(new Float64Array(ps[i]!.size), ps[i]!.shape));
  };
}

/** H·v for the Hessian of a scalar `loss` with respect to `params` (say, a model's parameters()), v shaped like them. */
export function lossHvp(loss: Tensor, params: Iterable<Tensor>, v: readonly Tensor[]): Tensor[] {
  return hessianVectorProduct(loss, params, 'lossHvp')(v);
}

export interface EigenvalueOptions {
  /** At most this many Hessian-vector products per power iteration (default 100). */
  iterations?: number;
  /** Stop when the estimate changes by at most tolerance·|λ| between iterations (default 1e-6). */
  tolerance?: number;
  /** Seed of the random start vector (default 0). */
  seed?: number;
}

export interface EigenvalueResult {
  /** λ_max, the largest eigenvalue of the Hessian. */
  eigenvalue: number;
  /** Its unit eigenvector, one tensor per parameter. */
  eigenvector: Tensor[];
  /** Hessian-vector products used. */
  iterations: number;
  converged: boolean;
}

/**
 * The largest Hessian eigenvalue λ_max of a scalar `loss` with respect to `params`, by power
 * iteration on H·v from a seeded random start: v ← Hv/‖Hv‖, λ = vᵀHv. Power iteration finds the
 * eigenvalue of largest magnitude; when that one is negative, a second run on H − λI (whose top
 * eigenvalue is λ_max − λ ≥ 0) finds λ_max. Gradient descent with step η diverges along the top
 * eigenvector once η > 2/λ_max.
 */
export function topHessianEigenvalue(loss: Tensor, params: Iterable<Tensor>, options: EigenvalueOptions = {}): EigenvalueResult {
  const iterations = options.iterations ?? 100,
    tolerance = options.tolerance ?? 1e-6;
  if (!Number.isInteger(iterations) || iterations < 1)
    throw new RangeError(`topHessianEigenvalue: iterations must be a positive integer, got ${iterations}`);
  if (!(tolerance >= 0)) throw new RangeError(`topHessianEigenvalue: tolerance must be ≥ 0, got ${tolerance}`);
  const ps = [...params];
  const hv = hessianVectorProduct(loss, ps, 'topHessianEigenvalue');
  const rng = new Rng(options.seed ?? 0);
  const start = (): Tensor[] =>
    ps.map(
      (p) =>
        new Tensor(
          Float64Array.from({ length: p.size }, () => rng.normal()),
          p.shape,
        ),
    );
  const first = powerIteration(hv, start(), iterations, tolerance);
  if (first.eigenvalue >= 0) return first;
  const shift = first.eigenvalue;
  const shifted = powerIteration((v) => hv(v).map((h, i) => h.sub(v[i]!.mul(shift))), start(), iterations, tolerance);
  return { ...shifted, eigenvalue: shifted.eigenvalue + shift, iterations: first.iterations + shifted.iterations };
}

function powerIteration(apply: HessianVectorProduct, start: Tensor[], iterations: number, tolerance: number): EigenvalueResult {
  let v = scale(start, 1 / norm(start));
  let eigenvalue = NaN;
  for (let k = 1; k <= iterations; k++) {
    const w = apply(v);
    const estimate = dot(v, w);
    const size = norm(w);
    const done = size === 0 || Math.abs(estimate - eigenvalue) <= tolerance * Math.abs(estimate);
    eigenvalue = estimate;
    if (size > 0) v = scale(w, 1 / size);
    if (done) return { eigenvalue, eigenvector: v, iterations: k, converged: true };
  }
  return { eigenvalue, eigenvector: v, iterations, converged: false };
}

function dot(a: readonly Tensor[], b: readonly Tensor[]): number {
  let s = 0;
  a.forEach((t, i) => t.data.forEach((x, j) => (s += x * b[i]!.data[j]!)));
  return s;
}

const norm = (a: readonly Tensor[]): number => Math.sqrt(dot(a, a));
const scale = (a: readonly Tensor[], c: number): Tensor[] =>
  a.map(
    (t) =>
      new Tensor(
        t.data.map((x) => x * c),
        t.shape,
      ),
  );
