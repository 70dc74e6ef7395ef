import { describe, expect, it } from 'vitest';
import { tensor } from '../../src/tensor/index.ts';
import { Activation, Linear, Sequential } from '../../src/nn/layers.ts';
import { initWeight } from '../../src/nn/init.ts';
import { Rng } from '../../src/util/random.ts';

function stats(data: Float64Array): { mean: number; std: number; maxAbs: number } {
  let sum = 0,
    sq = 0,
    maxAbs = 0;
  for (const v of data) {
    sum += v;
    sq += v * v;
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  const mean = sum / data.length;
  return { mean, std: Math.sqrt(sq / data.length - mean * mean), maxAbs };
}

describe('Linear', () => {
  it('computes x·W + b exactly', () => {
    const layer = new Linear(2, 3, { seed: 0 });
    layer.weight.data.set([1, 2, 3, 4, 5, 6]); // [[1, 2, 3], [4, 5, 6]]
    layer.bias!.data.set([0.5, -1, 0]);
    const y = layer.forward(
      tensor([
        [1, 1],
        [2, -1],
        [0, 0],
      ]),
    );
    expect(y.shape).toEqual([3, 3]);
    expect(y.toArray()).toEqual([
      [5.5, 6, 9],
      [-1.5, -2, 0],
      [0.5, -1, 0],
    ]);
  });

  it('has no bias with bias: false, and a zero bias by default', () => {
    const layer = new Linear(2, 2, { seed: 0, bias: false });
    expect(layer.bias).toBeNull();
    expect(layer.namedParameters().map(([n]) => n)).toEqual(['weight']);
    expect(Array.from(new Linear(3, 4, { seed: 0 }).bias!.data)).toEqual([0, 0, 0, 0]);
  });

  it('backpropagates dL/dW = xᵀ·g and dL/db = Σ g', () => {
    const layer = new Linear(2, 1, { seed: 0 });
    layer
      .forward(
        tensor([
          [1, 2],
          [3, 4],
        ]),
      )
      .sum()
      .backward();
    expect(Array.from(layer.weight.grad!.data)).toEqual([4, 6]);
    expect(Array.from(layer.bias!.grad!.data)).toEqual([2]);
  });

  it('rejects an input whose last dimension is not inFeatures, naming both shapes', () => {
    const layer = new Linear(3, 2, { seed: 0 });
    expect(() => layer.forward(tensor([[1, 2]]))).toThrow('Linear(3, 2): input has shape [1, 2], expected last dimension 3');
  });

  it('rejects non-positive or fractional sizes', () => {
    expect(() => new Linear(0, 2)).toThrow('Linear: inFeatures must be a positive integer, got 0');
    expect(() => new Linear(2, 1.5)).toThrow('Linear: outFeatures must be a positive integer, got 1.5');
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = new Linear(4, 5, { seed: 7 }).weight.data;
    const b = new Linear(4, 5, { seed: 7 }).weight.data;
    const c = new Linear(4, 5, { seed: 8 }).weight.data;
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });
});

describe('initWeight', () => {
  it('xavier: uniform within ±√(6/(in+out)), variance a²/3', () => {
    const fanIn = 300,
      fanOut = 200;
    const a = Math.sqrt(6 / (fanIn + fanOut));
    const w = initWeight('xavier', fanIn, fanOut, new Rng(1));
    const s = stats(w.data);
    expect(w.shape).toEqual([fanIn, fanOut]);
    expect(w.requiresGrad).toBe(true);
    expect(s.maxAbs).toBeLessThanOrEqual(a);
    expect(s.maxAbs).toBeGreaterThan(0.999 * a); // 60 000 draws reach the edge
    expect(Math.abs(s.mean)).toBeLessThan(0.01 * a);
    expect(s.std).toBeCloseTo(a / Math.sqrt(3), 3);
  });

  it('he: normal with std √(2/fanIn)', () => {
    const fanIn = 400,
      fanOut = 500;
    const s = stats(initWeight('he', fanIn, fanOut, new Rng(2)).data);
    const std = Math.sqrt(2 / fanIn);
    expect(Math.abs(s.std / std - 1)).toBeLessThan(0.01); // 200 000 draws: sampling error ≈ 0.16 %
    expect(Math.abs(s.mean)).toBeLessThan(0.01 * std);
  });

  it('zeros: all zero', () => {
    expect(Array.from(initWeight('zeros', 2, 3, new Rng(0)).data)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('rejects an unknown name, listing the allowed ones', () => {
    expect(() => initWeight('uniform' as 'he', 2, 2, new Rng(0))).toThrow(
      'init: unknown initialisation "uniform" (allowed: xavier, he, zeros)',
    );
  });
});

describe('Activation and Sequential', () => {
  it('applies relu, tanh and sigmoid elementwise', () => {
    const x = tensor([-1, 0, 2]);
    expect(Array.from(new Activation('relu').forward(x).data)).toEqual([0, 0, 2]);
    expect(Array.from(new Activation('tanh').forward(x).data)).toEqual([Math.tanh(-1), 0, Math.tanh(2)]);
    const s = new Activation('sigmoid').forward(x).data;
    expect(s[0]).toBeCloseTo(1 / (1 + Math.E), 15);
    expect(s[1]).toBe(0.5);
  });

  it('rejects an unknown activation', () => {
    expect(() => new Activation('gelu' as 'relu')).toThrow('Activation: unknown activation "gelu" (allowed: relu, tanh, sigmoid)');
  });

  it('chains layers in order', () => {
    const first = new Linear(1, 1, { seed: 0 });
    const second = new Linear(1, 1, { seed: 0 });
    first.weight.data[0] = -2;
    second.weight.data[0] = 3;
    second.bias!.data[0] = 1;
    const model = new Sequential(first, new Activation('relu'), second);
    expect(Array.from(model.forward(tensor([[1], [-1]])).data)).toEqual([1, 7]); // relu(−2)=0 → 1; relu(2)=2 → 7
    expect(model.namedParameters().map(([n]) => n)).toEqual(['layers.0.weight', 'layers.0.bias', 'layers.2.weight', 'layers.2.bias']);
  });
});
