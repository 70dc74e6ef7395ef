import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, readRows } from '../../src/data/csv-rows.ts';

const cells = (text: string): string[][] => readRows(text).map((r) => r.cells);

function syntaxError(text: string): CsvSyntaxError {
  try {
    readRows(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a CsvSyntaxError');
}

describe('readRows (RFC 4180)', () => {
  it('splits cells on commas and records on LF, CRLF, with or without a final line break', () => {
    expect(cells('a,b\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
    expect(cells('a,b\r\n1,2\r\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(cells('a,,c,\n')).toEqual([['a', '', 'c', '']]);
  });

  it('unquotes cells: commas, line breaks and doubled quotes inside quotes are data', () => {
    expect(cells('"x,y","say ""hi""",""\n')).toEqual([['x,y', 'say "hi"', '']]);
    expect(cells('"two\nlines",b\n')).toEqual([['two\nlines', 'b']]);
  });

  it('gives each record the line it starts on, counting line breaks inside quotes and skipped empty lines', () => {
    const rows = readRows('\ufeffh1,h2\n\n"a\nb",1\r\n\r\nc,2\n');
    expect(rows).toEqual([{ cells: ['h1', 'h2'], line: 1 }, { cells: ['a\nb', '1'], line: 3 }, { cells: ['c', '2'], line: 6 }]);
  });

  it('keeps spaces (the caller trims numbers) and returns nothing for empty text', () => {
    expect(cells(' a , b \n')).toEqual([[' a ', ' b ']]);
    expect(readRows('')).toEqual([]);
    expect(readRows('\n\r\n')).toEqual([]);
  });

  it('names the line of a quote never closed, a stray quote, and text after a closing quote', () => {
    expect(syntaxError('a,b\n1,"x\n2,y\n')).toMatchObject({ line: 2, message: 'Quote Not Closed: the quoted cell opened on line 2 never closes' });
    expect(syntaxError('a,b\n1,x"y\n').message).toBe('Invalid Opening Quote: a quote inside an unquoted cell on line 2; put the whole cell in quotes and double the quote ("")');
    expect(syntaxError('a,b\n"1\n2"z,y\n')).toMatchObject({ line: 3, message: 'Invalid Closing Quote: found "z" after the closing quote of a cell on line 3; expected a comma or the end of the line' });
  });
});
