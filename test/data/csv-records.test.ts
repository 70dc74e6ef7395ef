import { describe, expect, it } from 'vitest';
import { printable } from '../../src/data/csv-cells.ts';
import { CsvError } from '../../src/data/csv-error.ts';
import { lineOfRecord, readRecords } from '../../src/data/csv-records.ts';
import { browserTokenizer } from '../../src/data/csv-tokenizer.ts';
import { nodeTokenizer } from '../../src/node/csv.ts';
import { Rng } from '../../src/util/random.ts';
import { thrown } from '../support/errors.ts';

/** Tables per seeded run (a size knob: GRADLAB_CSV_FUZZ=2000 for a longer hunt). */
const TABLES = Number(process.env.GRADLAB_CSV_FUZZ ?? 300);

interface Table {
  text: string;
  records: string[][];
  /** The line each record starts on, counted while writing (CRLF is one break). */
  lines: number[];
}

const PIECES = ['1', '-2.5e3', 'x', ' ', 'é', '日本', ',', '"', '\n', '\r\n', '\r', '', 'abc'];
const breaks = (s: string): number => s.match(/\r\n|\r|\n/g)?.length ?? 0;

function cell(rng: Rng, plain: boolean): { written: string; value: string } {
  let value = '';
  for (let k = rng.int(4); k > 0; k--) value += PIECES[plain ? rng.int(3) : rng.int(PIECES.length)]!;
  const mustQuote = /[",\r\n]/.test(value);
  if (!mustQuote && (plain || rng.uniform() < 0.7)) return { written: value, value };
  return { written: `"${value.replaceAll('"', '""')}"`, value };
}

/** A random RFC 4180 table: quoted cells with commas, quotes and line breaks; CRLF, LF and CR; blank lines; a BOM. */
function table(rng: Rng, plainFrom = Infinity): Table {
  const rows = 1 + rng.int(12);
  let text = rng.uniform() < 0.2 ? '\ufeff' : '';
  let line = 1;
  const records: string[][] = [];
  const lines: number[] = [];
  for (let r = 0; r < rows; r++) {
    const sep = ['\n', '\r\n', '\r'][rng.int(3)]!;
    // A blank line, but never an LF right after a CR: that would be one CRLF, not two breaks.
    const blank = text.endsWith('\r') && sep === '\n' ? '\r' : sep;
    for (let k = rng.uniform() < 0.2 ? 1 + rng.int(2) : 0; k > 0; k--) [text, line] = [text + blank, line + 1];
    const cells = Array.from({ length: 1 + rng.int(4) }, () => cell(rng, r >= plainFrom));
    // A record of one empty cell would be a blank line: quote it.
    if (cells.length === 1 && cells[0]!.written === '') cells[0] = { written: '""', value: '' };
    const written = cells.map((c) => c.written).join(',');
    records.push(cells.map((c) => c.value));
    lines.push(line);
    const end = r === rows - 1 && rng.uniform() < 0.3 ? '' : sep;
    text += written + end;
    line += breaks(written) + breaks(end);
  }
  return { text, records, lines };
}

/** `bytes` in random chunks through CsvRecords with tiny windows, so windows end inside quoted cells and records. */
function read(bytes: Uint8Array, rng: Rng, windowBytes: number, tokenizer = browserTokenizer): { records: string[][]; lines: number[] } {
  const out = { records: [] as string[][], lines: [] as number[] };
  // The reader must copy what it keeps: every chunk is a view of one buffer, overwritten when the next is asked for.
  function* chunks(): Generator<Uint8Array> {
    const buffer = new Uint8Array(256);
    for (let at = 0; at < bytes.length;) {
      const size = Math.min(1 + rng.int(rng.uniform() < 0.5 ? 8 : 200), bytes.length - at);
      buffer.fill(0x41);
      buffer.set(bytes.subarray(at, at + size));
      yield buffer.subarray(0, size);
      at += size;
    }
  }
  readRecords(
    chunks(),
    'fuzz.csv',
    (cells, _, line) => {
      out.records.push(cells);
      out.lines.push(line());
    },
    { windowBytes, tokenizer },
  );
  return out;
}

describe('CsvRecords: csv-parse in windows, records and lines as written (seeded fuzz)', () => {
  it(`reads ${TABLES} random tables the same in any chunking and window size, with each record's starting line`, () => {
    const rng = new Rng(25);
    for (let t = 0; t < TABLES; t++) {
      const expected = table(rng);
      const bytes = new TextEncoder().encode(expected.text);
      const windowBytes = 4 + rng.int(60);
      const got = read(bytes, rng, windowBytes, t % 2 ? nodeTokenizer : browserTokenizer);
      expect(got, JSON.stringify(expected.text)).toEqual({ records: expected.records, lines: expected.lines });
    }
  });

  it('names the line where an unclosed quote opens, and its column, however the input is cut', () => {
    const rng = new Rng(7);
    for (let t = 0; t < TABLES / 3; t++) {
      // After record r, no cell holds a quote, so the quote opened in record r never closes.
      const { text, lines, records } = table(rng, 0);
      const r = rng.int(records.length);
      const column = rng.int(records[r]!.length);
      const cells = records[r]!.map((c, j) => (j === column ? `"open${c}` : c));
      const rows = text.split(/\r\n|\r|\n/);
      const line = lines[r]!;
      rows[line - 1] = cells.join(',');
      const bytes = new TextEncoder().encode(rows.join('\n'));
      const e = thrown(CsvError, () => read(bytes, rng, 4 + rng.int(60)));
      // Columns are named from the header (record 0), but for an error in the header itself.
      const name = r === 0 ? '' : (records[0]![column]?.trim() ?? '');
      const where = `column ${column + 1}${name === '' ? '' : ` (${printable(name)})`}`;
      expect(e.message).toBe(
        `fuzz.csv line ${line}, ${where}: malformed CSV: Quote Not Closed: the quoted cell that opens here never closes`,
      );
      expect([e.line, e.column]).toEqual([line, column + 1]);
    }
  });
});

describe('CsvRecords: malformed CSV and lines', () => {
  const records = (text: string, windowBytes?: number): string[][] => {
    const out: string[][] = [];
    readRecords([new TextEncoder().encode(text)], 't.csv', (cells) => out.push(cells), { windowBytes });
    return out;
  };

  it('strips a byte-order mark only at the start of the input', () => {
    expect(records('\ufeffa,b\n\ufeff1,2\n')).toEqual([
      ['a', 'b'],
      ['\ufeff1', '2'],
    ]);
  });

  it('counts a CRLF inside a quoted cell as one line break (csv-parse counts two)', () => {
    const lines: number[] = [];
    readRecords([new TextEncoder().encode('a,b\r\n"x\r\ny\r\nz",1\r\n\r\nq,2\r\n')], 't.csv', (_, __, line) => lines.push(line()));
    expect(lines).toEqual([1, 2, 6]);
  });

  it('names line and column of a stray quote and of text after a closing quote; in the header, with no name', () => {
    const at = (text: string): CsvError => thrown(CsvError, () => records(text));
    expect(at('a,b\n1,x"y\n').message).toBe(
      't.csv line 2, column 2 (b): malformed CSV: Invalid Opening Quote: a quote inside an unquoted cell (quote the whole cell and double the quotes inside)',
    );
    const closing = at('a,b\n1,2\n"1\n2"z,y\n');
    expect(closing.message).toBe(
      't.csv line 3, column 1 (a): malformed CSV: Invalid Closing Quote: the quoted cell that opens here has "z" after its closing quote (a comma or the end of the line must follow it)',
    );
    expect([closing.line, closing.column]).toEqual([3, 1]);
    expect(at('a,"b\n').message).toBe(
      't.csv line 1, column 2: malformed CSV: Quote Not Closed: the quoted cell that opens here never closes',
    );
  });

  it('finds the line of any record again by reading from the start (for errors found at the end)', () => {
    const text = 'h\n' + Array.from({ length: 3000 }, (_, i) => (i === 2500 ? '"multi\nline"' : String(i))).join('\n') + '\n';
    const bytes = new TextEncoder().encode(text);
    expect(lineOfRecord([bytes], 't.csv', 0)).toBe(1);
    expect(lineOfRecord([bytes], 't.csv', 2501)).toBe(2502);
    expect(lineOfRecord([bytes], 't.csv', 2600)).toBe(2602);
  });

  it('a quoted cell longer than the window is read whole, and one that never closes within 16 MiB is an error at its opening line', () => {
    const long = 'x'.repeat(300_000);
    expect(records(`a,b\n1,"${long}\n${long}"\n2,3\n`, 1024)).toEqual([
      ['a', 'b'],
      ['1', `${long}\n${long}`],
      ['2', '3'],
    ]);
    const e = thrown(CsvError, () => records(`a,b\n1,"${'y\n'.repeat(9 * 2 ** 20)}`));
    expect(e.message).toBe(
      't.csv line 2, column 2 (b): malformed CSV: Quote Not Closed: the quoted cell that opens here does not close within 16 MiB',
    );
  });
});
