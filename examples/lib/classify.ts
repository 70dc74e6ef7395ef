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
