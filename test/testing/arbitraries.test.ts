import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradcheck, zeros, type Tensor } from '../../src/tensor/index.ts';
import { broadcastableShapes, labels, shapes, tensors } from '../../src/testing/arbitraries/index.ts';

/** Fixed seed: the same draws every run. */
const RUNS = { seed: 20261205, numRuns: 200 };
const sample = <T>(arb: fc.Arbitrary<T>): T[] => fc.sample(arb, RUNS);

/** NumPy's broadcasting rule, written out independently of the engine: align right, sizes equal or 1. */
function numpyBroadcast(shapes: readonly number[][]): number[] | null {
  const rank = Math.max(...shapes.map((s) => s.length));
  const out: number[] = [];
  for (let k = 0; k < rank; k++) {
    const sizes = shapes.map((s) => s[s.length - rank + k] ?? 1).filter((d) => d !== 1);
    if (new Set(sizes).size > 1) return null;
    out.push(sizes[0] ?? 1);
  }
  return out;
}

describe('shapes', () => {
  it('stays within the rank and size bounds and reaches each end of them', () => {
    const drawn = sample(shapes({ minRank: 2, maxRank: 4, minSize: 3, maxSize: 5 }));
    for (const s of drawn) {
      expect(s.length).toBeGreaterThanOrEqual(2);
      expect(s.length).toBeLessThanOrEqual(4);
      for (const d of s) expect([3, 4, 5]).toContain(d);
    }
    expect(new Set(drawn.map((s) => s.length))).toEqual(new Set([2, 3, 4]));
    expect(new Set(drawn.flat())).toEqual(new Set([3, 4, 5]));
    // The defaults: rank 1 to 3, sizes 1 to 4.
    const defaults = sample(shapes());
    expect(Math.min(...defaults.map((s) => s.length))).toBe(1);
    expect(Math.max(...defaults.map((s) => s.length))).toBe(3);
    expect([Math.min(...defaults.flat()), Math.max(...defaults.flat())]).toEqual([1, 4]);
  });

  it('refuses bounds that cannot hold', () => {
    expect(() => shapes({ minRank: 3, maxRank: 2 })).toThrow(
      'shapes: need integers 0 ≤ minRank ≤ maxRank and 0 ≤ minSize ≤ maxSize, got rank 3..2, size 1..4',
    );
    expect(() => shapes({ minSize: -1 })).toThrow(RangeError);
  });
});

describe('broadcastableShapes', () => {
  it('gives `count` shapes that broadcast together by NumPy’s rule, and the engine agrees on the result', () => {
    fc.assert(
      fc.property(broadcastableShapes(3), (tuple) => {
        expect(tuple).toHaveLength(3);
        const expected = numpyBroadcast(tuple);
        expect(expected).not.toBeNull();
        const [a, b, c] = tuple.map((s) => zeros(s)) as [Tensor, Tensor, Tensor];
        expect(a.add(b).add(c).shape).toEqual(expected);
      }),
      RUNS,
    );
  });

  it('really broadcasts: ranks differ and sizes of 1 meet larger sizes in many tuples', () => {
    const drawn = sample(broadcastableShapes(2, { minRank: 2, maxRank: 3, minSize: 2, maxSize: 3 }));
    const ranksDiffer = drawn.filter(([a, b]) => a!.length !== b!.length).length;
    const stretched = drawn.filter(([a, b]) => {
      const out = numpyBroadcast([a!, b!])!;
      return [a!, b!].some((s) => s.length < out.length || s.some((d, k) => d !== out[out.length - s.length + k]));
    }).length;
    expect(ranksDiffer).toBeGreaterThan(drawn.length / 4);
    expect(stretched).toBeGreaterThan(drawn.length / 2);
    expect(() => broadcastableShapes(0)).toThrow('broadcastableShapes: count must be an integer ≥ 1, got 0');
  });

  it('the control: numpyBroadcast rejects [2, 3] with [2]', () => {
    expect(numpyBroadcast([[2, 3], [2]])).toBeNull();
    expect(numpyBroadcast([[2, 1], [3], []])).toEqual([2, 3]);
  });
});

describe('tensors', () => {
  it('keeps every value in ±[gap, max], of the shape asked for, requiring grad', () => {
    fc.assert(
      fc.property(tensors([2, 3]), tensors(shapes({ maxRank: 2 }), { gap: 0.5, max: 2, requiresGrad: false }), (t, u) => {
        expect(t.shape).toEqual([2, 3]);
        expect(t.requiresGrad).toBe(true);
        for (const v of t.data) expect(Math.abs(v)).toSatisfy((a: number) => a >= 0.25 && a <= 1.5);
        expect(u.requiresGrad).toBe(false);
        expect(u.size).toBe(u.shape.reduce((p, d) => p * d, 1));
        for (const v of u.data) expect(Math.abs(v)).toSatisfy((a: number) => a >= 0.5 && a <= 2);
      }),
      RUNS,
    );
    const values = sample(tensors([4])).flatMap((t) => Array.from(t.data));
    expect(values.some((v) => v < 0) && values.some((v) => v > 0)).toBe(true);
  });

  it('is away from the kinks: gradcheck of relu and abs passes on every draw (and fails across a kink, the control)', () => {
    const kinked = (x: Tensor): Tensor => x.relu().add(x.abs().mul(0.5)).sum();
    fc.assert(
      fc.property(tensors(shapes({ maxRank: 2 })), (x) => {
        expect(gradcheck(kinked, [x]).passed).toBe(true);
      }),
      { ...RUNS, numRuns: 100 },
    );
    const [atKink] = fc.sample(tensors([3], { gap: 0, max: 1e-7 }), { seed: 1, numRuns: 1 });
    expect(gradcheck(kinked, [atKink!]).passed).toBe(false);
  });

  it('refuses a gap at or above max', () => {
    expect(() => tensors([2], { gap: 1, max: 1 })).toThrow('tensors: need 0 ≤ gap < max, got gap 1, max 1');
  });
});

describe('labels', () => {
  it('gives n integer labels in 0..C−1 with every class present, at varying positions', () => {
    fc.assert(
      fc.property(labels(7, 3), (ys) => {
        expect(ys).toBeInstanceOf(Int32Array);
        expect(ys).toHaveLength(7);
        for (const c of ys) expect([0, 1, 2]).toContain(c);
        expect(new Set(ys)).toEqual(new Set([0, 1, 2]));
      }),
      RUNS,
    );
    const drawn = sample(labels(7, 3));
    for (let row = 0; row < 7; row++) expect(new Set(drawn.map((ys) => ys[row]))).toEqual(new Set([0, 1, 2]));
    // Fewer rows than classes: in range, classes necessarily missing.
    for (const ys of sample(labels(2, 5))) for (const c of ys) expect(c).toBeLessThan(5);
  });

  it('refuses fewer than two classes or no rows', () => {
    expect(() => labels(4, 1)).toThrow('labels: need an integer n ≥ 1 and classes ≥ 2, got n 4, classes 1');
    expect(() => labels(0, 2)).toThrow(RangeError);
  });
});
