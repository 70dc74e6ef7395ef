import { parse } from 'csv-parse/browser/esm/sync';

/** The options gradlab gives csv-parse: RFC 4180 quoting, records ended by CRLF, LF or CR, empty lines skipped. */
export interface TokenizerOptions {
  skip_empty_lines: true;
  /** Every record comes back whatever its length: the header decides, and gradlab's message names the line. */
  relax_column_count: true;
  record_delimiter: string[];
  /** `context.bytes`: the offset just past the record (its line break included). */
  on_record?: (record: string[], context: { bytes: number }) => string[];
  /** Stop after this many records. */
  to?: number;
}

/**
 * csv-parse's synchronous `parse` over UTF-8 bytes (no byte-order mark: the caller strips it). The core
 * uses csv-parse's browser build, which brings its own Buffer; Node passes csv-parse's own build
 * (Node's Buffer), which turns cells into strings faster.
 */
export type CsvTokenizer = (bytes: Uint8Array, options: TokenizerOptions) => string[][];

export const browserTokenizer: CsvTokenizer = (bytes, options) => parse(bytes, options);

const OPTIONS: TokenizerOptions = { skip_empty_lines: true, relax_column_count: true, record_delimiter: ['\r\n', '\n', '\r'] };

/** The records of `bytes`, all complete; with `ends`, also each record's end offset (a slower pass), and with `to`, only the first `to`. */
export function tokenize(tokenizer: CsvTokenizer, bytes: Uint8Array, ends?: number[], to?: number): string[][] {
  if (ends === undefined) return tokenizer(bytes, OPTIONS);
  return tokenizer(bytes, {
    ...OPTIONS,
    ...(to === undefined ? {} : { to }),
    on_record: (record, context) => {
      ends.push(context.bytes);
      return record;
    },
  });
}

/** What csv-parse's errors carry (its CsvError): a code, the 0-based index of the cell, the offset of the last separator. */
export interface TokenizerError {
  code: string;
  message: string;
  /** 0-based cell index within the record being read. */
  column: number;
  /** Offset of the comma before that cell, or of the end of the previous record when the cell is the first. */
  bytes: number;
  /** Records completed before it. */
  records: number;
}

export function isTokenizerError(error: unknown): error is TokenizerError {
  const e = error as Partial<TokenizerError> | null;
  return typeof e?.code === 'string' && typeof e.column === 'number' && typeof e.bytes === 'number';
}
