import { isAbsolute, resolve } from 'node:path';
import { listDatasets, datasetPath, type BundledDatasetName } from '../node/bundled.ts';
import { CsvError } from '../data/csv.ts';
import { loadCsv } from '../node/csv.ts';
import { classCounts, datasetSize, type Dataset } from '../data/dataset.ts';
import { StandardScaler } from '../data/scaler.ts';
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
  const data = loadCsv(isAbsolute(ref.path) ? ref.path : resolve(cwd, ref.path), { label, source: ref.path });
  if (data.classNames.length < 2)
    throw new CsvError(
      `${ref.path}: the label column "${data.labelName}" has only one class (${data.classNames[0] ?? 'none'}); a classifier needs at least 2`,
      ref.path,
    );
  return { ...data, name: ref.path };
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
  return {
    dataset,
    train: { ...train, features: scaler.transformInPlace(train.features) },
    test: { ...test, features: scaler.transformInPlace(test.features) },
    scaler,
  };
}

export function splitDataset(dataset: Dataset, seed: number): { train: Dataset; test: Dataset } {
  const counts = classCounts(dataset);
  const rare = dataset.classNames.filter((_, k) => (counts[k] ?? 0) < 2);
  if (rare.length > 0) {
    const shown =
      rare
        .slice(0, 5)
        .map((c) => `"${c}"`)
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
