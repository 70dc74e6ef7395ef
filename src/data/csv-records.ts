import { utf8Decoder } from '../util/utf8.ts';
import { CsvError } from './csv-error.ts';

const QUOTE = 34,
  COMMA = 44,
  LF = 10,
  CR = 13;

/**
 * RFC 4180 records straight from UTF-8 bytes, without building a string per row: each record's
 * cells are given as byte ranges (reused buffers), and only the cells a caller reads become
 * strings. Quoted cells may hold commas, doubled quotes and line breaks; CRLF, LF and CR end
 * records; a leading byte-order mark and empty lines are skipped.
 */
export class CsvRecords {
  /** Byte offset of the next record, and the 1-based line it starts on. */
  private pos: number;
  private line = 1;
  /** Cell i of the current record is bytes [starts[i], ends[i]); quoted cells exclude their quotes. */
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  quoted = new Uint8Array(64);
  private readonly decoder = utf8Decoder();

  constructor(
    readonly bytes: Uint8Array,
    readonly source: string,
  ) {
    this.pos = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  }

  /** An upper bound on the records left (line breaks + 1), for sizing arrays once. */
  remainingBound(): number {
    const b = this.bytes;
    let count = 1;
    for (let i = this.pos; i < b.length; i++) if (b[i] === LF || (b[i] === CR && b[i + 1] !== LF)) count++;
    return count;
  }

  private malformed(line: number, message: string): CsvError {
    return new CsvError(`${this.source} line ${line}: malformed CSV: ${message}`, this.source, line);
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const [s, e, q] = [new Int32Array(size), new Int32Array(size), new Uint8Array(size)];
    s.set(this.starts);
    e.set(this.ends);
    q.set(this.quoted);
    [this.starts, this.ends, this.quoted] = [s, e, q];
  }

  /** Reads the next non-empty record into starts/ends/quoted; returns its cell count and start line, or null at the end. */
  next(): { cells: number; line: number } | null {
    const b = this.bytes,
      n = b.length;
    let pos = this.pos;
    while (pos < n && (b[pos] === LF || b[pos] === CR)) {
      if (b[pos] === LF || b[pos + 1] !== LF) this.line++;
      pos++;
    }
    if (pos >= n) return ((this.pos = pos), null);
    const startLine = this.line;
    let j = 0;
    for (;;) {
      if (j === this.starts.length) this.grow();
      if (b[pos] === QUOTE) {
        const quoteLine = this.line;
        let p = pos + 1;
        for (;;) {
          if (p >= n)
            throw this.malformed(
              quoteLine,
              `Quote Not Closed: the quoted cell ${j + 1} that starts on line ${quoteLine} has no closing quote`,
            );
          const c = b[p];
          if (c === QUOTE) {
            if (b[p + 1] !== QUOTE) break;
            p += 2;
            continue;
          }
          if (c === LF || (c === CR && b[p + 1] !== LF)) this.line++;
          p++;
        }
        this.starts[j] = pos + 1;
        this.ends[j] = p;
        this.quoted[j] = 1;
        pos = p + 1;
        const c = b[pos];
        if (pos < n && c !== COMMA && c !== LF && c !== CR)
          throw this.malformed(this.line, `Invalid Closing Quote: cell ${j + 1} has "${String.fromCharCode(c!)}" after its closing quote`);
      } else {
        let p = pos;
        for (; p < n; p++) {
          const c = b[p];
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE)
            throw this.malformed(
              this.line,
              `Invalid Opening Quote: a quote inside unquoted cell ${j + 1} (quote the whole cell and double the quotes inside)`,
            );
        }
        this.starts[j] = pos;
        this.ends[j] = p;
        this.quoted[j] = 0;
        pos = p;
      }
      j++;
      if (pos < n && b[pos] === COMMA) {
        pos++;
        continue;
      }
      if (pos < n) {
        pos += b[pos] === CR && b[pos + 1] === LF ? 2 : 1;
        this.line++;
      }
      this.pos = pos;
      return { cells: j, line: startLine };
    }
  }

  /** Cell j of the current record as text (doubled quotes in a quoted cell undone). */
  text(j: number): string {
    const b = this.bytes,
      start = this.starts[j]!,
      end = this.ends[j]!;
    let ascii = end - start <= 48;
    let s = '';
    for (let i = start; ascii && i < end; i++) {
      const c = b[i]!;
      if (c >= 0x80) ascii = false;
      else s += String.fromCharCode(c);
    }
    if (!ascii) s = this.decoder.decode(b.subarray(start, end));
    return this.quoted[j] ? s.replaceAll('""', '"') : s;
  }
}

/** Throws a CsvError naming the line and byte when `bytes` are not valid UTF-8 (a file saved as Latin-1, say). */
export function assertUtf8(bytes: Uint8Array, source: string): void {
  const bad = invalidUtf8At(bytes);
  if (bad < 0) return;
  const line = lineAt(bytes, bad);
  throw new CsvError(
    `${source} line ${line}: the file is not valid UTF-8 (byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at offset ${bad}); save it as UTF-8`,
    source,
    line,
  );
}

/** Byte offset of the first byte that is not part of valid UTF-8 (overlong forms and surrogates included), or -1. */
export function invalidUtf8At(b: Uint8Array): number {
  const n = b.length;
  for (let i = 0; i < n;) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    // Lead byte: how many continuation bytes follow, the smallest code point that needs them, its payload bits.
    const form =
      c >= 0xc2 && c <= 0xdf
        ? [1, 0x80, c & 0x1f]
        : c >= 0xe0 && c <= 0xef
          ? [2, 0x800, c & 0x0f]
          : c >= 0xf0 && c <= 0xf4
            ? [3, 0x10000, c & 0x07]
            : null;
    if (form === null) return i;
    const [need, min] = form as [number, number, number];
    let cp = form[2]!;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** 1-based line of byte `offset`. */
export function lineAt(b: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (b[i] === LF || (b[i] === CR && b[i + 1] !== LF)) line++;
  return line;
}
