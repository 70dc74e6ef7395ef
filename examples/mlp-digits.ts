/**
 * A multi-layer perceptron on the 8×8 handwritten digits (64 pixels → 10 classes): load, stratified
 * split, standardise, hold out validation rows from the training part, train 64 → 64 → 10 (ReLU) with
 * Adam on mini-batches while watching them, evaluate once on the test part, and look at the digits it
 * gets wrong.
 *
 *     npx tsx examples/mlp-digits.ts [--seed N] [--quick]
 */
import { MLP } from '../src/nn/index.ts';
import { evaluate, fit, formatReport, predict } from '../src/train/index.ts';
import { holdOut, prepare } from './lib/classify.ts';
import { type ExampleCli, type ExampleOptions, elapsed, runExample, isMain } from './lib/cli.ts';

export interface MlpDigitsOptions extends ExampleOptions {
  seed?: number;
  /** Default 20 (quick 5). */
  epochs?: number;
  hidden?: number;
}

export interface MlpDigitsResult {
  testAccuracy: number;
  testLoss: number;
  confusion: number[][];
  trainLoss: number[];
  mistakes: number;
}

/** An 8×8 digit as text: pixel intensity 0–16 → ' ', '.', ':', '+', '#'. */
export function digitAscii(pixels: ArrayLike<number>): string[] {
  const shades = ' .:+#';
  const rows: string[] = [];
  for (let r = 0; r < 8; r++) {
    let line = '';
    for (let c = 0; c < 8; c++) line += shades[Math.min(4, Math.round((pixels[r * 8 + c]! / 16) * 4))]!.repeat(2);
    rows.push(line);
  }
  return rows;
}

export function main(options: MlpDigitsOptions = {}): MlpDigitsResult {
  const log = options.log ?? console.log;
  const start = performance.now();
  const seed = options.seed ?? 0;
  const epochs = options.epochs ?? (options.quick ? 5 : 20);
  const hidden = options.hidden ?? 64;
  const { train: trainPart, test, scaler } = prepare('digits', { seed, log });
  const { fit: train, validation } = holdOut(trainPart, { seed, log });

  const model = new MLP([64, hidden, 10], { activation: 'relu', seed });
  log(`model: MLP 64 → ${hidden} (ReLU) → 10 logits, ${model.parameterCount()} parameters, He initialisation (seed ${seed})`);
  log(`training: Adam (lr 0.003), mini-batches of 32, ${epochs} epochs, cross-entropy`);
  const history = fit(model, train, {
    optimizer: 'adam',
    lr: 0.003,
    batchSize: 32,
    epochs,
    seed,
    validationData: validation,
    log,
    verbose: 2,
    logEvery: Math.max(1, Math.ceil(epochs / 5)),
  });

  const result = evaluate(model, test);
  log('');
  log(`test set (${result.support} rows, scored once):`);
  log(formatReport(result, { digits: 3 }));

  // Show a few mistakes as pictures (undo the standardisation to get the 0–16 pixels back).
  const predicted = predict(model, test.features);
  const wrong = [...predicted.keys()].filter((i) => predicted[i] !== test.labels[i]);
  const raw = scaler.inverseTransform(test.features);
  const shown = wrong.slice(0, 4);
  if (shown.length > 0) {
    log('');
    log(`${wrong.length} of ${predicted.length} test digits are wrong; the first ${shown.length}:`);
    const pictures = shown.map((i) => digitAscii(raw.data.subarray(i * 64, (i + 1) * 64)));
    log(
      shown
        .map((i) => `true ${test.labels[i]!} → ${predicted[i]!}`.padEnd(18))
        .join('  ')
        .trimEnd(),
    );
    for (let r = 0; r < 8; r++)
      log(
        pictures
          .map((p) => p[r]!.padEnd(18))
          .join('  ')
          .trimEnd(),
      );
  }
  log(`Done in ${elapsed(start)}.`);
  return {
    testAccuracy: result.accuracy,
    testLoss: result.loss,
    confusion: result.confusion,
    trainLoss: history.loss,
    mistakes: wrong.length,
  };
}

export const cli: ExampleCli = {
  name: 'mlp-digits',
  summary: 'A 64 → 64 → 10 MLP on the 8×8 digits, trained with Adam, and the digits it gets wrong.',
  flags: ['quick', 'seed'],
};

if (isMain(import.meta.url)) await runExample(cli, main);
