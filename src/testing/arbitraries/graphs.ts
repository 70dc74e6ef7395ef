import fc from 'fast-check';
import { Tensor, broadcastShapes } from '../../tensor/index.ts';
import { Rng } from '../../util/random.ts';

/**
 * Random expression graphs for the property tests. Every op keeps its inputs in a smooth, bounded
 * domain (log and sqrt of x² + 1, exp of tanh x, division by x² + 1; abs and relu only on leaves,
 * whose values stay ≥ 0.25 away from 0), so autograd and finite differences must agree everywhere.
 * Every node's shape is the base shape with some dims set to 1 (or leading dims dropped), so any two
 * nodes broadcast together.
 */
export const UNARY = [
  'neg',
  'tanh',
  'sigmoid',
  'expTanh',
  'logSquarePlus1',
  'sqrtSquarePlus1',
  'square',
  'powNeg',
  'affine',
  'logSigmoid',
] as const;
export const BINARY = ['add', 'sub', 'mul', 'safeDiv'] as const;

export type GraphNode =
  | { kind: 'leaf'; index: number; wrap: 'none' | 'abs' | 'relu' }
  | { kind: 'unary'; op: (typeof UNARY)[number]; x: GraphNode }
  | { kind: 'binary'; op: (typeof BINARY)[number]; a: GraphNode; b: GraphNode }
  | { kind: 'reduce'; op: 'sum' | 'mean' | 'max'; axis: number; x: GraphNode }
  | { kind: 'softmax'; op: 'softmax' | 'logSoftmax'; axis: number; x: GraphNode }
  | { kind: 'linear'; side: 'right' | 'left'; x: GraphNode };

export interface GraphSpec {
  /** The broadcast shape every node's shape fits into. */
  shape: number[];
  /** Per leaf: leading dims dropped, and which of the remaining dims are 1. */
  leaves: { drop: number; ones: boolean[] }[];
  root: GraphNode;
  /** Seed for leaf values and the weights of `linear` nodes. */
  seed: number;
}

const LEAVES = 3;

const node: fc.Arbitrary<GraphNode> = fc.letrec<{ node: GraphNode }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 6, depthSize: 'medium', withCrossShrink: true },
    fc.record({
      kind: fc.constant('leaf' as const),
      index: fc.nat(LEAVES - 1),
      wrap: fc.constantFrom('none' as const, 'abs' as const, 'relu' as const),
    }),
    fc.record({ kind: fc.constant('unary' as const), op: fc.constantFrom(...UNARY), x: tie('node') }),
    fc.record({ kind: fc.constant('binary' as const), op: fc.constantFrom(...BINARY), a: tie('node'), b: tie('node') }),
    fc.record({ kind: fc.constant('binary' as const), op: fc.constantFrom(...BINARY), a: tie('node'), b: tie('node') }),
    fc.record({
      kind: fc.constant('reduce' as const),
      op: fc.constantFrom('sum' as const, 'mean' as const, 'max' as const),
      axis: fc.nat(3),
      x: tie('node'),
    }),
    fc.record({
      kind: fc.constant('softmax' as const),
      op: fc.constantFrom('softmax' as const, 'logSoftmax' as const),
      axis: fc.nat(2),
      x: tie('node'),
    }),
    fc.record({ kind: fc.constant('linear' as const), side: fc.constantFrom('right' as const, 'left' as const), x: tie('node') }),
  ),
})).node;

export const graphSpec: fc.Arbitrary<GraphSpec> = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }).chain((shape) =>
  fc.record({
    shape: fc.constant(shape),
    leaves: fc.array(
      fc.record({ drop: fc.nat(shape.length - 1), ones: fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }) }),
      {
        minLength: LEAVES,
        maxLength: LEAVES,
      },
    ),
    root: node,
    seed: fc.nat(1_000_000),
  }),
);

export function leafShape(spec: GraphSpec, i: number): number[] {
  const { drop, ones } = spec.leaves[i]!;
  return spec.shape.map((d, k) => (ones[k] ? 1 : d)).slice(drop);
}

