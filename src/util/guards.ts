/** A plain object (not null, not an array): the shape JSON objects parse to. */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A whole number ≥ 0 (a step or epoch count). */
export const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** A whole number ≥ 1 (a layer's width, a size). */
export const isPositiveInteger = (v: unknown): v is number => isCount(v) && v >= 1;

/** How an error message shows a bad value: primitives as String() writes them, objects and arrays as JSON. */
export function showValue(v: unknown): string {
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}

/** `v` if it is a whole number ≥ 1; otherwise a RangeError "<where>: <option> must be a positive integer, got v". */
export function positiveInteger(where: string, option: string, v: unknown): number {
  if (!(typeof v === 'number' && Number.isInteger(v) && v >= 1)) {
    throw new RangeError(`${where}: ${option} must be a positive integer, got ${showValue(v)}`);
  }
  return v;
}

/** `v` if it is a whole number ≥ min (a count); otherwise a RangeError "<where>: <option> must be an integer ≥ min, got v". */
export function checkCount(where: string, option: string, v: unknown, min = 0): number {
  if (!(typeof v === 'number' && Number.isInteger(v) && v >= min)) {
    throw new RangeError(`${where}: ${option} must be an integer ≥ ${min}, got ${showValue(v)}`);
  }
  return v;
}
