// gradlab/testing/arbitraries: fast-check arbitraries for property tests of models and ops: shapes,
// broadcast-compatible shapes, tensors kept away from the kinks of relu and abs, class labels, and the random
// expression graphs gradlab's own reliability tests check autograd with. fast-check is an optional peer dependency:
// only this entry imports it.
import fc from 'fast-check';
import { Tensor } from '../../tensor/tensor.ts';

export { graphSpec, buildGraph, leafShape, UNARY, BINARY, type GraphSpec, type GraphNode, type Graph } from './graphs.ts';

export interface ShapeConstraints {
  /** Dimensions (default 1 to 3). */
  minRank?: number;
  maxRank?: number;
  /** Size of each dimension (default 1 to 4). */
  minSize?: number;
  maxSize?: number;
}

/** Shapes such as [2, 3] or [1, 4, 2]. */
export function shapes(c: ShapeConstraints = {}): fc.Arbitrary<number[]> {
  const { minRank = 1, maxRank = Math.max(3, minRank), minSize = 1, maxSize = Math.max(4, minSize) } = c;
  const count = (v: number): boolean => Number.isInteger(v) && v >= 0;
  if (!(count(minRank) && count(maxRank) && minRank <= maxRank && count(minSize) && count(maxSize) && minSize <= maxSize))
    throw new RangeError(
      `shapes: need integers 0 ≤ minRank ≤ maxRank and 0 ≤ minSize ≤ maxSize, got rank ${minRank}..${maxRank}, size ${minSize}..${maxSize}`,
    );
  return fc.array(fc.integer({ min: minSize, max: maxSize }), { minLength: minRank, maxLength: maxRank });
}

/**
 * `count` shapes that broadcast together (NumPy's rule): each is a common shape with some dimensions set to 1 and
 * some leading dimensions dropped, so [[2, 3], [3], [1, 3]] can come out, never [[2, 3], [2]].
 */
export function broadcastableShapes(count = 2, c: ShapeConstraints = {}): fc.Arbitrary<number[][]> {
  if (!(Number.isInteger(count) && count >= 1)) throw new RangeError(`broadcastableShapes: count must be an integer ≥ 1, got ${count}`);
  return shapes(c).chain((shape) =>
    fc.array(
      fc
        .tuple(fc.nat(shape.length), fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }))
        .map(([drop, ones]) => shape.map((d, k) => (ones[k] ? 1 : d)).slice(drop)),
      { minLength: count, maxLength: count },
    ),
  );
}

export interface TensorConstraints {
  /** Values lie in ±[gap, max] (defaults 0.25 and 1.5): away from 0, where relu and abs have kinks that finite differences straddle. */
  gap?: number;
  max?: number;
  /** Whether the tensor requires grad (default true). */
  requiresGrad?: boolean;
}

/** Tensors of `shape` (or of a random shape) with values kept away from the kinks at 0. */
export function tensors(shape?: readonly number[] | fc.Arbitrary<number[]>, c: TensorConstraints = {}): fc.Arbitrary<Tensor> {
  const gap = c.gap ?? 0.25,
    max = c.max ?? 1.5;
  if (!(gap >= 0 && max > gap)) throw new RangeError(`tensors: need 0 ≤ gap < max, got gap ${gap}, max ${max}`);
  const shaped =
    shape === undefined ? shapes() : Array.isArray(shape) ? fc.constant([...(shape as number[])]) : (shape as fc.Arbitrary<number[]>);
  return shaped.chain((s) => {
    const size = s.reduce((a, b) => a * b, 1);
    const value = fc.tuple(fc.boolean(), fc.double({ min: gap, max, noNaN: true })).map(([neg, v]) => (neg ? -v : v));
    return fc.array(value, { minLength: size, maxLength: size }).map((vs) => new Tensor(Float64Array.from(vs), s, c.requiresGrad ?? true));
  });
}

/**
 * `n` class labels in 0..classes−1, each class present at least once (at random positions) when n ≥ classes, so
 * every class has rows and chance is log C or near it.
 */
export function labels(n: number, classes: number): fc.Arbitrary<Int32Array> {
  if (!(Number.isInteger(n) && n >= 1 && Number.isInteger(classes) && classes >= 2))
    throw new RangeError(`labels: need an integer n ≥ 1 and classes ≥ 2, got n ${n}, classes ${classes}`);
  const rows = Array.from({ length: n }, (_, i) => i);
  const present = n >= classes ? classes : 0;
  return fc
    .tuple(
      fc.array(fc.nat(classes - 1), { minLength: n, maxLength: n }),
      fc.shuffledSubarray(rows, { minLength: present, maxLength: present }),
    )
    .map(([ys, at]) => {
      at.forEach((row, k) => (ys[row] = k));
      return Int32Array.from(ys);
    });
}
