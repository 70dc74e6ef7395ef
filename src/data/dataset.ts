import { Tensor } from '../tensor/index.ts';

/**
 * A table of samples: `features` is [N, F] (one row per sample). Classification sets carry integer
 * `labels` in 0..C-1 whose names are `classNames`; regression sets carry real `targets` instead
 * (their `labels` is empty and `classNames` is []).
 */
export interface Dataset {
  features: Tensor;
  labels: Int32Array;
  targets?: Float64Array;
  featureNames: string[];
  classNames: string[];
  labelName: string;
  task: 'classification' | 'regression';
  /** Where the data came from (a bundled set's name, a file path, a generator). */
  name?: string;
}

/** Number of samples (rows) in a dataset. */
export function datasetSize(dataset: Dataset): number {
  return dataset.features.shape[0] ?? 0;
}

/**
 * Copies the rows `indices` of a tensor whose first dimension is the sample axis (any rank ≥ 1)
 * into a new tensor of shape [indices.length, ...rest]. One contiguous copy per row.
 */
export function takeRows(x: Tensor, indices: ArrayLike<number>): Tensor {
  const n = x.shape[0];
  if (n === undefined) throw new RangeError('takeRows: expected a tensor with a sample axis, got a scalar');
  const rowSize = n === 0 ? 0 : x.size / n;
  const out = new Float64Array(indices.length * rowSize);
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i]!;
    if (!(r >= 0 && r < n)) throw new RangeError(`takeRows: row index ${r} is out of range for ${n} rows`);
    out.set(x.data.subarray(r * rowSize, (r + 1) * rowSize), i * rowSize);
  }
  return new Tensor(out, [indices.length, ...x.shape.slice(1)]);
}

/** The samples `indices` of a dataset, in that order, as a new dataset (names and metadata shared). */
export function subset(dataset: Dataset, indices: ArrayLike<number>): Dataset {
  const out: Dataset = {
    ...dataset,
    features: takeRows(dataset.features, indices),
    labels: dataset.task === 'classification' ? gather(dataset.labels, indices, Int32Array) : new Int32Array(0),
  };
  if (dataset.targets) out.targets = gather(dataset.targets, indices, Float64Array);
  return out;
}

function gather<T extends Int32Array | Float64Array>(values: T, indices: ArrayLike<number>, Ctor: new (n: number) => T): T {
  const out = new Ctor(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = values[indices[i]!]!;
  return out;
}

/**
 * One-hot encoding: row i of the [N, C] result is 1 in column labels[i] and 0 elsewhere.
 * `numClasses` defaults to max(label) + 1, as in torch.nn.functional.one_hot.
 */
export function oneHot(labels: ArrayLike<number>, numClasses?: number): Tensor {
  let classes = numClasses;
  if (classes === undefined) {
    classes = 0;
    for (let i = 0; i < labels.length; i++) classes = Math.max(classes, labels[i]! + 1);
  } else if (!Number.isInteger(classes) || classes < 1) {
    throw new RangeError(`oneHot: numClasses must be a positive integer, got ${classes}`);
  }
  const out = new Float64Array(labels.length * classes);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new RangeError(
        `oneHot: label ${label} at index ${i} is out of range for ${classes} classes (expected an integer in 0..${classes - 1})`,
      );
    }
    out[i * classes + label] = 1;
  }
  return new Tensor(out, [labels.length, classes]);
}

/** Counts of each class 0..C-1 (C = classNames.length). */
export function classCounts(dataset: Dataset): number[] {
  const counts = new Array<number>(dataset.classNames.length).fill(0);
  for (const label of dataset.labels) counts[label] = (counts[label] ?? 0) + 1;
  return counts;
}
