import { mkdtempSync, mkdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvError, encodeClasses, parseCsv, parseCsvBytes } from '../../src/data/csv.ts';
import { Rng } from '../../src/util/random.ts';
import { loadCsv } from '../../src/node/csv.ts';
import { thrown } from '../support/errors.ts';

const caught = (fn: () => unknown): CsvError => thrown(CsvError, fn);

describe('parseCsv', () => {
  it('reads features row-major, the last column as label, and names columns', () => {
    const ds = parseCsv('a,b,kind\n1,2.5,cat\n-3,4e2,dog\n5, 6 ,cat\n');
    expect(ds.features.shape).toEqual([3, 2]);
    expect(Array.from(ds.features.data)).toEqual([1, 2.5, -3, 400, 5, 6]);
    expect(ds.featureNames).toEqual(['a', 'b']);
    expect(ds.labelName).toBe('kind');
    expect(ds.classNames).toEqual(['cat', 'dog']);
    expect(Array.from(ds.labels)).toEqual([0, 1, 0]);
    expect(ds.task).toBe('classification');
  });

  it('keeps first-appearance order for names but numeric order for numeric classes', () => {
    expect(encodeClasses(['b', 'a', 'b', 'c']).classNames).toEqual(['b', 'a', 'c']);
    const numeric = encodeClasses(['2', '10', '0', '1', '2']);
    expect(numeric.classNames).toEqual(['0', '1', '2', '10']);
    expect(Array.from(numeric.labels)).toEqual([2, 3, 0, 1, 2]);
  });

  it('picks the label column by name or index (negative from the end)', () => {
    const text = 'y,x1,x2\n0.5,1,2\n1.5,3,4\n';
    const byName = parseCsv(text, { label: 'y', task: 'regression' });
    expect(byName.featureNames).toEqual(['x1', 'x2']);
    expect(Array.from(byName.features.data)).toEqual([1, 2, 3, 4]);
    expect(Array.from(byName.targets ?? [])).toEqual([0.5, 1.5]);
    expect(byName.labels.length).toBe(0);
    expect(byName.classNames).toEqual([]);
    expect(parseCsv(text, { label: 0 }).labelName).toBe('y');
    expect(parseCsv(text, { label: -2 }).labelName).toBe('x1');
  });

  it('skips blank lines and counts lines from 1, header included, for errors', () => {
    const e = thrown(CsvError, () => parseCsv('a,b,c\n1,2,x\n\n3,oops,y\n', { source: 'data.csv' }));
    expect(e.message).toBe('data.csv line 4, column 2 (b): "oops" is not a number');
    expect([e.file, e.line, e.column]).toEqual(['data.csv', 4, 2]);
  });

  it('names file, line and column of a non-numeric feature cell', () => {
    const header = 'mean_radius,mean_texture,mean_perimeter,diagnosis';
    const rows = Array.from({ length: 15 }, () => '1,2,3,benign');
    rows.push('17.99,10.38,abc,malignant');
    const e = thrown(CsvError, () => parseCsv([header, ...rows].join('\n'), { source: 'breast-cancer.csv' }));
    expect(e.message).toBe('breast-cancer.csv line 17, column 3 (mean_perimeter): "abc" is not a number');
    expect(e.line).toBe(17);
    expect(e.column).toBe(3);
  });

  it('rejects empty cells, hex, and non-finite words as numbers', () => {
    expect(thrown(CsvError, () => parseCsv('a,b\n,x\n')).message).toBe('<csv> line 2, column 1 (a): the cell is empty, expected a number');
    expect(thrown(CsvError, () => parseCsv('a,b\n0x10,x\n')).message).toBe('<csv> line 2, column 1 (a): "0x10" is not a number');
    expect(thrown(CsvError, () => parseCsv('a,b\nInfinity,x\n')).column).toBe(1);
  });

  it('reports ragged rows with expected and actual cell counts', () => {
    const short = thrown(CsvError, () => parseCsv('a,b,c\n1,2,x\n3,4\n', { source: 'r.csv' }));
    expect(short.message).toBe('r.csv line 3: expected 3 cells (one per header column), got 2');
    expect([short.line, short.column]).toEqual([3, 3]);
    const long = thrown(CsvError, () => parseCsv('a,b,c\n1,2,x,9\n', { source: 'r.csv' }));
    expect(long.message).toBe('r.csv line 2: expected 3 cells (one per header column), got 4');
  });

  it('gives the starting line of a record whose quoted cell spans lines', () => {
    const e = thrown(CsvError, () => parseCsv('a,b,c\n"1\n2",2,x\n', { source: 'q.csv' }));
    // The line break inside the cell is shown escaped, so the message stays on one line.
    expect(e.message).toBe('q.csv line 2, column 1 (a): "1\\n2" is not a number');
  });

  it('says which columns exist when the label column is missing', () => {
    const e = thrown(CsvError, () => parseCsv('a,b,c\n1,2,3\n', { source: 'm.csv', label: 'species' }));
    expect(e.message).toBe('m.csv line 1: no label column "species"; the columns are: a, b, c');
    expect(thrown(CsvError, () => parseCsv('a,b,c\n1,2,3\n', { label: 3 })).message).toBe(
      '<csv>: label column index 3 is out of range for 3 columns (use 0..2, or -3..-1 from the end)',
    );
  });

  it('rejects empty files, header-only files, one-column files and empty labels', () => {
    expect(thrown(CsvError, () => parseCsv('', { source: 'e.csv' })).message).toBe(
      'e.csv: the file is empty (expected a header row and data rows)',
    );
    expect(thrown(CsvError, () => parseCsv('\n\n', { source: 'e.csv' })).message).toBe(
      'e.csv: the file is empty (expected a header row and data rows)',
    );
    expect(thrown(CsvError, () => parseCsv('a,b\n', { source: 'h.csv' })).message).toBe('h.csv: has a header (line 1) but no data rows');
    expect(thrown(CsvError, () => parseCsv('a\n1\n', { source: 'o.csv' })).message).toBe(
      'o.csv line 1: expected at least 2 columns (features and a label), got 1',
    );
    expect(thrown(CsvError, () => parseCsv('a,b\n1,\n')).message).toBe('<csv> line 2, column 2 (b): the label is empty');
  });

  it('wraps malformed CSV (an unclosed quote) with the line where the quote opens and its column', () => {
    const e = thrown(CsvError, () => parseCsv('a,b\n1,"x\n2,y\n3,z\n', { source: 'bad.csv' }));
    expect(e.message).toBe('bad.csv line 2, column 2 (b): malformed CSV: Quote Not Closed: the quoted cell that opens here never closes');
    expect([e.line, e.column]).toEqual([2, 2]);
  });

  it('parses a byte-order mark and CRLF line endings', () => {
    const ds = parseCsv('\ufeffa,b\r\n1,x\r\n2,y\r\n');
    expect(ds.featureNames).toEqual(['a']);
    expect(Array.from(ds.features.data)).toEqual([1, 2]);
    expect(ds.classNames).toEqual(['x', 'y']);
  });
});

