import { describe, expect, it } from 'vitest';
import { PendingStep } from '../../src/optim/pending-step.ts';

const update = (theta: number[], g: number[], fusable = false): PendingStep => {
  const p = new PendingStep(0, Float64Array.from(theta), Float64Array.from(g), {}, 1, 1, {});
  p.fusable = fusable;
  return p;
};

describe('PendingStep (the rounding machinery behind ParamUpdate)', () => {
  it('u aliases the gradient until writable(), which copies it once; the gradient is never written', () => {
    const p = update([0, 0], [1, 2]);
    expect(p.u).toBe(p.grad);
    const u = p.writable();
    u[0] = 5;
    expect(p.writable()).toBe(u);
    expect(Array.from(p.grad)).toEqual([1, 2]);
    const own = Float64Array.of(7, 8);
    p.use(own);
    p.writable()[1] = 0;
    expect(Array.from(own)).toEqual([7, 8]); // a transform's buffer handed over with use() is copied before writing
  });

  it("applies a pending divisor after the scale, as PyTorch's addcdiv_: (−lr·g)/d, not −lr·(g/d)", () => {
    const p = update([0], [0.1]);
    p.denominator()[0] = 3;
    p.scale = -0.1;
    p.apply();
    expect(p.param[0]).toBe(-0.003333333333333334);
    expect(-0.1 * (0.1 / 3)).toBe(-0.0033333333333333335); // the other order: one ulp off
  });

  it('applies θ·(1 − lr·decoupled) + (scale/div)·u, and settle() folds the pending parts into u', () => {
    const p = update([2, 4], [1, -1]);
    Object.assign(p, { lr: 0.5, scale: -0.5, div: 0.25, decoupled: 0.1 });
    p.apply();
    expect(Array.from(p.param)).toEqual([2 * 0.95 - 2, 4 * 0.95 + 2]);
    const q = update([0, 0], [3, 6]);
    q.denominator().set([2, 4]);
    q.scale = 2;
    q.settle();
    expect([Array.from(q.u), q.den, q.scale]).toEqual([[3, 3], undefined, 1]);
  });

  it('fuse() is refused unless every later transform only scales (the step would skip them)', () => {
    expect(() => update([0], [1]).fuse(() => {})).toThrow('PendingStep.fuse: a transform that reads the update follows');
    const p = update([1], [1], true);
    p.fuse((q) => {
      q.param[0] = 42;
    });
    p.apply();
    expect(p.param[0]).toBe(42);
  });
});
