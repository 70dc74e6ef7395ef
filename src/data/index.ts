export { type Dataset, datasetSize, takeRows, subset, oneHot, classCounts } from './dataset.ts';
export { CsvError, loadCsv, parseCsv, encodeClasses, type CsvOptions, type ParseCsvOptions } from './csv.ts';
export { loadDataset, listDatasets, datasetPath, type BundledDatasetName, type DatasetInfo } from './bundled.ts';
export { makeMoons, makeCircles, makeSpirals, makeXor, type GeneratorOptions, type CirclesOptions, type SpiralsOptions } from './generated.ts';
export { makeSparseClassification, type SparseClassificationOptions, type SparseDataset } from './sparse.ts';
export { trainTestSplit, apportion, type SplitOptions } from './split.ts';
export { StandardScaler, type StandardScalerState } from './scaler.ts';
export { batches, type Batch, type BatchLoader, type BatchOptions, type BatchTargets, type ArraySource } from './batches.ts';
export { loadIdx, parseIdx, loadMnistTest, defaultMnistDir, IdxError, type IdxArray, type IdxOptions } from './idx.ts';
