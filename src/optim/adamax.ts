import type { Tensor } from '../tensor/tensor.ts';
import { Optimizer, type UpdateRule } from './optimizer.ts';

export type AdamaxOptions = { lr: number; beta1: number; beta2: number; eps: number; weightDecay: number };

/**
 * Adamax (Kingma & Ba, 2015, §7.1: Adam under the infinity norm; PyTorch's `Adamax`):
 *
 *     g ← ∇θ + wd·θ                       (L2 weight decay, only when wd > 0)
 *     m ← β1·m + (1 − β1)·g
 *     u ← max(β2·u, |g| + eps)
 *     θ ← θ − (lr / (1 − β1ᵗ))·m / u
 */
export type AdamaxState = { expAvg: Float64Array; expInf: Float64Array };

export const adamaxRule: UpdateRule<AdamaxOptions, AdamaxState> = {
  name: 'Adamax',
  defaults: { lr: 0.002, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 },
  validate(check) {
    check.unitInterval('beta1');
    check.unitInterval('beta2');
    check.positive('eps');
    check.nonNegative('weightDecay');
  },
  init: (size) => ({ expAvg: new Float64Array(size), expInf: new Float64Array(size) }),
  update(param, grad, state, { lr, beta1, beta2, eps, weightDecay }, t) {
    const m = state.expAvg, u = state.expInf;
    const value = -(lr / (1 - beta1 ** t)); // clr = lr / bias_correction
    const oneMinusBeta1 = 1 - beta1;
    for (let i = 0; i < param.length; i++) {
      const p = param[i]!;
      const g = weightDecay !== 0 ? grad[i]! + weightDecay * p : grad[i]!;
      const mi = m[i]! * beta1 + oneMinusBeta1 * g;
      const ui = Math.max(u[i]! * beta2, Math.abs(g) + eps); // amax(cat([u·β2, |g| + eps]))
      m[i] = mi;
      u[i] = ui;
      param[i] = p + (value * mi) / ui; // param.addcdiv_(m, u, value=−clr)
    }
  },
};

/** `new Adamax(params, { lr = 0.002, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0 })`. */
export class Adamax extends Optimizer<AdamaxOptions, AdamaxState> {
  constructor(params: Iterable<Tensor>, options: Partial<AdamaxOptions> = {}) {
    super(adamaxRule, params, options);
  }
}
