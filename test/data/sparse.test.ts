import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/util/random.ts';
import { makeSparseClassification, type SparseDataset } from '../../src/data/sparse.ts';

/** Element-wise equality (vitest's deep equality is slow on 10⁶-element arrays). */
const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean =>
  a.length === b.length && Array.prototype.every.call(a, (v: number, i: number) => v === b[i]);

/** The non-zero feature indices of each row. */
function activeSets(ds: SparseDataset): Int32Array[] {
  const [n, f] = ds.features.shape as [number, number];
  return Array.from({ length: n }, (_, i) => {
    const active: number[] = [];
    for (let j = 0; j < f; j++) if (ds.features.data[i * f + j] !== 0) active.push(j);
    return Int32Array.from(active);
  });
}

/**
 * Logistic regression on the sparse rows, mini-batch 20, 5 epochs; returns the final mean training loss.
 * `sgd`: w −= lr·g. `adagrad`: G += g², w −= lr·g/√G (per coordinate).
 */
function train(ds: SparseDataset, active: Int32Array[], rule: 'sgd' | 'adagrad', lr: number): number {
  const f = ds.features.shape[1]!;
  const n = active.length;
  const w = new Float64Array(f + 1); // last entry: bias
  const sumSq = new Float64Array(f + 1);
  const rng = new Rng(7);
  const logit = (i: number): number => active[i]!.reduce((z, j) => z + w[j]!, w[f]!);
  for (let epoch = 0; epoch < 5; epoch++) {
    const order = rng.permutation(n);
    for (let start = 0; start < n; start += 20) {
      const g = new Float64Array(f + 1);
      for (let q = start; q < start + 20; q++) {
        const i = order[q]!;
        const d = (1 / (1 + Math.exp(-logit(i))) - ds.labels[i]!) / 20;
        for (const j of active[i]!) g[j] = g[j]! + d;
        g[f] = g[f]! + d;
      }
      for (let j = 0; j <= f; j++) {
        const gj = g[j]!;
        if (gj === 0) continue;
        if (rule === 'sgd') w[j] = w[j]! - lr * gj;
        else {
          sumSq[j] = sumSq[j]! + gj * gj;
          w[j] = w[j]! - (lr * gj) / Math.sqrt(sumSq[j]!);
        }
      }
    }
  }
  let loss = 0;
  for (let i = 0; i < n; i++) loss += Math.log1p(Math.exp(-(2 * ds.labels[i]! - 1) * logit(i)));
  return loss / n;
}

describe('makeSparseClassification', () => {
  const ds = makeSparseClassification(2000, { features: 1000, activePerSample: 10, seed: 1 });
  const active = activeSets(ds);
  const counts = new Int32Array(1000);
  for (const a of active) for (const j of a) counts[j] = counts[j]! + 1;

  it('has exactly k binary non-zeros per sample and balanced labels', () => {
    expect(ds.features.shape).toEqual([2000, 1000]);
    expect(active.every((a) => a.length === 10)).toBe(true);
    expect(Array.from(ds.features.data).every((v) => v === 0 || v === 1)).toBe(true);
    expect(ds.labels.reduce((a, b) => a + b, 0)).toBe(1000); // bias = −median score
    expect(ds.classNames).toEqual(['0', '1']);
    expect(ds.featureNames[999]).toBe('feature_999');
  });

  it('follows a Zipf-like law: a few common features, many rare ones', () => {
    expect(ds.frequencies.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(ds.frequencies[0]! / ds.frequencies[9]!).toBeCloseTo(10 ** 1.1, 9);
    expect(counts[0]).toBeGreaterThan(1500); // in most samples
    const rare = counts.filter((c) => c <= 5).length;
    expect(rare).toBeGreaterThan(400); // about half the vocabulary appears in ≤ 5 of 2000 samples
    // Labels follow the teacher exactly (no label noise by default).
    active.forEach((a, i) => {
      const score = a.reduce((z, j) => z + ds.teacher.weights[j]!, ds.teacher.bias);
      expect(ds.labels[i]).toBe(score > 0 ? 1 : 0);
    });
  });

  it('is deterministic for a seed; labelNoise flips about that share', () => {
    const a = makeSparseClassification(200, { features: 300, seed: 8 });
    const b = makeSparseClassification(200, { features: 300, seed: 8 });
    expect(same(a.features.data, b.features.data)).toBe(true);
    expect(same(a.labels, b.labels)).toBe(true);
    expect(same(makeSparseClassification(200, { features: 300, seed: 9 }).features.data, a.features.data)).toBe(false);
    const noisy = makeSparseClassification(2000, { features: 300, seed: 8, labelNoise: 0.1 });
    const clean = makeSparseClassification(2000, { features: 300, seed: 8 });
    // The same draws up to the labels; then ~10% of labels flip.
    expect(same(noisy.features.data, clean.features.data)).toBe(true);
    const flipped = noisy.labels.filter((l, i) => l !== clean.labels[i]).length;
    expect(flipped).toBeGreaterThan(150);
    expect(flipped).toBeLessThan(250);
  });

  it('rare features get tiny gradients at w = 0, though their teacher weights are as large', () => {
    // ∂L/∂w_j = mean_i (σ(0) − y_i)·x_ij: only samples containing feature j contribute.
    const grad = new Float64Array(1000);
    active.forEach((a, i) => a.forEach((j) => (grad[j] = grad[j]! + (0.5 - ds.labels[i]!) / 2000)));
    const meanAbs = (js: number[], v: Float64Array): number => js.reduce((s, j) => s + Math.abs(v[j]!), 0) / js.length;
    const common = Array.from({ length: 20 }, (_, j) => j);
    const rare = Array.from(counts.keys()).filter((j) => counts[j]! >= 1 && counts[j]! <= 3);
    expect(meanAbs(common, grad) / meanAbs(rare, grad)).toBeGreaterThan(20);
    const ratio = meanAbs(common, ds.teacher.weights) / meanAbs(rare, ds.teacher.weights);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('so AdaGrad reaches a much lower loss than plain SGD, each at its best learning rate', () => {
    const best = (rule: 'sgd' | 'adagrad', lrs: number[]): number => Math.min(...lrs.map((lr) => train(ds, active, rule, lr)));
    const sgd = best('sgd', [0.3, 1, 3, 10]);
    const adagrad = best('adagrad', [0.1, 0.3, 1]);
    expect(sgd).toBeGreaterThan(0.15);
    expect(adagrad).toBeLessThan(sgd / 2);
  });

  it('validates options', () => {
    expect(() => makeSparseClassification(10, { features: 5, activePerSample: 6 })).toThrow(
      'makeSparseClassification: activePerSample must be an integer in 1..5 (features), got 6',
    );
    expect(() => makeSparseClassification(1)).toThrow('makeSparseClassification: n must be an integer ≥ 2, got 1');
    expect(() => makeSparseClassification(10, { labelNoise: 0.7 })).toThrow(
      'makeSparseClassification: labelNoise must be in [0, 0.5], got 0.7',
    );
    expect(() => makeSparseClassification(10, { zipfExponent: -1 })).toThrow('zipfExponent must be a finite number ≥ 0, got -1');
    const all = makeSparseClassification(4, { features: 6, activePerSample: 6, seed: 0 });
    expect(Array.from(all.features.data).every((v) => v === 1)).toBe(true);
  });
});
