import { describe, expect, it } from 'vitest';
import { Adamax } from '../../src/optim/index.ts';
import { tensor, Tensor } from '../../src/tensor/index.ts';
import { compareWithTextbook } from './textbook.ts';

describe('Adamax', () => {
  it('u ← max(β2·u, |g| + eps), θ ← θ − lr/(1 − β1ᵗ)·m/u, two steps by hand', () => {
    const p = tensor([1], { requiresGrad: true });
    const opt = new Adamax([p]); // lr 0.002, β 0.9/0.999, eps 1e-8
    p.grad = new Tensor(new Float64Array([2]), p.shape);
    opt.step(); // m = 0.2, u = 2 + 1e-8, step = (0.002/0.1)·0.2/u
    const first = 1 - ((0.002 / 0.1) * 0.2) / (2 + 1e-8);
    expect(p.data[0]).toBeCloseTo(first, 15);
    p.grad = new Tensor(new Float64Array([-1]), p.shape);
    opt.step(); // m = 0.18 − 0.1 = 0.08, u = max(0.999·u, 1 + 1e-8)
    const u = 0.999 * (2 + 1e-8);
    expect(p.data[0]).toBeCloseTo(first - ((0.002 / (1 - 0.81)) * 0.08) / u, 15);
    expect(opt.stateOf(0)!.buffers.expInf[0]).toBeCloseTo(u, 15);
  });

  it('agrees with the textbook rule', () => {
    const options = [{ lr: 0.01 }, { lr: 0.02, beta1: 0.8, beta2: 0.99, eps: 1e-6, weightDecay: 0.05 }];
    for (const o of options) expect(compareWithTextbook('Adamax', o, (ps) => new Adamax(ps, o))).toBeLessThan(1e-12);
  });
});
