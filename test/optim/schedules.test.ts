import { describe, expect, it } from 'vitest';
import {
  constantSchedule,
  cosineDecay,
  exponentialDecay,
  inverseSqrtDecay,
  linearWarmup,
  stepDecay,
  type Schedule,
} from '../../src/optim/index.ts';

const values = (s: Schedule, n: number) => Array.from({ length: n }, (_, t) => s(t));

describe('schedules (step count → lr multiplier)', () => {
  it('constantSchedule is 1', () => {
    expect(values(constantSchedule(), 3)).toEqual([1, 1, 1]);
  });

  it('stepDecay multiplies by γ every stepSize steps', () => {
    expect(values(stepDecay({ stepSize: 3, gamma: 0.5 }), 8)).toEqual([1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25]);
    expect(stepDecay({ stepSize: 2 })(2)).toBe(0.1);
  });

  it('exponentialDecay is γᵗ', () => {
    expect(exponentialDecay({ gamma: 0.9 })(2)).toBeCloseTo(0.81, 15);
  });

  it('inverseSqrtDecay gives the k-th update (k = t + 1) lr/√k', () => {
    const s = inverseSqrtDecay();
    expect([s(0), s(3), s(99)]).toEqual([1, 0.5, 0.1]);
  });

  it('cosineDecay goes 1 → minFactor over totalSteps along a half cosine, then stays', () => {
    const s = cosineDecay({ totalSteps: 10, minFactor: 0.1 });
    expect(s(0)).toBe(1);
    expect(s(5)).toBeCloseTo(0.55, 15);
    expect(s(10)).toBeCloseTo(0.1, 15);
    expect(s(25)).toBeCloseTo(0.1, 15);
    expect(cosineDecay({ totalSteps: 4 })(1)).toBeCloseTo((1 + Math.SQRT1_2) / 2, 15);
  });

  it('linearWarmup ramps (t + 1)/(W + 1) by default, then hands over to `after` at t − W', () => {
    expect(values(linearWarmup({ warmupSteps: 4 }), 6).map((v) => +v.toFixed(12))).toEqual([0.2, 0.4, 0.6, 0.8, 1, 1]);
    expect(linearWarmup({ warmupSteps: 2, startFactor: 0 })(0)).toBe(0);
    const s = linearWarmup({ warmupSteps: 4, after: cosineDecay({ totalSteps: 10 }) });
    expect(s(4)).toBe(1);
    expect(s(9)).toBeCloseTo(0.5, 15);
    expect(s(14)).toBeCloseTo(0, 15);
  });

  it('rejects bad options and step counts', () => {
    expect(() => stepDecay({ stepSize: 0 })).toThrow('stepDecay: stepSize must be a positive integer, got 0');
    expect(() => exponentialDecay({ gamma: 0 })).toThrow('exponentialDecay: gamma must be in (0, ∞), got 0');
    expect(() => cosineDecay({ totalSteps: 10, minFactor: 2 })).toThrow('cosineDecay: minFactor must be in [0, 1], got 2');
    expect(() => linearWarmup({ warmupSteps: 2.5 })).toThrow('linearWarmup: warmupSteps must be a positive integer, got 2.5');
    expect(() => inverseSqrtDecay()(-1)).toThrow('inverseSqrtDecay: step count must be a finite number ≥ 0, got -1');
  });
});
