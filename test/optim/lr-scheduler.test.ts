import { describe, expect, it } from 'vitest';
import { Adam, LRScheduler, SGD, exponentialDecay, inverseSqrtDecay, stepDecay } from '../../src/optim/index.ts';
import { tensor, Tensor } from '../../src/tensor/index.ts';
import { jsonRoundTrip } from '../support/json.ts';

describe('LRScheduler', () => {
  it('sets lr = baseLr·schedule(count) at construction and after every step', () => {
    const opt = new Adam([tensor([1], { requiresGrad: true })], { lr: 0.1 });
    const sched = new LRScheduler(opt, stepDecay({ stepSize: 2, gamma: 0.5 }));
    const seen = [opt.lr];
    for (let i = 0; i < 4; i++) {
      sched.step();
      seen.push(opt.lr);
    }
    expect(seen).toEqual([0.1, 0.1, 0.05, 0.05, 0.025]);
    expect([sched.baseLr, sched.count, sched.lr]).toEqual([0.1, 4, 0.025]);
  });

  it("drives SGD with the Adam paper's lr/√t: θ = −lr·(1 + 1/√2 + 1/√3 + 1/2) after 4 unit gradients", () => {
    const p = tensor([0], { requiresGrad: true });
    const opt = new SGD([p], { lr: 0.3 });
    const sched = new LRScheduler(opt, inverseSqrtDecay());
    for (let k = 1; k <= 4; k++) {
      p.grad = new Tensor(new Float64Array([1]), p.shape);
      opt.step();
      sched.step();
    }
    expect(p.data[0]).toBeCloseTo(-0.3 * (1 + Math.SQRT1_2 + 1 / Math.sqrt(3) + 0.5), 15);
  });

  it('stateDict / loadStateDict restore the count and base lr', () => {
    const opt = new SGD([tensor([1], { requiresGrad: true })], { lr: 1 });
    const sched = new LRScheduler(opt, exponentialDecay({ gamma: 0.5 }));
    sched.step();
    sched.step();
    const saved = jsonRoundTrip(sched.stateDict());
    expect(saved).toEqual({ baseLr: 1, count: 2 });
    const opt2 = new SGD([tensor([1], { requiresGrad: true })], { lr: 1 });
    const sched2 = new LRScheduler(opt2, exponentialDecay({ gamma: 0.5 }));
    sched2.loadStateDict(saved);
    expect(opt2.lr).toBe(0.25);
    expect(() => sched2.loadStateDict({ baseLr: 1, count: 1.5 })).toThrow(
      'LRScheduler.loadStateDict: count must be an integer ≥ 0, got 1.5',
    );
  });

  it('rejects a schedule that returns a negative or non-finite multiplier', () => {
    const opt = new SGD([tensor([1], { requiresGrad: true })], { lr: 1 });
    expect(() => new LRScheduler(opt, () => NaN)).toThrow(
      'LRScheduler: the schedule returned NaN at step 0; it must be a finite number ≥ 0',
    );
    const sched = new LRScheduler(opt, (t) => 1 - t);
    expect(() => {
      sched.step();
      sched.step();
    }).toThrow('the schedule returned -1 at step 2');
  });
});
