// TextEncoder and TextDecoder exist in every runtime gradlab runs in (browsers, Node, Deno, Bun, workers) but belong
// to no ES lib, and the core compiles without platform types: the two methods used are typed here.
interface Utf8Globals {
  TextEncoder: new () => { encode(text: string): Uint8Array };
  TextDecoder: new (label: 'utf-8') => { decode(bytes: Uint8Array): string };
}

const globals = globalThis as unknown as Utf8Globals;

/** The UTF-8 bytes of `text`. */
export function utf8Encode(text: string): Uint8Array {
  return new globals.TextEncoder().encode(text);
}

/** A decoder of UTF-8 bytes (invalid sequences become U+FFFD; callers that must reject them check first). */
export function utf8Decoder(): { decode(bytes: Uint8Array): string } {
  return new globals.TextDecoder('utf-8');
}
