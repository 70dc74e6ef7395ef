import { describe, expect, it } from 'vitest';
import { broadcastIndex, broadcastMap, broadcastShapes, expand, sizeOf, unbroadcast } from '../../src/tensor/shape.ts';
import { Rng } from '../../src/util/random.ts';

const rng = new Rng(3);

/** Every shape of up to 3 dims with dims in {1, 2, 3}, and the scalar. */
const SHAPES: number[][] = [[]];
for (const a of [1, 2, 3]) {
  SHAPES.push([a]);
  for (const b of [1, 2, 3]) {
    SHAPES.push([a, b]);
    for (const c of [1, 2, 3]) SHAPES.push([a, b, c]);
  }
}

describe('broadcastMap', () => {
  it('uses tiles for scalars, row vectors and column vectors', () => {
    expect(broadcastMap([2, 3], [2, 3])).toBeNull();
    expect(broadcastMap([], [4, 5])).toEqual({ inner: 1, period: 1 });
    expect(broadcastMap([5], [4, 5])).toEqual({ inner: 1, period: 5 }); // bias over rows
    expect(broadcastMap([1, 5], [4, 5])).toEqual({ inner: 1, period: 5 });
    expect(broadcastMap([4, 1], [4, 5])).toEqual({ inner: 5, period: 4 }); // per-row values across columns
    expect(broadcastMap([3, 1], [2, 3, 4])).toEqual({ inner: 4, period: 3 });
    expect(broadcastMap([2, 1, 3], [2, 4, 3])).toBeInstanceOf(Int32Array); // kept dims 0 and 2 are not one run
  });

  it('reads and sums back exactly like the explicit index, bit for bit, for every pair of small shapes', () => {
    let pairs = 0;
    for (const a of SHAPES) {
      for (const b of SHAPES) {
        let out: number[];
        try {
          out = broadcastShapes('test', a, b);
        } catch {
          continue;
        }
        pairs++;
        const size = sizeOf(out);
        const src = Float64Array.from({ length: sizeOf(a) }, () => rng.normal());
        const grad = Float64Array.from({ length: size }, () => rng.normal());
        const index = broadcastIndex(a, out);
        const viaIndex = index === null ? src : Float64Array.from(index, (j) => src[j]!);
        expect([...expand(src, broadcastMap(a, out), size)]).toEqual([...viaIndex]);
        expect([...unbroadcast(grad, broadcastMap(a, out), src.length)]).toEqual([...unbroadcast(grad, index, src.length)]);
      }
    }
    expect(pairs).toBeGreaterThan(500);
  });

  it('returns the operand itself when no broadcasting is needed', () => {
    const src = Float64Array.of(1, 2, 3);
    expect(expand(src, null, 3)).toBe(src);
    expect(unbroadcast(src, null, 3)).toBe(src);
  });
});
