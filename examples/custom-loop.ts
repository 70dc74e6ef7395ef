/**
 * Your own training loop, one `trainStep` per batch: the step `fit` takes (forward, loss, backward, gradient
 * clipping, Adam's update, the NaN guard), driven by hand on the 8×8 digits. Around it, what a loop of your own
 * is for: a learning rate set every epoch (cosine decay), the validation loss after every epoch, the best
 * weights kept, and the test set touched once at the end. Then `fit` with the same options: the same steps.
 *
 *     npx tsx examples/custom-loop.ts [--seed N] [--quick]
 */
import { MLP } from '../src/nn/index.ts';
import { Adam } from '../src/optim/index.ts';
import { batches, trainTestSplit } from '../src/data/index.ts';
import { earlyStopping, evaluate, evaluateLoss, fit, trainStep } from '../src/train/index.ts';
import { prepare } from './lib/classify.ts';
import { type ExampleCli, type ExampleOptions, runExample, isMain } from './lib/cli.ts';

export interface CustomLoopOptions extends ExampleOptions {
  seed?: number;
}

export interface CustomLoopResult {
  /** Every step's loss from the hand-written loop, and from fit with the same options. */
  stepLoss: number[];
  fitStepLoss: number[];
  bestEpoch: number;
  fitBestEpoch: number;
  /** Whether the two runs ended on the same weights, bit for bit. */
  sameWeights: boolean;
  testAccuracy: number;
}

export function main(options: CustomLoopOptions = {}): CustomLoopResult {
  const log = options.log ?? console.log;
  const seed = options.seed ?? 0;
  const epochs = options.quick ? 4 : 12;
  const prepared = prepare('digits', { seed, log });
  const { train, test: validation } = trainTestSplit(prepared.train, { testSize: 0.2, seed, stratify: true });
  log(`validation: ${validation.labels.length} rows held out of the training part; the test part is scored once, at the end`);
  const cosine = (t: number): number => 0.5 * (1 + Math.cos((Math.PI * t) / epochs));
  const make = (): { model: MLP; optimizer: Adam } => {
    const model = new MLP([64, 32, 10], { seed });
    return { model, optimizer: new Adam(model.parameters(), { lr: 0.01 }) };
  };

  // The loop.
  const { model, optimizer } = make();
  const loader = batches(train, { batchSize: 32, shuffle: true, seed });
  const stepLoss: number[] = [];
  let best = { loss: Infinity, epoch: 0, weights: model.stateDict() };
  for (let epoch = 1; epoch <= epochs; epoch++) {
    optimizer.lr = 0.01 * cosine(epoch - 1);
    for (const batch of loader) stepLoss.push(trainStep(model, batch, { optimizer, clip: 1 }).loss);
    const valLoss = evaluateLoss(model, validation);
    if (valLoss < best.loss) best = { loss: valLoss, epoch, weights: model.stateDict() };
    const trainLoss = stepLoss.slice(-loader.length).reduce((a, b) => a + b) / loader.length;
    log(
      `epoch ${String(epoch).padStart(2)}: lr ${optimizer.lr.toFixed(5)} · mean batch loss ${trainLoss.toFixed(4)} · validation loss ${valLoss.toFixed(4)}`,
    );
  }
  model.loadStateDict(best.weights);
  const testAccuracy = evaluate(model, prepared.test).accuracy;
  log(
    `best validation loss ${best.loss.toFixed(4)} after epoch ${best.epoch}: those weights kept; test accuracy ${testAccuracy.toFixed(4)}`,
  );

  // The same run through fit: a schedule function, the clip, and early stopping that only keeps the best weights.
  const again = make();
  const stopper = earlyStopping({ monitor: 'valLoss', patience: epochs, restoreBestWeights: true });
  const history = fit(again.model, train, {
    optimizer: again.optimizer,
    batchSize: 32,
    epochs,
    seed,
    clipGradNorm: 1,
    scheduler: cosine,
    validationData: validation,
    callbacks: stopper,
    quiet: true,
  });
  const same = (a: number[], b: number[]): boolean => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
  const sameWeights = same(
    model.parameters().flatMap((p) => Array.from(p.data)),
    again.model.parameters().flatMap((p) => Array.from(p.data)),
  );
  log(
    `fit with the same options: ${same(stepLoss, history.stepLoss) ? 'the same' : 'DIFFERENT'} ${history.stepLoss.length} step losses, best epoch ${stopper.bestEpoch}, ${sameWeights ? 'the same weights, bit for bit' : 'DIFFERENT weights'}`,
  );
  return { stepLoss, fitStepLoss: history.stepLoss, bestEpoch: best.epoch, fitBestEpoch: stopper.bestEpoch, sameWeights, testAccuracy };
}

export const cli: ExampleCli = {
  name: 'custom-loop',
  summary: 'A hand-written training loop with trainStep (cosine lr, validation, best weights kept), and fit doing the same.',
  flags: ['quick', 'seed'],
};

if (isMain(import.meta.url)) await runExample(cli, main);
