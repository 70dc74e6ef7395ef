import { describe, expect, it } from 'vitest';
import { Adam, LRScheduler, Optimizer, addL2, chain, cosineDecay, linearWarmup, scaleByAdam, scaleByLr } from '../../src/optim/index.ts';
import { tensor, Tensor } from '../../src/tensor/index.ts';
import { FixtureModel } from './fixture-model.ts';

describe('scaleByLr', () => {
  const schedule = () => linearWarmup({ warmupSteps: 3, after: cosineDecay({ totalSteps: 10, minFactor: 0.1 }) });

  it('with a schedule inside the chain, gives bit for bit what LRScheduler gives from outside', () => {
    const inside = new FixtureModel(),
      outside = new FixtureModel();
    const a = new Optimizer(chain(addL2(), scaleByAdam(), scaleByLr(schedule())), inside.params, { lr: 0.01, weightDecay: 0.01 });
    const b = new Adam(outside.params, { lr: 0.01, weightDecay: 0.01 });
    const sched = new LRScheduler(b, schedule());
    for (let t = 0; t < 15; t++) {
      inside.lossAndGrad();
      a.step();
      outside.lossAndGrad();
      b.step();
      sched.step();
    }
    inside.params.forEach((p, i) => expect(Array.from(p.data)).toEqual(Array.from(outside.params[i]!.data)));
  });

  it('names the step when the schedule returns something that is not a finite number ≥ 0', () => {
    const p = tensor([1], { requiresGrad: true });
    const opt = new Optimizer(
      scaleByLr((t) => (t < 1 ? 1 : NaN)),
      [p],
      { lr: 0.1 },
    );
    p.grad = new Tensor(Float64Array.of(1), p.shape);
    opt.step();
    expect(p.data[0]).toBe(0.9);
    expect(() => opt.step()).toThrow('scaleByLr: the schedule returned NaN at step 1; it must be a finite number ≥ 0');
    expect([p.data[0], opt.stepCount]).toEqual([0.9, 1]);
  });
});
