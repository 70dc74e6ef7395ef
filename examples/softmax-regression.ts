/**
 * Multinomial (softmax) logistic regression on Iris (4 measurements → 3 species) or Wine
 * (13 → 3 cultivars): load, stratified split, standardise, hold out validation rows from the training part,
 * fit with mini-batch momentum while watching them, evaluate once on the test part,
 * and look at the predicted class probabilities p(k | x) = softmax(x·W + b)ₖ.
 *
 *     npx tsx examples/softmax-regression.ts [--dataset iris|wine] [--seed N] [--quick]
 */
import { LogisticRegression } from '../src/nn/index.ts';
import { evaluate, fit, formatReport, predictProba } from '../src/train/index.ts';
import { holdOut, prepare } from './lib/classify.ts';
import { formatNumber } from '../src/util/format-number.ts';
import { type ExampleCli, type ExampleOptions, elapsed, runExample, isMain } from './lib/cli.ts';

export interface SoftmaxExampleOptions extends ExampleOptions {
  dataset?: 'iris' | 'wine';
  seed?: number;
  /** Default 100 (quick 30). */
  epochs?: number;
}

export interface SoftmaxExampleResult {
  testAccuracy: number;
  testLoss: number;
  confusion: number[][];
  /** Predicted probabilities of the first test samples, rows summing to 1. */
  probabilities: number[][];
}

export function main(options: SoftmaxExampleOptions = {}): SoftmaxExampleResult {
  const log = options.log ?? console.log;
  const start = performance.now();
  const name = options.dataset ?? 'iris';
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- validates input from untyped (JavaScript or JSON) callers
  if (name !== 'iris' && name !== 'wine') throw new RangeError(`softmax-regression: --dataset must be iris or wine, got ${String(name)}`);
  const seed = options.seed ?? 0;
  const epochs = options.epochs ?? (options.quick ? 30 : 100);
  const { train: trainPart, test } = prepare(name, { seed, log });
  const { fit: train, validation } = holdOut(trainPart, { seed, log });
  const features = train.features.shape[1]!,
    classes = train.classNames.length;

  const model = new LogisticRegression(features, { classes });
  log(`model: p(k | x) = softmax(x·W + b)ₖ, W ${features}×${classes}, ${model.parameterCount()} parameters; loss: cross-entropy`);
  log(`training: momentum (lr 0.05, μ 0.9), mini-batches of 16, ${epochs} epochs`);
  fit(model, train, {
    optimizer: 'momentum',
    lr: 0.05,
    batchSize: 16,
    epochs,
    seed,
    validationData: validation,
    log,
    verbose: 2,
    logEvery: Math.ceil(epochs / 4),
  });

  const result = evaluate(model, test);
  log('');
  log(`test set (${result.support} rows, scored once):`);
  log(formatReport(result));

  const proba = predictProba(model, test.features);
  const probabilities: number[][] = [];
  log('');
  log('first test samples: predicted probabilities');
  log(`  ${'true class'.padEnd(12)} ${test.classNames.map((c) => c.padStart(11)).join('')}`);
  for (let i = 0; i < 5; i++) {
    const row = Array.from(proba.data.subarray(i * classes, (i + 1) * classes));
    probabilities.push(row);
    log(`  ${test.classNames[test.labels[i]!]!.padEnd(12)} ${row.map((p) => formatNumber(p).padStart(11)).join('')}`);
  }
  log(`Done in ${elapsed(start)}.`);
  return { testAccuracy: result.accuracy, testLoss: result.loss, confusion: result.confusion, probabilities };
}

export const cli: ExampleCli = {
  name: 'softmax-regression',
  summary: 'Softmax regression on Iris or Wine: fit, evaluate, and the predicted class probabilities.',
  flags: ['quick', 'seed'],
  extra: [{ name: 'dataset', value: 'iris|wine', help: 'which data set (default: iris)', choices: ['iris', 'wine'] }],
};

if (isMain(import.meta.url)) {
  await runExample(cli, (args) => {
    const dataset = args.values.dataset as 'iris' | 'wine' | undefined;
    return main({ quick: args.quick, ...(dataset ? { dataset } : {}), ...(args.seed !== undefined ? { seed: args.seed } : {}) });
  });
}
