import { describe, expect, it } from 'vitest';
import { tensor, zeros, full } from '../../src/tensor/index.ts';

describe('toString()', () => {
  it('prints a 2-D tensor like PyTorch, aligned column-wise', () => {
    expect(
      tensor([
        [1, 2.5],
        [-3, 4],
      ]).toString(),
    ).toBe('tensor([[ 1.0000,  2.5000],\n        [-3.0000,  4.0000]])');
    expect(
      String(
        tensor([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toBe('tensor([[1.0000, 2.0000],\n        [3.0000, 4.0000]])');
  });

  it('prints scalars and 1-D tensors, with requiresGrad when set', () => {
    expect(tensor(3).toString()).toBe('tensor(3.0000)');
    expect(tensor(-0.5, { requiresGrad: true }).toString()).toBe('tensor(-0.5000, requiresGrad=true)');
    expect(
      tensor([[1, 2]], { requiresGrad: true })
        .mul(2)
        .toString(),
    ).toBe('tensor([[2.0000, 4.0000]], requiresGrad=true)');
    expect(tensor([]).toString()).toBe('tensor([])');
  });

  it('separates 2-D blocks of a 3-D tensor with a blank line', () => {
    expect(
      tensor([
        [
          [1, 2],
          [3, 4],
        ],
        [
          [5, 6],
          [7, 8],
        ],
      ]).toString(),
    ).toBe('tensor([[[1.0000, 2.0000],\n         [3.0000, 4.0000]],\n\n        [[5.0000, 6.0000],\n         [7.0000, 8.0000]]])');
  });

  it('uses exponent notation for tiny and huge values and names non-finite ones', () => {
    expect(tensor([1e-5, 1234567, NaN, Infinity, -Infinity, 0]).toString()).toBe(
      'tensor([1.0000e-5, 1.2346e+6,       nan,       inf,      -inf,    0.0000])',
    );
  });

  it('summarises tensors over 1000 elements with ... and the shape', () => {
    expect(zeros([2000]).toString()).toBe('tensor([0.0000, 0.0000, 0.0000, ..., 0.0000, 0.0000, 0.0000], shape=[2000])');
    const big = full([40, 40], 1).toString();
    expect(big.split('\n')).toHaveLength(7); // three rows, "...", three rows
    expect(big).toContain('...');
    expect(big.endsWith('shape=[40, 40])')).toBe(true);
  });
});
