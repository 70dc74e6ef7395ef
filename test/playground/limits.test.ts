import { describe, expect, it } from 'vitest';
import { LIMITS, checkHidden, checkNumber, describeRule } from '../../playground/src/state/limits.ts';

describe('input rules', () => {
  it('reads a number against its rule and says what was typed and what is taken', () => {
    expect(checkNumber(' 250 ', LIMITS.steps)).toEqual({ value: 250, error: null });
    expect(checkNumber('9999', LIMITS.steps).error).toBe('9999 is too large; type a whole number from 1 to 5000');
    expect(checkNumber('0', LIMITS.steps).error).toBe('0 is too small; type a whole number from 1 to 5000');
    expect(checkNumber('2.5', LIMITS.steps).error).toBe('2.5 is not a whole number; type a whole number from 1 to 5000');
    expect(checkNumber('abc', LIMITS.noise).error).toBe("'abc' is not a number; type a number from 0 to 1");
    expect(checkNumber('', LIMITS.noise).error).toBe('empty; type a number from 0 to 1');
    expect(checkNumber('0.25', LIMITS.noise)).toEqual({ value: 0.25, error: null });
    expect(describeRule(LIMITS.batch)).toBe('a whole number from 0 to 2000');
  });

  it('reads hidden layers, naming the layer at fault', () => {
    const how = 'widths are whole numbers from 1 to 64, separated by commas, e.g. 16,16';
    expect(checkHidden('16, 8')).toEqual({ value: [16, 8], error: null });
    expect(checkHidden('')).toEqual({ value: [], error: null }); // no hidden layer: logistic regression
    expect(checkHidden('8,,x').error).toBe(`layer 2 is empty; ${how}`);
    expect(checkHidden('8,x').error).toBe(`layer 2 is 'x'; ${how}`);
    expect(checkHidden('0').error).toBe(`layer 1 is '0'; ${how}`);
    expect(checkHidden('65').error).toBe(`layer 1 is '65'; ${how}`);
    expect(checkHidden('1,2,3,4,5,6,7,8,9,10,11').error).toBe(`11 layers given; at most 4 (${how})`);
  });
});