/** Values uniform in ±[0.25, 1.5]: away from the kinks of abs and relu at 0. */
export function awayFromZero(rng: Rng, n: number): Float64Array {
  return Float64Array.from({ length: n }, () => (rng.uniform() < 0.5 ? -1 : 1) * (0.25 + 1.25 * rng.uniform()));
}

/** A graph ready to evaluate: its input tensors (leaves, then linear weights) and `evaluate()`. */
export interface Graph {
  inputs: Tensor[];
  evaluate: () => Tensor;
}

/** Instantiates a spec. Linear weights are created on the first evaluation (their shape depends on the input's) and reused after. */
export function buildGraph(spec: GraphSpec): Graph {
  const rng = new Rng(spec.seed);
  const leaves = spec.leaves.map((_, i) => {
    const shape = leafShape(spec, i);
    return new Tensor(
      awayFromZero(
        rng,
        shape.reduce((a, b) => a * b, 1),
      ),
      shape,
      true,
    );
  });
  const weights = new Map<GraphNode, Tensor>();
  const weight = (n: GraphNode, k: number): Tensor => {
    let w = weights.get(n);
    if (w === undefined) {
      w = new Tensor(
        Float64Array.from({ length: k * k }, () => (2 * rng.uniform() - 1) / Math.sqrt(k)),
        [k, k],
        true,
      );
      weights.set(n, w);
    }
    return w;
  };
  const axisOf = (x: Tensor, axis: number): number | undefined => (axis < x.ndim ? axis - (axis % 2) * x.ndim : undefined);
  const visit = (n: GraphNode): Tensor => {
    switch (n.kind) {
      case 'leaf': {
        const x = leaves[n.index]!;
        return n.wrap === 'abs' ? x.abs() : n.wrap === 'relu' ? x.relu() : x;
      }
      case 'unary':
        return unary(n.op, visit(n.x));
      case 'binary': {
        const a = visit(n.a),
          b = visit(n.b);
        broadcastShapes('graph', a.shape, b.shape); // every pair must broadcast by construction
        if (n.op === 'safeDiv') return a.div(b.pow(2).add(1));
        return a[n.op](b);
      }
      case 'reduce': {
        const x = visit(n.x);
        // keepDims keeps the shape a sub-shape of the base shape; an axis past ndim reduces everything.
        return x[n.op](axisOf(x, n.axis), true);
      }
      case 'softmax': {
        const x = visit(n.x);
        if (x.ndim === 0) return x.tanh();
        return x[n.op](axisOf(x, n.axis % x.ndim) ?? -1);
      }
      case 'linear': {
        // Viewed as a matrix [rows, k]: right multiplies by W [k, k]; left is (xᵀ·W [rows, rows])ᵀ.
        const x = visit(n.x);
        const k = x.ndim === 0 ? 1 : x.shape[x.ndim - 1]!;
        const m = x.reshape(-1, k);
        const rows = m.shape[0]!;
        const out = n.side === 'right' ? m.matmul(weight(n, k)) : m.T.matmul(weight(n, rows)).T;
        return out.reshape(x.shape.length === 0 ? [] : [...x.shape]);
      }
    }
  };
  const evaluate = (): Tensor => visit(spec.root);
  evaluate(); // creates the linear weights
  return { inputs: [...leaves, ...weights.values()], evaluate };
}

function unary(op: (typeof UNARY)[number], x: Tensor): Tensor {
  switch (op) {
    case 'neg':
      return x.neg();
    case 'tanh':
      return x.tanh();
    case 'sigmoid':
      return x.sigmoid();
    case 'expTanh':
      return x.tanh().exp();
    case 'logSquarePlus1':
      return x.pow(2).add(1).log();
    case 'sqrtSquarePlus1':
      return x.mul(x).add(1).sqrt();
    case 'square':
      return x.pow(2);
    case 'powNeg':
      return x.pow(2).add(1).pow(-1.5);
    case 'affine':
      return x.mul(0.5).sub(0.3);
    case 'logSigmoid':
      return x.sigmoid().log();
  }
}
