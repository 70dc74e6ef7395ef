import type { Tensor } from '../tensor/tensor.ts';
import { chain, named } from './chain.ts';
import { addL2 } from './decay.ts';
import { scaleByLr } from './learning-rate.ts';
import { Optimizer } from './optimizer.ts';
import type { Transform } from './transform.ts';
import { stepTransform } from './pending-step.ts';

export type RMSPropOptions = {
  lr: number;
  beta: number;
  eps: number;
  momentum: number;
  centered: boolean;
  weightDecay: number;
};
/** momentumBuffer exists iff momentum > 0, gradAvg iff centered (as in PyTorch's state). */
export type RMSPropState = { squareAvg: Float64Array; momentumBuffer?: Float64Array; gradAvg?: Float64Array };

/**
 * RMSProp's preconditioner (Hinton's lecture 6e; PyTorch's `RMSprop`, whose `alpha` is `beta` here):
 *
 *     s ← β·s + (1 − β)·g²
 *     d ← √s + eps                   (centered: ḡ ← β·ḡ + (1 − β)·g, d ← √(s − ḡ²) + eps)
 *     u ← g / d                      (momentum μ > 0: b ← μ·b + g/d, u ← b)
 *
 * eps is added after the square root, as PyTorch does (TensorFlow adds it inside). Without
 * momentum g/d stays pending, so lr multiplies g before the division, as PyTorch's addcdiv_ does.
 */
export function scaleByRms({
  beta = 0.9,
  eps = 1e-8,
  momentum = 0,
  centered = false,
}: Partial<RMSPropOptions> = {}): Transform<RMSPropOptions> {
  return stepTransform({
    name: 'scaleByRms',
    defaults: { beta, eps, momentum, centered },
    validate(check) {
      check.unitInterval('beta');
      check.positive('eps');
      check.unitInterval('momentum');
      check.flag('centered');
    },
    buffers: (h) => [
      { name: 'squareAvg', initial: 0, label: 's' },
      ...(h.momentum > 0 ? [{ name: 'momentumBuffer', initial: 0, label: 'buf' }] : []),
      ...(h.centered ? [{ name: 'gradAvg', initial: 0, label: 'ḡ' }] : []),
    ],
    update(p, { beta: b, eps: e, momentum: mu, centered: c }) {
      const sq = p.state.squareAvg!,
        buf = p.state.momentumBuffer,
        avgGrad = p.state.gradAvg,
        g = p.u;
      const den = mu > 0 ? undefined : p.denominator();
      const oneMinusBeta = 1 - b;
      for (let i = 0; i < sq.length; i++) {
        const gi = g[i]!;
        const s = sq[i]! * b + oneMinusBeta * gi * gi; // square_avg.mul_(α).addcmul_(g, g, value=1−α)
        sq[i] = s;
        let d: number;
        if (c) {
          const m = avgGrad![i]! * b + oneMinusBeta * gi; // grad_avg.mul_(α).add_(g, alpha=1−α)
          avgGrad![i] = m;
          d = Math.sqrt(s + -1 * m * m) + e; // square_avg.addcmul(ḡ, ḡ, value=−1).sqrt_().add_(eps)
        } else {
          d = Math.sqrt(s) + e;
        }
        if (den !== undefined) den[i] = d;
        else buf![i] = buf![i]! * mu + (1 * gi) / d; // buf.mul_(μ).addcdiv_(g, avg)
      }
      if (den === undefined) p.use(buf!);
    },
  });
}

/**
 * RMSProp: `chain(addL2(), scaleByRms(), scaleByLr())`,
 *
 *     g ← ∇θ + wd·θ                  (L2 weight decay, only when wd > 0)
 *     s ← β·s + (1 − β)·g²
 *     θ ← θ − lr·g / (√s + eps)      (centered and momentum as in scaleByRms)
 */
export const rmspropRule = named<RMSPropOptions>('RMSProp', chain(addL2(), scaleByRms(), scaleByLr()), {
  lr: 0.01,
  beta: 0.9,
  eps: 1e-8,
  momentum: 0,
  centered: false,
  weightDecay: 0,
});

/** `new RMSProp(params, { lr = 0.01, beta = 0.9, eps = 1e-8, momentum = 0, centered = false, weightDecay = 0 })`. */
export class RMSProp extends Optimizer<RMSPropOptions, RMSPropState> {
  constructor(params: Iterable<Tensor>, options: Partial<RMSPropOptions> = {}) {
    super(rmspropRule, params, options);
  }
}
