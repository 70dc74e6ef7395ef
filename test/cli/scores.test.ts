import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetPath } from '../../src/node/bundled.ts';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'gradlab-scores-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const iris = readFileSync(datasetPath('iris'), 'utf8').trim().split(/\r?\n/);
const header = iris[0]!;
interface Metadata {
  classNames: string[];
  featureNames: string[];
  scaler: { mean: number[]; scale: number[] };
}
const metadataOf = (name: string): Metadata => (JSON.parse(readFileSync(join(dir, name), 'utf8')) as { metadata: Metadata }).metadata;

/** The iris model's file with its metadata changed by `edit`, saved as `name`. */
function edited(name: string, edit: (metadata: Metadata) => unknown): string {
  const file = JSON.parse(readFileSync(join(dir, 'iris.json'), 'utf8')) as { metadata: Metadata };
  edit(file.metadata);
  writeFileSync(join(dir, name), JSON.stringify(file));
  return name;
}

beforeAll(async () => {
  expect((await runCli(['train', '--dataset', 'iris', '--hidden', '8', '--epochs', '3', '--save', 'iris.json', '--json'], dir)).code).toBe(
    0,
  );
  // The default 64,32 network, whose scores overflow on a feature of 1e308 (the 8-unit one's stay finite).
  expect((await runCli(['train', '--dataset', 'iris', '--epochs', '3', '--save', 'deep.json', '--json'], dir)).code).toBe(0);
  writeFileSync(join(dir, 'setosa.csv'), [header, ...iris.filter((l) => l.endsWith(',setosa'))].join('\n') + '\n');
});

describe("predict, evaluate and export check a model file's names against the model", () => {
  it('a shortened class list and a repeated class name are refused by all three (predict used to print the wrong classes)', async () => {
    const cases: [string, string][] = [
      [
        edited('short.json', (m) => m.classNames.pop()),
        "short.json: the model's metadata lists 2 classNames but the model has 3 classes; the file is inconsistent",
      ],
      [
        edited('dup.json', (m) => (m.classNames[1] = 'setosa')),
        'dup.json: the model\'s metadata names class "setosa" twice (positions 1 and 2); each needs its own name',
      ],
      [
        edited('dupf.json', (m) => (m.featureNames[3] = m.featureNames[0]!)),
        'dupf.json: the model\'s metadata names feature "sepal_length_cm" twice (positions 1 and 4); each needs its own name',
      ],
    ];
    for (const [model, message] of cases) {
      for (const args of [
        ['predict', '--data', 'setosa.csv'],
        ['evaluate', '--dataset', 'iris'],
        ['export', '--onnx', 'x.onnx'],
      ]) {
        const r = await runCli([args[0]!, '--model', model, ...args.slice(1)], dir);
        expect([r.code, r.stdout, r.stderr]).toEqual([1, '', `gradlab ${args[0]!}: ${message}\n`]);
      }
    }
  });
});

describe('rows the model cannot score are refused, naming them, not reported as the first class', () => {
  it('a 1e308 feature (the scores overflow) and a scale of 1e-320 (the scaled feature is infinite)', async () => {
    const rows = [header, '5.1,3.5,1.4,0.2,setosa', '1e308,3.5,1.4,0.2,setosa', '6.3,3.3,6,2.5,virginica'];
    writeFileSync(join(dir, 'huge.csv'), rows.join('\n') + '\n');
    const predict = await runCli(['predict', '--model', 'deep.json', '--data', 'huge.csv', '--json'], dir);
    expect(predict.code).toBe(1);
    expect(predict.stdout).toBe('');
    expect(predict.stderr).toMatch(
      /^gradlab predict: the model cannot score 1 row \(the probabilities would be NaN and the predicted class meaningless\):\n {2}huge\.csv line 3: the model's scores come out (NaN|-?Infinity); feature "sepal_length_cm" = 1e\+308 is [0-9.]+e\+308 standard deviations from its training mean\n$/,
    );
    const evaluate = await runCli(['evaluate', '--model', 'deep.json', '--dataset', 'huge.csv'], dir);
    expect(evaluate.code).toBe(1);
    expect(evaluate.stderr).toContain("\n  huge.csv data row 2: the model's scores come out");

    const tiny = edited('tiny.json', (m) => (m.scaler.scale[1] = 1e-320));
    const mean = metadataOf('tiny.json').scaler.mean[1]!;
    const r = await runCli(['predict', '--model', tiny, '--data', 'setosa.csv'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').slice(0, 3)).toEqual([
      'gradlab predict: the model cannot score 50 rows (the probabilities would be NaN and the predicted class meaningless):',
      `  setosa.csv line 2: feature "sepal_width_cm" = 3.5 becomes Infinity after the model's scaler (mean ${mean}, scale 1e-320)`,
      `  setosa.csv line 3: feature "sepal_width_cm" = 3 becomes -Infinity after the model's scaler (mean ${mean}, scale 1e-320)`,
    ]);
    expect(r.stderr).toContain('\n  … 47 more\n');
  });
});

describe('evaluate takes rows of one known class', () => {
  it('scores them (training still needs two classes)', async () => {
    const r = await runCli(['evaluate', '--model', 'iris.json', '--dataset', 'setosa.csv', '--json'], dir);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { split: string; rows: number; confusion: number[][] };
    expect([doc.split, doc.rows]).toEqual(['all', 50]);
    expect(doc.confusion.map((row) => row.reduce((a, b) => a + b, 0))).toEqual([50, 0, 0]);
    const train = await runCli(['train', '--dataset', 'setosa.csv'], dir);
    expect([train.code, train.stderr]).toEqual([
      1,
      'gradlab train: setosa.csv: the label column "species" has only one class (setosa); a classifier needs at least 2 to train\n',
    ]);
  });
});
