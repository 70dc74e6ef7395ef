import type { Tensor } from '../tensor/tensor.ts';
import { Optimizer, type UpdateRule } from './optimizer.ts';

export type RMSPropOptions = {
  lr: number; beta: number; eps: number; momentum: number; centered: boolean; weightDecay: number;
};

/**
 * RMSProp (Hinton's lecture 6e; PyTorch's `RMSprop`, whose `alpha` is `beta` here):
 *
 *     g ← ∇θ + wd·θ                  (L2 weight decay, only when wd > 0)
 *     s ← β·s + (1 − β)·g²
 *     d ← √s + eps                   (centered: ḡ ← β·ḡ + (1 − β)·g, d ← √(s − ḡ²) + eps)
 *     θ ← θ − lr·g / d               (momentum μ > 0: b ← μ·b + g/d, θ ← θ − lr·b)
 *
 * eps is added after the square root, as PyTorch does (TensorFlow adds it inside).
 */
/** momentumBuffer exists iff momentum > 0, gradAvg iff centered (as in PyTorch's state). */
export type RMSPropState = { squareAvg: Float64Array; momentumBuffer?: Float64Array; gradAvg?: Float64Array };

export const rmspropRule: UpdateRule<RMSPropOptions, RMSPropState> = {
  name: 'RMSProp',
  defaults: { lr: 0.01, beta: 0.9, eps: 1e-8, momentum: 0, centered: false, weightDecay: 0 },
  validate(check) {
    check.unitInterval('beta');
    check.positive('eps');
    check.unitInterval('momentum');
    check.flag('centered');
    check.nonNegative('weightDecay');
  },
  init(size, { momentum, centered }) {
    const state: RMSPropState = { squareAvg: new Float64Array(size) };
    if (momentum > 0) state.momentumBuffer = new Float64Array(size);
    if (centered) state.gradAvg = new Float64Array(size);
    return state;
  },
  update(param, grad, state, { lr, beta, eps, momentum, centered, weightDecay }) {
    const sq = state.squareAvg;
    const buf = state.momentumBuffer; // present iff momentum > 0 (init and loadStateDict ensure it)
    const avgGrad = state.gradAvg; // present iff centered
    const alpha = -lr;
    const oneMinusBeta = 1 - beta;
    for (let i = 0; i < param.length; i++) {
      const p = param[i]!;
      const g = weightDecay !== 0 ? grad[i]! + weightDecay * p : grad[i]!;
      const s = sq[i]! * beta + oneMinusBeta * g * g; // square_avg.mul_(α).addcmul_(g, g, value=1−α)
      sq[i] = s;
      let d: number;
      if (centered) {
        const m = avgGrad![i]! * beta + oneMinusBeta * g; // grad_avg.mul_(α).add_(g, alpha=1−α)
        avgGrad![i] = m;
        d = Math.sqrt(s + -1 * m * m) + eps; // square_avg.addcmul(ḡ, ḡ, value=−1).sqrt_().add_(eps)
      } else {
        d = Math.sqrt(s) + eps;
      }
      if (momentum > 0) {
        const b = buf![i]! * momentum + (1 * g) / d; // buf.mul_(μ).addcdiv_(g, avg)
        buf![i] = b;
        param[i] = p + alpha * b;
      } else {
        param[i] = p + (alpha * g) / d;
      }
    }
  },
};

/** `new RMSProp(params, { lr = 0.01, beta = 0.9, eps = 1e-8, momentum = 0, centered = false, weightDecay = 0 })`. */
export class RMSProp extends Optimizer<RMSPropOptions, RMSPropState> {
  constructor(params: Iterable<Tensor>, options: Partial<RMSPropOptions> = {}) {
    super(rmspropRule, params, options);
  }
}
