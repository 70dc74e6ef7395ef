/**
 * Binary logistic regression on Breast Cancer Wisconsin (30 features → malignant / benign):
 * load, stratified split, standardise, hold out validation rows from the training part, fit with
 * full-batch gradient descent while watching them, evaluate once on the test part (accuracy, confusion
 * matrix, per-class report) and read the model: which features push towards which class.
 *
 *     npx tsx examples/logistic-regression.ts [--seed N] [--quick]
 */
import { LogisticRegression } from '../src/nn/index.ts';
import { evaluate, fit, formatReport } from '../src/train/index.ts';
import { holdOut, prepare } from './lib/classify.ts';
import { formatNumber } from '../src/util/format-number.ts';
import { type ExampleCli, type ExampleOptions, elapsed, runExample, isMain } from './lib/cli.ts';

export interface LogisticRegressionExampleOptions extends ExampleOptions {
  seed?: number;
  /** Gradient-descent epochs (default 300; quick 100). */
  epochs?: number;
}

export interface LogisticRegressionExampleResult {
  /** Epoch 1's train loss (epoch mean: with gd, the loss before its one step) and val loss (after it). */
  firstEpoch: { trainLoss: number; valLoss: number };
  trainLoss: number;
  valLoss: number;
  valAccuracy: number;
  trainAccuracy: number;
  testAccuracy: number;
  testLoss: number;
  confusion: number[][];
  /** Features by weight, most positive (towards "benign") first. */
  weights: { feature: string; weight: number }[];
}

export function main(options: LogisticRegressionExampleOptions = {}): LogisticRegressionExampleResult {
  const log = options.log ?? console.log;
  const start = performance.now();
  const seed = options.seed ?? 0;
  const epochs = options.epochs ?? (options.quick ? 100 : 300);
  const { train: trainPart, test } = prepare('breast-cancer', { seed, log });
  const { fit: train, validation } = holdOut(trainPart, { seed, log });

  // p(benign | x) = σ(x·w + b); zero-initialised, the loss (binary cross-entropy + (λ/2)‖w‖²) is convex
  const model = new LogisticRegression(30, { classes: 2, l2: 0.01 });
  log(`model: p(${train.classNames[1]!} | x) = σ(x·w + b), ${model.parameterCount()} parameters, L2 λ = ${model.l2}`);
  log(`training: full-batch gradient descent (gd), lr 0.5, ${epochs} epochs`);
  const history = fit(model, train, {
    optimizer: 'gd',
    lr: 0.5,
    epochs,
    seed,
    validationData: validation,
    log,
    verbose: 2,
    logEvery: Math.ceil(epochs / 5),
  });

  const trainEval = evaluate(model, train);
  const valEval = evaluate(model, validation);
  const testEval = evaluate(model, test);
  const firstEpoch = { trainLoss: history.loss[0]!, valLoss: history.valLoss[0]! };
  log(`With gd an epoch is one step, so its train loss (epoch mean) is the loss before that step and its val loss the loss after`);
  log(
    `it: epoch 1 shows ${formatNumber(firstEpoch.trainLoss)} (ln 2 = ${formatNumber(Math.LN2)}: zero weights predict ½ for every row) beside ${formatNumber(firstEpoch.valLoss)}.`,
  );
  log('');
  log(
    `after the last step: train loss ${formatNumber(trainEval.loss)}, train accuracy ${formatNumber(trainEval.accuracy)} (${trainEval.support} rows); val loss ${formatNumber(valEval.loss)}, val accuracy ${formatNumber(valEval.accuracy)} (${valEval.support} rows)`,
  );
  log(`test set (${testEval.support} rows, scored once):`);
  log(formatReport(testEval));

  const w = model.linear.weight.data;
  const weights = train.featureNames.map((feature, j) => ({ feature, weight: w[j]! })).sort((a, b) => b.weight - a.weight);
  const show = (list: typeof weights): string =>
    list.map((e) => `${e.feature} ${e.weight >= 0 ? '+' : ''}${formatNumber(e.weight)}`).join(', ');
  log('');
  log(`Reading the model (standardised features, so weights compare): a positive weight raises p(${train.classNames[1]!}).`);
  log(`  strongest towards ${train.classNames[0]!}: ${show(weights.slice(-4).reverse())}`);
  log(`  strongest towards ${train.classNames[1]!}: ${show(weights.slice(0, 3))}`);
  log(`Done in ${elapsed(start)}.`);
  return {
    firstEpoch,
    trainLoss: trainEval.loss,
    valLoss: valEval.loss,
    valAccuracy: valEval.accuracy,
    trainAccuracy: trainEval.accuracy,
    testAccuracy: testEval.accuracy,
    testLoss: testEval.loss,
    confusion: testEval.confusion,
    weights,
  };
}

export const cli: ExampleCli = {
  name: 'logistic-regression',
  summary: 'Binary logistic regression on Breast Cancer Wisconsin: fit, evaluate, read the weights.',
  flags: ['quick', 'seed'],
};

if (isMain(import.meta.url)) await runExample(cli, main);
