import { describe, expect, it } from 'vitest';
import { assertGradcheck, assertGradgradcheck, tensor } from '../../src/tensor/index.ts';
import { dropout, layerNorm } from '../../src/nn/functional.ts';
import { Rng } from '../../src/util/random.ts';
import { samples } from '../support/samples.ts';

const { normal } = samples(22);

describe('layerNorm', () => {
  it('normalizes each row over the last axis (hand-derived), then scales and shifts', () => {
    // Row [1, 2, 3]: μ = 2, σ² = 2/3, so y = (x − 2)/√(2/3 + eps).
    const y = layerNorm(tensor([[1, 2, 3]]), tensor([2, 2, 2]), tensor([0, 1, 0]), 0);
    const s = Math.sqrt(2 / 3);
    [(-1 / s) * 2, 1, (1 / s) * 2].forEach((v, i) => expect(y.data[i]).toBeCloseTo(v, 12));
  });
  it('passes gradcheck and gradgradcheck in x, weight and bias', () => {
    const x = normal([3, 4]),
      w = normal([4]),
      b = normal([4]);
    assertGradcheck((a, c, d) => layerNorm(a, c, d), [x, w, b]);
    assertGradgradcheck((a, c, d) => layerNorm(a, c, d), [x, w, b]);
  });
  it('names the parameter and the shapes it expected', () => {
    expect(() => layerNorm(tensor([[1, 2, 3]]), tensor([1, 2]))).toThrow(
      'layerNorm: weight must have shape [3] (the last axis of x [1, 3]), got [2]',
    );
    expect(() => layerNorm(tensor(1))).toThrow('layerNorm: x must have at least one axis');
  });
});

describe('dropout', () => {
  it('zeroes elements with probability p and scales the rest by 1/(1 − p), from the given generator', () => {
    const x = tensor(new Float64Array(10000).fill(1), { shape: [100, 100] });
    const y = dropout(x, 0.3, { rng: new Rng(5) });
    const kept = Array.from(y.data).filter((v) => v !== 0);
    expect(new Set(kept)).toEqual(new Set([1 / 0.7]));
    expect(kept.length / 10000).toBeCloseTo(0.7, 1);
    // The same seed draws the same mask; the expected value is kept (mean within 3σ of 1).
    expect(Array.from(dropout(x, 0.3, { seed: 9 }).data)).toEqual(Array.from(dropout(x, 0.3, { seed: 9 }).data));
    expect(Math.abs(y.mean().item() - 1)).toBeLessThan(3 * Math.sqrt(0.3 / 0.7 / 10000));
  });
  it('is the identity in evaluation and for p = 0; p = 1 drops everything', () => {
    const x = normal([2, 3]);
    expect(dropout(x, 0.5, { training: false })).toBe(x);
    expect(dropout(x, 0)).toBe(x);
    expect(Array.from(dropout(x, 1, { seed: 1 }).data).every((v) => v === 0)).toBe(true);
  });
  it('sends the gradient through the kept elements only, scaled', () => {
    const x = normal([4, 5]);
    const y = dropout(x, 0.5, { seed: 3 });
    y.sum().backward();
    y.data.forEach((v, i) => expect(x.grad!.data[i]).toBeCloseTo(v === 0 ? 0 : 2, 12));
  });
  it('refuses a p outside [0, 1] and unknown options', () => {
    expect(() => dropout(tensor([1]), 1.5)).toThrow('dropout: p must be a probability in [0, 1], got 1.5');
    expect(() => dropout(tensor([1]), 0.5, { train: true } as never)).toThrow('dropout: unknown option "train"');
  });
});
