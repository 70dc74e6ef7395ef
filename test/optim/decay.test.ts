import { describe, expect, it } from 'vitest';
import { Optimizer, addDecayedWeights, addL2, chain, scaleByLr } from '../../src/optim/index.ts';
import { tensor, Tensor } from '../../src/tensor/index.ts';

const stepOnce = (transform: Parameters<typeof chain>[0], theta: number, g: number, options: Record<string, number>): number => {
  const p = tensor([theta], { requiresGrad: true });
  const opt = new Optimizer(chain(transform, scaleByLr()), [p], options);
  p.grad = new Tensor(Float64Array.of(g), p.shape);
  opt.step();
  return p.data[0]!;
};

describe('weight decay transforms', () => {
  it('addL2 adds wd·θ to the gradient: θ = 2, g = 1, wd 0.1, lr 0.5 → 2 − 0.5·1.2 = 1.4', () => {
    expect(stepOnce(addL2(), 2, 1, { lr: 0.5, weightDecay: 0.1 })).toBe(2 + -0.5 * (1 + 0.1 * 2));
  });

  it('addDecayedWeights multiplies θ by 1 − lr·wd before adding the update: 2·0.95 − 0.5 = 1.4', () => {
    expect(stepOnce(addDecayedWeights(), 2, 1, { lr: 0.5, weightDecay: 0.1 })).toBe(2 * (1 - 0.5 * 0.1) + -0.5 * 1);
  });

  it("factory arguments set the default; the optimizer's options override it; negative values are refused", () => {
    const p = tensor([1], { requiresGrad: true });
    expect(new Optimizer(chain(addL2({ weightDecay: 0.3 }), scaleByLr()), [p], { lr: 1 }).hyperparameters).toEqual({
      lr: 1,
      weightDecay: 0.3,
    });
    expect(() => new Optimizer(chain(addDecayedWeights(), scaleByLr()), [p], { lr: 1, weightDecay: -1 })).toThrow(
      'chain(addDecayedWeights, scaleByLr): option weightDecay must be a finite number ≥ 0, got -1',
    );
  });
});
