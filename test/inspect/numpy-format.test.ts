import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatNumpyArray } from '../../src/inspect/numpy-format.ts';

interface Case {
  values: number[];
  numpy: string;
}

// Generated with NumPy 2.4 (`str(np.array(values))`): random scales, ties, zeros, wrapping.
const cases = JSON.parse(readFileSync(new URL('./fixtures/numpy-print.json', import.meta.url), 'utf8')) as Case[];

describe('formatNumpyArray', () => {
  it('prints the lesson arrays as NumPy does (sign padding, trimmed common width)', () => {
    expect(formatNumpyArray([2.80000003, 3.80000002])).toBe('[2.80000003 3.80000002]');
    expect(formatNumpyArray([-0.02001478, 0.0301726])).toBe('[-0.02001478  0.0301726 ]');
    expect(formatNumpyArray([0.00082782, -0.0039881])).toBe('[ 0.00082782 -0.0039881 ]');
    expect(formatNumpyArray([3, 4])).toBe('[3. 4.]');
    expect(formatNumpyArray([0, -0])).toBe('[ 0. -0.]');
  });

  it('switches to scientific notation where NumPy does', () => {
    expect(formatNumpyArray([1.5e-5, -1])).toBe('[ 1.5e-05 -1.0e+00]');
    expect(formatNumpyArray([1e9, 2])).toBe('[1.e+09 2.e+00]');
  });

  it('rounds exact ties to even like Dragon4', () => {
    expect(formatNumpyArray([0.001953125, 0.5])).toBe('[0.00195312 0.5       ]');
    expect(formatNumpyArray([0.005859375, 1])).toBe('[0.00585938 1.        ]');
  });

  it(`matches NumPy on all ${cases.length} recorded arrays`, () => {
    const mismatches = cases.filter((c) => formatNumpyArray(c.values) !== c.numpy);
    expect(mismatches).toEqual([]);
  });
});
