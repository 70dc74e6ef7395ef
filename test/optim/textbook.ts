import type { Tensor } from '../../src/tensor/index.ts';
import type { Optimizer } from '../../src/optim/index.ts';
import { FixtureModel, maxRelError } from './fixture-model.ts';

/**
 * Independent references: each algorithm written straight from its paper / the PyTorch docs'
 * pseudo-code, element by element, without mirroring PyTorch's order of operations. The
 * optimizers must agree with these to rounding (≈1e-13), for every option combination.
 */
type Opts = Readonly<Record<string, number | boolean | undefined>>;
type Step = (theta: Float64Array, g: Float64Array, s: Record<string, Float64Array>, t: number) => void;

const num = (o: Opts, k: string, d: number): number => (o[k] ?? d) as number;
const flag = (o: Opts, k: string): boolean => o[k] === true;

function rule(name: string, o: Opts): Step {
  const lr = o.lr as number,
    wd = num(o, 'weightDecay', name === 'AdamW' ? 0.01 : 0);
  const l2 = (g: number, th: number) => (name === 'AdamW' ? g : g + wd * th);
  return (theta, grad, s, t) => {
    for (let i = 0; i < theta.length; i++) {
      const at = (k: string) => (s[k] ??= new Float64Array(theta.length));
      if (name === 'AdamW') theta[i] = theta[i]! - lr * wd * theta[i]!;
      const g = l2(grad[i]!, theta[i]!);
      if (name === 'SGD') theta[i] = theta[i]! - lr * g;
      if (name === 'Momentum') {
        const mu = num(o, 'momentum', 0.9),
          v = at('v');
        v[i] = t === 1 ? g : mu * v[i]! + g;
        theta[i] = theta[i]! - lr * (flag(o, 'nesterov') ? g + mu * v[i]! : v[i]!);
      }
      if (name === 'AdaGrad') {
        const acc = at('s');
        if (t === 1) acc[i] = num(o, 'initialAccumulator', 0);
        acc[i] = acc[i]! + g * g;
        theta[i] = theta[i]! - (lr * g) / (Math.sqrt(acc[i]!) + num(o, 'eps', 1e-10));
      }
      if (name === 'RMSProp') {
        const b = num(o, 'beta', 0.9),
          mu = num(o, 'momentum', 0),
          sq = at('sq'),
          ga = at('ga'),
          buf = at('buf');
        sq[i] = b * sq[i]! + (1 - b) * g * g;
        ga[i] = b * ga[i]! + (1 - b) * g;
        const variance = flag(o, 'centered') ? sq[i]! - ga[i]! ** 2 : sq[i]!;
        const step = g / (Math.sqrt(variance) + num(o, 'eps', 1e-8));
        buf[i] = mu * buf[i]! + step;
        theta[i] = theta[i]! - lr * (mu > 0 ? buf[i]! : step);
      }
      if (name === 'Adam' || name === 'AdamW') {
        const b1 = num(o, 'beta1', 0.9),
          b2 = num(o, 'beta2', 0.999),
          m = at('m'),
          v = at('v'),
          vmax = at('vmax');
        m[i] = b1 * m[i]! + (1 - b1) * g;
        v[i] = b2 * v[i]! + (1 - b2) * g * g;
        vmax[i] = Math.max(vmax[i]!, v[i]!);
        const bc = o.biasCorrection !== false;
        const mHat = bc ? m[i]! / (1 - b1 ** t) : m[i]!;
        const vHat = (flag(o, 'amsgrad') ? vmax[i]! : v[i]!) / (bc ? 1 - b2 ** t : 1);
        theta[i] = theta[i]! - (lr * mHat) / (Math.sqrt(vHat) + num(o, 'eps', 1e-8));
      }
      if (name === 'Adamax') {
        const b1 = num(o, 'beta1', 0.9),
          b2 = num(o, 'beta2', 0.999),
          m = at('m'),
          u = at('u');
        m[i] = b1 * m[i]! + (1 - b1) * g;
        u[i] = Math.max(b2 * u[i]!, Math.abs(g) + num(o, 'eps', 1e-8));
        theta[i] = theta[i]! - ((lr / (1 - b1 ** t)) * m[i]!) / u[i]!;
      }
    }
  };
}

/** Runs `steps` full-batch steps on the fixture model with the optimizer and with the textbook rule; returns the worst relative disagreement in losses and final params. */
export function compareWithTextbook(name: string, options: Opts, make: (params: Tensor[]) => Optimizer, steps = 25): number {
  const ours = new FixtureModel(),
    ref = new FixtureModel();
  const opt = make(ours.params);
  const step = rule(name, options);
  const states = ref.params.map(() => ({}));
  const lossesOurs: number[] = [],
    lossesRef: number[] = [];
  for (let t = 1; t <= steps; t++) {
    lossesOurs.push(ours.lossAndGrad());
    opt.step();
    lossesRef.push(ref.lossAndGrad());
    ref.params.forEach((p, i) => step(p.data, p.grad!.data, states[i]!, t));
  }
  let worst = maxRelError(lossesOurs, lossesRef);
  ours.params.forEach((p, i) => {
    worst = Math.max(worst, maxRelError(p.data, ref.params[i]!.data, 1e-8));
  });
  return worst;
}
