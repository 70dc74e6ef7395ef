import { elementIndex } from '../nn/gradcheck.ts';
import { Module } from '../nn/module.ts';
import { Tensor } from '../tensor/tensor.ts';
import { AssertionError, fmt, plural } from './assertion-error.ts';

/** A tensor, a module (its parameters and their gradients), or a list or record of tensors. */
export type Inspectable = Tensor | Module<Tensor[]> | readonly Tensor[] | Readonly<Record<string, Tensor>>;

/** The named tensors to look at: values, then `.grad` where there is one. */
function named(target: Inspectable, name: string, grads: boolean): [string, Tensor][] {
  const values: [string, Tensor][] =
    target instanceof Tensor
      ? [[name, target]]
      : target instanceof Module
        ? target.namedParameters()
        : Array.isArray(target)
          ? target.map((t, i): [string, Tensor] => [`${name}[${i}]`, t as Tensor])
          : Object.entries(target as Record<string, Tensor>);
  if (!grads) return values;
  return values.flatMap(([n, t]): [string, Tensor][] =>
    t.grad
      ? [
          [n, t],
          [`${n}.grad`, t.grad],
        ]
      : [[n, t]],
  );
}

/** The first non-finite element of every tensor that has one, as message lines; empty when all are finite. */
export function nonFiniteLines(target: Inspectable, options: { name?: string; grads?: boolean } = {}): string[] {
  const lines: string[] = [];
  for (const [n, t] of named(target, options.name ?? 'tensor', options.grads ?? true)) {
    let nan = 0,
      inf = 0,
      first = -1;
    t.data.forEach((v, i) => {
      if (Number.isFinite(v)) return;
      if (Number.isNaN(v)) nan++;
      else inf++;
      if (first < 0) first = i;
    });
    if (first < 0) continue;
    const counts = [nan > 0 ? `${nan} NaN` : '', inf > 0 ? `${inf} infinite` : ''].filter(Boolean).join(', ');
    lines.push(
      `${n}${t.ndim > 0 ? elementIndex(first, t.shape) : ''} is ${fmt(t.data[first]!)} (${counts} of ${plural(t.size, 'element')})`,
    );
  }
  return lines;
}

/**
 * Throws an AssertionError naming the first NaN or ±Infinity of every tensor that has one, values and gradients
 * (chex's assert_tree_all_finite; unlike torchtest's `assert_never_inf`, one bad element is enough):
 * `layers.0.weight.grad[2, 1] is NaN (3 NaN of 12 elements)`. A module is checked parameter by parameter.
 */
export function assertAllFinite(target: Inspectable, options: { name?: string; grads?: boolean } = {}): void {
  const lines = nonFiniteLines(target, options);
  if (lines.length > 0) throw new AssertionError(`not all finite:\n  ${lines.join('\n  ')}`, { actual: lines, expected: [] });
}

/**
 * Throws an AssertionError unless every element of `t` lies in [low, high] (torchtest's output range): probabilities
 * in [0, 1], a bounded regressor. Names the worst element and counts the others:
 * `output[3, 0] is 1.2, outside [0, 1] (2 of 8 elements outside)`. NaN is outside every range.
 */
export function assertWithin(t: Tensor, low: number, high: number, options: { name?: string } = {}): void {
  if (!(low <= high)) throw new RangeError(`assertWithin: low (${low}) must be ≤ high (${high})`);
  const name = options.name ?? 'tensor';
  let outside = 0,
    worst = -1,
    worstBy = -1;
  t.data.forEach((v, i) => {
    if (v >= low && v <= high) return;
    outside++;
    const by = Number.isNaN(v) ? Infinity : Math.max(low - v, v - high);
    if (by > worstBy) [worst, worstBy] = [i, by];
  });
  if (outside === 0) return;
  const v = t.data[worst]!;
  throw new AssertionError(
    `${name}${t.ndim > 0 ? elementIndex(worst, t.shape) : ''} is ${fmt(v)}, outside [${fmt(low)}, ${fmt(high)}] (${outside} of ${plural(t.size, 'element')} outside)`,
    { actual: v, expected: [low, high] },
  );
}
