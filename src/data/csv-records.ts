import { CsvError } from './csv-error.ts';
import { printable } from './csv-cells.ts';
import { MAX_RECORD_BYTES, countLineBreaks, lastLineEnd, lineTooLong, skipLineBreaks } from './csv-scan.ts';
import { browserTokenizer, isTokenizerError, tokenize, type CsvTokenizer, type TokenizerError } from './csv-tokenizer.ts';

export interface CsvRecordsOptions {
  tokenizer?: CsvTokenizer;
  /** Bytes per csv-parse call (default 64 KiB): small, so that a window's strings die young and cost the GC little. */
  windowBytes?: number;
}

/** Gets each record's cells, its index (the header is 0) and a function that finds the line where it starts. */
export type OnRecord = (cells: string[], index: number, line: () => number) => void;

/**
 * Hands every record of a CSV to `onRecord`, from its bytes in chunks of any size (a chunk may be
 * refilled once the next is asked for: what is kept is copied). csv-parse tokenizes windows of about
 * `windowBytes` that end at a line break, the header alone first, so nothing holds every row as
 * strings; a window that ends inside a quoted cell is read again, longer. Lines are not tracked per
 * record (csv-parse's per-record info costs): `line()` finds one when an error needs it. Returns the
 * number of records.
 */
export function readRecords(chunks: Iterable<Uint8Array>, source: string, onRecord: OnRecord, options: CsvRecordsOptions = {}): number {
  const { tokenizer = browserTokenizer, windowBytes = 2 ** 16 } = options;
  /** Bytes kept between chunks (the start of a record a chunk cut off), and the bytes being read: a chunk, or `kept`. */
  let [kept, carried, b]: [Uint8Array, number, Uint8Array] = [new Uint8Array(0), 0, new Uint8Array(0)];
  /** The first byte not yet tokenized, its line, the window length to try, the next record's index. */
  let [start, startLine, want, next] = [0, 1, windowBytes, 0];
  let [names, bomChecked] = [[] as string[], false];
  /** The window whose records are being handed out, its first line, the current record in it, its records' lines (lazy). */
  let [window, windowLine, current, lines] = [b, 1, 0, null as number[] | null];

  const line = (): number => {
    if (lines === null) {
      const ends: number[] = [];
      tokenize(tokenizer, window, ends);
      let [at, n] = [0, windowLine];
      lines = ends.map((end) => {
        const begin = skipLineBreaks(window, at);
        const first = n + countLineBreaks(window, at, begin);
        [n, at] = [first + countLineBreaks(window, begin, end), end];
        return first;
      });
    }
    return lines[current]!;
  };

  const drain = (final: boolean): void => {
    if (!bomChecked && (b.length >= 3 || final)) {
      if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) start = 3;
      bomChecked = true;
    }
    while (bomChecked && start < b.length && (final || b.length - start >= want)) {
      const limit = Math.min(b.length, start + want);
      const end = final && limit === b.length ? limit : lastLineEnd(b, start, limit, final);
      if (end < 0) {
        if (want >= MAX_RECORD_BYTES) throw lineTooLong(source, startLine);
        want *= 4;
        continue;
      }
      window = b.subarray(start, end);
      let records: string[][];
      try {
        const ends: number[] = [];
        records = next === 0 ? tokenize(tokenizer, window, ends, 1) : tokenize(tokenizer, window);
        if (ends.length > 0) window = window.subarray(0, ends[0]);
      } catch (error) {
        const capped = want >= MAX_RECORD_BYTES;
        if (!isTokenizerError(error)) throw error;
        // A quoted cell that runs past the window: read again from the same place, further.
        if (error.code !== 'CSV_QUOTE_NOT_CLOSED' || (final && end === b.length) || capped) throw malformed(error, capped);
        want = Math.max(want, end - start) * 4;
        continue;
      }
      [windowLine, lines] = [startLine, null];
      for (current = 0; current < records.length; current++) {
        if (next === 0) names = records[0]!.map((name) => name.trim());
        onRecord(records[current]!, next++, line);
      }
      startLine += countLineBreaks(window, 0, window.length);
      [start, want] = [start + window.length, windowBytes];
    }
  };

  /** csv-parse's error, located: the line where the offending cell starts (for a quote never closed, where it opens) and its column. */
  const malformed = (error: TokenizerError, capped: boolean): CsvError => {
    const cellStart = error.column > 0 ? error.bytes + 1 : skipLineBreaks(window, error.bytes);
    const at = startLine + countLineBreaks(window, 0, cellStart);
    const name = next === 0 ? '' : (names[error.column] ?? '');
    const where = `column ${error.column + 1}${name === '' ? '' : ` (${printable(name)})`}`;
    return new CsvError(`${source} line ${at}, ${where}: malformed CSV: ${explain(error, capped)}`, source, at, error.column + 1);
  };

  for (const chunk of chunks) {
    if (carried === 0) {
      [b, start] = [chunk, 0];
      drain(false);
      kept = keep(kept, 0, b.subarray(start));
      carried = b.length - start;
    } else {
      // The tail of the last chunk and this one, in one buffer that is reused.
      kept = keep(kept, carried, chunk);
      [b, start] = [kept.subarray(0, carried + chunk.length), 0];
      drain(false);
      kept.copyWithin(0, start, b.length);
      carried = b.length - start;
    }
  }
  [b, start] = [kept.subarray(0, carried), 0];
  drain(true);
  return next;
}

/** `kept` with `bytes` written after its first `used` bytes (grown when needed). */
function keep(kept: Uint8Array, used: number, bytes: Uint8Array): Uint8Array {
  if (used + bytes.length > kept.length) {
    const grown = new Uint8Array(Math.max(2 * kept.length, used + bytes.length));
    grown.set(kept.subarray(0, used));
    kept = grown;
  }
  kept.set(bytes, used);
  return kept;
}

function explain(error: TokenizerError, capped: boolean): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `Quote Not Closed: the quoted cell that opens here ${capped ? `does not close within ${MAX_RECORD_BYTES / 2 ** 20} MiB` : 'never closes'}`;
    case 'CSV_INVALID_CLOSING_QUOTE': {
      const got = /got "([\x20-\x7e])"/.exec(error.message)?.[1];
      return `Invalid Closing Quote: the quoted cell that opens here has ${got === undefined ? 'text' : `"${got}"`} after its closing quote (a comma or the end of the line must follow it)`;
    }
    case 'INVALID_OPENING_QUOTE':
      return 'Invalid Opening Quote: a quote inside an unquoted cell (quote the whole cell and double the quotes inside)';
    default:
      return error.message;
  }
}

/**
 * The 1-based line of record `index` (0 is the header), found by reading `chunks` again: for the rare
 * error that is only known at the end (two labels that collide), when the record's window is gone.
 */
export function lineOfRecord(chunks: Iterable<Uint8Array>, source: string, index: number, tokenizer?: CsvTokenizer): number {
  let line = -1;
  const found = new Error('found');
  try {
    readRecords(
      chunks,
      source,
      (_, i, lineOf) => {
        if (i !== index) return;
        line = lineOf();
        throw found;
      },
      { tokenizer },
    );
  } catch (error) {
    if (error !== found) throw error;
  }
  return line;
}
