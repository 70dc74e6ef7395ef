// The browser-safe part of gradlab, named file by file, for the weeks before src/core.ts exists.
// vite.config.ts resolves `gradlab` here only when src/core.ts is missing.
export * from '../../src/tensor/index.ts';
export * from '../../src/optim/index.ts';
export { Module, Linear, Activation, Sequential, MLP, mse, bceWithLogits, crossEntropy, type ActivationName } from '../../src/nn/index.ts';
export { makeMoons, makeCircles, makeSpirals, makeXor } from '../../src/data/generated.ts';
export { parseCsv, CsvError } from '../../src/data/csv.ts';
export { trainTestSplit } from '../../src/data/split.ts';
export { takeRows, subset, datasetSize } from '../../src/data/dataset.ts';
export { StandardScaler } from '../../src/data/scaler.ts';
export type { Dataset } from '../../src/data/dataset.ts';
export * from '../../src/inspect/trace.ts';
export * from '../../src/inspect/format-trace.ts';
export * from '../../src/inspect/surfaces.ts';
export { METHOD_COLORS, methodColor } from '../../src/viz/palette.ts';
export { graphToText, shortValues } from '../../src/viz/graph.ts';
export { contourLines, chooseLevels } from '../../src/viz/contour-lines.ts';
export { Rng, type RngState } from '../../src/util/random.ts';
