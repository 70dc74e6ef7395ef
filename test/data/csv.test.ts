import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvError, encodeClasses, parseCsv, parseCsvBytes } from '../../src/data/csv.ts';
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
    expect(e.message).toBe('q.csv line 2, column 1 (a): "1\n2" is not a number');
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

  it('wraps malformed CSV (an unclosed quote) with the line', () => {
    const e = thrown(CsvError, () => parseCsv('a,b\n1,"x\n', { source: 'bad.csv' }));
    expect(e.message).toMatch(/^bad\.csv line 2: malformed CSV: Quote Not Closed/);
    expect(e.line).toBe(2);
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
  it('numeric labels compare as numbers: 1, 1.0 and 01 are one class, named 1', () => {
    const ds = parseCsv('x,y\n1,1\n2,1.0\n3,01\n4,2\n5,-0\n6,0\n');
    expect(ds.classNames).toEqual(['0', '1', '2']);
    expect(Array.from(ds.labels)).toEqual([1, 1, 1, 2, 0, 0]);
    expect(encodeClasses(['1', 'a', '1.0']).classNames).toEqual(['1', 'a', '1.0']); // not all numbers: compared as text
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
    expect(caught(() => parseCsv('x,y\n1,a"b\n')).message).toMatch(/^<csv> line 2: malformed CSV: Invalid Opening Quote/);
  });
});

describe('loadCsv: only regular files', () => {
  it('/dev/zero and a named pipe are refused at once, without reading', () => {
    expect(caught(() => loadCsv('/dev/zero')).message).toBe(
      '/dev/zero: is a character device, not a regular file; gradlab reads data only from regular files',
    );
  });
});
