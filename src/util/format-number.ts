/**
 * The one number format of gradlab's text output (progress lines, summaries, tables, reports, lessons):
 * `digits` decimals (default 4) for magnitudes from 10^−(digits−1) up to a million, and scientific
 * notation with three significant digits outside that range, so a loss of 1.7e-5 never prints as
 * 0.0000 and 2.5e9 never as a row of digits. Exponents are written as the axis ticks write them, without a `+`. Exact zero prints as 0; NaN and ±Infinity as JavaScript
 * writes them.
 *
 *     formatNumber(0.123456) → '0.1235'    formatNumber(1.7e-5) → '1.70e-5'
 *     formatNumber(1) → '1.0000'           formatNumber(2.5e9) → '2.50e9'
 */
export function formatNumber(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const size = Math.abs(v);
  if (size < 10 ** -(digits - 1) || size >= 1e6) return v.toExponential(2).replace('e+', 'e');
  return v.toFixed(digits);
}