describe('loadCsv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gradlab-csv-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads a file and names it in errors', () => {
    const path = join(dir, 'ok.csv');
    writeFileSync(path, 'x,y\n1,a\n2,b\n');
    const ds = loadCsv(path);
    expect(Array.from(ds.features.data)).toEqual([1, 2]);
    expect(ds.name).toBe(path);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'x,y\n1,a\nq,b\n');
    expect(thrown(CsvError, () => loadCsv(bad)).message).toBe(`${bad} line 3, column 1 (x): "q" is not a number`);
  });

  it('reads a file of many chunks and windows exactly as parseCsv reads its text', () => {
    const rng = new Rng(3);
    const rows = Array.from({ length: 30_000 }, (_, i) => {
      const x = (rng.normal() * 100).toPrecision(1 + rng.int(17));
      return i === 12_345 ? `${x},"two\r\nlines, and ""quotes"""` : `${x},${['a', 'b', 'c'][rng.int(3)]!}`;
    });
    const text = `\ufeffx,kind\r\n${rows.join('\r\n')}\r\n`;
    const path = join(dir, 'many.csv');
    writeFileSync(path, text);
    const file = loadCsv(path, { source: 'many.csv' });
    expect(file.features.shape).toEqual([30_000, 1]);
    expect(file).toEqual(parseCsv(text, { source: 'many.csv' }));
    expect(file.features.data[29_999]).toBe(Number(rows[29_999]!.split(',')[0]));
    expect(file.classNames).toContain('two\r\nlines, and "quotes"');
    // After the two-line cell, lines run one ahead of rows: row 29,000 is on line 29,003.
    writeFileSync(path, text.replace(`\r\n${rows[29_000]!}\r\n`, `\r\n${rows[29_000]!.replace(/^[^,]*/, 'oops')}\r\n`));
    expect(thrown(CsvError, () => loadCsv(path, { source: 'many.csv' })).message).toBe(
      'many.csv line 29003, column 1 (x): "oops" is not a number',
    );
  });

  it('a file over 2 GiB is refused before reading; one just under it that has no line break fails after 16 MiB', () => {
    const huge = join(dir, 'huge.csv');
    writeFileSync(huge, '');
    truncateSync(huge, 2 ** 31); // sparse: no disk space used
    expect(thrown(CsvError, () => loadCsv(huge, { source: 'huge.csv' })).message).toBe(
      'huge.csv: is 2.00 GiB, more than the 2 GiB a CSV may have (its numbers are held in memory); split it or sample rows',
    );
    truncateSync(huge, 2 ** 31 - 1);
    expect(thrown(CsvError, () => loadCsv(huge, { source: 'huge.csv' })).message).toBe(
      'huge.csv line 1: no line break in 16 MiB; gradlab reads records of at most 16 MiB (is this a CSV file?)',
    );
    rmSync(huge);
  });

  it('reports a missing file and a directory', () => {
    const missing = join(dir, 'nope.csv');
    const e = thrown(CsvError, () => loadCsv(missing));
    expect(e.message).toBe(`${missing}: file not found`);
    expect([e.file, e.line, e.column]).toEqual([missing, null, null]);
    const sub = join(dir, 'folder.csv');
    mkdirSync(sub);
    expect(thrown(CsvError, () => loadCsv(sub)).message).toBe(`${sub}: is a directory, not a file`);
  });
});

