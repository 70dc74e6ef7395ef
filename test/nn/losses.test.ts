import { describe, expect, it } from 'vitest';
import { tensor, randn, rand, zeros, type Tensor } from '../../src/tensor/index.ts';
import { mse, bceWithLogits, crossEntropy, toClassLabels } from '../../src/nn/losses.ts';

const grad = (t: Tensor): number[] => Array.from(t.grad?.data ?? []);

describe('mse', () => {
  it('is mean((pred − target)²) with gradient 2(pred − target)/n', () => {
    const p = tensor([1, 2, 3], { requiresGrad: true });
    const loss = mse(p, tensor([1, 0, 6]));
    expect(loss.item()).toBe(13 / 3);
    expect(loss.shape).toEqual([]);
    loss.backward();
    expect(grad(p)).toEqual([0, 4 / 3, -2]);
  });

  it('rejects mismatched shapes instead of broadcasting', () => {
    expect(() => mse(zeros([3, 1]), zeros([3]))).toThrow('mse: pred shape [3, 1] and target shape [3] differ');
  });
});

describe('bceWithLogits', () => {
  it('matches −[y log σ(x) + (1 − y) log(1 − σ(x))] on moderate logits', () => {
    const x = randn([8], { seed: 11 }),
      y = rand([8], { seed: 12 });
    let expected = 0;
    for (let i = 0; i < 8; i++) {
      const s = 1 / (1 + Math.exp(-x.data[i]!));
      expected -= y.data[i]! * Math.log(s) + (1 - y.data[i]!) * Math.log(1 - s);
    }
    expect(bceWithLogits(x, y).item()).toBeCloseTo(expected / 8, 14);
    expect(bceWithLogits(tensor([0]), tensor([1])).item()).toBe(Math.LN2);
  });

  it('is stable for logits of ±1000', () => {
    expect(bceWithLogits(tensor([1000, -1000]), tensor([1, 0])).item()).toBe(0);
    expect(bceWithLogits(tensor([1000, -1000]), tensor([0, 1])).item()).toBe(1000);
    const x = tensor([1000, -1000], { requiresGrad: true });
    bceWithLogits(x, tensor([0, 0])).backward();
    expect(grad(x)).toEqual([0.5, 0]); // (σ(x) − y)/n = [(1 − 0)/2, (0 − 0)/2]
  });

  it('has gradient (0.5 − y)/n at logits of exactly 0', () => {
    const x = zeros([4], { requiresGrad: true });
    bceWithLogits(x, tensor([1, 0, 1, 0.3])).backward();
    expect(grad(x)).toEqual([-0.125, 0.125, -0.125, (0.5 - 0.3) / 4]);
  });

  it('gradient with respect to the targets is −x/n', () => {
    const t = tensor([0.2, 0.9], { requiresGrad: true });
    bceWithLogits(tensor([3, -1]), t).backward();
    expect(grad(t)).toEqual([-1.5, 0.5]);
  });

  it('rejects mismatched shapes and empty batches', () => {
    expect(() => bceWithLogits(zeros([4, 1]), zeros([4]))).toThrow('bceWithLogits: logits shape [4, 1] and targets shape [4] differ');
    expect(() => bceWithLogits(zeros([0]), zeros([0]))).toThrow('bceWithLogits: empty batch');
  });
});

