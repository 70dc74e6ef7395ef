import { type Tensor, topHessianEigenvalue } from 'gradlab';
import type { MethodSettings } from '../state/methods.ts';

/**
 * Steps between two sharpness measurements. One λ_max costs about a dozen training steps of the
 * default 2→16→16→2 MLP (power iteration, each iteration one double backward over the training
 * set), so measuring every 25 steps keeps training at about two thirds of its speed and no frame
 * waits on more than one measurement.
 */
export const SHARPNESS_EVERY = 25;

/** Power iteration's budget: on the playground's MLPs it stops after 7 to 10 products, within 1e-5 of λ_max (relative). */
export const SHARPNESS_OPTIONS = { iterations: 50, tolerance: 1e-5, seed: 0 } as const;

/** λ_max of the Hessian of `loss` (the whole training set's loss) with respect to `params`. */
export function sharpness(loss: Tensor, params: Tensor[]): number {
  return topHessianEigenvalue(loss, params, SHARPNESS_OPTIONS).eigenvalue;
}

/**
 * The sharpness above which the method's step, at learning rate `lr`, diverges on a quadratic with
 * that curvature (full batch): 2/η for gradient descent; (2 + 2μ)/η for heavy-ball momentum
 * (PyTorch's b ← μb + g, θ ← θ − ηb); (2 + 2μ)/((1 + 2μ)η) for Nesterov. Adaptive methods divide
 * each coordinate's step by their own running scale, so their limit is on a preconditioned Hessian,
 * not on λ_max: null.
 */
export function stabilityLimit(s: MethodSettings, lr: number): number | null {
  switch (s.method) {
    case 'gd':
    case 'sgd':
    case 'minibatch':
      return 2 / lr;
    case 'momentum':
      return s.nesterov && s.momentum > 0 ? (2 + 2 * s.momentum) / ((1 + 2 * s.momentum) * lr) : (2 + 2 * s.momentum) / lr;
    default:
      return null;
  }
}

/** The limit's formula as the chart's key and caption name it. */
export function limitName(s: MethodSettings): string | null {
  if (s.method === 'momentum') return s.nesterov && s.momentum > 0 ? '(2 + 2μ)/((1 + 2μ)η)' : '(2 + 2μ)/η';
  return stabilityLimit(s, 1) === null ? null : '2/η';
}
