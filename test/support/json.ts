/** `value` after a trip through JSON text, as a state dict takes when saved to a file and read back. */
export function jsonRoundTrip<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
