import { describe, expect, it } from 'vitest';
import { decodeNumber, decodeNumbers, encodeNumber, encodeNumbers } from '../../src/util/json-numbers.ts';

describe('number codec for JSON', () => {
  it('writes the four values JSON cannot hold as strings and leaves every other number alone', () => {
    expect([Number.NaN, Infinity, -Infinity, -0, 0, 1e-310, -Number.MAX_VALUE].map(encodeNumber)).toEqual([
      'NaN',
      'Infinity',
      '-Infinity',
      '-0',
      0,
      1e-310,
      -Number.MAX_VALUE,
    ]);
    const finite = [1, 2.5, -3];
    expect(encodeNumbers(finite)).toBe(finite); // no copy when nothing needs encoding
    expect(encodeNumbers(Float64Array.of(1, -0))).toEqual([1, '-0']);
  });

  it('round-trips through JSON bit for bit', () => {
    const values = [Number.NaN, Infinity, -Infinity, -0, 0, 0.1 + 0.2, 5e-324];
    const back = decodeNumbers(JSON.parse(JSON.stringify(encodeNumbers(values)))) as number[];
    values.forEach((v, i) => expect(Object.is(back[i], v)).toBe(true));
  });

  it('hands anything else back for the caller to reject', () => {
    expect(decodeNumber('nan')).toBe('nan');
    expect(decodeNumber(null)).toBeNull();
    expect(decodeNumbers('NaN')).toBe('NaN');
  });
});
