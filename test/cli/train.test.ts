import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';
import type { Selection } from '../../src/cli/training.ts';
import { formatNumber } from '../../src/util/format-number.ts';

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
  history: { epoch: number; loss: number; trainAccuracy: number; valLoss: number; valAccuracy: number }[];
  finalEpochs: number;
  selection: Selection | null;
}

describe('gradlab train', () => {
  it('--json prints one document with the final loss, test accuracy and one history entry per epoch', async () => {
    const r = await runCli(
      [
        'train',
        '--dataset',
        'iris',
        '--epochs',
        '4',
        '--early-stop',
        'off',
        '--optimizer',
        'minibatch',
        '--hidden',
        '8',
        '--json',
        '--save',
        'iris.json',
      ],
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
    for (const h of doc.history) expect(Object.keys(h).sort()).toEqual(['epoch', 'loss', 'trainAccuracy', 'valAccuracy', 'valLoss']);
    expect(doc.selection).toBeNull(); // --early-stop off: no validation rows, every epoch on all train rows
    // 30 test rows: the accuracy is a whole number of rows out of 30
    expect(Number.isInteger(Math.round(doc.testAccuracy * 30 * 1e9) / 1e9)).toBe(true);
    expect(doc.finalTrainLoss).toBeGreaterThan(0);
    expect(doc.finalTrainLoss).toBeLessThan(Math.log(3)); // training moved away from chance (ln 3 for 3 classes)
  });

  it('by default chooses the epochs on validation rows held out of the train rows, then trains all train rows for them', async () => {
    const r = await runCli(['train', '--dataset', 'iris', '--json'], dir);
    const doc = JSON.parse(r.stdout) as TrainDoc;
    const s = doc.selection!;
    expect([s.trainRows, s.valRows]).toEqual([96, 24]);
    const lowest = Math.min(...s.history.map((h) => h.valLoss));
    expect(s.bestValLoss).toBe(lowest);
    expect(s.history[s.bestEpoch - 1]!.valLoss).toBe(lowest);
    expect(s.lastValLoss).toBe(s.history.at(-1)!.valLoss);
    // iris's MLP overfits: the val loss rises after its lowest, training stops --early-stop (50) epochs later
    expect(s.valLossRose).toBe(true);
    expect(s.stoppedEarly).toBe(true);
    expect(s.epochsRun).toBe(s.bestEpoch + 50);
    expect(s.lastValLoss).toBeGreaterThan(1.02 * s.bestValLoss);
    expect(doc.finalEpochs).toBe(s.bestEpoch);
    expect(doc.history).toHaveLength(s.bestEpoch);
    expect(doc.steps).toBe(s.bestEpoch * Math.ceil(120 / 32));
    const text = (await runCli(['train', '--dataset', 'iris'], dir)).stdout;
    expect(text).toMatch(
      new RegExp(`^val loss has risen for \\d+ epochs: lowest ${formatNumber(s.bestValLoss)} at epoch ${s.bestEpoch}`, 'm'),
    );
    expect(text).toContain(
      `lowest val loss ${formatNumber(s.bestValLoss)} at epoch ${s.bestEpoch} (last epoch: ${formatNumber(s.lastValLoss)})`,
    );
    expect(text).toContain(`now all 120 train rows train from the same initial weights for those ${s.bestEpoch} epochs`);
    expect(text).toContain(
      `epochs chosen: ${s.bestEpoch}, where the val loss was lowest (${formatNumber(s.bestValLoss)} on the 24 val rows)`,
    );
    expect(text).toContain(
      `test loss ${formatNumber(doc.testLoss)}, test accuracy ${formatNumber(doc.testAccuracy)} (the 30 test rows, scored once)`,
    );
    expect(text).toContain(
      `final train loss ${formatNumber(doc.finalTrainLoss)}, train accuracy ${formatNumber(doc.trainAccuracy)} (all 120 train rows, after the last step)`,
    );
  });

  it('every optimizer the library documents trains from the command line', async () => {
    for (const optimizer of ['adamw', 'amsgrad', 'adamax', 'nesterov']) {
      const r = await runCli(
        ['train', '--dataset', 'iris', '--model', 'logistic', '--epochs', '30', '--optimizer', optimizer, '--json'],
        dir,
      );
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout) as TrainDoc;
      expect(doc.finalTrainLoss).toBeLessThan(Math.log(3) / 2);
      expect(doc.testAccuracy).toBeGreaterThan(0.8);
    }
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
      training: {
        model: 'mlp',
        hidden: [8],
        optimizer: 'minibatch',
        lr: 0.05,
        batchSize: 32,
        epochs: 4,
        finalEpochs: 4,
        earlyStop: null,
        seed: 0,
      },
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

  it('evaluate tells rows seen in training by content, whatever the file, and scores the unseen ones apart', async () => {
    const lines = readFileSync(new URL('../../datasets/iris.csv', import.meta.url), 'utf8')
      .trim()
      .split(/\r?\n/);
    writeFileSync(join(dir, 'first99.csv'), `${lines.slice(0, 100).join('\n')}\n`);
    type Part = { rows: number; accuracy: number | null; loss: number | null };
    const doc = JSON.parse((await runCli(['evaluate', '--model', 'iris.json', '--dataset', 'first99.csv', '--json'], dir)).stdout) as {
      rows: number;
      accuracy: number;
      seenInTraining: number;
      seen: Part;
      unseen: Part;
    };
    // the saved model trained on the 120 rows of the train split; the first 99 rows of iris hold about 80 % of them
    const trained = JSON.parse(readFileSync(join(dir, 'iris.json'), 'utf8')) as {
      metadata: { trainingRows: { count: number; hashes: string } };
    };
    expect(trained.metadata.trainingRows.count).toBe(120);
    expect(trained.metadata.trainingRows.hashes).toHaveLength(120 * 14);
    expect(doc.rows).toBe(99);
    expect(doc.seenInTraining).toBeGreaterThan(60);
    expect(doc.seenInTraining).toBeLessThan(99);
    expect(doc.seen.rows + doc.unseen.rows).toBe(99);
    expect(doc.seen.rows).toBe(doc.seenInTraining);
    // the whole = the row-weighted mean of the two parts
    expect((doc.seen.accuracy! * doc.seen.rows + doc.unseen.accuracy! * doc.unseen.rows) / 99).toBeCloseTo(doc.accuracy, 12);
    const text = (await runCli(['evaluate', '--model', 'iris.json', '--dataset', 'first99.csv'], dir)).stdout;
    expect(text).toContain(
      `note: ${doc.seenInTraining} of the 99 rows were seen in training (same values and label as a training row, compared by content): on them accuracy ${formatNumber(doc.seen.accuracy!)}`,
    );
    expect(text).toContain(`on the ${doc.unseen.rows} unseen rows: accuracy ${formatNumber(doc.unseen.accuracy!)}`);
    // the test split holds no training row but iris's one duplicate pair, if it straddles the split
    const test = JSON.parse((await runCli(['evaluate', '--model', 'iris.json', '--dataset', 'iris', '--json'], dir)).stdout) as {
      seenInTraining: number;
    };
    expect(test.seenInTraining).toBeLessThanOrEqual(1);
    // the train split: every row seen
    const train = JSON.parse(
      (await runCli(['evaluate', '--model', 'iris.json', '--dataset', 'iris', '--split', 'train', '--json'], dir)).stdout,
    ) as { seenInTraining: number; unseen: Part };
    expect(train.seenInTraining).toBe(120);
    expect(train.unseen).toEqual({ rows: 0, accuracy: null, loss: null });
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
    const r = await runCli(
      ['train', '--dataset', 'iris', '--epochs', '2', '--early-stop', 'off', '--model', 'logistic', '--optimizer', 'gd', '--lr', '0.5'],
      dir,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('iris: 150 rows, 4 features, 3 classes (label "species") → 120 train / 30 test rows');
    expect(r.stdout).toContain('model: logistic regression 4→3 (softmax), 15 parameters; optimizer gd');
    expect(r.stdout).toMatch(/^epoch 1\/2 · train loss \(epoch mean\) \d\.\d{4} · train accuracy \(epoch mean\) /m);
    expect(r.stdout).toContain('all 120 train rows train for 2 epochs, with no rows held out to watch for overfitting (--early-stop off)');
    expect(r.stdout).toContain('optimizer gd (lr 0.5, batch 120): the final run took 2 epochs, 2 steps');
    expect(r.stdout).toMatch(/test accuracy \d\.\d{4} \(the 30 test rows, scored once\)\n/);
    expect(r.stdout).toContain('macro avg');
  });
});
