import { describe, expect, it } from 'vitest';
import { checkCount, positiveInteger, showValue } from '../../src/util/guards.ts';

describe('shared argument checks', () => {
  it('positiveInteger hands back whole numbers ≥ 1 and names the option otherwise', () => {
    expect(positiveInteger('fit', 'epochs', 3)).toBe(3);
    expect(() => positiveInteger('fit', 'epochs', 0)).toThrow(new RangeError('fit: epochs must be a positive integer, got 0'));
    expect(() => positiveInteger('fit', 'epochs', 1.5)).toThrow('fit: epochs must be a positive integer, got 1.5');
    expect(() => positiveInteger('fit', 'epochs', '2')).toThrow('fit: epochs must be a positive integer, got 2');
  });

  it('checkCount accepts integers from min up (0 by default)', () => {
    expect(checkCount('saveCheckpoint', 'step', 0)).toBe(0);
    expect(checkCount('makeMoons', 'n', 2, 2)).toBe(2);
    expect(() => checkCount('makeMoons', 'n', 1, 2)).toThrow(new RangeError('makeMoons: n must be an integer ≥ 2, got 1'));
    expect(() => checkCount('saveCheckpoint', 'epoch', -1)).toThrow('saveCheckpoint: epoch must be an integer ≥ 0, got -1');
  });

  it('showValue writes objects as JSON rather than [object Object]', () => {
    expect([showValue({ a: 1 }), showValue([1, 2]), showValue(null), showValue(undefined), showValue(NaN), showValue('x')]).toEqual([
      '{"a":1}',
      '[1,2]',
      'null',
      'undefined',
      'NaN',
      'x',
    ]);
  });
});
