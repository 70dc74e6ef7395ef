import { describe, expect, it } from 'vitest';
import { cat, permute, stack, tensor, where, zeros } from '../../src/tensor/index.ts';

describe('shape errors name the op and the shapes', () => {
  it('matmul with mismatched inner dimensions', () => {
    expect(() => zeros([3, 4]).matmul(zeros([5, 2]))).toThrow('matmul: cannot multiply [3, 4] by [5, 2]');
    expect(() => zeros([3]).matmul(zeros([4]))).toThrow('matmul: cannot multiply [3] by [4]');
    expect(() => zeros([2, 3]).matmul(zeros([2]))).toThrow('matmul: cannot multiply [2, 3] by [2]');
  });

  it('matmul with unsupported ranks', () => {
    expect(() => zeros([2, 2, 2]).matmul(zeros([2, 2]))).toThrow(
      'matmul: only 1-D and 2-D operands are supported, got [2, 2, 2] and [2, 2]',
    );
    expect(() => tensor(2).matmul(zeros([2]))).toThrow(/got \[\] and \[2\]/);
  });

  it('axis out of range for sum, mean, max, softmax, logSoftmax', () => {
    const x = zeros([2, 3]);
    expect(() => x.sum(2)).toThrow('sum: axis 2 is out of range for shape [2, 3] (allowed: -2..1)');
    expect(() => x.sum(-3)).toThrow('sum: axis -3 is out of range for shape [2, 3]');
    expect(() => x.mean(5)).toThrow('mean: axis 5 is out of range for shape [2, 3]');
    expect(() => x.max(-3, true)).toThrow('max: axis -3 is out of range for shape [2, 3]');
    expect(() => x.softmax(2)).toThrow('softmax: axis 2 is out of range for shape [2, 3]');
    expect(() => x.logSoftmax(-3)).toThrow('logSoftmax: axis -3 is out of range for shape [2, 3]');
    expect(() => x.sum(0.5)).toThrow('sum: axis 0.5 is out of range');
    expect(() => tensor(1).softmax()).toThrow('softmax: axis -1 is out of range for shape [] (allowed: none (the tensor is a scalar))');
  });

  it('max of an empty tensor', () => {
    expect(() => zeros([0]).max()).toThrow('max: cannot take the maximum of an empty tensor');
  });

  it('reshape to a different number of elements', () => {
    const x = zeros([2, 3]);
    expect(() => x.reshape(4, 2)).toThrow('reshape: cannot reshape [2, 3] (6 elements) to [4, 2] (8 elements)');
    expect(() => x.reshape(-1, 4)).toThrow('reshape: cannot reshape [2, 3] (6 elements) to [-1, 4]');
    expect(() => x.reshape(-1, -1)).toThrow('reshape: invalid target shape [-1, -1]');
    expect(() => x.reshape(2, 1.5, 2)).toThrow('reshape: invalid target shape [2, 1.5, 2]');
  });

  it('permute with axes that are not a permutation', () => {
    expect(() => permute(zeros([2, 3]), [0, 0])).toThrow('permute: axes [0, 0] are not a permutation of 0..1 for shape [2, 3]');
    expect(() => permute(zeros([2, 3]), [1])).toThrow(/not a permutation/);
  });
});

describe('the new ops name the op, the shapes, the axis and the bad index or count', () => {
  const x = zeros([2, 3]);
  it.each([
    [() => x.narrow(1, 2, 2), 'narrow: start 2 + length 2 exceeds size 3 of axis 1 of shape [2, 3]'],
    [() => x.narrow(1, 0.5, 1), 'narrow: start must be a non-negative integer, got 0.5'],
    [() => x.narrow(2, 0, 1), 'narrow: axis 2 is out of range for shape [2, 3] (allowed: -2..1)'],
    [() => x.indexSelect(0, [0, 2]), 'indexSelect: index 2 at position 1 is out of range for size 2'],
    [() => x.indexSelect(-1, [1.5]), 'indexSelect: index 1.5 at position 0 is not an integer'],
    [() => x.gather(1, zeros([3, 1])), 'gather: index shape [3, 1] does not fit x shape [2, 3] along axis 1'],
    [() => x.gather(1, tensor([[3]])), 'gather: index 3 at position 0 is out of range for size 3'],
    [() => cat([x, zeros([3, 2])], 0), 'cat: shapes [2, 3], [3, 2] differ outside axis 0'],
    [() => stack([x, zeros([3, 2])]), 'stack: all tensors must have one shape, got [2, 3], [3, 2]'],
    [() => x.split([1, 1], 1), 'split: sizes [1, 1] sum to 2, but axis 1 of [2, 3] has size 3'],
    [() => x.split(0), 'split: size must be a positive integer, got 0'],
    [() => x.chunk(-1), 'chunk: chunks must be a positive integer, got -1'],
    [() => x.unsqueeze(3), 'unsqueeze: axis 3 is out of range for shape [2, 3, 1] (allowed: -3..2)'],
    [() => x.flatten(1, 0), 'flatten: start axis 1 comes after end axis 0 for shape [2, 3]'],
    [() => x.expand([4, 3]), 'expand: cannot broadcast shapes [2, 3] and [4, 3] (dimension 0: 2 vs 4)'],
    [() => x.maximum(zeros([2])), 'maximum: cannot broadcast shapes [2, 3] and [2]'],
    [() => where(zeros([4]), x, 0), 'where: cannot broadcast shapes [4] and [2, 3]'],
    [() => x.clamp(), 'clamp: give at least one of min and max'],
    [() => x.logsumexp(5), 'logsumexp: axis 5 is out of range for shape [2, 3]'],
    [() => x.var(0, { unbiasd: false } as never), 'var: unknown option "unbiasd" (allowed: unbiased, keepDims)'],
    [() => x.softplus({ beta: 0 }), 'softplus: beta must be > 0, got 0'],
    [() => x.gelu({ approximate: 'erf' as never }), "gelu: approximate must be 'none' or 'tanh', got erf"],
    [() => zeros([0]).argmin(), 'argmin: cannot take the minimum of an empty tensor (shape [0])'],
  ])('%#', (f, message) => expect(f).toThrow(message));
});
