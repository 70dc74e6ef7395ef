import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCsv } from '../../src/node/csv.ts';
import { datasetPath } from '../../src/node/bundled.ts';
import { StandardScaler } from '../../src/data/scaler.ts';
import { MLP } from '../../src/nn/mlp.ts';
import { loadModel, saveModel } from '../../src/node/model-files.ts';
import { decodeModel } from '../../src/onnx/encode.ts';
import { predictProba } from '../../src/train/evaluate.ts';
import { rowRelativeError, runOnnx } from '../onnx/ort.ts';
import { runCli } from './run-cli.ts';

interface Prediction {
  line: number;
  predicted: string;
  probabilities: Record<string, number>;
  label?: string;
}

describe('gradlab export and gradlab predict', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gradlab-export-'));
  const iris = readFileSync(datasetPath('iris'), 'utf8').trim().split(/\r?\n/);
  // The iris rows with the label dropped and the feature columns reversed: predict matches by name.
  const unlabeled = iris.map((l) => l.split(',').slice(0, 4).reverse().join(',')).join('\n');

  beforeAll(async () => {
    expect(
      (await runCli(['train', '--dataset', 'iris', '--hidden', '8', '--epochs', '3', '--save', 'iris.json', '--json'], dir)).code,
    ).toBe(0);
    expect(
      (await runCli(['train', '--dataset', 'breast-cancer', '--model', 'logistic', '--epochs', '2', '--save', 'bc.json', '--json'], dir))
        .code,
    ).toBe(0);
    writeFileSync(join(dir, 'rows.csv'), `${unlabeled}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('predict --json gives gradlab predictProba for rows without a label, columns in any order', async () => {
    const r = await runCli(['predict', '--model', 'iris.json', '--data', 'rows.csv', '--json'], dir);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { rows: number; classNames: string[]; labelColumn: string | null; predictions: Prediction[] };
    expect(doc.rows).toBe(150);
    expect(doc.labelColumn).toBeNull();
    expect(doc.predictions[0]!.line).toBe(2);
    const { model, metadata } = loadModel(join(dir, 'iris.json'));
    const data = loadCsv(datasetPath('iris'));
    const expected = predictProba(
      model,
      StandardScaler.fromJSON(metadata.scaler as { mean: number[]; scale: number[] }).transform(data.features),
    );
    doc.predictions.forEach((p, i) => {
      const probs = doc.classNames.map((c) => p.probabilities[c]!);
      expect(probs).toEqual(Array.from(expected.data.subarray(3 * i, 3 * i + 3)));
      expect(p.predicted).toBe(doc.classNames[probs.indexOf(Math.max(...probs))]);
      expect(p.label).toBeUndefined();
    });
  });

  it('predict shows the label column beside the prediction when present; --csv and the table', async () => {
    writeFileSync(join(dir, 'labelled.csv'), `${iris.slice(0, 3).join('\n')}\n`);
    const csv = await runCli(['predict', '--model', 'iris.json', '--data', 'labelled.csv', '--csv'], dir);
    const rows = csv.stdout.trim().split('\n');
    expect(rows[0]).toBe('predicted,probability_setosa,probability_versicolor,probability_virginica,species');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatch(/^\w+,[\d.e-]+,[\d.e-]+,[\d.e-]+,setosa$/);
    const table = await runCli(['predict', '--model', 'iris.json', '--data', 'labelled.csv'], dir);
    expect(table.stdout).toContain('iris.json: MLP 4→8→3 (relu); 2 rows of labelled.csv');
    expect(table.stdout).toMatch(/^line {2}predicted +p\(setosa\) +p\(versicolor\) +p\(virginica\) +species$/m);
    expect(table.stdout).toMatch(/^ {3}2 {2}\w+ +0\.\d{4} +0\.\d{4} +0\.\d{4} +setosa$/m);
  });

  it('export writes a float64 file that ONNX Runtime runs on raw rows to within 1e-12 of predict', async () => {
    const r = await runCli(['export', '--model', 'iris.json', '--onnx', 'iris.onnx'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote iris\.onnx: MLP 4→8→3 \(relu\), \d+ bytes, float64\n/);
    expect(r.stdout).toContain('(raw values; the standardisation is inside the model)');
    const bytes = readFileSync(join(dir, 'iris.onnx'));
    const meta = Object.fromEntries((decodeModel(bytes).metadata_props as { key: string; value: string }[]).map((p) => [p.key, p.value]));
    expect(JSON.parse(meta.class_names!)).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(meta.label_column).toBe('species');
    expect(meta.trained_on).toBe('iris');
    const data = loadCsv(datasetPath('iris'));
    const ort = await runOnnx(bytes, data.features);
    const doc = JSON.parse((await runCli(['predict', '--model', 'iris.json', '--data', 'rows.csv', '--json'], dir)).stdout) as {
      classNames: string[];
      predictions: Prediction[];
    };
    const ours = doc.predictions.flatMap((p) => doc.classNames.map((c) => p.probabilities[c]!));
    expect(rowRelativeError(ort.probabilities, ours, 3)).toBeLessThanOrEqual(1e-12);
  });

  it('export --float32 of a binary logistic model: two probability columns, within 1e-5 of predict', async () => {
    const r = await runCli(['export', '--model', 'bc.json', '--onnx', 'bc.onnx', '--float32', '--json'], dir);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { elementType: string; bytes: number; outputs: { logits: unknown[]; probabilities: unknown[] } };
    expect(doc).toMatchObject({ elementType: 'float32', outputs: { logits: ['batch', 1], probabilities: ['batch', 2] } });
    const data = loadCsv(datasetPath('breast-cancer'));
    const ort = await runOnnx(readFileSync(join(dir, 'bc.onnx')), data.features, 'float32');
    const { model, metadata } = loadModel(join(dir, 'bc.json'));
    const expected = predictProba(
      model,
      StandardScaler.fromJSON(metadata.scaler as { mean: number[]; scale: number[] }).transform(data.features),
    );
    expect(rowRelativeError(ort.probabilities, expected.data, 2)).toBeLessThanOrEqual(1e-5);
  });

  it('predict names the file, line and column of a missing, extra, repeated or non-numeric column (exit 1)', async () => {
    const cases: [string, string][] = [
      [
        'petal_width_cm,sepal_width_cm,sepal_length_cm\n1,2,3\n',
        'gradlab predict: bad.csv line 1: missing feature column petal_length_cm (iris.json takes sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm)',
      ],
      [
        'sepal_length_cm,colour,sepal_width_cm,petal_length_cm,petal_width_cm\n5,red,3,1,0.2\n',
        'gradlab predict: bad.csv line 1, column 2 (colour): not a feature of the model; iris.json takes 4 features (sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm) and the label column "species"',
      ],
      [
        'sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,sepal_width_cm\n5,3,1,0.2,3\n',
        'gradlab predict: bad.csv line 1, column 5 (sepal_width_cm): the column name "sepal_width_cm" appears twice (also column 2)',
      ],
      [
        'sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm\n5,3,1,0.2\n5,3,n/a,0.2\n',
        'gradlab predict: bad.csv line 3, column 3 (petal_length_cm): "n/a" is not a number',
      ],
    ];
    for (const [text, message] of cases) {
      writeFileSync(join(dir, 'bad.csv'), text);
      const r = await runCli(['predict', '--model', 'iris.json', '--data', 'bad.csv'], dir);
      expect([r.code, r.stdout, r.stderr]).toEqual([1, '', `${message}\n`]);
    }
  });

  it('predict reads only regular UTF-8 files: a Latin-1 file names its line, a device or a folder is refused (exit 1)', async () => {
    // "café" in Latin-1: the é is the single byte 0xe9, on line 3, after 70 + 17 + 13 bytes.
    const latin1 = Buffer.concat([
      Buffer.from('sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,species\n5,3,1,0.2,setosa\n5,3,1,0.2,caf'),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]);
    writeFileSync(join(dir, 'latin1.csv'), latin1);
    const cases: [string, string][] = [
      ['latin1.csv', 'latin1.csv line 3: the file is not valid UTF-8 (byte 0xe9 at offset 100); save it as UTF-8'],
      ['/dev/zero', '/dev/zero: is a character device, not a regular file; gradlab reads data only from regular files'],
      ['.', '.: is a directory, not a file'],
    ];
    for (const [data, message] of cases) {
      const r = await runCli(['predict', '--model', 'iris.json', '--data', data], dir);
      expect([r.code, r.stdout, r.stderr]).toEqual([1, '', `gradlab predict: ${message}\n`]);
    }
  });

  it('export refuses to replace an ONNX file it did not write; --force replaces it', async () => {
    writeFileSync(join(dir, 'other.onnx'), 'not ours');
    const refused = await runCli(['export', '--model', 'iris.json', '--onnx', 'other.onnx'], dir);
    expect([refused.code, refused.stderr.split('\n')[0]]).toEqual([
      1,
      'gradlab export: --onnx other.onnx: exists and is not a file gradlab wrote (a model, checkpoint or picture); choose another path, or pass --force to replace it (nothing was written)',
    ]);
    expect(readFileSync(join(dir, 'other.onnx'), 'utf8')).toBe('not ours');
    expect((await runCli(['export', '--model', 'iris.json', '--onnx', 'other.onnx', '--force'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'other.onnx')).subarray(4, 11).toString()).toBe('gradlab'); // producer_name
  });

  it('usage errors exit 2: both output formats, an output that is not .onnx, a misspelt flag', async () => {
    const both = await runCli(['predict', '--model', 'iris.json', '--data', 'rows.csv', '--json', '--csv'], dir);
    expect([both.code, both.stderr.split('\n')[0]]).toEqual([
      2,
      'gradlab predict: --json and --csv both choose the output format; give one of them',
    ]);
    const ext = await runCli(['export', '--model', 'iris.json', '--onnx', 'iris.json'], dir);
    expect([ext.code, ext.stderr.split('\n')[0]]).toEqual([
      2,
      'gradlab export: --onnx: expected a file name ending in .onnx, got "iris.json"',
    ]);
    const typo = await runCli(['export', '--model', 'iris.json', '--onnx', 'x.onnx', '--float'], dir);
    expect([typo.code, typo.stderr.split('\n')[0]]).toEqual([
      2,
      'gradlab export: unknown flag --float (did you mean --float32?); see --help for the options',
    ]);
  });

  it('refuses a model saved without the names that tie its inputs to columns', async () => {
    saveModel(join(dir, 'bare.json'), new MLP([4, 3], { seed: 0 }));
    for (const command of ['export', 'predict']) {
      const args = command === 'export' ? ['--onnx', 'bare.onnx'] : ['--data', 'rows.csv'];
      const r = await runCli([command, '--model', 'bare.json', ...args], dir);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^gradlab ${command}: bare\\.json: the model's metadata has no featureNames and classNames`));
    }
  });
});
