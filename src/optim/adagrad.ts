import type { Tensor } from '../tensor/tensor.ts';
import { Optimizer, type UpdateRule } from './optimizer.ts';

export type AdaGradOptions = { lr: number; eps: number; initialAccumulator: number; weightDecay: number };

/**
 * AdaGrad (Duchi et al., 2011; PyTorch's `Adagrad` with lr_decay 0):
 *
 *     g ← ∇θ + wd·θ              (L2 weight decay, only when wd > 0)
 *     s ← s + g²                 (s starts at initialAccumulator)
 *     θ ← θ − lr·g / (√s + eps)
 *
 * Each coordinate's step shrinks with the total squared gradient it has seen.
 */
export type AdaGradState = { sum: Float64Array };

export const adagradRule: UpdateRule<AdaGradOptions, AdaGradState> = {
  name: 'AdaGrad',
  defaults: { lr: 0.01, eps: 1e-10, initialAccumulator: 0, weightDecay: 0 },
  validate(check) {
    check.positive('eps');
    check.nonNegative('initialAccumulator');
    check.nonNegative('weightDecay');
  },
  init: (size, { initialAccumulator }) => ({ sum: new Float64Array(size).fill(initialAccumulator) }),
  update(param, grad, state, { lr, eps, weightDecay }) {
    const sum = state.sum;
    const value = -lr; // PyTorch: clr = lr / (1 + (step − 1)·0) = lr; param.addcdiv_(g, std, value=−clr)
    for (let i = 0; i < param.length; i++) {
      const p = param[i]!;
      const g = weightDecay !== 0 ? grad[i]! + weightDecay * p : grad[i]!;
      const s = sum[i]! + 1 * g * g;
      sum[i] = s;
      param[i] = p + (value * g) / (Math.sqrt(s) + eps);
    }
  },
};

/** `new AdaGrad(params, { lr = 0.01, eps = 1e-10, initialAccumulator = 0, weightDecay = 0 })`. */
export class AdaGrad extends Optimizer<AdaGradOptions, AdaGradState> {
  constructor(params: Iterable<Tensor>, options: Partial<AdaGradOptions> = {}) {
    super(adagradRule, params, options);
  }
}
