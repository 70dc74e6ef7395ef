// (f) A strict project with no Node types at all ("types": [], no @types/node, skipLibCheck off):
// the Node entry's .d.ts must name no Node module (node:fs, NodeJS, Buffer), its paths plain strings.
import {
  loadCsv,
  loadDataset,
  saveModel,
  loadModel,
  writeFileAtomic,
  checkOutputPath,
  OutputPathError,
  MAX_CSV_BYTES,
  MLP,
  fit,
  type Dataset,
  type History,
} from 'gradlab';

const iris: Dataset = loadDataset('iris');
const mine: Dataset = loadCsv('data.csv', { label: 'species', source: 'data.csv' });
const model = new MLP([4, 8, 3], { seed: 1 });
const history: History = fit(model, iris, { epochs: 1, quiet: true });
saveModel('model.json', model);
const again = loadModel('model.json');
writeFileAtomic('notes.txt', 'text');
checkOutputPath('out.svg');
const refused: boolean = new OutputPathError('x', 'out.svg') instanceof Error;
const limit: number = MAX_CSV_BYTES;
export { mine, history, again, refused, limit };
