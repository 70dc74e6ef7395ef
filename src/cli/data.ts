import { isAbsolute, resolve } from 'node:path';
import { listDatasets, datasetPath, type BundledDatasetName } from '../node/bundled.ts';
import { CsvError } from '../data/csv.ts';
import { loadCsv } from '../node/csv.ts';
import { classCounts, datasetSize, type Dataset } from '../data/dataset.ts';
import { StandardScaler } from '../data/scaler.ts';
import { printable, showCell } from '../data/csv-cells.ts';
import { Tensor } from '../tensor/tensor.ts';
import { trainTestSplit } from '../data/split.ts';
import { didYouMean, UsageError, type ValueParser } from './args.ts';

/** What --dataset named: a bundled set or a CSV file (resolved against the working folder later). */
export type DatasetRef = { kind: 'bundled'; name: BundledDatasetName } | { kind: 'file'; path: string };

export const BUNDLED_NAMES = listDatasets().map((d) => d.name);

/** --dataset: a bundled name, or anything that looks like a path (has a slash or ends in .csv). */
export const datasetRef: ValueParser<DatasetRef> = (raw, flag) => {
  if ((BUNDLED_NAMES as string[]).includes(raw)) return { kind: 'bundled', name: raw as BundledDatasetName };
  if (/[\\/]/.test(raw) || /\.(csv|txt)$/i.test(raw)) return { kind: 'file', path: raw };
  const guess = didYouMean(raw, BUNDLED_NAMES);
  throw new UsageError(
    `${flag}: "${raw}" is neither a bundled dataset (${BUNDLED_NAMES.join(', ')}) nor a path to a .csv file${guess ? ` (did you mean ${guess}?)` : ''}`,
  );
};

/** How a dataset is recorded in a saved model, so `evaluate` can tell whether it is the training set. */
export function describeRef(ref: DatasetRef, cwd: string): { kind: 'bundled' | 'file'; name: string } {
  return ref.kind === 'bundled' ? { kind: 'bundled', name: ref.name } : { kind: 'file', name: resolve(cwd, ref.path) };
}

/** Loads a bundled set or CSV file; errors name the file as the user typed it, with line and column. */
export function loadData(ref: DatasetRef, cwd: string, label?: string): Dataset {
  if (ref.kind === 'bundled') return { ...loadCsv(datasetPath(ref.name), { label, source: ref.name }), name: ref.name };
  return { ...loadCsv(isAbsolute(ref.path) ? ref.path : resolve(cwd, ref.path), { label, source: ref.path }), name: ref.path };
}

/** Training needs two classes at least (rows of one known class are fine to evaluate or predict). */
export function checkTrainingClasses(data: Dataset): void {
  if (data.classNames.length < 2)
    throw new CsvError(
      `${data.name!}: the label column "${data.labelName}" has only one class (${data.classNames[0] === undefined ? 'none' : printable(data.classNames[0])}); a classifier needs at least 2 to train`,
      data.name!,
    );
}

/** The fixed evaluation protocol: a stratified split with the seed, so `evaluate` can recreate it. */
export const TEST_FRACTION = 0.2;

/** Share of the training rows held out as validation rows (to keep the best epoch, stop early, tune the lr); never the test rows. */
export const VALIDATION_FRACTION = 0.2;

export interface PreparedData {
  dataset: Dataset;
  /** Standardised with the scaler fitted on the training rows only. */
  train: Dataset;
  test: Dataset;
  scaler: StandardScaler;
}

/** Stratified 80/20 split with `seed`, then standardisation fitted on the training part. */
export function splitAndScale(dataset: Dataset, seed: number): PreparedData {
  const { train, test } = splitDataset(dataset, seed);
  const scaler = new StandardScaler().fit(train.features);
  // The split made fresh copies of the rows, so they are scaled in place: one copy of the data fewer at the peak.
  const prepared = {
    dataset,
    train: { ...train, features: scaler.transformInPlace(train.features) },
    test: { ...test, features: scaler.transformInPlace(test.features) },
    scaler,
  };
  for (const part of [prepared.train, prepared.test]) {
    const bad = part.features.data.findIndex((z) => !Number.isFinite(z));
    if (bad >= 0) throw overflowError(dataset, scaler, bad % dataset.featureNames.length);
  }
  return prepared;
}

/** A standardised value that overflows float64 (a test row far outside the training rows' spread): which file, row and column. */
function overflowError(dataset: Dataset, scaler: StandardScaler, j: number): Error {
  const f = dataset.featureNames.length;
  const x = dataset.features.data;
  let i = 0;
  while (i < datasetSize(dataset) && Number.isFinite(scaler.transform(new Tensor(x.slice(i * f, (i + 1) * f), [1, f])).data[j])) i++;
  return new Error(
    `${dataset.name!}, data row ${i + 1}, column ${j + 1} (${printable(dataset.featureNames[j]!)}): the value ${x[i * f + j]!} is too far from the training rows' mean (${scaler.mean![j]!}, standard deviation ${scaler.scale![j]!}) to standardise in float64; check that column's values`,
  );
}

export function splitDataset(dataset: Dataset, seed: number): { train: Dataset; test: Dataset } {
  const counts = classCounts(dataset);
  const rare = dataset.classNames.filter((_, k) => (counts[k] ?? 0) < 2);
  if (rare.length > 0) {
    const shown =
      rare
        .slice(0, 5)
        .map((c) => showCell(c))
        .join(', ') + (rare.length > 5 ? `, … (${rare.length} in all)` : '');
    throw new Error(
      `${dataset.name!}: cannot make a stratified train/test split: class ${shown} of column "${dataset.labelName}" has only one row (each class needs at least 2; is --label the class column?)`,
    );
  }
  try {
    return trainTestSplit(dataset, { testSize: TEST_FRACTION, seed, stratify: true });
  } catch (error) {
    throw new Error(`${dataset.name!} (${datasetSize(dataset)} rows, ${dataset.classNames.length} classes): ${(error as Error).message}`, {
      cause: error,
    });
  }
}
