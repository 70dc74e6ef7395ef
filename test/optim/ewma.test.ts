import { describe, expect, it } from 'vitest';
import { ewma } from '../../src/optim/index.ts';

const round2 = (x: number) => Math.round(x * 100) / 100;

describe('ewma', () => {
  it("reproduces the Adam article's averages 0.3, 0.67, 0.403, 0.4627 for gradients 3, 4, −2, 1 with β 0.9", () => {
    const v = ewma([3, 4, -2, 1], 0.9);
    [0.3, 0.67, 0.403, 0.4627].forEach((x, i) => expect(v[i]).toBeCloseTo(x, 15));
  });

  it("reproduces the Adam article's RMSProp averages of squared gradients 9, 16, 4, 1: exactly 0.9, 2.41, 2.569, 2.4121", () => {
    const s = ewma([9, 16, 4, 1], 0.9);
    [0.9, 2.41, 2.569, 2.4121].forEach((x, i) => expect(s[i]).toBeCloseTo(x, 14));
  });

  it("and the seed's 2.413 comes from rounding s3 = 2.569 to 2.57 before the last step", () => {
    const [, , s3] = ewma([9, 16, 4], 0.9) as [number, number, number];
    expect(round2(s3)).toBe(2.57);
    const [s4] = ewma([1], 0.9, { initial: round2(s3) });
    expect(s4).toBeCloseTo(2.413, 15);
  });

  it('bias correction divides by 1 − βᵗ, so a constant sequence averages to itself', () => {
    const v = ewma([5, 5, 5, 5], 0.9, { biasCorrection: true });
    v.forEach((x) => expect(x).toBeCloseTo(5, 14));
    expect(ewma([3, 4], 0.9, { biasCorrection: true })[1]).toBeCloseTo(0.67 / 0.19, 14);
  });

  it('rejects a bad β, non-numbers and bias correction with a non-zero start', () => {
    expect(() => ewma([1], 1)).toThrow('ewma: beta must be in [0, 1), got 1');
    expect(() => ewma([1, 'x' as unknown as number], 0.5)).toThrow('ewma: values[1] is x, not a number');
    expect(() => ewma([1], 0.5, { biasCorrection: true, initial: 2 })).toThrow('ewma: biasCorrection assumes v_0 = 0, got initial 2');
  });
});
