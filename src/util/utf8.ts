// TextEncoder and TextDecoder exist in every runtime gradlab runs in (browsers, Node, Deno, Bun, workers) but belong
// to no ES lib, and the core compiles without platform types: the methods used are typed here.
interface Utf8Globals {
  TextEncoder: new () => { encode(text: string): Uint8Array };
  TextDecoder: new (label: 'utf-8', options: { fatal: true }) => { decode(bytes?: Uint8Array, options?: { stream: boolean }): string };
}

const globals = globalThis as unknown as Utf8Globals;

/** The UTF-8 bytes of `text`. */
export function utf8Encode(text: string): Uint8Array {
  return new globals.TextEncoder().encode(text);
}

/** A UTF-8 decoder that throws on bytes that are not UTF-8 (the runtime's own check); fed in pieces with `{ stream: true }`. */
export function strictUtf8Decoder(): { decode(bytes?: Uint8Array, options?: { stream: boolean }): string } {
  return new globals.TextDecoder('utf-8', { fatal: true });
}

/** Offset of the first byte that is not part of valid UTF-8 (overlong forms, surrogates and a cut-off sequence included), or -1. */
export function invalidUtf8At(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    // A lead byte: how many continuation bytes follow, and the smallest code point that needs them.
    const [need, min, bits] =
      c < 0x80
        ? [0, 0, c]
        : c >= 0xc2 && c <= 0xdf
          ? [1, 0x80, c & 0x1f]
          : c >= 0xe0 && c <= 0xef
            ? [2, 0x800, c & 0x0f]
            : c >= 0xf0 && c <= 0xf4
              ? [3, 0x10000, c & 0x07]
              : [-1, 0, 0];
    if (need < 0) return i;
    let cp = bits;
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
