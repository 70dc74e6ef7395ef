export { type Dataset, datasetSize, takeRows, subset, oneHot, classCounts } from './dataset.ts';
export { CsvError, parseCsv, parseCsvBytes, encodeClasses, type CsvOptions, type ParseCsvOptions } from './csv.ts';
export { datasetFingerprint, type DataFingerprint } from './fingerprint.ts';
export {
  makeMoons,
  makeCircles,
  makeSpirals,
  makeXor,
  type GeneratorOptions,
  type CirclesOptions,
  type SpiralsOptions,
} from './generated.ts';
export { makeSparseClassification, type SparseClassificationOptions, type SparseDataset } from './sparse.ts';
export { trainTestSplit, apportion, type SplitOptions } from './split.ts';
export { StandardScaler, type StandardScalerState } from './scaler.ts';
export { batches, type Batch, type BatchLoader, type BatchOptions, type BatchTargets, type ArraySource } from './batches.ts';
