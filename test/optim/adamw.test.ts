import { describe, expect, it } from 'vitest';
import { Adam, AdamW } from '../../src/optim/index.ts';
import { tensor, Tensor } from '../../src/tensor/index.ts';
import { FixtureModel } from './fixture-model.ts';
import { compareWithTextbook } from './textbook.ts';

describe('AdamW', () => {
  it('decays θ ← θ·(1 − lr·wd) before the Adam step, by hand', () => {
    const p = tensor([2], { requiresGrad: true });
    const opt = new AdamW([p], { lr: 0.1, weightDecay: 0.1 });
    p.grad = new Tensor(new Float64Array([0.5]), p.shape);
    opt.step(); // 2·0.99 = 1.98, then −0.1·0.5/(0.5 + 1e-8)
    expect(p.data[0]).toBeCloseTo(1.98 - (0.1 * 0.5) / (0.5 + 1e-8), 15);
  });

  it('defaults weightDecay to 0.01', () => {
    expect(new AdamW([tensor([1], { requiresGrad: true })]).hyperparameters.weightDecay).toBe(0.01);
  });

  it('differs from Adam with L2 decay, and equals Adam bit for bit when weightDecay is 0', () => {
    const runWith = (make: (ps: FixtureModel['params']) => { step(): void }) => {
      const model = new FixtureModel();
      const opt = make(model.params);
      for (let t = 0; t < 10; t++) {
        model.lossAndGrad();
        opt.step();
      }
      return model.params.flatMap((p) => Array.from(p.data));
    };
    const adam = runWith((ps) => new Adam(ps, { lr: 0.01 }));
    expect(runWith((ps) => new AdamW(ps, { lr: 0.01, weightDecay: 0 }))).toEqual(adam);
    const decoupled = runWith((ps) => new AdamW(ps, { lr: 0.01, weightDecay: 0.5 }));
    const l2 = runWith((ps) => new Adam(ps, { lr: 0.01, weightDecay: 0.5 }));
    expect(Math.max(...decoupled.map((v, i) => Math.abs(v - l2[i]!)))).toBeGreaterThan(1e-4);
  });

  it('agrees with the textbook rule, with and without AMSGrad', () => {
    const options = [{ lr: 0.01 }, { lr: 0.01, weightDecay: 0.1, amsgrad: true, beta1: 0.8, beta2: 0.99 }];
    for (const o of options) expect(compareWithTextbook('AdamW', o, (ps) => new AdamW(ps, o))).toBeLessThan(1e-12);
  });
});