describe('parseCsv: ambiguous and hostile input', () => {
  it('numeric labels are classes in numeric order, each named as written in the file', () => {
    const ds = parseCsv('x,y\n1,10\n2,2\n3,-1\n4,10\n');
    expect(ds.classNames).toEqual(['-1', '2', '10']);
    expect(Array.from(ds.labels)).toEqual([2, 1, 0, 2]);
    expect(parseCsv('x,y\n1,1.0\n2,02\n3,1.0\n4,-0\n').classNames).toEqual(['-0', '1.0', '02']);
  });

  it('a trailing comma on every line is blamed on the header, at the unnamed column; on data lines alone, on the extra cell', () => {
    const every = caught(() => parseCsv('a,b,label,\n1,2,x,\n3,4,y,\n', { source: 't.csv' }));
    expect(every.message).toBe(
      't.csv line 1 (header): column 4 has no name; the header line ends with a comma (if every line does, remove the trailing commas)',
    );
    expect([every.line, every.column]).toEqual([1, 4]);
    const rows = caught(() => parseCsv('a,b,label\n1,2,x,\n', { source: 't.csv' }));
    expect(rows.message).toBe('t.csv line 2: expected 3 cells (one per header column), got 4: the line ends with a comma');
    expect([rows.line, rows.column]).toEqual([2, 4]);
    expect(caught(() => parseCsv('a,,label\n1,2,x\n')).message).toBe(
      '<csv> line 1 (header): column 2 has no name; every column needs a name',
    );
  });

  it('control characters in a cell are escaped in the message (a NUL suggests UTF-16), and a long cell is cut', () => {
    const nul = caught(() => parseCsv('a,b\n1\u00002,x\n', { source: 'n.csv' }));
    expect(nul.message).toBe(
      'n.csv line 2, column 1 (a): "1\\u00002" is not a number (the file holds NUL bytes: if it is UTF-16, save it as UTF-8)',
    );
    expect(nul.message).not.toContain('\0');
    const long = caught(() => parseCsv(`a,b\n${'9'.repeat(100)}x,y\n`));
    expect(long.message).toBe(`<csv> line 2, column 1 (a): "${'9'.repeat(40)}…" (101 characters) is not a number`);
    expect(caught(() => parseCsv('a\tb,c\n1,"x\ny"z\n')).message).toBe(
      '<csv> line 2, column 2 (c): malformed CSV: Invalid Closing Quote: the quoted cell that opens here has "z" after its closing quote (a comma or the end of the line must follow it)',
    );
    expect(caught(() => parseCsv('a\tb,c\nq,x\n')).message).toBe('<csv> line 2, column 1 (a\\tb): "q" is not a number');
  });

  it('repeated column names are an error naming both columns', () => {
    const e = caught(() => parseCsv('a,b,a,y\n1,2,3,x\n', { source: 'd.csv' }));
    expect(e.message).toBe('d.csv line 1 (header): columns 1 and 3 are both named "a"; each column needs its own name');
    expect([e.line, e.column]).toEqual([1, 3]);
  });

  it('bytes that are not UTF-8 are an error naming the line (not silently merged classes)', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('x,y\n1,a\n2,caf'), 0xe9, 10]);
    const e = caught(() => parseCsvBytes(bytes, { source: 'l.csv' }));
    expect(e.message).toBe('l.csv line 3: the file is not valid UTF-8 (byte 0xe9 at offset 13); save it as UTF-8');
    expect(e.line).toBe(3);
    expect(caught(() => parseCsvBytes(new Uint8Array([...new TextEncoder().encode('x,y\n1,'), 0xed, 0xa0, 0x80, 10]))).message).toContain(
      'line 2: the file is not valid UTF-8 (byte 0xed',
    ); // a surrogate
    expect(parseCsvBytes(new TextEncoder().encode('x,y\n1,café\n2,日本\n')).classNames).toEqual(['café', '日本']);
  });

  it('quoted cells keep commas, doubled quotes and line breaks', () => {
    const ds = parseCsv('x,"na,me"\n"1","a ""b"", c"\n2,"d\ne"\n');
    expect(ds.labelName).toBe('na,me');
    expect(ds.classNames).toEqual(['a "b", c', 'd\ne']);
    expect(caught(() => parseCsv('x,y\n1,a"b\n')).message).toBe(
      '<csv> line 2, column 2 (y): malformed CSV: Invalid Opening Quote: a quote inside an unquoted cell (quote the whole cell and double the quotes inside)',
    );
  });
});

describe('loadCsv: only regular files', () => {
  it('/dev/zero and a named pipe are refused at once, without reading', () => {
    expect(caught(() => loadCsv('/dev/zero')).message).toBe(
      '/dev/zero: is a character device, not a regular file; gradlab reads data only from regular files',
    );
  });
});
