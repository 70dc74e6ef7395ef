import { describe, expect, it } from 'vitest';
import { Momentum } from '../../src/optim/index.ts';
import { tensor, Tensor } from '../../src/tensor/index.ts';
import { FixtureModel, maxRelError } from './fixture-model.ts';
import { compareWithTextbook } from './textbook.ts';

function twoSteps(options: { lr: number; momentum?: number; nesterov?: boolean; weightDecay?: number }, grads: number[]): number[] {
  const p = tensor([1], { requiresGrad: true });
  const opt = new Momentum([p], options);
  return grads.map((g) => {
    p.grad = new Tensor(new Float64Array([g]), p.shape);
    opt.step();
    return p.data[0]!;
  });
}

describe('Momentum', () => {
  it('v = g on the first step, then v ← μ·v + g (by hand)', () => {
    // v1 = 2 → θ = 1 − 0.1·2 = 0.8; v2 = 0.9·2 + 1 = 2.8 → θ = 0.8 − 0.28 = 0.52
    const [a, b] = twoSteps({ lr: 0.1, momentum: 0.9 }, [2, 1]);
    expect(a).toBeCloseTo(0.8, 15);
    expect(b).toBeCloseTo(0.52, 15);
  });

  it('Nesterov steps along g + μ·v (by hand)', () => {
    // step 1: v = 2, d = 2 + 1.8 = 3.8 → 0.62; step 2: v = 2.8, d = 1 + 2.52 = 3.52 → 0.268
    const [a, b] = twoSteps({ lr: 0.1, momentum: 0.9, nesterov: true }, [2, 1]);
    expect(a).toBeCloseTo(0.62, 15);
    expect(b).toBeCloseTo(0.268, 15);
  });

  it('weight decay enters the buffer: g ← g + wd·θ', () => {
    const [a] = twoSteps({ lr: 0.1, momentum: 0.9, weightDecay: 0.5 }, [2]);
    expect(a).toBeCloseTo(1 - 0.1 * 2.5, 15);
  });

  it("equals the seeds' form u ← ρ·u − η·g, θ ← θ + u at a constant learning rate", () => {
    const ours = new FixtureModel(),
      seeds = new FixtureModel();
    const lr = 0.05,
      rho = 0.9;
    const opt = new Momentum(ours.params, { lr, momentum: rho });
    const u = seeds.params.map((p) => new Float64Array(p.size));
    for (let t = 0; t < 30; t++) {
      ours.lossAndGrad();
      opt.step();
      seeds.lossAndGrad();
      seeds.params.forEach((p, k) => {
        for (let i = 0; i < p.size; i++) {
          u[k]![i] = rho * u[k]![i]! - lr * p.grad!.data[i]!;
          p.data[i] = p.data[i]! + u[k]![i]!;
        }
      });
    }
    ours.params.forEach((p, k) => expect(maxRelError(p.data, seeds.params[k]!.data, 1e-8)).toBeLessThan(1e-12));
    // And the buffers are related by u = −η·v.
    const v = opt.stateOf(0)!.buffers.velocity;
    expect(
      maxRelError(
        Float64Array.from(v, (x) => -lr * x),
        u[0]!,
        1e-8,
      ),
    ).toBeLessThan(1e-12);
  });

  it('agrees with the textbook rule for Nesterov, weight decay and other μ', () => {
    const options = [
      { lr: 0.05, momentum: 0.9 },
      { lr: 0.05, momentum: 0.9, nesterov: true },
      { lr: 0.1, momentum: 0.5, weightDecay: 0.01 },
      { lr: 0.02, momentum: 0.99, nesterov: true, weightDecay: 0.1 },
    ];
    for (const o of options)
      expect(
        compareWithTextbook('Momentum', o, (ps) => new Momentum(ps, o)),
        JSON.stringify(o),
      ).toBeLessThan(1e-12);
  });
});
