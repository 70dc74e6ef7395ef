import { describe, expect, it } from 'vitest';
import { trainTestSplit, StandardScaler, type Dataset } from '../../src/data/index.ts';
import { loadDataset, type BundledDatasetName } from '../../src/node/bundled.ts';
import type { Module } from '../../src/nn/module.ts';
import { LogisticRegression } from '../../src/nn/logistic.ts';
import { MLP } from '../../src/nn/mlp.ts';
import { fit, type FitOptions } from '../../src/train/fit.ts';
import { evaluate } from '../../src/train/evaluate.ts';

const SEEDS = [0, 1, 2, 3, 4];

/**
 * The quality bar: a stratified 20 % test split, features standardised with statistics of the
 * training part only, mean test accuracy over five seeds (the seed drives the split, the
 * initialisation and the shuffling).
 */
function heldOutAccuracies(name: BundledDatasetName, build: (data: Dataset, seed: number) => Module, options: FitOptions): number[] {
  const dataset = loadDataset(name);
  return SEEDS.map((seed) => {
    const { train, test } = trainTestSplit(dataset, { testSize: 0.2, stratify: true, seed });
    const scaler = new StandardScaler().fit(train.features);
    const model = build(train, seed);
    fit(model, { ...train, features: scaler.transform(train.features) }, { ...options, seed, quiet: true });
    return evaluate(model, { ...test, features: scaler.transform(test.features) }).accuracy;
  });
}

function expectMeanAtLeast(accuracies: number[], bar: number): void {
  const mean = accuracies.reduce((a, b) => a + b, 0) / accuracies.length;
  expect(mean, `accuracies per seed: ${accuracies.map((a) => a.toFixed(4)).join(', ')}`).toBeGreaterThanOrEqual(bar);
}

describe('held-out accuracy on the bundled datasets (mean of 5 seeds)', () => {
  it('breast-cancer, binary logistic regression (l2 0.01, Adam): ≥ 0.97', () => {
    const acc = heldOutAccuracies('breast-cancer', (d) => new LogisticRegression(d.features.shape[1]!, { l2: 0.01 }), {
      optimizer: 'adam',
      lr: 0.01,
      batchSize: 32,
      epochs: 30,
    });
    expectMeanAtLeast(acc, 0.97);
  });

  it('iris, softmax regression (full-batch gradient descent): ≥ 0.93', () => {
    const acc = heldOutAccuracies('iris', (d) => new LogisticRegression(4, { classes: d.classNames.length }), {
      optimizer: 'gd',
      lr: 0.1,
      epochs: 200,
    });
    expectMeanAtLeast(acc, 0.93);
  });

  it('wine, softmax regression (mini-batch SGD, k = 16): ≥ 0.97', () => {
    const acc = heldOutAccuracies('wine', (d) => new LogisticRegression(13, { classes: d.classNames.length }), {
      optimizer: 'minibatch',
      lr: 0.1,
      batchSize: 16,
      epochs: 30,
    });
    expectMeanAtLeast(acc, 0.97);
  });

  it('digits, MLP 64-64-10 (ReLU, Adam): ≥ 0.97', () => {
    const acc = heldOutAccuracies('digits', (_, seed) => new MLP([64, 64, 10], { seed }), {
      optimizer: 'adam',
      lr: 1e-3,
      batchSize: 16,
      epochs: 40,
    });
    expectMeanAtLeast(acc, 0.97);
  });
});
