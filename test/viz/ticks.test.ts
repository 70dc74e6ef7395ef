import { describe, expect, it } from 'vitest';
import {
  formatTickNumber,
  formatTick,
  linearTicks,
  logTicks,
  niceDomain,
  niceLogDomain,
  tickLabels,
  tickStep,
} from '../../src/viz/ticks.ts';

describe('formatTick', () => {
  it('writes plain decimals inside [1e-3, 1e5) and exponents outside, three significant digits, a real minus, no +', () => {
    expect([0, 1.23456, 0.0123456, 0.001, 99_940, 123_456, 0.00012, -10, -2.5e-6, 1e-11].map((v) => formatTick(v))).toEqual([
      '0',
      '1.23',
      '0.0123',
      '0.001',
      '99900',
      '1.23e5',
      '1.2e−4',
      '−10',
      '−2.5e−6',
      '1e−11',
    ]);
    // 99 999 rounds to 1.00e5 at three digits: the rounded value decides the form, so it never reads "100000".
    expect(formatTick(99_999)).toBe('1e5');
    expect([NaN, Infinity, -Infinity].map((v) => formatTick(v))).toEqual(['NaN', '∞', '−∞']);
  });

  it('can force the exponent form and more digits', () => {
    expect(formatTickNumber(0.5, 3, true)).toBe('5e−1');
    expect(formatTickNumber(1 / 3, 5, false)).toBe('0.33333');
  });
});

describe('tickLabels', () => {
  it('labels the valley x axis −10 … 2 plainly (it once read −1e+1)', () => {
    const ticks = linearTicks(-10.5, 2, 6);
    expect(ticks).toEqual([-10, -8, -6, -4, -2, 0, 2]);
    expect(tickLabels(ticks)).toEqual(['−10', '−8', '−6', '−4', '−2', '0', '2']);
  });

  it('writes a log axis tick by tick and a linear axis all alike', () => {
    expect(tickLabels([10, 1, 0.1, 0.01, 0.001, 1e-4, 1e-11], { log: true })).toEqual(['10', '1', '0.1', '0.01', '0.001', '1e−4', '1e−11']);
    expect(tickLabels([0, 0.0005, 0.001, 0.0015])).toEqual(['0', '5e−4', '1e−3', '1.5e−3']);
    expect(tickLabels([0, 50_000, 100_000, 150_000])).toEqual(['0', '5e4', '1e5', '1.5e5']);
    expect(tickLabels([0, 0.1 + 0.2, 0.6])).toEqual(['0', '0.3', '0.6']); // floating-point dust is dropped
  });
});

describe('linearTicks', () => {
  it('puts round ticks 1, 2 or 5 × 10^k apart inside the range (d3-array’s rule)', () => {
    expect(linearTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(linearTicks(-1, 1.75, 6)).toEqual([-1, -0.5, 0, 0.5, 1, 1.5]);
    expect(linearTicks(0, 201_000, 5)).toEqual([0, 50_000, 100_000, 150_000, 200_000]);
    expect(linearTicks(1, 200, 6)).toEqual([50, 100, 150, 200]);
    expect(linearTicks(3, 1, 2)).toEqual([1, 2, 3]);
    expect(linearTicks(4, 4)).toEqual([4]);
    expect(tickStep(0, 10, 10)).toBe(1);
    expect(tickStep(0, 7, 10)).toBe(0.5); // 0.7 per tick: 7·10⁻¹ lies in [√10, √50), so 5·10⁻¹
    expect(() => linearTicks(0, Infinity)).toThrow(/must be finite/);
  });

  it('widens a range to the ticks outside it', () => {
    expect(niceDomain(0.13, 0.87, 5)).toEqual([0, 1]);
    expect(niceDomain(-0.07, 3.2, 6)).toEqual([-0.5, 3.5]);
    expect(niceDomain(2, 2)).toEqual([1, 3]);
  });
});

describe('logTicks', () => {
  it('uses the powers of ten inside, thinned to at most `max` by their exponent', () => {
    expect(logTicks(0.01, 100)).toEqual([0.01, 0.1, 1, 10, 100]);
    expect(logTicks(1e-11, 1)).toEqual(
      [1e-11, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.1, 1].filter((v) => Math.round(Math.log10(v)) % 2 === 0),
    );
    expect(logTicks(1e-11, 1, 12)).toHaveLength(12);
  });

  it('adds 2× and 5× where fewer than three powers fit, and falls back to linear ticks in a narrow range', () => {
    expect(logTicks(0.3, 12)).toEqual([0.5, 1, 2, 5, 10]);
    expect(logTicks(1.1, 1.9)).toEqual([1.2, 1.4, 1.6, 1.8]);
    expect(() => logTicks(0, 1)).toThrow(/needs positive values/);
    expect(niceLogDomain(0.013, 14)).toEqual([0.01, 100]);
    expect(niceLogDomain(1, 1)).toEqual([1, 10]);
  });
});
