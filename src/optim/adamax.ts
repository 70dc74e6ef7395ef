import type { Tensor } from '../tensor/tensor.ts';
import { chain, named } from './chain.ts';
import { addL2 } from './decay.ts';
import { scaleByLr } from './learning-rate.ts';
import { Optimizer } from './optimizer.ts';
import type { Transform } from './transform.ts';
import { stepTransform } from './pending-step.ts';

export type AdamaxOptions = { lr: number; beta1: number; beta2: number; eps: number; weightDecay: number };
export type AdamaxState = { expAvg: Float64Array; expInf: Float64Array };

/**
 * Adamax's scaling (Kingma & Ba, 2015, §7.1: Adam under the infinity norm):
 *
 *     m ← β1·m + (1 − β1)·g
 *     u∞ ← max(β2·u∞, |g| + eps)
 *     u ← (m / (1 − β1ᵗ)) / u∞
 *
 * Both divisions stay pending: PyTorch computes clr = lr/(1 − β1ᵗ) first, then addcdiv_(m, u∞, value=−clr).
 */
export function scaleByAdamax({ beta1 = 0.9, beta2 = 0.999, eps = 1e-8 }: Partial<AdamaxOptions> = {}): Transform<AdamaxOptions> {
  return stepTransform({
    name: 'scaleByAdamax',
    defaults: { beta1, beta2, eps },
    validate(check) {
      check.unitInterval('beta1');
      check.unitInterval('beta2');
      check.positive('eps');
    },
    buffers: () => [
      { name: 'expAvg', initial: 0, label: 'm' },
      { name: 'expInf', initial: 0, label: 'u' },
    ],
    update(p, { beta1: b1, beta2: b2, eps: e }) {
      const m = p.state.expAvg!,
        u = p.state.expInf!,
        g = p.u;
      const oneMinusBeta1 = 1 - b1;
      for (let i = 0; i < m.length; i++) {
        const gi = g[i]!;
        m[i] = m[i]! * b1 + oneMinusBeta1 * gi;
        u[i] = Math.max(u[i]! * b2, Math.abs(gi) + e); // amax(cat([u·β2, |g| + eps]))
      }
      p.use(m);
      p.den = u;
      p.div *= 1 - b1 ** p.t;
    },
    inspect: (state, { beta1: b1 }, t) => ({ mHat: state.expAvg!.map((x) => x / (1 - b1 ** t)) }),
  });
}

/**
 * Adamax (PyTorch's `Adamax`): `chain(addL2(), scaleByAdamax(), scaleByLr())`,
 *
 *     g ← ∇θ + wd·θ                       (L2 weight decay, only when wd > 0)
 *     m ← β1·m + (1 − β1)·g,   u ← max(β2·u, |g| + eps)
 *     θ ← θ − (lr / (1 − β1ᵗ))·m / u
 */
export const adamaxRule = named<AdamaxOptions>('Adamax', chain(addL2(), scaleByAdamax(), scaleByLr()), {
  lr: 0.002,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  weightDecay: 0,
});

/** `new Adamax(params, { lr = 0.002, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0 })`. */
export class Adamax extends Optimizer<AdamaxOptions, AdamaxState> {
  constructor(params: Iterable<Tensor>, options: Partial<AdamaxOptions> = {}) {
    super(adamaxRule, params, options);
  }
}