describe('crossEntropy', () => {
  it('hand-computed values', () => {
    expect(crossEntropy(tensor([[0, 0]]), [0]).item()).toBe(Math.LN2);
    expect(crossEntropy(tensor([[0, 0, 0, 0]]), [3]).item()).toBe(Math.log(4));
    // softmax([0, ln 2]) = [1/3, 2/3]: rows with labels 0 and 1 give ln 3 and ln 1.5
    expect(
      crossEntropy(
        tensor([
          [0, Math.LN2],
          [0, Math.LN2],
        ]),
        [0, 1],
      ).item(),
    ).toBeCloseTo((Math.log(3) + Math.log(1.5)) / 2, 15);
  });

  it('gradient is (softmax − onehot)/N', () => {
    const x = tensor(
      [
        [0, Math.LN2],
        [5, 5],
      ],
      { requiresGrad: true },
    );
    crossEntropy(x, [0, 1]).backward();
    const g = grad(x);
    [(1 / 3 - 1) / 2, 2 / 3 / 2, 0.25, -0.25].forEach((v, i) => expect(g[i]).toBeCloseTo(v, 15));
  });

  it('a second backward through a retained graph adds the same gradient again', () => {
    // The first backward reuses the forward pass's buffer for its gradient, so the second must recompute it.
    const x = tensor(
      [
        [0, Math.LN2],
        [5, 5],
      ],
      { requiresGrad: true },
    );
    const loss = crossEntropy(x, [0, 1]).mul(3);
    loss.backward(undefined, { retainGraph: true });
    const first = grad(x);
    loss.backward();
    [(1 / 3 - 1) / 2, 2 / 3 / 2, 0.25, -0.25].forEach((v, i) => {
      expect(first[i]).toBeCloseTo(3 * v, 15);
      expect(grad(x)[i]).toBeCloseTo(6 * v, 15);
    });
  });

  it('is stable for logits of ±1000', () => {
    expect(crossEntropy(tensor([[1000, -1000]]), [0]).item()).toBe(0);
    expect(crossEntropy(tensor([[1000, -1000]]), [1]).item()).toBe(2000);
    const x = tensor([[1000, -1000, 0]], { requiresGrad: true });
    crossEntropy(x, [2]).backward();
    expect(grad(x)).toEqual([1, 0, -1]);
  });

  it('takes labels as number[], Int32Array or a Tensor with identical results', () => {
    const logits = randn([5, 3], { seed: 4 });
    const a = crossEntropy(logits, [0, 2, 1, 1, 0]).item();
    expect(crossEntropy(logits, Int32Array.from([0, 2, 1, 1, 0])).item()).toBe(a);
    expect(crossEntropy(logits, tensor([0, 2, 1, 1, 0])).item()).toBe(a);
    const composed = logits.logSoftmax().data;
    const expected = -[0, 2, 1, 1, 0].reduce((s, c, i) => s + composed[i * 3 + c]!, 0) / 5;
    expect(a).toBeCloseTo(expected, 14);
  });

  it('rejects bad labels, saying which and why', () => {
    const logits = zeros([2, 3]);
    expect(() => crossEntropy(logits, [0, 3])).toThrow('crossEntropy: label at index 1 is 3, outside 0..2 for 3 classes');
    expect(() => crossEntropy(logits, [-1, 0])).toThrow('crossEntropy: label at index 0 is -1, outside 0..2');
    expect(() => crossEntropy(logits, [0, 1.5])).toThrow('crossEntropy: label at index 1 is 1.5, expected an integer class index');
    expect(() => crossEntropy(logits, tensor([0, Number.NaN]))).toThrow(/label at index 1 is NaN/);
    expect(() => crossEntropy(logits, [0, 1, 2])).toThrow('crossEntropy: 3 labels for a batch of 2 rows');
    expect(() => toClassLabels('nll', [1], 1, 1)).toThrow('nll: label at index 0 is 1, outside 0..0 for 1 classes');
  });

  it('rejects logits that are not [N, C] and empty batches', () => {
    expect(() => crossEntropy(zeros([3]), [0, 1, 2])).toThrow('crossEntropy: logits must be [N, C], got [3]');
    expect(() => crossEntropy(zeros([2, 2, 2]), [0, 1])).toThrow('crossEntropy: logits must be [N, C], got [2, 2, 2]');
    expect(() => crossEntropy(zeros([0, 2]), [])).toThrow('crossEntropy: empty batch');
  });
});
