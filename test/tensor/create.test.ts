import { describe, expect, it } from 'vitest';
import { Tensor, tensor, zeros, ones, full, randn, rand } from '../../src/tensor/index.ts';
import { Rng, manualSeed } from '../../src/util/random.ts';

describe('tensor()', () => {
  it('makes a scalar from a number', () => {
    const t = tensor(3.5);
    expect(t.shape).toEqual([]);
    expect(t.ndim).toBe(0);
    expect(t.size).toBe(1);
    expect(t.item()).toBe(3.5);
    expect(t.toArray()).toBe(3.5);
  });

  it('infers the shape of nested arrays and stores row-major', () => {
    const t = tensor([
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      [
        [7, 8],
        [9, 10],
        [11, 12],
      ],
    ]);
    expect(t.shape).toEqual([2, 3, 2]);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(t.toArray()).toEqual([
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      [
        [7, 8],
        [9, 10],
        [11, 12],
      ],
    ]);
  });

  it('takes a flat number[] or Float64Array with a shape, and copies the values', () => {
    const src = new Float64Array([1, 2, 3, 4, 5, 6]);
    const t = tensor(src, { shape: [2, 3] });
    src[0] = 100;
    expect(t.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(tensor([1, 2, 3, 4], { shape: [2, 2] }).toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(tensor([1, 2, 3]).shape).toEqual([3]);
    expect(tensor(new Float64Array(0)).shape).toEqual([0]);
    expect(tensor(7, { shape: [1, 1] }).toArray()).toEqual([[7]]);
  });

  it('sets requiresGrad only when asked', () => {
    expect(tensor([1, 2]).requiresGrad).toBe(false);
    const p = tensor([1, 2], { requiresGrad: true });
    expect(p.requiresGrad).toBe(true);
    expect(p.isLeaf).toBe(true);
    expect(p.grad).toBeNull();
  });

  it('rejects ragged nested arrays, naming the path', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow('ragged nested array: at [1] expected an array of length 2, got an array of length 1');
    expect(() =>
      tensor([
        [[1], [2]],
        [[3], [4, 5]],
      ]),
    ).toThrow(/at \[1\]\[1\] expected an array of length 1, got an array of length 2/);
    expect(() => tensor([[1, 2], 3] as never)).toThrow(/at \[1\] expected an array of length 2, got a number/);
  });

  it('rejects non-number elements, naming the path', () => {
    expect(() =>
      tensor([
        [1, 2],
        [3, 'x'],
      ] as never),
    ).toThrow('tensor: element at [1][1] is the string "x", expected a number');
    expect(() => tensor([1, null] as never)).toThrow('element at [1] is null');
    expect(() => tensor('abc' as never)).toThrow(TypeError);
    expect(() => tensor(new Float32Array(2) as never)).toThrow(
      'tensor: expected a number, nested arrays of numbers or a Float64Array, got an object (Float32Array)',
    );
    expect(() => tensor([[1], [undefined]] as never)).toThrow('tensor: element at [1][0] is undefined, expected a number');
    expect(() => tensor([true] as never)).toThrow('element at [0] is a boolean');
  });

  it('rejects data whose length does not fill the shape', () => {
    expect(() => tensor([1, 2, 3], { shape: [2, 2] })).toThrow('tensor: 3 values do not fill shape [2, 2] (4 elements)');
    expect(() => tensor(new Float64Array(5), { shape: [2, 3] })).toThrow(/5 values do not fill shape \[2, 3\]/);
    expect(() =>
      tensor(
        [
          [1, 2],
          [3, 4],
        ],
        { shape: [3] },
      ),
    ).toThrow('nested array of shape [2, 2] does not fill shape [3]');
    expect(() => tensor(1, { shape: [2] })).toThrow('a single number cannot fill shape [2]');
    expect(() => new Tensor(new Float64Array(3), [2, 2])).toThrow('data has 3 elements but shape [2, 2] needs 4');
  });

  it('rejects invalid shapes, even when their product matches', () => {
    expect(() => tensor([1, 2, 3, 4], { shape: [-2, -2] })).toThrow('invalid shape [-2, -2]');
    expect(() =>
      tensor(
        [
          [1, 2],
          [3, 4],
        ],
        { shape: [-4, -1] },
      ),
    ).toThrow('invalid shape');
    expect(() => zeros([2.5])).toThrow('invalid shape [2.5]');
  });
});

describe('item() and toArray()', () => {
  it('item() works on any one-element tensor and fails on others', () => {
    expect(tensor([[4]]).item()).toBe(4);
    expect(() => tensor([1, 2]).item()).toThrow('item: tensor has shape [2]; only one-element tensors have an item');
  });

  it('toArray() handles empty dims', () => {
    expect(zeros([2, 0]).toArray()).toEqual([[], []]);
    expect(zeros([0, 3]).toArray()).toEqual([]);
  });
});

describe('zeros, ones, full', () => {
  it('fill with the value and the shape', () => {
    expect(zeros([2, 3]).toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(ones([3]).toArray()).toEqual([1, 1, 1]);
    expect(full([2, 2], -1.5).toArray()).toEqual([
      [-1.5, -1.5],
      [-1.5, -1.5],
    ]);
    expect(full([], 2).item()).toBe(2);
    expect(zeros([2], { requiresGrad: true }).requiresGrad).toBe(true);
  });
});

describe('randn and rand', () => {
  it('same seed gives bit-identical tensors; different seeds differ', () => {
    const a = randn([50], { seed: 42 }),
      b = randn([50], { seed: 42 }),
      c = randn([50], { seed: 43 });
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(a.data.some((v, i) => v !== c.data[i])).toBe(true);
    const u = rand([50], { seed: 'x' }),
      v = rand([50], { seed: 'x' });
    expect(Array.from(u.data)).toEqual(Array.from(v.data));
    expect(u.data.some((x, i) => x !== rand([50], { seed: 'y' }).data[i])).toBe(true);
  });

  it('draws from an explicit Rng, continuing its stream', () => {
    const rng = new Rng(7);
    const first = randn([3], { rng }),
      second = randn([3], { rng });
    const ref = new Rng(7);
    const expected = Array.from({ length: 6 }, () => ref.normal());
    expect([...first.data, ...second.data]).toEqual(expected);
  });

  it('uses the global generator reseeded by manualSeed', () => {
    manualSeed(5);
    const a = randn([4]);
    manualSeed(5);
    expect(Array.from(randn([4]).data)).toEqual(Array.from(a.data));
  });

  it('randn has mean ≈ 0 and variance ≈ 1 over 10k samples', () => {
    const x = randn([10_000], { seed: 1 }).data;
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length;
    // Standard errors: 0.01 for the mean, ≈0.014 for the variance; allow ~4 of them.
    expect(Math.abs(mean)).toBeLessThan(0.04);
    expect(Math.abs(variance - 1)).toBeLessThan(0.06);
    const within1 = x.filter((v) => Math.abs(v) < 1).length / x.length;
    expect(within1).toBeCloseTo(0.6827, 1);
  });

  it('rand stays in [low, high) with mean ≈ the midpoint', () => {
    const x = rand([10_000], { seed: 2, low: -2, high: 4 }).data;
    expect(Math.min(...x)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...x)).toBeLessThan(4);
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    expect(Math.abs(mean - 1)).toBeLessThan(0.07); // sd of the mean = 6/√12/100 ≈ 0.017
  });

  it('honours shape and requiresGrad', () => {
    const w = randn([3, 4], { seed: 0, requiresGrad: true });
    expect(w.shape).toEqual([3, 4]);
    expect(w.requiresGrad).toBe(true);
  });
});
