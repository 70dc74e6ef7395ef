import { describe, expect, it } from 'vitest';
import { tensor, zeros, permute } from '../../src/tensor/index.ts';

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
