import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '../../src/tensor/index.ts';

// x[i][j][k] = 100i + 10j + k, shape [2, 3, 2]
const cube = (requiresGrad = false): Tensor =>
  tensor(
    [
      [
        [0, 1],
        [10, 11],
        [20, 21],
      ],
      [
        [100, 101],
        [110, 111],
        [120, 121],
      ],
    ],
    { requiresGrad },
  );

describe('sum', () => {
  it('over all elements, with and without keepDims', () => {
    expect(cube().sum().item()).toBe(726);
    expect(cube().sum().shape).toEqual([]);
    expect(cube().sum(undefined, true).shape).toEqual([1, 1, 1]);
  });
  it('along each axis, negative axes included', () => {
    expect(cube().sum(0).toArray()).toEqual([
      [100, 102],
      [120, 122],
      [140, 142],
    ]);
    expect(cube().sum(1).toArray()).toEqual([
      [30, 33],
      [330, 333],
    ]);
    expect(cube().sum(2).toArray()).toEqual([
      [1, 21, 41],
      [201, 221, 241],
    ]);
    expect(cube().sum(-1).toArray()).toEqual(cube().sum(2).toArray());
    expect(cube().sum(-3).toArray()).toEqual(cube().sum(0).toArray());
    expect(cube().sum(1, true).shape).toEqual([2, 1, 2]);
    expect(cube().sum(-2, true).toArray()).toEqual([[[30, 33]], [[330, 333]]]);
  });
  it('gradient broadcasts g back over the summed axis', () => {
    const x = cube(true);
    x.sum(1).backward([1, 2, 3, 4]);
    expect(Array.from(x.grad!.data)).toEqual([1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4]);
  });
});

describe('mean', () => {
  it('over all elements and along an axis', () => {
    expect(cube().mean().item()).toBe(60.5);
    expect(cube().mean(1).toArray()).toEqual([
      [10, 11],
      [110, 111],
    ]);
    expect(cube().mean(-1, true).toArray()).toEqual([
      [[0.5], [10.5], [20.5]],
      [[100.5], [110.5], [120.5]],
    ]);
  });
  it('gradient is g/n', () => {
    const x = cube(true);
    x.mean(0).sum().backward();
    expect(Array.from(x.grad!.data)).toEqual(new Array(12).fill(0.5));
    const y = tensor([1, 2, 3, 4], { requiresGrad: true });
    y.mean().backward();
    expect(Array.from(y.grad!.data)).toEqual([0.25, 0.25, 0.25, 0.25]);
  });
});

describe('max', () => {
  const m = () =>
    tensor(
      [
        [3, -1, 7],
        [2, 9, -4],
      ],
      { requiresGrad: true },
    );
  it('over all elements', () => {
    expect(m().max().item()).toBe(9);
    expect(m().max(undefined, true).toArray()).toEqual([[9]]);
  });
  it('along axes with keepDims, negative axes included', () => {
    expect(m().max(0).toArray()).toEqual([3, 9, 7]);
    expect(m().max(1).toArray()).toEqual([7, 9]);
    expect(m().max(-1, true).toArray()).toEqual([[7], [9]]);
    expect(m().max(-2, true).toArray()).toEqual([[3, 9, 7]]);
    expect(cube().max(1).toArray()).toEqual([
      [20, 21],
      [120, 121],
    ]);
    expect(cube().max(-3, true).shape).toEqual([1, 3, 2]);
    expect(tensor([-Infinity, -Infinity]).max().item()).toBe(-Infinity);
  });
  it('gradient goes to the maximal element: the first one on ties along an axis, split evenly among ties in max() (PyTorch)', () => {
    const x = m();
    x.max(-1, true).backward([10, 20]);
    expect(Array.from(x.grad!.data)).toEqual([0, 0, 10, 0, 20, 0]);
    const t = tensor([5, 1, 5], { requiresGrad: true });
    t.max().backward();
    expect(Array.from(t.grad!.data)).toEqual([0.5, 0, 0.5]);
    const c = cube(true);
    c.max(1).sum().backward();
    expect(Array.from(c.grad!.data)).toEqual([0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1]);
  });
  it('propagates NaN', () => {
    expect(Number.isNaN(tensor([1, Number.NaN, 3]).max().item())).toBe(true);
  });
});

describe('softmax and logSoftmax', () => {
  it('softmax rows sum to 1 with the exact ratios', () => {
    const s = tensor([
      [0, Math.LN2],
      [1, 1],
    ]).softmax();
    expect(Array.from(s.data)).toEqual([1 / 3, 2 / 3, 0.5, 0.5]);
  });
  it('softmax along axis 0', () => {
    const s = tensor([
      [0, 5],
      [Math.log(3), 5],
    ]).softmax(0);
    [0.25, 0.5, 0.75, 0.5].forEach((v, i) => expect(s.data[i]).toBeCloseTo(v, 15));
  });
  it('is stable for logits of ±1000', () => {
    expect(tensor([1000, 0]).logSoftmax().toArray()).toEqual([0, -1000]);
    expect(tensor([-1000, 0]).logSoftmax().toArray()).toEqual([-1000, 0]);
    expect(tensor([1000, 1000]).logSoftmax().toArray()).toEqual([-Math.LN2, -Math.LN2]);
    expect(
      tensor([[1000, -1000, 0]])
        .softmax()
        .toArray(),
    ).toEqual([[1, 0, 0]]);
    expect(tensor([-1000, -1000]).softmax().toArray()).toEqual([0.5, 0.5]);
  });
  it('logSoftmax matches x − log Σ exp x', () => {
    const x = [0.5, -1.25, 2];
    const lse = Math.log(x.reduce((s, v) => s + Math.exp(v), 0));
    const got = Array.from(tensor(x).logSoftmax().data);
    got.forEach((v, i) => expect(v).toBeCloseTo(x[i]! - lse, 14));
  });
  it('logSoftmax gradient is g − softmax·Σg; stays finite at ±1000', () => {
    const x = tensor([1000, 0, -1000], { requiresGrad: true });
    x.logSoftmax().backward([1, 0, 0]);
    expect(Array.from(x.grad!.data)).toEqual([0, 0, 0]); // e₀ − softmax; e^−1000 underflows to 0, no NaN
    const y = tensor([0, Math.LN2], { requiresGrad: true });
    y.logSoftmax().backward([1, 0]); // ∂/∂y = e₀ − softmax = [1 − 1/3, −2/3]
    expect(y.grad!.data[0]).toBeCloseTo(2 / 3, 15);
    expect(y.grad!.data[1]).toBeCloseTo(-2 / 3, 15);
  });
});
