// Node adapters: files, the terminal, bundled datasets, PNG pictures and the WebAssembly kernels with
// their helper thread. Importing this module registers them with the core (once, idempotently).
import { setPlatform } from '../platform.ts';
import { fileCheckpointStore } from './checkpoint-store.ts';
import { loadNodeKernels } from './kernels.ts';

setPlatform({
  log: process.stdout,
  checkpoints: fileCheckpointStore(),
});
loadNodeKernels();

export { writeFileAtomic } from './atomic-write.ts';
export { fileCheckpointStore } from './checkpoint-store.ts';
export { loadCsv, MAX_CSV_BYTES } from './csv.ts';
export { checkOutputPath, writeOutputFile, type OutputOptions } from './safe-write.ts';
export { OutputPathError } from './atomic-write.ts';
export { saveModel, loadModel, loadWeights, readModelFile } from './model-files.ts';
export { loadDataset, listDatasets, datasetPath, type BundledDatasetName, type DatasetInfo } from './bundled.ts';
export { loadIdx, parseIdx, loadMnistTest, defaultMnistDir, IdxError, type IdxArray, type IdxOptions } from './idx.ts';
export { writeFigure, svgToPng, type PngOptions } from './files.ts';
// ONNX export is pure, but protobufjs would double the browser bundle (about 80 KB gzip instead of 48): Node entry only.
export * from '../onnx/index.ts';
export { saveOnnx } from './onnx.ts';
export { renderVegaLite, lossCurveSvg, contourSvg, surfaceContourSvg } from './svg.ts';
