import { describe, expect, it } from 'vitest';
import { RMSProp } from '../../src/optim/index.ts';
import { tensor, Tensor } from '../../src/tensor/index.ts';
import { compareWithTextbook } from './textbook.ts';

describe('RMSProp', () => {
  it("keeps the Adam article's squared-gradient averages 0.9, 2.41, 2.569, 2.4121 for gradients 3, 4, −2, 1", () => {
    const p = tensor([1], { requiresGrad: true });
    const opt = new RMSProp([p], { lr: 0.01, beta: 0.9 });
    const averages = [3, 4, -2, 1].map((g) => {
      p.grad = new Tensor(new Float64Array([g]), p.shape);
      opt.step();
      return opt.stateOf(0)!.buffers.squareAvg[0]!;
    });
    [0.9, 2.41, 2.569, 2.4121].forEach((v, i) => expect(averages[i]).toBeCloseTo(v, 14));
  });

  it('first step θ ← θ − lr·g/(√((1 − β)g²) + eps), by hand', () => {
    const p = tensor([1], { requiresGrad: true });
    const opt = new RMSProp([p], { lr: 0.01 });
    p.grad = new Tensor(new Float64Array([3]), p.shape);
    opt.step();
    expect(p.data[0]).toBeCloseTo(1 - (0.01 * 3) / (Math.sqrt(0.9) + 1e-8), 15);
  });

  it('centered divides by √(s − ḡ²) + eps: first step √(0.9 − 0.09) = 0.9', () => {
    const p = tensor([1], { requiresGrad: true });
    const opt = new RMSProp([p], { lr: 0.01, centered: true });
    p.grad = new Tensor(new Float64Array([3]), p.shape);
    opt.step();
    expect(p.data[0]).toBeCloseTo(1 - (0.01 * 3) / (0.9 + 1e-8), 15);
    expect(Object.keys(opt.stateOf(0)!.buffers).sort()).toEqual(['gradAvg', 'squareAvg']);
  });

  it('momentum accumulates b ← μ·b + g/d and steps θ ← θ − lr·b', () => {
    const p = tensor([1], { requiresGrad: true });
    const opt = new RMSProp([p], { lr: 0.01, momentum: 0.5 });
    p.grad = new Tensor(new Float64Array([3]), p.shape);
    opt.step();
    const b1 = 3 / (Math.sqrt(0.9) + 1e-8);
    p.grad = new Tensor(new Float64Array([1]), p.shape);
    opt.step();
    const b2 = 0.5 * b1 + 1 / (Math.sqrt(0.9 * 0.9 + 0.1) + 1e-8);
    expect(p.data[0]).toBeCloseTo(1 - 0.01 * b1 - 0.01 * b2, 15);
  });

  it('agrees with the textbook rule for momentum, centered, weight decay, other β and eps', () => {
    const options = [
      { lr: 0.01, beta: 0.9, eps: 1e-8 },
      { lr: 0.01, beta: 0.99, momentum: 0.9 },
      { lr: 0.005, centered: true },
      { lr: 0.005, beta: 0.95, eps: 1e-6, momentum: 0.5, centered: true, weightDecay: 0.01 },
    ];
    for (const o of options)
      expect(
        compareWithTextbook('RMSProp', o, (ps) => new RMSProp(ps, o)),
        JSON.stringify(o),
      ).toBeLessThan(1e-12);
  });
});
