import { describe, expect, it } from 'vitest';
import {
  Momentum,
  Optimizer,
  SGD,
  addDecayedWeights,
  addL2,
  chain,
  clipByGlobalNorm,
  clipGradNorm,
  cosineDecay,
  named,
  scaleByAdam,
  scaleByAdamax,
  scaleByLr,
  scaleByMomentum,
  type OptimizerStateDict,
} from '../../src/optim/index.ts';
import { tensor, Tensor } from '../../src/tensor/index.ts';
import { FixtureModel } from './fixture-model.ts';

const param = (values: number[]): Tensor => tensor(values, { requiresGrad: true });
const snapshot = (ps: readonly Tensor[]) => ps.map((p) => Array.from(p.data));

describe('chain', () => {
  it('an unnamed chain of the same transforms is the named optimizer, bit for bit', () => {
    const a = new FixtureModel(),
      b = new FixtureModel();
    const mine = new Optimizer(chain(addL2(), scaleByMomentum({ nesterov: true }), scaleByLr()), a.params, { lr: 0.05, weightDecay: 0.01 });
    const builtIn = new Momentum(b.params, { lr: 0.05, nesterov: true, weightDecay: 0.01 });
    for (let t = 0; t < 10; t++) {
      a.lossAndGrad();
      mine.step();
      b.lossAndGrad();
      builtIn.step();
    }
    expect(snapshot(a.params)).toEqual(snapshot(b.params));
    expect(mine.name).toBe('chain(addL2, scaleByMomentum, scaleByLr)');
    expect(mine.stateDict().state).toEqual(builtIn.stateDict().state);
  });

  it('refuses two buffers of one name, two defaults for one option, a chain without lr, and named() with other options', () => {
    const p = [param([1])];
    expect(() => new Optimizer(chain(scaleByAdam(), scaleByAdamax(), scaleByLr()), p, { lr: 1 })).toThrow(
      "chain: scaleByAdam and scaleByAdamax both keep a buffer named 'expAvg'; rename one",
    );
    expect(() => chain(scaleByAdam({ beta1: 0.9 }), scaleByAdamax({ beta1: 0.8 }))).toThrow(
      'chain: option beta1 has default 0.9 in one transform and 0.8 in scaleByAdamax',
    );
    expect(() => new Optimizer(scaleByAdam(), p)).toThrow('scaleByAdam: an optimizer needs an lr option; end the chain with scaleByLr()');
    expect(() => named('X', chain(addL2(), scaleByLr()), { lr: 1 })).toThrow(
      "X: options [lr] do not match the transforms' options [lr, weightDecay]",
    );
    expect(() => new Optimizer(chain(addL2(), scaleByLr()), p, { lr: 1, beta: 2 })).toThrow(
      "chain(addL2, scaleByLr): unknown option 'beta'; allowed options are weightDecay, lr",
    );
  });

  it('a chain with its own schedule resumes exactly from stateDict through JSON', () => {
    const make = (ps: Tensor[]) =>
      new Optimizer(
        chain(
          clipByGlobalNorm(1),
          addDecayedWeights({ weightDecay: 0.05 }),
          scaleByAdam({ amsgrad: true }),
          scaleByLr(cosineDecay({ totalSteps: 8 })),
        ),
        ps,
        { lr: 0.05 },
      );
    const straight = new FixtureModel(),
      first = new FixtureModel(),
      second = new FixtureModel();
    const run = (m: FixtureModel, opt: Optimizer, n: number) => {
      for (let t = 0; t < n; t++) {
        m.lossAndGrad();
        opt.step();
      }
    };
    run(straight, make(straight.params), 10);
    const opt1 = make(first.params);
    run(first, opt1, 4);
    const saved = JSON.parse(JSON.stringify({ params: snapshot(first.params), opt: opt1.stateDict() })) as {
      params: number[][];
      opt: OptimizerStateDict;
    };
    second.params.forEach((p, i) => p.data.set(saved.params[i]!));
    const opt2 = make(second.params);
    opt2.loadStateDict(saved.opt);
    run(second, opt2, 6);
    expect(snapshot(second.params)).toEqual(snapshot(straight.params));
    expect(Object.keys(saved.opt.state['0']!.buffers)).toEqual(['expAvg', 'expAvgSq', 'maxExpAvgSq']);
  });

  it('clipByGlobalNorm first is clipGradNorm then the rest of the chain', () => {
    const a = param([1, 1]),
      b = param([1]),
      c = param([1, 1]),
      d = param([1]);
    const clipped = new Optimizer(chain(clipByGlobalNorm(6.5), scaleByLr()), [a, b], { lr: 0.1 });
    const sgd = new SGD([c, d], { lr: 0.1 });
    [a, c].forEach((p) => (p.grad = new Tensor(Float64Array.of(3, 4), p.shape)));
    [b, d].forEach((p) => (p.grad = new Tensor(Float64Array.of(12), p.shape)));
    clipped.step();
    expect(clipGradNorm([c, d], 6.5)).toBe(13);
    sgd.step();
    expect(snapshot([a, b])).toEqual(snapshot([c, d]));
    expect(Array.from(a.grad!.data)).toEqual([3, 4]); // the transform clips the update, not the gradient
  });

  it('Adam followed by a transform that reads its direction: u = m̂/(√v̂ + eps) is computed, then clipped', () => {
    const p = param([0, 0]);
    const opt = new Optimizer(chain(scaleByAdam(), clipByGlobalNorm(0.5), scaleByLr()), [p], { lr: 0.1 });
    p.grad = new Tensor(Float64Array.of(3, -4), p.shape);
    opt.step(); // first step: m̂ = g, v̂ = g², so u = g/(|g| + eps) ≈ (1, −1), norm √2, clipped to 0.5/(√2 + 1e-6)
    const u = [3 / (3 + 1e-8), -4 / (4 + 1e-8)],
      coef = 0.5 / (Math.hypot(...u) + 1e-6);
    expect(p.data[0]).toBeCloseTo(-0.1 * u[0]! * coef, 15);
    expect(p.data[1]).toBeCloseTo(-0.1 * u[1]! * coef, 15);
  });
});
