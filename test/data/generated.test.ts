import { describe, expect, it } from 'vitest';
import { makeCircles, makeMoons, makeSpirals, makeXor } from '../../src/data/generated.ts';
import { classCounts, type Dataset } from '../../src/data/dataset.ts';

const points = (ds: Dataset): number[][] => ds.features.toArray() as number[][];
const close = (got: number[][], want: number[][]): void => {
  expect(got.length).toBe(want.length);
  got.forEach((p, i) => p.forEach((v, j) => expect(v).toBeCloseTo(want[i]![j]!, 12)));
};

/** Standard deviation of (noisy − clean) over all coordinates. */
function noiseStd(noisy: Dataset, clean: Dataset): number {
  let s = 0;
  noisy.features.data.forEach((v, k) => (s += (v - clean.features.data[k]!) ** 2));
  return Math.sqrt(s / noisy.features.size);
}

describe('makeMoons', () => {
  it('matches scikit-learn geometry: outer (cos t, sin t), inner (1 − cos t, 0.5 − sin t)', () => {
    const ds = makeMoons(6, { shuffle: false });
    close(points(ds), [
      [1, 0],
      [0, 1],
      [-1, 0],
      [0, 0.5],
      [1, -0.5],
      [2, 0.5],
    ]);
    expect(Array.from(ds.labels)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(ds.featureNames).toEqual(['x', 'y']);
    expect(ds.classNames).toEqual(['0', '1']);
    // Odd n: the outer moon gets ⌊n/2⌋.
    expect(classCounts(makeMoons(7, { seed: 0 }))).toEqual([3, 4]);
  });

  it('adds Gaussian noise of the given std and is deterministic per seed', () => {
    const clean = makeMoons(2000, { shuffle: false });
    const noisy = makeMoons(2000, { shuffle: false, noise: 0.1, seed: 3 });
    expect(noiseStd(noisy, clean)).toBeGreaterThan(0.095);
    expect(noiseStd(noisy, clean)).toBeLessThan(0.105);
    expect(makeMoons(50, { noise: 0.2, seed: 1 }).features.data).toEqual(makeMoons(50, { noise: 0.2, seed: 1 }).features.data);
    expect(makeMoons(50, { noise: 0.2, seed: 1 }).features.data).not.toEqual(makeMoons(50, { noise: 0.2, seed: 2 }).features.data);
  });

  it('shuffling permutes samples together with their labels', () => {
    const ds = makeMoons(40, { seed: 5 });
    expect(Array.from(ds.labels.slice(0, 20))).not.toEqual(new Array(20).fill(0));
    const rows = points(ds);
    rows.forEach((p, i) => {
      // Outer points satisfy x² + y² = 1, inner ones (x − 1)² + (y − 0.5)² = 1.
      const r = ds.labels[i] === 0 ? Math.hypot(p[0]!, p[1]!) : Math.hypot(p[0]! - 1, p[1]! - 0.5);
      expect(r).toBeCloseTo(1, 12);
    });
  });
});

describe('makeCircles', () => {
  it('matches scikit-learn geometry: evenly spaced, endpoint excluded, inner radius = factor', () => {
    const ds = makeCircles(8, { shuffle: false, factor: 0.5 });
    close(points(ds), [
      [1, 0],
      [0, 1],
      [-1, 0],
      [0, -1],
      [0.5, 0],
      [0, 0.5],
      [-0.5, 0],
      [0, -0.5],
    ]);
    expect(Array.from(ds.labels)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    const radii = points(makeCircles(100, { seed: 2 })).map((p) => Math.hypot(p[0]!, p[1]!));
    expect(new Set(radii.map((r) => r.toFixed(12)))).toEqual(new Set(['1.000000000000', '0.800000000000']));
  });

  it('validates factor and noise', () => {
    expect(() => makeCircles(10, { factor: 1 })).toThrow('makeCircles: factor must be in (0, 1), got 1');
    expect(() => makeCircles(10, { noise: -0.1 })).toThrow('makeCircles: noise must be a finite number ≥ 0, got -0.1');
    expect(() => makeCircles(1)).toThrow('makeCircles: n must be an integer ≥ 2, got 1');
  });
});

describe('makeSpirals', () => {
  it('puts arm c at angle 2πc/k + 2π·turns·r for evenly spaced r in [0, 1]', () => {
    const ds = makeSpirals(10, { arms: 3, shuffle: false });
    expect(classCounts(ds)).toEqual([4, 3, 3]);
    expect(ds.classNames).toEqual(['0', '1', '2']);
    const p = points(ds);
    // Arm 0: r = 0, 1/3, 2/3, 1 at angles 2πr.
    close(
      p.slice(0, 4),
      [0, 1 / 3, 2 / 3, 1].map((r) => [r * Math.cos(2 * Math.PI * r), r * Math.sin(2 * Math.PI * r)]),
    );
    // Arm 1 ends (r = 1, one full turn) back at its start angle 2π/3.
    close([p[6]!], [[Math.cos((2 * Math.PI) / 3), Math.sin((2 * Math.PI) / 3)]]);
    const half = makeSpirals(4, { arms: 2, turns: 0.5, shuffle: false });
    close(points(half), [
      [0, 0],
      [-1, 0],
      [0, 0],
      [1, 0],
    ]);
  });

  it('validates arms and turns', () => {
    expect(() => makeSpirals(10, { arms: 1 })).toThrow('makeSpirals: arms must be an integer ≥ 2, got 1');
    expect(() => makeSpirals(10, { turns: 0 })).toThrow('makeSpirals: turns must be a positive number, got 0');
    expect(() => makeSpirals(2, { arms: 3 })).toThrow('makeSpirals: n must be an integer ≥ 3, got 2');
  });
});

describe('makeXor', () => {
  it('labels by quadrant (1 where the signs differ), roughly balanced, inside [−1, 1]²', () => {
    const ds = makeXor(1000, { seed: 4 });
    points(ds).forEach((p, i) => {
      const [a, b] = p as [number, number];
      expect(Math.max(Math.abs(a), Math.abs(b))).toBeLessThanOrEqual(1);
      expect(ds.labels[i]).toBe(a > 0 !== b > 0 ? 1 : 0);
    });
    const ones = classCounts(ds)[1]!;
    expect(ones).toBeGreaterThan(440);
    expect(ones).toBeLessThan(560);
  });

  it('noise moves points after labelling, deterministically', () => {
    const a = makeXor(500, { seed: 9, noise: 0.3 });
    const b = makeXor(500, { seed: 9, noise: 0.3 });
    expect(a.features.data).toEqual(b.features.data);
    const mislabelled = points(a).filter((p, i) => (p[0]! > 0 !== p[1]! > 0 ? 1 : 0) !== a.labels[i]).length;
    expect(mislabelled).toBeGreaterThan(25);
    expect(() => makeXor(0)).toThrow('makeXor: n must be an integer ≥ 1, got 0');
  });
});
