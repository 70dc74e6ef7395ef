import { describe, expect, it } from 'vitest';
import { ones } from '../../src/tensor/index.ts';
import { Dropout } from '../../src/nn/dropout.ts';
import { Rng } from '../../src/util/random.ts';

describe('Dropout', () => {
  it('zeroes with probability p and scales survivors by 1/(1 − p) in training, with masks from its generator', () => {
    const layer = new Dropout(0.25, { seed: 5 });
    const y = layer.forward(ones([1000], { requiresGrad: true }));
    const reference = new Rng(5);
    y.data.forEach((v) => expect(v).toBe(reference.uniform() < 0.25 ? 0 : 1 / 0.75));
    const kept = y.data.filter((v) => v !== 0).length;
    expect(kept).toBeGreaterThan(700);
    expect(kept).toBeLessThan(800);
    y.sum().backward();
  });

  it('is the identity in evaluation mode and draws nothing', () => {
    const rng = new Rng(1);
    const layer = new Dropout(0.5, { rng }).eval();
    const x = ones([4]);
    expect(layer.forward(x)).toBe(x);
    expect(rng.uniform()).toBe(new Rng(1).uniform());
  });

  it('gives the same masks for the same seed, and new masks on each forward', () => {
    const a = new Dropout(0.5, { seed: 3 }),
      b = new Dropout(0.5, { seed: 3 });
    const first = Array.from(a.forward(ones([64])).data);
    expect(Array.from(b.forward(ones([64])).data)).toEqual(first);
    expect(Array.from(a.forward(ones([64])).data)).not.toEqual(first);
  });

  it('refuses p outside [0, 1]', () => {
    expect(() => new Dropout(1.5)).toThrow('Dropout: p must be a probability in [0, 1], got 1.5');
  });
});
