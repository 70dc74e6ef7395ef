import { describe, expect, it } from 'vitest';
import { tensor, add, sub, mul, div, broadcastShapes, type Tensor } from '../../src/tensor/index.ts';
import { broadcastIndex, unbroadcast } from '../../src/tensor/shape.ts';

const data = (t: Tensor | Float64Array): number[] => Array.from(t instanceof Float64Array ? t : t.data);

describe('broadcastShapes', () => {
  it('aligns from the right and expands size-1 dims', () => {
    expect(broadcastShapes('add', [3, 1], [4])).toEqual([3, 4]);
    expect(broadcastShapes('add', [2, 3], [3])).toEqual([2, 3]);
    expect(broadcastShapes('add', [], [2, 2])).toEqual([2, 2]);
    expect(broadcastShapes('add', [2, 1, 3], [4, 1])).toEqual([2, 4, 3]);
    expect(broadcastShapes('add', [1], [0])).toEqual([0]);
  });
});

describe('broadcastIndex', () => {
  it('maps 3-D outputs back to their sources', () => {
    // from [2,1,3] to [2,2,3]: each row of 3 is repeated twice within its batch
    expect(data(Float64Array.from(broadcastIndex([2, 1, 3], [2, 2, 3])!))).toEqual([0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5]);
    // from [2,1] to [3,2,2]: value depends on the middle index only
    expect(data(Float64Array.from(broadcastIndex([2, 1], [3, 2, 2])!))).toEqual([0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1]);
    // from [3,1,1] to [3,2,2]
    expect(data(Float64Array.from(broadcastIndex([3, 1, 1], [3, 2, 2])!))).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
    expect(broadcastIndex([2, 3], [2, 3])).toBeNull();
  });
  it('unbroadcast sums gradients onto the source elements', () => {
    const idx = broadcastIndex([1, 3], [2, 3]);
    expect(data(unbroadcast(new Float64Array([1, 2, 3, 4, 5, 6]), idx, 3))).toEqual([5, 7, 9]);
  });
});

describe('broadcasting binary ops', () => {
  it('[3,1] + [4] → [3,4], gradients summed over the broadcast dims', () => {
    const a = tensor([[0], [10], [20]], { requiresGrad: true }),
      b = tensor([1, 2, 3, 4], { requiresGrad: true });
    const c = a.add(b);
    expect(c.toArray()).toEqual([
      [1, 2, 3, 4],
      [11, 12, 13, 14],
      [21, 22, 23, 24],
    ]);
    c.sum().backward();
    expect(data(a.grad!.data)).toEqual([4, 4, 4]);
    expect(data(b.grad!.data)).toEqual([3, 3, 3, 3]);
  });

  it('[2,3] * [3]: d/da = b broadcast, d/db = Σ over rows of a', () => {
    const a = tensor(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        { requiresGrad: true },
      ),
      b = tensor([10, 20, 30], { requiresGrad: true });
    const c = a.mul(b);
    expect(c.toArray()).toEqual([
      [10, 40, 90],
      [40, 100, 180],
    ]);
    c.sum().backward();
    expect(data(a.grad!.data)).toEqual([10, 20, 30, 10, 20, 30]);
    expect(data(b.grad!.data)).toEqual([5, 7, 9]);
  });

  it('scalar tensors broadcast against anything, on both sides', () => {
    const s = tensor(2, { requiresGrad: true }),
      m = tensor(
        [
          [1, 2],
          [3, 4],
        ],
        { requiresGrad: true },
      );
    const c = s.mul(m).add(m.sub(s));
    expect(c.toArray()).toEqual([
      [1, 4],
      [7, 10],
    ]); // 2m + m − 2 = 3m − 2
    c.sum().backward();
    expect(s.grad!.data[0]).toBe(10 - 4); // Σm − 4
    expect(data(m.grad!.data)).toEqual([3, 3, 3, 3]);
  });

  it('3-D: [2,1,3] − [4,1] → [2,4,3], gradients back in both source shapes', () => {
    const a = tensor([[[1, 2, 3]], [[4, 5, 6]]], { requiresGrad: true });
    const b = tensor([[0], [10], [20], [30]], { requiresGrad: true });
    const c = a.sub(b);
    expect(c.shape).toEqual([2, 4, 3]);
    expect((c.toArray() as number[][][])[1]![2]).toEqual([-16, -15, -14]);
    const g = Float64Array.from({ length: 24 }, (_, i) => i);
    c.backward(g);
    // a[i,0,k] gets Σ_j g[i,j,k]; b[j,0] gets −Σ_{i,k} g[i,j,k]
    expect(data(a.grad!.data)).toEqual([18, 22, 26, 66, 70, 74]);
    expect(data(b.grad!.data)).toEqual([-(3 + 39), -(12 + 48), -(21 + 57), -(30 + 66)]);
  });

  it('div gradient when the divisor broadcasts: ∂/∂b = −Σ g·a/b²', () => {
    const a = tensor(
        [
          [2, 4],
          [6, 8],
        ],
        { requiresGrad: true },
      ),
      b = tensor([[2], [4]], { requiresGrad: true });
    const c = a.div(b);
    expect(c.toArray()).toEqual([
      [1, 2],
      [1.5, 2],
    ]);
    c.sum().backward();
    expect(data(a.grad!.data)).toEqual([0.5, 0.5, 0.25, 0.25]);
    expect(data(b.grad!.data)).toEqual([-(2 + 4) / 4, -(6 + 8) / 16]);
  });

  it('div with the dividend broadcasting', () => {
    const a = tensor([12], { requiresGrad: true }),
      b = tensor(
        [
          [1, 2],
          [3, 4],
        ],
        { requiresGrad: true },
      );
    a.div(b).sum().backward();
    expect(a.grad!.data[0]).toBeCloseTo(1 + 1 / 2 + 1 / 3 + 1 / 4, 15);
    expect(data(b.grad!.data)).toEqual([-12, -3, -12 / 9, -0.75]);
  });

  it('functional forms with a number on the left broadcast too', () => {
    expect(sub(1, tensor([[1], [2]])).toArray()).toEqual([[0], [-1]]);
    expect(div(1, tensor([2, 4])).toArray()).toEqual([0.5, 0.25]);
  });

  it('incompatible shapes name the op and both shapes', () => {
    const a = tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]),
      b = tensor([1, 2]);
    expect(() => add(a, b)).toThrow('add: cannot broadcast shapes [2, 3] and [2]');
    expect(() => sub(a, b)).toThrow('sub: cannot broadcast shapes [2, 3] and [2]');
    expect(() => mul(a, b)).toThrow('mul: cannot broadcast shapes [2, 3] and [2]');
    expect(() => div(b, a)).toThrow('div: cannot broadcast shapes [2] and [2, 3]');
    expect(() => a.add(tensor([[1], [2], [3]]))).toThrow(/dimension 0: 2 vs 3/);
  });
});
