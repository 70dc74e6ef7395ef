import { Tensor } from '../tensor/index.ts';
import { formatShape } from '../tensor/shape.ts';
import { resolveRng, type Rng } from '../util/random.ts';
import { takeRows, type Dataset } from './dataset.ts';

export type BatchTargets = Int32Array | Float64Array | Tensor;

/** Inputs and targets as arrays whose first axis is the sample axis. */
export interface ArraySource<Y extends BatchTargets = BatchTargets> {
  x: Tensor;
  y: Y;
}

export interface Batch<Y extends BatchTargets = BatchTargets> {
  /** The batch's rows of x: [B, ...]. */
  x: Tensor;
  /** The batch's targets, the same kind as the source's (Int32Array, Float64Array or Tensor rows). */
  y: Y;
  /** Which samples of the source are in this batch, in batch order. */
  indices: Int32Array;
}

export interface BatchOptions {
  /** Samples per batch: N gives full-batch gradient descent, 1 plain SGD, k mini-batches. May exceed N. */
  batchSize: number;
  /** Visit the samples in a new random order each epoch (default false: in order). */
  shuffle?: boolean;
  /** Drop the last batch when it is smaller than batchSize (default false). */
  dropLast?: boolean;
  /** Seed for the shuffling generator, or an `rng` to draw from; with neither, the global generator. */
  seed?: number | string;
  rng?: Rng;
}

/** An epoch of batches each time it is iterated (a fresh permutation per epoch when shuffling). */
export interface BatchLoader<Y extends BatchTargets = BatchTargets> extends Iterable<Batch<Y>> {
  /** Batches per epoch. */
  readonly length: number;
  /** Samples in the source. */
  readonly size: number;
}

/** What `fit`, `evaluate` and `batches` accept: a Dataset (labels, or targets for regression) or an { x, y } pair. */
export type TrainingData = Dataset | ArraySource;

/** Inputs and targets of `data`, checked to have the same number of rows; errors start with `op`. */
export function toArrays(data: TrainingData, op: string): { x: Tensor; y: BatchTargets; classNames?: string[] } {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- validates input from untyped (JavaScript or JSON) callers
  if (typeof data !== 'object' || data === null)
    throw new TypeError(`${op}: expected a Dataset or { x: Tensor [N, F], y }, got ${String(data)}`);
  let x: Tensor, y: BatchTargets | undefined, classNames: string[] | undefined;
  if ('features' in data) {
    x = data.features;
    y = data.task === 'regression' ? data.targets : data.labels;
    classNames = data.task === 'regression' ? undefined : data.classNames;
    if (y === undefined) throw new TypeError(`${op}: the regression dataset has no targets`);
  } else {
    ({ x, y } = data);
  }
  if (!(x instanceof Tensor) || x.ndim < 1) throw new TypeError(`${op}: expected a Dataset or { x: Tensor [N, F], y }`);
  const n = x.shape[0]!;
  const rows = y instanceof Tensor ? y.shape[0] : y.length;
  if (rows !== n)
    throw new RangeError(
      `${op}: x has ${n} rows (shape ${formatShape(x.shape)}) but y ${rows === undefined ? 'is a scalar' : `has ${rows}`}`,
    );
  if (n === 0) throw new RangeError(`${op}: the data has no rows`);
  return { x, y, classNames };
}

/**
 * Splits a classification dataset (x = features, y = labels) or an {x, y} pair into
 * batches. Iterating the loader once is one epoch; with `shuffle`, each epoch draws a new permutation
 * from the loader's one generator (made from `seed`, or `rng`), so successive epochs differ and a
 * seeded loader gives the same sequence of epochs every run.
 */
export function batches(source: Dataset, options: BatchOptions): BatchLoader<Int32Array>;
export function batches<Y extends BatchTargets>(source: ArraySource<Y>, options: BatchOptions): BatchLoader<Y>;
export function batches(source: Dataset | ArraySource, options: BatchOptions): BatchLoader {
  if ('features' in source && source.task === 'regression') {
    throw new TypeError('batches: a regression dataset has no labels; pass { x: dataset.features, y: dataset.targets }');
  }
  const { x, y } = toArrays(source, 'batches');
  const n = x.shape[0]!;
  const { batchSize } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batches: batchSize must be a positive integer, got ${batchSize}`);
  const dropLast = options.dropLast ?? false;
  const shuffle = options.shuffle ?? false;
  // One generator for the loader's whole life, so successive epochs differ but stay reproducible.
  const rng = shuffle ? resolveRng(options) : null;
  const length = dropLast ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
  if (length === 0 && n > 0) {
    throw new RangeError(
      `batches: batchSize ${batchSize} with dropLast leaves no batch of ${n} samples; use batchSize ≤ ${n} or dropLast: false`,
    );
  }
  return {
    length,
    size: n,
    *[Symbol.iterator](): Iterator<Batch> {
      const order = rng ? rng.permutation(n) : identity(n);
      for (let b = 0; b < length; b++) {
        const indices = order.slice(b * batchSize, Math.min(n, (b + 1) * batchSize));
        yield { x: takeRows(x, indices), y: takeTargets(y, indices), indices };
      }
    },
  };
}

function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

function takeTargets(y: BatchTargets, indices: Int32Array): BatchTargets {
  if (y instanceof Tensor) return takeRows(y, indices);
  const out = y instanceof Int32Array ? new Int32Array(indices.length) : new Float64Array(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = y[indices[i]!]!;
  return out;
}
