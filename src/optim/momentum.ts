import type { Tensor } from '../tensor/tensor.ts';
import { chain, named } from './chain.ts';
import { addL2 } from './decay.ts';
import { scaleByLr } from './learning-rate.ts';
import { Optimizer } from './optimizer.ts';
import type { Transform } from './transform.ts';

export type MomentumOptions = { lr: number; momentum: number; nesterov: boolean; weightDecay: number };
export type MomentumState = { velocity: Float64Array };

/**
 * Heavy-ball momentum in PyTorch's form (`SGD(momentum=μ, dampening=0)`), before the learning rate:
 *
 *     v ← g on the first step, else v ← μ·v + g
 *     u ← v                   (Nesterov: u ← g + μ·v)
 */
export function scaleByMomentum({ momentum = 0.9, nesterov = false }: Partial<MomentumOptions> = {}): Transform<MomentumOptions> {
  return {
    name: 'scaleByMomentum',
    defaults: { momentum, nesterov },
    validate(check, hyper) {
      check.unitInterval('momentum');
      check.flag('nesterov');
      if (hyper.nesterov && hyper.momentum === 0) {
        throw new RangeError(`${check.owner}: option nesterov requires momentum > 0, got momentum ${hyper.momentum}`);
      }
    },
    buffers: () => [{ name: 'velocity', initial: 0 }],
    update(p, { momentum: mu, nesterov: ahead }) {
      const v = p.state.velocity!,
        g = p.u,
        first = p.t === 1;
      const u = ahead ? p.writable() : v;
      for (let i = 0; i < v.length; i++) {
        const gi = g[i]!;
        const vi = first ? gi : v[i]! * mu + gi; // PyTorch: buf = clone(g), then buf.mul_(μ).add_(g)
        v[i] = vi;
        if (ahead) u[i] = gi + mu * vi;
      }
      if (!ahead) p.use(v);
    },
  };
}

/**
 * SGD with momentum: `chain(addL2(), scaleByMomentum(), scaleByLr())`, so
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
export const momentumRule = named<MomentumOptions>(
  'Momentum',
  chain(addL2(), scaleByMomentum(), scaleByLr()),
  { momentum: 0.9, nesterov: false, weightDecay: 0 },
  ['lr'],
);

/** `new Momentum(params, { lr, momentum = 0.9, nesterov = false, weightDecay = 0 })`. */
export class Momentum extends Optimizer<MomentumOptions, MomentumState> {
  constructor(params: Iterable<Tensor>, options: Partial<MomentumOptions> & { lr: number }) {
    super(momentumRule, params, options);
  }
}
