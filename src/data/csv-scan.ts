import { CsvError } from './csv-error.ts';

const LF = 10,
  CR = 13;

/** The longest record gradlab reads (a line without a break, or a quoted cell that runs on): a bound on memory, and an early error for a file that is not CSV. */
export const MAX_RECORD_BYTES = 16 * 2 ** 20;

/**
 * A first pass over a CSV's bytes, chunk by chunk: checks that they are UTF-8 (csv-parse would turn a
 * Latin-1 `é` into U+FFFD silently) and counts line breaks (LF, CRLF or a lone CR), which bounds the
 * number of records, so the numbers' array is allocated once.
 */
export class CsvScan {
  /** Line breaks so far, and bytes so far. */
  breaks = 0;
  offset = 0;
  private lastWasCr = false;
  /** Offset just past the last line break. */
  private lineStart = 0;
  /** An unfinished UTF-8 sequence at the end of the last chunk: its lead byte's offset and line, bytes still needed. */
  private lead = -1;
  private leadLine = 1;
  private leadByte = 0;
  private need = 0;
  private codePoint = 0;
  private min = 0;

  constructor(readonly source: string) {}

  push(b: Uint8Array): void {
    const n = b.length;
    // The hot loop keeps its counters in locals; the state of a multi-byte sequence lives on `this` (rare in numbers).
    let breaks = this.breaks;
    let cr = this.lastWasCr;
    let lastBreak = -1;
    for (let i = 0; i < n; i++) {
      if (this.need === 0) {
        for (; i < n; i++) {
          const c = b[i]!;
          if (c >= 0x80) break;
          if (c === LF) {
            if (!cr) breaks++;
            cr = false;
            lastBreak = i;
          } else if ((cr = c === CR)) {
            breaks++;
            lastBreak = i;
          }
        }
        if (i === n) break;
      }
      const c = b[i]!;
      cr = false;
      if (this.need > 0) {
        if ((c & 0xc0) !== 0x80) this.fail();
        this.codePoint = (this.codePoint << 6) | (c & 0x3f);
        if (--this.need === 0 && (this.codePoint < this.min || this.codePoint > 0x10ffff || this.codePoint >> 11 === 0x1b)) this.fail();
        continue;
      }
      // A lead byte: how many continuation bytes follow, and the smallest code point that needs them (no overlong forms).
      [this.lead, this.leadLine, this.leadByte] = [this.offset + i, breaks + 1, c];
      if (c >= 0xc2 && c <= 0xdf) [this.need, this.min, this.codePoint] = [1, 0x80, c & 0x1f];
      else if (c >= 0xe0 && c <= 0xef) [this.need, this.min, this.codePoint] = [2, 0x800, c & 0x0f];
      else if (c >= 0xf0 && c <= 0xf4) [this.need, this.min, this.codePoint] = [3, 0x10000, c & 0x07];
      else this.fail();
    }
    [this.breaks, this.lastWasCr] = [breaks, cr];
    if (lastBreak >= 0) this.lineStart = this.offset + lastBreak + 1;
    this.offset += n;
    if (this.offset - this.lineStart > MAX_RECORD_BYTES) throw lineTooLong(this.source, breaks + 1);
  }

  /** The bytes are over: an unfinished sequence is an error. Returns the number of line breaks. */
  end(): number {
    if (this.need > 0) this.fail();
    return this.breaks;
  }

  /** Surrogates (0xD800–0xDFFF), overlong forms and truncated sequences all blame the sequence's lead byte. */
  private fail(): never {
    const byte = this.leadByte.toString(16).padStart(2, '0');
    throw new CsvError(
      `${this.source} line ${this.leadLine}: the file is not valid UTF-8 (byte 0x${byte} at offset ${this.lead}); save it as UTF-8`,
      this.source,
      this.leadLine,
    );
  }
}

/** A line longer than MAX_RECORD_BYTES, so a record longer than that. */
export function lineTooLong(source: string, line: number): CsvError {
  const mib = MAX_RECORD_BYTES / 2 ** 20;
  return new CsvError(
    `${source} line ${line}: no line break in ${mib} MiB; gradlab reads records of at most ${mib} MiB (is this a CSV file?)`,
    source,
    line,
  );
}

/** Line breaks in bytes [from, to) (CRLF counts once; a CR at `to - 1` counts, its LF may follow). */
export function countLineBreaks(b: Uint8Array, from: number, to: number): number {
  // indexOf runs natively: LFs first, then the rare CRs (a CR counts unless an LF follows it).
  const part = b.subarray(from, to);
  let count = 0;
  for (let i = part.indexOf(LF); i >= 0; i = part.indexOf(LF, i + 1)) count++;
  for (let i = part.indexOf(CR); i >= 0; i = part.indexOf(CR, i + 1)) if (part[i + 1] !== LF) count++;
  return count;
}

/** Where a record can end: just past the last line break in [from, to), or -1. A CR at the very end of `b` does not count: its LF may be in the next chunk. */
export function lastLineEnd(b: Uint8Array, from: number, to: number, final: boolean): number {
  for (let i = to - 1; i >= from; i--) {
    const c = b[i];
    if (c === LF) return i + 1;
    if (c === CR && (i + 1 < b.length ? b[i + 1] !== LF : final)) return i + 1;
  }
  return -1;
}

/** Offset of the first byte at or after `at` that is not a line break (csv-parse skips empty lines before a record). */
export function skipLineBreaks(b: Uint8Array, at: number): number {
  while (at < b.length && (b[at] === LF || b[at] === CR)) at++;
  return at;
}

/** Checks every chunk (UTF-8) and returns an upper bound on the number of records: line breaks + 1. */
export function scanCsv(chunks: Iterable<Uint8Array>, source: string): number {
  const scan = new CsvScan(source);
  for (const chunk of chunks) scan.push(chunk);
  return scan.end() + 1;
}
