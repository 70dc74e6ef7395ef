import type { Dataset } from '../../src/data/index.ts';
import type { TraceEntry } from '../../src/inspect/trace.ts';

/** Feature indices by how many training samples contain them: common (≥ 100), rare (1–19). */
export function featureGroups(train: Dataset): { common: number[]; rare: number[]; counts: Float64Array } {
  const [n, f] = train.features.shape as [number, number];
  const counts = new Float64Array(f);
  const x = train.features.data;
  for (let i = 0; i < n; i++) for (let j = 0; j < f; j++) counts[j] = counts[j]! + x[i * f + j]!;
  const all = [...counts.keys()];
  return { common: all.filter((j) => counts[j]! >= 100), rare: all.filter((j) => counts[j]! >= 1 && counts[j]! < 20), counts };
}

/** Pearson correlation of a and b over the indices `at`. */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>, at: readonly number[]): number {
  const ma = at.reduce((s, j) => s + a[j]!, 0) / at.length;
  const mb = at.reduce((s, j) => s + b[j]!, 0) / at.length;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (const j of at) {
    const da = a[j]! - ma,
      db = b[j]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return sab / Math.sqrt(saa * sbb);
}

/**
 * Mean |Δw_j| over the steps in which feature j had a non-zero gradient (it occurred in the batch),
 * averaged over the features of a group: how far one sighting of a feature moves its weight.
 */
export function meanStepWhenSeen(trace: readonly TraceEntry[], group: readonly number[]): number {
  let total = 0,
    count = 0;
  for (const j of group) {
    let sum = 0,
      seen = 0;
    for (const e of trace) {
      if (e.grad[j] !== 0) {
        sum += Math.abs(e.update[j]!);
        seen++;
      }
    }
    if (seen > 0) {
      total += sum / seen;
      count++;
    }
  }
  return count === 0 ? NaN : total / count;
}
