import { describe, expect, it } from 'vitest';
import { clipGradNorm } from '../../src/optim/index.ts';
import { tensor, type Tensor } from '../../src/tensor/index.ts';

const withGrad = (g: number[] | null): Tensor => {
  const p = tensor(g ? g.map(() => 0) : [0], { requiresGrad: true });
  p.grad = g ? tensor(g) : null;
  return p;
};

describe('clipGradNorm', () => {
  it('returns the global L2 norm and scales every grad by maxNorm/(total + 1e-6) when above maxNorm', () => {
    const a = withGrad([3, 4]),
      b = withGrad([12]),
      none = withGrad(null);
    expect(clipGradNorm([a, none, b], 6.5)).toBe(13);
    const c = 6.5 / (13 + 1e-6);
    expect(Array.from(a.grad!.data)).toEqual([3 * c, 4 * c]);
    expect(Array.from(b.grad!.data)).toEqual([12 * c]);
    expect(none.grad).toBeNull();
  });

  it('leaves grads untouched when the norm is within maxNorm', () => {
    const a = withGrad([3, 4]);
    expect(clipGradNorm([a], 5)).toBe(5);
    expect(a.grad!.data[0]).toBe(3 * (5 / (5 + 1e-6))); // at exactly maxNorm the 1e-6 still scales slightly, as in PyTorch
    const b = withGrad([0.3, 0.4]);
    expect(clipGradNorm([b], 1)).toBeCloseTo(0.5, 15);
    expect(Array.from(b.grad!.data)).toEqual([0.3, 0.4]);
  });

  it('handles norms whose squares overflow', () => {
    const big = withGrad([3e200, 4e200]);
    expect(clipGradNorm([big, withGrad([1e200])], 1) / 1e200).toBeCloseTo(Math.sqrt(26), 13); // √(3² + 4² + 1²)·1e200
    expect(clipGradNorm([big], 1)).toBeCloseTo(5 / Math.sqrt(26), 6); // its share of the clipped total
  });

  it('throws on a non-finite norm, naming the parameter, and clips nothing', () => {
    const a = withGrad([3, 4]),
      b = withGrad([1, NaN]);
    expect(() => clipGradNorm([a, b], 1)).toThrow(
      'clipGradNorm: the gradient norm is NaN (params[1], shape [2], has a non-finite gradient); no gradient was clipped',
    );
    expect(Array.from(a.grad!.data)).toEqual([3, 4]);
    expect(() => clipGradNorm([withGrad([Infinity])], 1)).toThrow('the gradient norm is Infinity');
  });

  it('rejects a bad maxNorm', () => {
    expect(() => clipGradNorm([withGrad([1])], 0)).toThrow('clipGradNorm: maxNorm must be a positive finite number, got 0');
  });
});
