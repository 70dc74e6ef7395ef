import { describe, expect, it } from 'vitest';
import { tensor } from '../../src/tensor/index.ts';
import { LogisticRegression } from '../../src/nn/logistic.ts';
import { MLP } from '../../src/nn/mlp.ts';
import { crossEntropy } from '../../src/nn/losses.ts';
import { resolveLoss, targetsLike } from '../../src/train/losses.ts';

describe('targetsLike', () => {
  it('class indices against [N, C] become one-hot rows', () => {
    const t = targetsLike(
      'bce',
      tensor([
        [0, 0, 0],
        [0, 0, 0],
      ]),
      Int32Array.from([2, 0]),
    );
    expect(t.toArray()).toEqual([
      [0, 0, 1],
      [1, 0, 0],
    ]);
  });

  it('one value per row against [N, 1] or [N] becomes a column of the same shape', () => {
    expect(targetsLike('mse', tensor([[0], [0]]), Float64Array.from([1.5, -2])).toArray()).toEqual([[1.5], [-2]]);
    expect(targetsLike('mse', tensor([0, 0]), Int32Array.from([1, 0])).toArray()).toEqual([1, 0]);
  });

  it('a target tensor of the same size is reshaped to the prediction', () => {
    expect(targetsLike('mse', tensor([[0], [0]]), tensor([3, 4])).shape).toEqual([2, 1]);
  });

  it('explains mismatches', () => {
    expect(() => targetsLike('mse', tensor([[0, 0]]), tensor([1, 2, 3]))).toThrow(
      'mse: targets of shape [3] do not match predictions [1, 2]',
    );
    expect(() => targetsLike('mse', tensor([[0], [0]]), Float64Array.from([1]))).toThrow('mse: 1 targets for a batch of 2 rows');
    expect(() => targetsLike('bce', tensor([[0, 0]]), Float64Array.from([0.5]))).toThrow(
      'bce: predictions [1, 2] have 2 columns but the targets are one real value per row',
    );
    expect(() => targetsLike('bce', tensor([[0, 0]]), Int32Array.from([2]))).toThrow(
      'bce: label at index 0 is 2, outside 0..1 for 2 outputs',
    );
  });
});

describe('resolveLoss', () => {
  const logits = tensor([
    [2, -1],
    [0.5, 0.5],
  ]);
  const labels = Int32Array.from([0, 1]);

  it('defaults to crossEntropy, or to the model’s own loss', () => {
    expect(resolveLoss(new MLP([2, 2], { seed: 0 }))(logits, labels).item()).toBe(crossEntropy(logits, labels).item());
    const model = new LogisticRegression(2, { classes: 2, l2: 1 });
    model.linear.weight.data.set([1, 1]);
    const z = tensor([[0], [1]]);
    expect(resolveLoss(model)(z, labels).item()).toBe(model.loss(z, labels).item());
  });

  it('bce and mse by name, with one-hot targets for class labels', () => {
    // mse against one-hot [[1, 0], [0, 1]]: ((2−1)² + (−1)² + 0.5² + (0.5−1)²)/4
    expect(resolveLoss(new MLP([2, 2], { seed: 0 }), 'mse')(logits, labels).item()).toBeCloseTo((1 + 1 + 0.25 + 0.25) / 4, 15);
    const sp = (v: number): number => Math.log1p(Math.exp(v)); // bce(z, t) = softplus(z) − t·z
    const bce = (sp(2) - 2 + sp(-1) + sp(0.5) + sp(0.5) - 0.5) / 4;
    expect(resolveLoss(new MLP([2, 2], { seed: 0 }), 'bce')(logits, labels).item()).toBeCloseTo(bce, 15);
  });

  it('rejects unknown names, including inherited property names', () => {
    expect(() => resolveLoss(new MLP([2, 2]), 'toString' as 'mse')).toThrow(/loss: unknown loss "toString"/);
  });
});

describe('bce with class labels', () => {
  it('rejects a label other than 0 or 1 against a single logit column, naming the index', () => {
    const bce = resolveLoss(null as never, 'bce');
    const logits = tensor([[0.5], [-1], [2]]);
    expect(() => bce(logits, Int32Array.from([0, 1, 2]))).toThrow('bce: label at index 2 is 2, outside 0..1 for 2 classes');
    expect(bce(logits, Int32Array.from([0, 1, 1])).item()).toBeCloseTo(
      (Math.log1p(Math.exp(0.5)) + Math.log1p(Math.exp(1)) + Math.log1p(Math.exp(-2))) / 3,
      12,
    );
  });
});
