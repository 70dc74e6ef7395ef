/**
 * The error every gradlab/testing assertion throws. `actual` and `expected` are set, so vitest, jest and
 * node:test show a diff; `name` is 'AssertionError', as node:assert's, so runners report it as a failed
 * assertion rather than a crash.
 */
export class AssertionError extends Error {
  override readonly name = 'AssertionError';
  readonly actual: unknown;
  readonly expected: unknown;
  /** Read by vitest and jest: show a diff of actual against expected. */
  readonly showDiff: boolean;

  constructor(message: string, details: { actual?: unknown; expected?: unknown; showDiff?: boolean } = {}) {
    super(message);
    this.actual = details.actual;
    this.expected = details.expected;
    this.showDiff = details.showDiff ?? ('actual' in details && 'expected' in details);
  }
}

/** A number as the messages print it: up to 6 significant digits (1e-7, 0.333333, 1234.57), NaN and ±Infinity as JavaScript writes them. */
export function fmt(v: number): string {
  if (!Number.isFinite(v) || v === 0) return String(v);
  return String(Number(v.toPrecision(6)));
}

/** "s" when n ≠ 1. */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
