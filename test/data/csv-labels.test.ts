import { describe, expect, it } from 'vitest';
import { CsvError, encodeClasses, parseCsv } from '../../src/data/csv.ts';
import { thrown } from '../support/errors.ts';

const collision = (text: string): CsvError => thrown(CsvError, () => parseCsv(text, { source: 'l.csv' }));

describe('class labels: compared as the text in the file, numbers in numeric order', () => {
  it('numeric labels are numbered in numeric order and named exactly as written', () => {
    expect(encodeClasses(['10', '9', '-1', '9']).classNames).toEqual(['-1', '9', '10']);
    expect(Array.from(encodeClasses(['10', '9', '-1', '9']).labels)).toEqual([2, 1, 0, 1]);
    expect(parseCsv('x,y\n1,1.0\n2,0.5\n3,1.0\n').classNames).toEqual(['0.5', '1.0']);
    expect(parseCsv('x,y\n1,02\n2,-1.5e0\n').classNames).toEqual(['-1.5e0', '02']);
  });

  it('two texts for one number are an error naming both texts, their lines and the column: never one class', () => {
    const pairs: [string, string][] = [
      ['1', '1.0'],
      ['-0', '0'],
      ['1e-400', '0'],
      ['01', '1'],
      ['0.1', '0.10000000000000001'],
    ];
    for (const [a, b] of pairs) {
      const e = collision(`x,kind\n1,${a}\n2,5\n\n3,${b}\n4,5\n`);
      expect(e.message).toBe(
        `l.csv lines 2 and 5, column 2 (kind): the labels "${a}" and "${b}" are the same number; numeric labels are compared as numbers, so write each class one way`,
      );
      expect([e.line, e.column]).toEqual([5, 2]);
    }
    expect(() => encodeClasses(['1', '2', '1.0'])).toThrow(
      'encodeClasses: labels "1" (value 0) and "1.0" (value 2) are the same number; numeric labels are compared as numbers, so write each class one way',
    );
  });

  it('finds the lines of colliding labels far apart in a large file (read again from the start)', () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `${i},${i === 35_000 ? '2.0' : i % 2 ? '2' : '3'}`);
    const e = collision(`x,kind\n${rows.join('\n')}`);
    expect(e.message).toContain('lines 3 and 35002, column 2 (kind): the labels "2" and "2.0"');
  });

  it('labels that are not all numbers are text, numbered by first appearance: 1 and 1.0 are then two classes', () => {
    expect(encodeClasses(['b', 'a', 'b', 'c']).classNames).toEqual(['b', 'a', 'c']);
    expect(parseCsv('x,y\n1,1\n2,a\n3,1.0\n').classNames).toEqual(['1', 'a', '1.0']);
  });
});
