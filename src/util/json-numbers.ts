/**
 * JSON has no NaN, ±Infinity or −0 (JSON.stringify writes null, null and 0), so a file that must
 * restore every bit (a checkpoint, a model file's weights) writes those four values as strings.
 * Every other number is written as is: JSON numbers round-trip float64 exactly in JavaScript.
 */
export type EncodedNumber = number | 'NaN' | 'Infinity' | '-Infinity' | '-0';

const SPECIAL: Record<string, number> = { NaN: Number.NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

function needsEncoding(v: number): boolean {
  return !Number.isFinite(v) || Object.is(v, -0);
}

export function encodeNumber(v: number): EncodedNumber {
  if (!needsEncoding(v)) return v;
  return Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : '-0';
}

/** The values as JSON-safe entries (the array itself when no value needs encoding). */
export function encodeNumbers(values: ArrayLike<number>): EncodedNumber[] {
  for (let i = 0; i < values.length; i++) if (needsEncoding(values[i]!)) return Array.from(values, encodeNumber);
  return Array.isArray(values) ? (values as number[]) : Array.from(values);
}

/** The inverse of `encodeNumber`; anything else is handed back unchanged for the caller's validation to name. */
export function decodeNumber(v: unknown): unknown {
  return typeof v === 'string' && Object.hasOwn(SPECIAL, v) ? SPECIAL[v] : v;
}

/** Decodes an array's entries; a non-array is handed back unchanged. */
export function decodeNumbers(values: unknown): unknown {
  return Array.isArray(values) ? values.map(decodeNumber) : values;
}

/** Each value of a record decoded (for epoch logs and the metric lists). */
export function decodeRecord(record: unknown, decode: (v: unknown) => unknown): unknown {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return record;
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, decode(v)]));
}
