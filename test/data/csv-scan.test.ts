import { describe, expect, it } from 'vitest';
import { CsvError } from '../../src/data/csv-error.ts';
import { countLineBreaks, scanCsv } from '../../src/data/csv-scan.ts';
import { thrown } from '../support/errors.ts';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

/** The bytes pushed one at a time: every UTF-8 sequence and every CRLF is cut by a chunk boundary. */
function byteByByte(b: Uint8Array): Uint8Array[] {
  return Array.from(b, (_, i) => b.subarray(i, i + 1));
}

describe('scanCsv: UTF-8 and line breaks, chunk by chunk', () => {
  it('counts LF, CRLF and lone CR as one break each, also when a chunk ends between CR and LF', () => {
    const b = bytes('a\nb\r\nc\rd\r\n\r\n');
    expect(scanCsv([b], 's')).toBe(6);
    expect(scanCsv(byteByByte(b), 's')).toBe(6);
    expect(countLineBreaks(b, 0, b.length)).toBe(5);
  });

  it('accepts UTF-8 cut anywhere (2-, 3- and 4-byte sequences) and rejects Latin-1, overlong forms, surrogates and truncation', () => {
    const ok = bytes('x,y\ncafé,日本,🙂\n');
    expect(scanCsv(byteByByte(ok), 's')).toBe(3);
    const bad: [Uint8Array, string][] = [
      [bytes('x\n1,caf', [0xe9], '\n'), 'line 2: the file is not valid UTF-8 (byte 0xe9 at offset 7)'],
      [bytes('x\n', [0xc0, 0xaf]), 'line 2: the file is not valid UTF-8 (byte 0xc0 at offset 2)'], // overlong "/"
      [bytes('x\n\n', [0xed, 0xa0, 0x80]), 'line 3: the file is not valid UTF-8 (byte 0xed at offset 3)'], // a surrogate
      [bytes('x', [0xf0, 0x9f, 0x99]), 'line 1: the file is not valid UTF-8 (byte 0xf0 at offset 1)'], // cut short at the end
      [bytes('x', [0x80]), 'line 1: the file is not valid UTF-8 (byte 0x80 at offset 1)'], // a continuation byte alone
    ];
    for (const [b, message] of bad) {
      for (const chunks of [[b], byteByByte(b)])
        expect(thrown(CsvError, () => scanCsv(chunks, 's')).message).toBe(`s ${message}; save it as UTF-8`);
    }
  });

  it('refuses a line longer than 16 MiB as soon as it has read that much (not after reading a 2 GiB file)', () => {
    const zeros = new Uint8Array(2 ** 20);
    let read = 0;
    function* endless(): Generator<Uint8Array> {
      for (;;) {
        read += zeros.length;
        yield zeros;
      }
    }
    const e = thrown(CsvError, () => scanCsv(endless(), 'big.bin'));
    expect(e.message).toBe('big.bin line 1: no line break in 16 MiB; gradlab reads records of at most 16 MiB (is this a CSV file?)');
    expect(read).toBe(16 * 2 ** 20 + 2 ** 20); // the chunk that crossed the limit
  });
});
