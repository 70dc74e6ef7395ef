import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'gradlab-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface TrainDoc {
  command: string;
  finalTrainLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
  testLoss: number;
  steps: number;
  batchSize: number;
  lr: number;
  dataset: { rows: number; trainRows: number; testRows: number; classNames: string[] };
  history: { epoch: number; loss: number; trainAccuracy: number; testLoss: number; testAccuracy: number }[];
}

describe('gradlab train', () => {
  it('--json prints one document with the final loss, test accuracy and one history entry per epoch', async () => {
    const r = await runCli(
      ['train', '--dataset', 'iris', '--epochs', '4', '--optimizer', 'minibatch', '--hidden', '8', '--json', '--save', 'iris.json'],
      dir,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as TrainDoc;
    expect(doc.command).toBe('train');
    expect(doc.dataset).toMatchObject({ rows: 150, trainRows: 120, testRows: 30, classNames: ['setosa', 'versicolor', 'virginica'] });
    expect(doc.lr).toBe(0.05); // the minibatch method's default
    expect(doc.batchSize).toBe(32);
    expect(doc.steps).toBe(4 * Math.ceil(120 / 32));
    expect(doc.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4]);
    for (const h of doc.history) expect(Object.keys(h).sort()).toEqual(['epoch', 'loss', 'testAccuracy', 'testLoss', 'trainAccuracy']);
    // 30 test rows: the accuracy is a whole number of rows out of 30, and equals the last epoch's test score.
    expect(Number.isInteger(Math.round(doc.testAccuracy * 30 * 1e9) / 1e9)).toBe(true);
    expect(doc.testAccuracy).toBe(doc.history[3]!.testAccuracy);
    expect(doc.finalTrainLoss).toBeGreaterThan(0);
    expect(doc.finalTrainLoss).toBeLessThan(Math.log(3)); // training moved away from chance (ln 3 for 3 classes)
  });

  it('is deterministic: the same seed gives bit-identical documents apart from timings', async () => {
    const args = ['train', '--dataset', 'iris', '--epochs', '2', '--model', 'logistic', '--optimizer', 'gd', '--json'];
    const strip = (s: string) => JSON.stringify({ ...(JSON.parse(s) as object), timeMs: 0 });
    expect(strip((await runCli(args, dir)).stdout)).toBe(strip((await runCli(args, dir)).stdout));
  });

  it('evaluate --model on the saved file recreates the test split and gives the same test accuracy', async () => {
    const trained = JSON.parse(readFileSync(join(dir, 'iris.json'), 'utf8')) as { metadata: Record<string, unknown> };
    expect(trained.metadata).toMatchObject({
      classNames: ['setosa', 'versicolor', 'virginica'],
      featureNames: ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm'],
      labelColumn: 'species',
      split: { testFraction: 0.2, stratified: true, seed: 0 },
      training: { model: 'mlp', hidden: [8], optimizer: 'minibatch', lr: 0.05, batchSize: 32, epochs: 4, seed: 0 },
    });
    const saved = (trained.metadata.results as { testAccuracy: number }).testAccuracy;
    const r = await runCli(['evaluate', '--model', 'iris.json', '--dataset', 'iris', '--json'], dir);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      split: string;
      rows: number;
      accuracy: number;
      confusion: number[][];
      perClass: { class: string; support: number }[];
    };
    expect(doc.split).toBe('test');
    expect(doc.rows).toBe(30);
    expect(doc.accuracy).toBe(saved);
    expect(doc.perClass.map((c) => [c.class, c.support])).toEqual([
      ['setosa', 10],
      ['versicolor', 10],
      ['virginica', 10],
    ]);
    expect(doc.confusion.flat().reduce((a, b) => a + b, 0)).toBe(30);
    const all = JSON.parse(
      (await runCli(['evaluate', '--model', 'iris.json', '--dataset', 'iris', '--split', 'all', '--json'], dir)).stdout,
    ) as { rows: number };
    expect(all.rows).toBe(150);
  });

  it('evaluate prints the report and applies the model to a CSV with reordered columns', async () => {
    const lines = readFileSync(new URL('../../datasets/iris.csv', import.meta.url), 'utf8')
      .trim()
      .split(/\r?\n/);
    const swapped = lines.map((l) => {
      const c = l.split(',');
      return [c[4], c[1], c[0], c[3], c[2]].join(',');
    });
    writeFileSync(join(dir, 'swapped.csv'), `${swapped.join('\n')}\n`);
    const a = JSON.parse(
      (await runCli(['evaluate', '--model', 'iris.json', '--dataset', 'iris', '--split', 'all', '--json'], dir)).stdout,
    ) as { accuracy: number };
    const b = await runCli(['evaluate', '--model', 'iris.json', '--dataset', 'swapped.csv'], dir);
    expect(b.code).toBe(0);
    expect(b.stdout).toContain('evaluated on swapped.csv, all 150 rows');
    expect(b.stdout).toContain(`accuracy ${a.accuracy.toFixed(4)}`);
    expect(b.stdout).toMatch(
      /confusion matrix \(rows: true class, columns: predicted class\)\ntrue \\ predicted +setosa +versicolor +virginica/,
    );
  });

  it('evaluate refuses a dataset whose features do not match the model (exit 1)', async () => {
    const r = await runCli(['evaluate', '--model', 'iris.json', '--dataset', 'wine', '--label', 'cultivar'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^gradlab evaluate: wine: its features do not match the model's \(iris\.json expects 4: sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm; the dataset has 13\): missing sepal_length_cm/,
    );
  });

  it('prints progress and the report without --json', async () => {
    const r = await runCli(['train', '--dataset', 'iris', '--epochs', '2', '--model', 'logistic', '--optimizer', 'gd', '--lr', '0.5'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('iris: 150 rows, 4 features, 3 classes (label "species") → 120 train / 30 test rows');
    expect(r.stdout).toContain('model: logistic regression 4→3 (softmax), 15 parameters; optimizer gd');
    expect(r.stdout).toMatch(/^epoch 1\/2 · loss /m);
    expect(r.stdout).toContain('optimizer gd (lr 0.5, batch 120): 2 steps');
    expect(r.stdout).toMatch(/test accuracy \d\.\d{4}\n/);
    expect(r.stdout).toContain('macro avg');
  });
});
