import type { Transform } from './transform.ts';
import { stepTransform } from './pending-step.ts';

type DecayOptions = { weightDecay: number };

/**
 * L2 weight decay, added to the gradient before the rest of the chain sees it (PyTorch's
 * `weight_decay` in SGD, Adam, AdaGrad, RMSprop, Adamax):
 *
 *     u ← u + wd·θ                  (nothing when wd = 0)
 */
export function addL2({ weightDecay = 0 }: Partial<DecayOptions> = {}): Transform<DecayOptions> {
  return {
    name: 'addL2',
    defaults: { weightDecay },
    validate: (check) => check.nonNegative('weightDecay'),
    update(p, { weightDecay: wd }) {
      if (wd === 0) return; // as PyTorch: no pass, and u keeps aliasing the gradient
      const u = p.writable(),
        theta = p.param;
      for (let i = 0; i < u.length; i++) u[i] = u[i]! + wd * theta[i]!; // grad.add(param, alpha=wd)
    },
  };
}

/**
 * Decoupled weight decay (Loshchilov & Hutter, 2019; PyTorch's `AdamW`), wherever it stands in the chain:
 *
 *     θ ← θ·(1 − lr·wd) + update
 *
 * θ is multiplied before the update is added, as PyTorch's `param.mul_(1 − lr·wd)` does; adding
 * wd·θ to the update instead (optax's form) is the same in exact arithmetic but rounds differently.
 * lr is the learning rate scaleByLr applies in this step.
 */
export function addDecayedWeights({ weightDecay = 0 }: Partial<DecayOptions> = {}): Transform<DecayOptions> {
  return stepTransform({
    name: 'addDecayedWeights',
    defaults: { weightDecay },
    pendingOnly: true,
    validate: (check) => check.nonNegative('weightDecay'),
    update(p, { weightDecay: wd }) {
      p.decoupled += wd;
    },
  });
}
