import { CsvError } from './csv-error.ts';

/** A number as CSV writes it: decimal digits, an optional sign, point and exponent (no hex, no Infinity, no empty cell). */
export const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A cell's number, strictly (surrounding spaces allowed): NaN for anything that is not a number as
 * `NUMBER` reads it, ±Infinity for one too large for float64. `Number()` alone would take `0x10`,
 * `Infinity` and an empty cell; the fast path checks the first characters instead of running the pattern.
 */
export function parseNumber(cell: string): number {
  const c = cell.charCodeAt(0);
  // A digit, sign or point first: Number() then accepts only decimal notation, but for 0x, 0o and 0b.
  if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46) {
    const value = +cell;
    if (value - value === 0) {
      const radix = cell.charCodeAt(1) | 32;
      if (c !== 48 || (radix !== 120 && radix !== 111 && radix !== 98)) return value;
    }
  }
  const text = cell.trim();
  return NUMBER.test(text) ? +text : NaN;
}

/** Text for a message: control characters (a NUL, a line break) escaped, so the message shows them and stays one line. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this escapes
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** A cell quoted for a message: escaped, and cut after 40 characters (with its length) so a runaway cell stays readable. */
export function showCell(cell: string): string {
  return cell.length > 40
    ? `"${printable(cell.slice(0, 40))}…" (${cell.length.toLocaleString('en-US')} characters)`
    : `"${printable(cell)}"`;
}

/** `column 3 (mean_perimeter)`: 0-based `column`, named from the header. */
export function describeColumn(column: number, names: readonly string[]): string {
  return `column ${column + 1} (${printable(names[column] ?? '')})`;
}

/** Why `cell` (column `column`, 0-based), parsed as `value` (NaN or ±Infinity), is not a feature value: file, line, column. */
export function numberError(cell: string, value: number, source: string, line: number, column: number, names: readonly string[]): CsvError {
  const what = Number.isNaN(value)
    ? cell.trim() === ''
      ? 'the cell is empty, expected a number'
      : `${showCell(cell)} is not a number`
    : `${showCell(cell)} is too large for a number`;
  // A NUL in text is almost always a UTF-16 file read as bytes.
  const hint = cell.includes('\0') ? ' (the file holds NUL bytes: if it is UTF-16, save it as UTF-8)' : '';
  return new CsvError(`${source} line ${line}, ${describeColumn(column, names)}: ${what}${hint}`, source, line, column + 1);
}
