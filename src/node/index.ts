// Node adapters: files, the terminal, bundled datasets, PNG pictures and the WebAssembly kernels with
// their helper thread. Importing this module registers them with the core (once, idempotently).
import { setPlatform } from '../platform.ts';
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from './atomic-write.ts';
import { loadNodeKernels } from './kernels.ts';

setPlatform({
  log: process.stdout,
  checkpoints: {
    read: (path) => readFileSync(path, 'utf8'),
    write: (path, text) => writeFileAtomic(path, text),
  },
});
loadNodeKernels();

export { writeFileAtomic } from './atomic-write.ts';
export { loadCsv } from './csv.ts';
export { saveModel, loadModel, loadWeights, readModelFile } from './model-files.ts';
export { loadDataset, listDatasets, datasetPath, type BundledDatasetName, type DatasetInfo } from './bundled.ts';
export { loadIdx, parseIdx, loadMnistTest, defaultMnistDir, IdxError, type IdxArray, type IdxOptions } from './idx.ts';
export { writeFigure, svgToPng, type PngOptions } from './files.ts';
export { renderVegaLite, lossCurveSvg, contourSvg, surfaceContourSvg } from '../viz/svg.ts';
