import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'gradlab-cli-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the command and returns the first stderr line; asserts exit status and empty stdout. */
async function fails(code: number, args: string[]): Promise<string> {
  const r = await runCli(args, dir);
  expect(r.stdout).toBe('');
  expect(r.code).toBe(code);
  expect(r.stderr).not.toContain('    at '); // no stack trace
  return r.stderr.split('\n')[0]!;
}

describe('usage errors exit 2 and say what is allowed', () => {
  it('unknown flags get a suggestion and a pointer to --help', async () => {
    const r = await runCli(['train', '--dataset', 'iris', '--lrr', '0.1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "gradlab train: unknown flag --lrr (did you mean --lr?); see --help for the options\nRun 'gradlab train --help' for usage.\n",
    );
    expect(await fails(2, ['compare', '--dataset', 'iris', '--optimiser', 'adam'])).toBe(
      'gradlab compare: unknown flag --optimiser (did you mean --optimizers?); see --help for the options',
    );
  });
  it('bad values name the flag, the rule and the value', async () => {
    expect(await fails(2, ['train', '--dataset', 'iris', '--optimizer', 'adamx'])).toBe(
      'gradlab train: --optimizer: "adamx" is not one of gd, sgd, minibatch, momentum, adagrad, rmsprop, adam, adamw, amsgrad, adamax, nesterov (did you mean adam?)',
    );
    expect(await fails(2, ['train', '--dataset', 'iris', '--early-stop', 'of'])).toBe(
      'gradlab train: --early-stop: expected a number of epochs ≥ 1 or off, got "of" (did you mean off?)',
    );
    expect(await fails(2, ['train', '--dataset', 'iris', '--lr', 'abc'])).toBe(
      'gradlab train: --lr: expected a positive number, got "abc"',
    );
    expect(await fails(2, ['train', '--dataset', 'iris', '--hidden', '64;32'])).toBe(
      'gradlab train: --hidden: expected comma-separated positive integers like 64,32, got "64;32"',
    );
    expect(await fails(2, ['train', '--dataset', 'iris', '--epochs', '0'])).toBe(
      'gradlab train: --epochs: expected a positive integer, got "0"',
    );
    expect(await fails(2, ['train', '--dataset', 'iris', '--model', 'cnn'])).toBe(
      'gradlab train: --model: "cnn" is not one of logistic, mlp',
    );
    expect(await fails(2, ['train', '--dataset', 'irs'])).toBe(
      'gradlab train: --dataset: "irs" is neither a bundled dataset (iris, wine, breast-cancer, digits) nor a path to a .csv file (did you mean iris?)',
    );
    expect(await fails(2, ['surface', '--function', 'rosenbrok'])).toBe(
      'gradlab surface: --function: "rosenbrok" is not one of bowl, valley, rosenbrock, saddle, beale (did you mean rosenbrock?)',
    );
    expect(await fails(2, ['compare', '--dataset', 'iris', '--plot', 'race.pdf'])).toBe(
      'gradlab compare: --plot: expected a file name ending in .svg or .png, got "race.pdf"',
    );
  });
  it('flags that do not fit together are refused before any work', async () => {
    expect(await fails(2, ['train', '--dataset', 'iris', '--model', 'logistic', '--hidden', '8'])).toBe(
      'gradlab train: --hidden: only the mlp model has hidden layers; drop --hidden or use --model mlp',
    );
    expect(await fails(2, ['train', '--dataset', 'iris', '--optimizer', 'sgd', '--batch-size', '8'])).toBe(
      'gradlab train: --batch-size: sgd always uses one sample per step; use --optimizer minibatch for batches of 8',
    );
    expect(await fails(2, ['train', '--epochs', '3'])).toBe('gradlab train: missing required flag --dataset <name|file.csv>');
    expect(await fails(2, ['evaluate', '--dataset', 'iris'])).toBe('gradlab evaluate: missing required flag --model <model.json>');
  });
  it('--help wins over bad flags and prints the command help', async () => {
    const r = await runCli(['train', '--lrr', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^gradlab train: train a logistic-regression or MLP classifier/);
    expect(r.stdout).toContain('Usage: gradlab train --dataset <name|file.csv> [options]');
    expect(r.stdout).toMatch(/^ {2}--optimizer <method> +one of the seven methods gd, sgd, minibatch,$/m);
    expect(r.stdout).toMatch(/^ +momentum, adagrad, rmsprop, adam, or adamw,$/m);
    expect(r.stdout).toContain('(default: 64,32)');
    expect(r.stdout).toMatch(/^ {2}-h, --help +show this help$/m);
  });
});

describe('runtime errors exit 1 with the message only', () => {
  it('a missing file', async () => {
    expect(await fails(1, ['train', '--dataset', 'missing.csv'])).toBe('gradlab train: missing.csv: file not found');
    expect(await fails(1, ['evaluate', '--model', 'nope.json', '--dataset', 'iris'])).toBe(
      'gradlab evaluate: nope.json: model file not found',
    );
  });
  it('a bad CSV cell, with line and column', async () => {
    writeFileSync(join(dir, 'bad.csv'), 'a,b,label\n1,2,x\n3,oops,y\n');
    expect(await fails(1, ['train', '--dataset', 'bad.csv'])).toBe('gradlab train: bad.csv line 3, column 2 (b): "oops" is not a number');
  });
  it('features near 1e308 train (no "NaN or infinite values"); a value too far out to standardise names file, row and column', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${i % 2 ? '1e308' : '-1.5e308'},${i},${'xy'[i % 2]!}`);
    writeFileSync(join(dir, 'huge.csv'), `a,b,label\n${rows.join('\n')}\n`);
    const r = await runCli(['train', '--dataset', 'huge.csv', '--epochs', '2', '--json'], dir);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const run = JSON.parse(r.stdout) as { finalTrainLoss: number; trainAccuracy: number };
    expect(Number.isFinite(run.finalTrainLoss)).toBe(true);
    expect(run.trainAccuracy).toBe(1); // the label is the sign of column a
    // The training rows' spread in column a is about 1e-159: a test row of 1e300 is 1e459 deviations away.
    const tiny = Array.from({ length: 40 }, (_, i) => `${i * 1e-160},${i},${'xy'[i % 2]!}`);
    writeFileSync(join(dir, 'far.csv'), `a,b,label\n${tiny.join('\n')}\n1e300,5,x\n`);
    expect(await fails(1, ['train', '--dataset', 'far.csv', '--seed', '1'])).toBe(
      "gradlab train: far.csv, data row 41, column 1 (a): the value 1e+300 is too far from the training rows' mean (2.0187500000000001e-159, standard deviation 1.1234544851390132e-159) to standardise in float64; check that column's values",
    );
  });
  it('a label column that does not exist', async () => {
    expect(await fails(1, ['train', '--dataset', 'iris', '--label', 'kind'])).toBe(
      'gradlab train: iris line 1: no label column "kind"; the columns are: sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm, species',
    );
  });
  it('a file that is not a model', async () => {
    writeFileSync(join(dir, 'not-a-model.json'), '{"hello": 1}');
    expect(await fails(1, ['evaluate', '--model', 'not-a-model.json', '--dataset', 'iris'])).toBe(
      'gradlab evaluate: not-a-model.json: not a gradlab model file (missing "format": "gradlab-model")',
    );
  });
  it('a label column with a class of one row cannot be split', async () => {
    writeFileSync(join(dir, 'rare.csv'), 'a,label\n1,x\n2,x\n3,y\n4,y\n5,z\n');
    expect(await fails(1, ['train', '--dataset', 'rare.csv'])).toBe(
      'gradlab train: rare.csv: cannot make a stratified train/test split: class "z" of column "label" has only one row (each class needs at least 2; is --label the class column?)',
    );
  });
});
