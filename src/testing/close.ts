import { Tensor } from '../tensor/tensor.ts';
import { elementIndex } from '../nn/gradcheck.ts';
import { AssertionError, fmt } from './assertion-error.ts';
import { leavesOf, nested, type Leaf, type TensorLike } from './values.ts';

export interface CloseOptions {
  /** Relative tolerance (default 1e-7, torch.testing's for float64); give it with `atol` or not at all. */
  rtol?: number;
  /** Absolute tolerance (default 1e-7); give it with `rtol` or not at all. */
  atol?: number;
  /** Two NaN at the same position count as equal (default false). */
  equalNaN?: boolean;
  /** What is compared, for the message (default 'actual'); a module's parameters are named by their own names. */
  name?: string;
}

export interface CloseResult {
  passed: boolean;
  /** The message assertClose throws (empty when passed). */
  message: string;
  actual: unknown;
  expected: unknown;
}

/**
 * torch.testing.assert_close's rule: every element passes when |a − e| ≤ atol + rtol·|e|, or when both are
 * equal (the same infinity), or both NaN with `equalNaN`. Shapes (and, for modules and records, names) must match.
 */
export function compareClose(actual: TensorLike, expected: TensorLike, options: CloseOptions = {}): CloseResult {
  if ((options.rtol === undefined) !== (options.atol === undefined))
    throw new RangeError(
      `assertClose: give both rtol and atol, or neither (got ${options.rtol === undefined ? 'atol' : 'rtol'} only); the defaults are rtol 1e-7, atol 1e-7`,
    );
  const rtol = options.rtol ?? 1e-7,
    atol = options.atol ?? 1e-7;
  for (const [key, v] of [
    ['rtol', rtol],
    ['atol', atol],
  ] as const)
    if (!(v >= 0)) throw new RangeError(`assertClose: ${key} must be a number ≥ 0, got ${v}`);
  const name = options.name ?? 'actual';
  const a = leavesOf(actual, name),
    e = leavesOf(expected, name);
  const names = (ls: Leaf[]): string => ls.map((l) => l.name).join(', ');
  if (names(a) !== names(e)) {
    return fail(`The names do not match: actual has ${names(a) || 'none'}, expected has ${names(e) || 'none'}.`, names(a), names(e));
  }
  const problems: string[] = [];
  a.forEach((leaf, k) => {
    const problem = compareLeaf(leaf, e[k]!, rtol, atol, options.equalNaN ?? false);
    if (problem) problems.push(isCollection(actual) || options.name !== undefined ? `${leaf.name}: ${problem}` : problem);
  });
  if (problems.length === 0) return { passed: true, message: '', actual: null, expected: null };
  const shown = (ls: Leaf[]): unknown => (isCollection(actual) ? Object.fromEntries(ls.map((l) => [l.name, nested(l)])) : nested(ls[0]!));
  return fail(problems.join('\n\n'), shown(a), shown(e));
}

/** A module or a record of named values (not one tensor, number or array). */
function isCollection(value: TensorLike): boolean {
  return typeof value === 'object' && !(value instanceof Tensor) && !Array.isArray(value);
}

function fail(message: string, actual: unknown, expected: unknown): CloseResult {
  return { passed: false, message, actual, expected };
}

function compareLeaf(a: Leaf, e: Leaf, rtol: number, atol: number, equalNaN: boolean): string | null {
  if (a.shape.length !== e.shape.length || a.shape.some((d, i) => d !== e.shape[i]))
    return `The values for attribute 'shape' do not match: [${a.shape.join(', ')}] != [${e.shape.join(', ')}].`;
  let mismatched = 0,
    worstAbs = -1,
    worstAbsAt = 0,
    worstRel = -1,
    worstRelAt = 0;
  for (let i = 0; i < a.data.length; i++) {
    const x = a.data[i]!,
      y = e.data[i]!;
    if (x === y || (equalNaN && Number.isNaN(x) && Number.isNaN(y))) continue;
    const abs = Math.abs(x - y);
    const rel = abs / Math.abs(y);
    // Unequal infinities are never close (their tolerance would be infinite too).
    if (!(Number.isFinite(abs) && abs <= atol + rtol * Math.abs(y))) mismatched++;
    // NaN counts as the greatest difference, so the message points at it.
    if (!(abs <= worstAbs)) [worstAbs, worstAbsAt] = [Number.isNaN(abs) ? Infinity : abs, i];
    if (!(rel <= worstRel)) [worstRel, worstRelAt] = [Number.isNaN(rel) ? Infinity : rel, i];
    if (Number.isNaN(abs)) [worstAbs, worstAbsAt, worstRel, worstRelAt] = [NaN, i, NaN, i];
  }
  if (mismatched === 0) return null;
  const n = a.data.length;
  const at = (i: number): string => (a.shape.length === 0 ? '' : ` at ${a.name}${elementIndex(i, a.shape)}`);
  const pair = (i: number): string => ` (actual ${fmt(a.data[i]!)}, expected ${fmt(e.data[i]!)})`;
  return [
    'Tensor-likes are not close!',
    '',
    `Mismatched elements: ${mismatched} / ${n} (${fmt(Number(((100 * mismatched) / n).toFixed(1)))}%)`,
    `Greatest absolute difference: ${fmt(worstAbs)}${at(worstAbsAt)}${pair(worstAbsAt)} (up to ${fmt(atol)} allowed)`,
    `Greatest relative difference: ${fmt(worstRel)}${at(worstRelAt)}${pair(worstRelAt)} (up to ${fmt(rtol)} allowed)`,
  ].join('\n');
}

/**
 * Throws an AssertionError (actual and expected set, for the runner's diff) unless `actual` and `expected` are
 * close by torch.testing's rule, |a − e| ≤ atol + rtol·|e| element by element, with its float64 defaults
 * (rtol 1e-7, atol 1e-7). Compares tensors, numbers, nested arrays, and modules parameter by parameter:
 *
 *     Tensor-likes are not close!
 *
 *     Mismatched elements: 1 / 6 (16.7%)
 *     Greatest absolute difference: 0.5 at actual[1, 2] (actual 3.5, expected 3) (up to 1e-7 allowed)
 *     Greatest relative difference: 0.166667 at actual[1, 2] (actual 3.5, expected 3) (up to 1e-7 allowed)
 */
export function assertClose(actual: TensorLike, expected: TensorLike, options: CloseOptions = {}): void {
  const result = compareClose(actual, expected, options);
  if (!result.passed) throw new AssertionError(result.message, { actual: result.actual, expected: result.expected });
}
