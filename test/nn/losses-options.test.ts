import { describe, expect, it } from 'vitest';
import { tensor } from '../../src/tensor/index.ts';
import { crossEntropy, nllLoss } from '../../src/nn/losses.ts';
import { huberLoss, l1Loss } from '../../src/nn/regression-losses.ts';
import { Embedding } from '../../src/nn/embedding.ts';

const logits = tensor([
  [1, 2, 0],
  [0.5, -1, 3],
]);

describe('loss options and errors', () => {
  it('crossEntropy with empty or undefined options is the fused loss, bit for bit', () => {
    expect(crossEntropy(logits, [1, 2], {}).item()).toBe(crossEntropy(logits, [1, 2]).item());
    expect(crossEntropy(logits, [1, 2], { weight: undefined }).item()).toBe(crossEntropy(logits, [1, 2]).item());
  });
  it('crossEntropy refuses an unknown option (a misspelt one used to be ignored) and a bad weight or smoothing', () => {
    expect(() => crossEntropy(logits, [1, 2], { label_smoothing: 0.1 } as never)).toThrow(
      'crossEntropy: unknown option "label_smoothing" (allowed: weight, labelSmoothing)',
    );
    expect(() => crossEntropy(logits, [1, 2], { weight: tensor([1, 2]) })).toThrow(
      'crossEntropy: weight must be a Tensor of shape [3] (one per class), got [2]',
    );
    expect(() => crossEntropy(logits, [1, 2], { labelSmoothing: 1.5 })).toThrow('crossEntropy: labelSmoothing must be in [0, 1], got 1.5');
  });
  it('nllLoss picks −x at the labels (hand-derived) and names a bad label', () => {
    expect(nllLoss(logits, [1, 2]).item()).toBe(-(2 + 3) / 2);
    expect(nllLoss(logits, [0, 2], { weight: tensor([1, 1, 3]) }).item()).toBe(-(1 + 9) / 4);
    expect(() => nllLoss(logits, [0, 3])).toThrow('nllLoss: label at index 1 is 3, outside 0..2 for 3 classes');
  });
  it('l1Loss and huberLoss by hand: |d| = 0.5 is quadratic, |d| = 3 is linear', () => {
    const p = tensor([0.5, 3]),
      t = tensor([0, 0]);
    expect(l1Loss(p, t).item()).toBe(1.75);
    expect(huberLoss(p, t).item()).toBe((0.125 + (3 - 0.5)) / 2);
    expect(() => huberLoss(p, t, 0)).toThrow('huberLoss: delta must be > 0, got 0');
    expect(() => l1Loss(p, tensor([1]))).toThrow('l1Loss: pred shape [2] and target shape [1] differ');
  });
});

describe('Embedding', () => {
  it('looks up rows by index, shaped [...indices, dim], and accumulates the gradient of repeated rows', () => {
    const e = new Embedding(4, 2, { seed: 1 });
    expect(e.namedParameters().map(([n]) => n)).toEqual(['weight']);
    const y = e.forward(tensor([[3, 1, 3]]));
    expect(y.shape).toEqual([1, 3, 2]);
    expect(Array.from(y.data)).toEqual([...e.weight.data.slice(6, 8), ...e.weight.data.slice(2, 4), ...e.weight.data.slice(6, 8)]);
    y.sum().backward();
    expect(Array.from(e.weight.grad!.data)).toEqual([0, 0, 1, 1, 0, 0, 2, 2]);
    expect(() => e.forward(tensor([4]))).toThrow('indexSelect: index 4 at position 0 is out of range for size 4');
    expect(() => new Embedding(0, 2)).toThrow('Embedding: count must be a positive integer, got 0');
  });
});
