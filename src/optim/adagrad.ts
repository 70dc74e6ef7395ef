import type { Tensor } from '../tensor/tensor.ts';
import { chain, named } from './chain.ts';
import { addL2 } from './decay.ts';
import { scaleByLr } from './learning-rate.ts';
import { Optimizer } from './optimizer.ts';
import type { Transform } from './transform.ts';
import { stepTransform } from './pending-step.ts';

export type AdaGradOptions = { lr: number; eps: number; initialAccumulator: number; weightDecay: number };
export type AdaGradState = { sum: Float64Array };

/**
 * AdaGrad's preconditioner (Duchi et al., 2011):
 *
 *     s ← s + g²                 (s starts at initialAccumulator)
 *     u ← g / (√s + eps)
 *
 * The division is left pending so the learning rate multiplies g first: PyTorch's
 * `param.addcdiv_(g, std, value=−lr)` is (−lr·g)/std, which rounds differently from −lr·(g/std).
 */
export function scaleByAdaGrad({ eps = 1e-10, initialAccumulator = 0 }: Partial<AdaGradOptions> = {}): Transform<AdaGradOptions> {
  return stepTransform({
    name: 'scaleByAdaGrad',
    defaults: { eps, initialAccumulator },
    validate(check) {
      check.positive('eps');
      check.nonNegative('initialAccumulator');
    },
    buffers: (hyper) => [{ name: 'sum', initial: hyper.initialAccumulator, label: 'G' }],
    update(p, { eps: e }) {
      const sum = p.state.sum!,
        g = p.u,
        den = p.denominator();
      for (let i = 0; i < sum.length; i++) {
        const s = sum[i]! + 1 * g[i]! * g[i]!; // state_sum.addcmul_(g, g, value=1)
        sum[i] = s;
        den[i] = Math.sqrt(s) + e; // std = state_sum.sqrt().add_(eps)
      }
    },
  });
}

/**
 * AdaGrad (PyTorch's `Adagrad` with lr_decay 0): `chain(addL2(), scaleByAdaGrad(), scaleByLr())`,
 *
 *     g ← ∇θ + wd·θ              (L2 weight decay, only when wd > 0)
 *     s ← s + g²
 *     θ ← θ − lr·g / (√s + eps)
 *
 * Each coordinate's step shrinks with the total squared gradient it has seen.
 */
export const adagradRule = named<AdaGradOptions>('AdaGrad', chain(addL2(), scaleByAdaGrad(), scaleByLr()), {
  lr: 0.01,
  eps: 1e-10,
  initialAccumulator: 0,
  weightDecay: 0,
});

/** `new AdaGrad(params, { lr = 0.01, eps = 1e-10, initialAccumulator = 0, weightDecay = 0 })`. */
export class AdaGrad extends Optimizer<AdaGradOptions, AdaGradState> {
  constructor(params: Iterable<Tensor>, options: Partial<AdaGradOptions> = {}) {
    super(adagradRule, params, options);
  }
}
