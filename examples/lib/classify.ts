import { type Dataset, StandardScaler, trainTestSplit } from '../../src/data/index.ts';
import { type BundledDatasetName, loadDataset } from '../../src/node/bundled.ts';
import type { Log } from './cli.ts';

export interface PreparedData {
  train: Dataset;
  test: Dataset;
  scaler: StandardScaler;
}

/**
 * The usual first three steps: load a bundled data set, split it (stratified, seeded) and standardise
 * the features with μ and σ learned on the training part only, so nothing leaks from the test part.
 */
export function prepare(name: BundledDatasetName, options: { seed?: number; testSize?: number; log?: Log } = {}): PreparedData {
  const data = loadDataset(name);
  const { train, test } = trainTestSplit(data, { testSize: options.testSize ?? 0.2, seed: options.seed ?? 0, stratify: true });
  const scaler = new StandardScaler().fit(train.features);
  const scaled = {
    train: { ...train, features: scaler.transform(train.features) },
    test: { ...test, features: scaler.transform(test.features) },
  };
  const n = data.features.shape[0]!,
    f = data.features.shape[1]!;
  options.log?.(`${name}: ${n} samples × ${f} features, ${data.classNames.length} classes (${data.classNames.join(', ')})`);
  options.log?.(
    `split (stratified, seed ${options.seed ?? 0}): ${train.features.shape[0]!} train / ${test.features.shape[0]!} test; features standardised with the training mean and std`,
  );
  return { ...scaled, scaler };
}

/**
 * The training part split again (stratified, seeded): most rows to fit the model, `fraction` of them
 * (default 20 %) as validation rows to watch during training — so the test part is touched once, at the end.
 */
export function holdOut(
  train: Dataset,
  options: { seed?: number; fraction?: number; log?: Log } = {},
): { fit: Dataset; validation: Dataset } {
  const parts = trainTestSplit(train, { testSize: options.fraction ?? 0.2, seed: options.seed ?? 0, stratify: true });
  options.log?.(
    `validation: ${parts.test.features.shape[0]!} of the ${train.features.shape[0]!} training rows held out to watch during training (val); the test rows are scored once, at the end`,
  );
  return { fit: parts.train, validation: parts.test };
}
