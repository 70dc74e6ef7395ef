import { describe, expect, it } from 'vitest';
import { AdaGrad } from '../../src/optim/index.ts';
import { tensor, Tensor } from '../../src/tensor/index.ts';
import { compareWithTextbook } from './textbook.ts';

describe('AdaGrad', () => {
  it('s ← s + g², θ ← θ − lr·g/(√s + eps), by hand', () => {
    const p = tensor([1], { requiresGrad: true });
    const opt = new AdaGrad([p], { lr: 0.1 });
    p.grad = new Tensor(new Float64Array([3]), p.shape);
    opt.step(); // s = 9
    expect(p.data[0]).toBeCloseTo(1 - (0.1 * 3) / (3 + 1e-10), 15);
    p.grad = new Tensor(new Float64Array([4]), p.shape);
    opt.step(); // s = 25
    expect(Array.from(opt.stateOf(0)!.buffers.sum)).toEqual([25]);
    expect(p.data[0]).toBeCloseTo(1 - (0.1 * 3) / (3 + 1e-10) - (0.1 * 4) / (5 + 1e-10), 15);
  });

  it('starts the accumulator at initialAccumulator', () => {
    const p = tensor([1], { requiresGrad: true });
    const opt = new AdaGrad([p], { lr: 0.1, initialAccumulator: 16 });
    p.grad = new Tensor(new Float64Array([3]), p.shape);
    opt.step(); // s = 25, Δ = −0.1·3/5
    expect(p.data[0]).toBeCloseTo(1 - (0.1 * 3) / (5 + 1e-10), 15);
  });

  it('agrees with the textbook rule for every option', () => {
    const options = [{ lr: 0.1 }, { lr: 0.5, eps: 1e-6, initialAccumulator: 0.1, weightDecay: 0.01 }];
    for (const o of options) expect(compareWithTextbook('AdaGrad', o, (ps) => new AdaGrad(ps, o))).toBeLessThan(1e-12);
  });
});
