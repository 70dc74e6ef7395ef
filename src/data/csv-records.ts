import { CsvError } from './csv-error.ts';
import { printable } from './csv-cells.ts';
import { MAX_RECORD_BYTES, countLineBreaks, lastLineEnd, lineTooLong, skipLineBreaks } from './csv-scan.ts';
import { browserTokenizer, isTokenizerError, tokenize, type CsvTokenizer, type TokenizerError } from './csv-tokenizer.ts';

export interface CsvRecordsOptions {
  tokenizer?: CsvTokenizer;
  /** Bytes per csv-parse call (default 64 KiB): small, so that a window's strings die young and cost the GC little. */
  windowBytes?: number;
}

/**
 * A CSV's records, from its bytes pushed in chunks of any size: csv-parse tokenizes windows of about
 * `windowBytes` that end at a line break, and each record goes to `onRecord` (the header is record 0)
 * before the next window is read, so nothing holds every row as strings. A window that ends inside a
 * quoted cell is read again, longer. Lines are not tracked per record (that would cost csv-parse's
 * per-record info): `line()` finds the current record's line when an error needs it.
 */
export class CsvRecords {
  /** The header's names once read, for messages about malformed records. */
  names: readonly string[] | null = null;
  /** The bytes being read (a pushed chunk, or `kept`), and bytes kept between chunks: a record's start, in a reused buffer. */
  private buffer: Uint8Array = new Uint8Array(0);
  private kept = new Uint8Array(0);
  private carried = 0;
  /** The first byte not yet tokenized, its line, and the window length to try next. */
  private start = 0;
  private startLine = 1;
  private want: number;
  private readonly windowBytes: number;
  private readonly tokenizer: CsvTokenizer;
  private bomChecked = false;
  private next = 0;
  /** The window whose records are being handed out: its bytes, first line, index of its current record, and lines (lazy). */
  private window: Uint8Array | null = null;
  private windowLine = 1;
  private current = 0;
  private lines: number[] | null = null;

  constructor(
    readonly source: string,
    private readonly onRecord: (cells: string[], index: number) => void,
    options: CsvRecordsOptions = {},
  ) {
    this.tokenizer = options.tokenizer ?? browserTokenizer;
    this.windowBytes = this.want = options.windowBytes ?? 2 ** 16;
  }

  /** Reads the records that `chunk` completes. The chunk is not kept: a reader may fill the same buffer again. */
  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    if (this.carried === 0) {
      [this.buffer, this.start] = [chunk, 0];
      this.drain(false);
      this.carry(this.buffer.subarray(this.start));
    } else {
      // The tail of the last chunk (a record it cut off) and this chunk, in one buffer that is reused.
      this.carry(chunk);
      [this.buffer, this.start] = [this.kept.subarray(0, this.carried), 0];
      this.drain(false);
      this.kept.copyWithin(0, this.start, this.carried);
      this.carried -= this.start;
    }
  }

  private carry(bytes: Uint8Array): void {
    if (this.carried + bytes.length > this.kept.length) {
      const kept = new Uint8Array(Math.max(2 * this.kept.length, this.carried + bytes.length));
      kept.set(this.kept.subarray(0, this.carried));
      this.kept = kept;
    }
    this.kept.set(bytes, this.carried);
    this.carried += bytes.length;
  }

  /** The input is over: reads what is left. Returns the number of records (the header included). */
  end(): number {
    [this.buffer, this.start] = [this.kept.subarray(0, this.carried), 0];
    this.drain(true);
    return this.next;
  }

  /** The 1-based line on which the record being handed to `onRecord` starts. */
  line(): number {
    const window = this.window;
    if (window === null) throw new Error('CsvRecords.line: no record is being read');
    if (this.lines === null) {
      const ends: number[] = [];
      tokenize(this.tokenizer, window, ends);
      let line = this.windowLine;
      let at = 0;
      this.lines = ends.map((end) => {
        const begin = skipLineBreaks(window, at);
        line += countLineBreaks(window, at, begin);
        const first = line;
        line += countLineBreaks(window, begin, end);
        at = end;
        return first;
      });
    }
    return this.lines[this.current]!;
  }

  private drain(final: boolean): void {
    const b = this.buffer;
    if (!this.bomChecked) {
      if (b.length < 3 && !final) return;
      if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) this.start = 3;
      this.bomChecked = true;
    }
    while (this.start < b.length) {
      const { start } = this;
      if (!final && b.length - start < this.want) return;
      const limit = Math.min(b.length, start + this.want);
      const end = final && limit === b.length ? limit : lastLineEnd(b, start, limit, final);
      if (end < 0) {
        if (this.want >= MAX_RECORD_BYTES) throw lineTooLong(this.source, this.startLine);
        this.want *= 4;
        continue;
      }
      let window = b.subarray(start, end);
      let records: string[][];
      try {
        // The header alone first, so that its checks come before any record's, and messages can name columns.
        const ends: number[] = [];
        records = this.next === 0 ? tokenize(this.tokenizer, window, ends, 1) : tokenize(this.tokenizer, window);
        if (ends.length > 0) window = window.subarray(0, ends[0]);
      } catch (error) {
        const last = final && end === b.length;
        if (!isTokenizerError(error) || error.code !== 'CSV_QUOTE_NOT_CLOSED' || last) throw this.malformed(error, window, false);
        // A quoted cell runs past the window: read again from the same place, further.
        if (this.want >= MAX_RECORD_BYTES) throw this.malformed(error, window, true);
        this.want = Math.max(this.want, end - start) * 4;
        continue;
      }
      this.handOut(records, window);
      this.startLine += countLineBreaks(window, 0, window.length);
      this.start += window.length;
      this.want = this.windowBytes;
    }
  }

  private handOut(records: string[][], window: Uint8Array): void {
    [this.window, this.windowLine, this.lines] = [window, this.startLine, null];
    for (let i = 0; i < records.length; i++) {
      this.current = i;
      this.onRecord(records[i]!, this.next++);
    }
    this.window = null;
  }

  /** csv-parse's error, located: the line where the offending cell starts (for a quote never closed, where it opens) and its column. */
  private malformed(error: unknown, window: Uint8Array, capped: boolean): unknown {
    if (!isTokenizerError(error)) return error;
    const cellStart = error.column > 0 ? error.bytes + 1 : skipLineBreaks(window, error.bytes);
    const line = this.startLine + countLineBreaks(window, 0, cellStart);
    const name = this.next === 0 ? undefined : this.names?.[error.column];
    const where = `column ${error.column + 1}${name === undefined ? '' : ` (${printable(name)})`}`;
    return new CsvError(
      `${this.source} line ${line}, ${where}: malformed CSV: ${explain(error, capped)}`,
      this.source,
      line,
      error.column + 1,
    );
  }
}

function explain(error: TokenizerError, capped: boolean): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return capped
        ? `Quote Not Closed: the quoted cell that opens here does not close within ${MAX_RECORD_BYTES / 2 ** 20} MiB`
        : 'Quote Not Closed: the quoted cell that opens here never closes';
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
  const records = new CsvRecords(
    source,
    (_, i) => {
      if (i !== index) return;
      line = records.line();
      throw found;
    },
    { tokenizer },
  );
  try {
    for (const chunk of chunks) records.push(chunk);
    records.end();
  } catch (error) {
    if (error !== found) throw error;
  }
  return line;
}
