import { describe, expect, it } from 'vitest';
import { SGD } from '../../src/optim/index.ts';
import { tensor, Tensor } from '../../src/tensor/index.ts';
import { compareWithTextbook } from './textbook.ts';

describe('SGD', () => {
  it('θ ← θ − lr·g, by hand', () => {
    const p = tensor([1, -2], { requiresGrad: true });
    const opt = new SGD([p], { lr: 0.1 });
    p.grad = new Tensor(new Float64Array([0.5, 0.25]), p.shape);
    opt.step();
    expect(Array.from(p.data)).toEqual([1 - 0.1 * 0.5, -2 - 0.1 * 0.25]);
  });

  it('weight decay adds wd·θ to the gradient', () => {
    const p = tensor([1, -2], { requiresGrad: true });
    const opt = new SGD([p], { lr: 0.1, weightDecay: 0.1 });
    p.grad = new Tensor(new Float64Array([0.5, 0.25]), p.shape);
    opt.step();
    expect(p.data[0]).toBeCloseTo(1 - 0.1 * 0.6, 15);
    expect(p.data[1]).toBeCloseTo(-2 - 0.1 * 0.05, 15);
  });

  it('gradient descent on f(x) = x² contracts by (1 − 2·lr) per step', () => {
    const p = tensor([3], { requiresGrad: true });
    const opt = new SGD([p], { lr: 0.1 });
    for (let t = 0; t < 10; t++) {
      p.grad = new Tensor(new Float64Array([2 * p.data[0]!]), p.shape);
      opt.step();
    }
    expect(p.data[0]).toBeCloseTo(3 * 0.8 ** 10, 13);
  });

  it('agrees with the textbook rule on the fixture model, with and without weight decay', () => {
    for (const o of [{ lr: 0.1 }, { lr: 0.2, weightDecay: 0.05 }]) {
      expect(compareWithTextbook('SGD', o, (ps) => new SGD(ps, o))).toBeLessThan(1e-12);
    }
  });
});
