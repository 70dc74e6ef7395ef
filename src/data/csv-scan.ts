import { invalidUtf8At, strictUtf8Decoder } from '../util/utf8.ts';
import { CsvError } from './csv-error.ts';

const LF = 10,
  CR = 13;

/** The longest record gradlab reads (a line without a break, or a quoted cell that runs on): a bound on memory, and an early error for a file that is not CSV. */
export const MAX_RECORD_BYTES = 16 * 2 ** 20;

/**
 * A first pass over a CSV's bytes, chunk by chunk: checks that they are UTF-8 (csv-parse would turn a
 * Latin-1 `é` into U+FFFD silently) and that no line runs past MAX_RECORD_BYTES, and counts line breaks
 * (LF, CRLF or a lone CR). Returns breaks + 1, a bound on the records, so arrays are allocated once.
 */
export function scanCsv(chunks: Iterable<Uint8Array>, source: string): number {
  const decoder = strictUtf8Decoder();
  let [breaks, offset, lineStart, crLast] = [0, 0, 0, false];
  // The start of a multi-byte sequence that the last chunk cut off (the decoder carries it over): where an error may begin.
  let tail = new Uint8Array(0);
  const check = (chunk: Uint8Array, stream: boolean): void => {
    try {
      decoder.decode(chunk, { stream });
    } catch {
      const bytes = concat(tail, chunk);
      const at = Math.max(0, invalidUtf8At(bytes));
      // The tail holds no line break; an LF that ends a CRLF split between chunks is counted already.
      const line = breaks + 1 + countLineBreaks(bytes, 0, at) - (crLast && chunk[0] === LF && at > 0 ? 1 : 0);
      const byte = bytes[at]!.toString(16).padStart(2, '0');
      throw new CsvError(
        `${source} line ${line}: the file is not valid UTF-8 (byte 0x${byte} at offset ${offset - tail.length + at}); save it as UTF-8`,
        source,
        line,
      );
    }
  };
  for (const chunk of chunks) {
    check(chunk, true);
    breaks += countLineBreaks(chunk, 0, chunk.length) - (crLast && chunk[0] === LF ? 1 : 0);
    const last = Math.max(chunk.lastIndexOf(LF), chunk.lastIndexOf(CR));
    if (last >= 0) lineStart = offset + last + 1;
    offset += chunk.length;
    if (offset - lineStart > MAX_RECORD_BYTES) throw lineTooLong(source, breaks + 1);
    crLast = chunk[chunk.length - 1] === CR;
    const recent = chunk.length >= 3 ? chunk.subarray(chunk.length - 3) : concat(tail, chunk).subarray(-3);
    let lead = recent.length - 1;
    while (lead >= 0 && (recent[lead]! & 0xc0) === 0x80) lead--;
    tail = lead >= 0 && recent[lead]! >= 0xc0 ? recent.slice(lead) : new Uint8Array(0);
  }
  check(new Uint8Array(0), false);
  return breaks + 1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const both = new Uint8Array(a.length + b.length);
  both.set(a);
  both.set(b, a.length);
  return both;
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
