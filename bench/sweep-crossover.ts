/** Where one arm of the sweep overtakes another, read off the measured ms per step. */

export type Crossover =
  | { kind: 'always' } // the challenger is faster at every measured point
  | { kind: 'never' } // …at none from some point to the end, i.e. it is slower (or level) at the largest size
  | { kind: 'from'; before: number; after: number; at: number }; // slower at `before`, faster from `after` on; ≈ `at`

/**
 * Where `challenger` becomes faster than `incumbent` and stays faster up to the largest size measured.
 * Faster means a time below (1 − margin) × the incumbent's, so that noise around parity does not count.
 * `at` interpolates the time ratio linearly in log–log between the last slower and the first faster size.
 * Sizes whose time is missing or not positive on either side are left out.
 */
export function overtakes(xs: readonly number[], challenger: readonly number[], incumbent: readonly number[], margin = 0.05): Crossover {
  if (!(margin >= 0 && margin < 1)) throw new RangeError(`overtakes: margin is ${margin}; it must be in [0, 1)`);
  const points = xs.flatMap((x, i) => {
    const c = challenger[i],
      b = incumbent[i];
    return c !== undefined && b !== undefined && c > 0 && b > 0 && Number.isFinite(c) && Number.isFinite(b) ? [{ x, ratio: c / b }] : [];
  });
  if (points.length === 0) throw new RangeError('overtakes: no size has a positive time on both sides');
  const threshold = 1 - margin;
  let first = points.length;
  while (first > 0 && points[first - 1]!.ratio < threshold) first--;
  if (first === points.length) return { kind: 'never' };
  if (first === 0) return { kind: 'always' };
  const slow = points[first - 1]!,
    fast = points[first]!;
  const t = Math.log(slow.ratio / threshold) / Math.log(slow.ratio / fast.ratio);
  return { kind: 'from', before: slow.x, after: fast.x, at: slow.x * (fast.x / slow.x) ** t };
}

/** A crossover as a phrase: "from about 181 (slower at 128, faster at 256)", "at every width measured", … */
export function describeCrossover(c: Crossover, axis: string): string {
  if (c.kind === 'always') return `at every ${axis} measured`;
  if (c.kind === 'never') return `not ahead at the largest ${axis} measured`;
  const at = c.at >= 10 ? Math.round(c.at).toLocaleString('en-US') : c.at.toFixed(1);
  return `from ${axis} ≈ ${at} on (slower at ${c.before.toLocaleString('en-US')}, faster from ${c.after.toLocaleString('en-US')})`;
}
