import type { Tensor } from '../tensor/tensor.ts';
import { Optimizer, type UpdateRule } from './optimizer.ts';

export type MomentumOptions = { lr: number; momentum: number; nesterov: boolean; weightDecay: number };

/**
 * SGD with momentum, PyTorch's form (`SGD(momentum=μ, dampening=0)`):
 *
 *     g ← ∇θ + wd·θ                       (L2 weight decay, only when wd > 0)
 *     v ← g on the first step, else v ← μ·v + g
 *     θ ← θ − lr·v                        (Nesterov: θ ← θ − lr·(g + μ·v))
 *
 * At a constant learning rate η this is the Adam article's form u ← ρ·u − η·g, θ ← θ + u with ρ = μ.
 * By induction u_t = −η·v_t: u_1 = −η·g_1 = −η·v_1, and u_t = ρ·u_{t−1} − η·g_t =
 * −η·(μ·v_{t−1} + g_t) = −η·v_t, so θ + u_t = θ − η·v_t. (When η changes between steps the two
 * differ: here the whole buffer is scaled by the current η, in the Adam article's form only the new gradient.)
 */
export type MomentumState = { velocity: Float64Array };

export const momentumRule: UpdateRule<MomentumOptions, MomentumState> = {
  name: 'Momentum',
  defaults: { momentum: 0.9, nesterov: false, weightDecay: 0 },
  required: ['lr'],
  validate(check, { momentum, nesterov }) {
    check.unitInterval('momentum');
    check.flag('nesterov');
    check.nonNegative('weightDecay');
    if (nesterov && momentum === 0) {
      throw new RangeError(`Momentum: option nesterov requires momentum > 0, got momentum ${momentum}`);
    }
  },
  init: (size) => ({ velocity: new Float64Array(size) }),
  update(param, grad, state, { lr, momentum, nesterov, weightDecay }, t) {
    const v = state.velocity;
    const alpha = -lr;
    for (let i = 0; i < param.length; i++) {
      const p = param[i]!;
      const g = weightDecay !== 0 ? grad[i]! + weightDecay * p : grad[i]!;
      const vi = t === 1 ? g : v[i]! * momentum + g; // PyTorch: buf = clone(g), then buf.mul_(μ).add_(g)
      v[i] = vi;
      param[i] = p + alpha * (nesterov ? g + momentum * vi : vi);
    }
  },
};

/** `new Momentum(params, { lr, momentum = 0.9, nesterov = false, weightDecay = 0 })`. */
export class Momentum extends Optimizer<MomentumOptions, MomentumState> {
  constructor(params: Iterable<Tensor>, options: Partial<MomentumOptions> & { lr: number }) {
    super(momentumRule, params, options);
  }
}
