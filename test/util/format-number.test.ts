import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/util/format-number.ts';

describe('formatNumber: fixed decimals, scientific for the very small and the very large', () => {
  it('prints four decimals between 1e-3 and a million', () => {
    expect(formatNumber(0.123456)).toBe('0.1235');
    expect(formatNumber(1)).toBe('1.0000');
    expect(formatNumber(-2.5)).toBe('-2.5000');
    expect(formatNumber(0.001)).toBe('0.0010');
    expect(formatNumber(999_999.5)).toBe('999999.5000');
  });
  it('never rounds a small value to 0.0000 or writes a row of digits for a large one', () => {
    expect(formatNumber(1.7e-5)).toBe('1.70e-5');
    expect(formatNumber(-0.000999)).toBe('-9.99e-4');
    expect(formatNumber(1.4e-11)).toBe('1.40e-11');
    expect(formatNumber(2.5e9)).toBe('2.50e9');
  });
  it('exact zero, NaN and infinities as they are; digits moves both the decimals and the threshold', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(-Infinity)).toBe('-Infinity');
    expect(formatNumber(0.5, 2)).toBe('0.50');
    expect(formatNumber(0.05, 2)).toBe('5.00e-2');
    expect(formatNumber(194.4073, 1)).toBe('194.4');
  });
});
