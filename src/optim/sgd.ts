import type { Tensor } from '../tensor/tensor.ts';
import { Optimizer, type UpdateRule } from './optimizer.ts';

export type SGDOptions = { lr: number; weightDecay: number };

/**
 * Stochastic gradient descent (PyTorch's `SGD` with momentum 0):
 *
 *     g ← ∇θ + wd·θ        (L2 weight decay, only when wd > 0)
 *     θ ← θ − lr·g
 *
 * Gradient descent, SGD and mini-batch SGD are this one rule fed batches of N, 1 or k samples
 * (see methods.ts).
 */
export const sgdRule: UpdateRule<SGDOptions, Record<string, never>> = {
  name: 'SGD',
  defaults: { weightDecay: 0 },
  required: ['lr'],
  validate(check) {
    check.nonNegative('weightDecay');
  },
  init: () => ({}),
  update(param, grad, _state, { lr, weightDecay }) {
    const alpha = -lr; // PyTorch: param.add_(d_p, alpha=-lr)
    for (let i = 0; i < param.length; i++) {
      const p = param[i]!;
      const g = weightDecay !== 0 ? grad[i]! + weightDecay * p : grad[i]!;
      param[i] = p + alpha * g;
    }
  },
};

/** `new SGD(params, { lr, weightDecay = 0 })`; lr has no default, as in PyTorch ≤ 2.1. */
export class SGD extends Optimizer<SGDOptions, Record<string, never>> {
  constructor(params: Iterable<Tensor>, options: Partial<SGDOptions> & { lr: number }) {
    super(sgdRule, params, options);
  }
}
