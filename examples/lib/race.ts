import { MLP } from '../../src/nn/index.ts';
import type { Dataset } from '../../src/data/index.ts';
import { METHODS, METHOD_NAMES, type MethodName } from '../../src/train/methods.ts';
import { evaluate, evaluateLoss, fit, type LogTarget } from '../../src/train/index.ts';

/**
 * Learning rates for the race, picked by hand: a usual value per method for a small MLP on standardised
 * inputs (not tuned on this data; `gradlab compare --tune-lr` does that on validation rows).
 */
export const RACE_LR: Readonly<Record<MethodName, number>> = {
  gd: 1, // one exact step per epoch can afford a big one
  sgd: 0.01,
  minibatch: 0.1,
  momentum: 0.01, // ×1/(1 − μ) = 0.1 effective, the same as minibatch
  adagrad: 0.05,
  rmsprop: 0.001,
  adam: 0.003,
};

export interface RaceEntry {
  method: MethodName;
  lr: number;
  batchSize: number;
  steps: number;
  /** Loss on the whole training set before training (index 0) and after each epoch. */
  trainLoss: number[];
  /** fit's train loss (epoch mean) of each epoch: the mean of the batch losses, each before its step. */
  epochLoss: number[];
  finalTrainLoss: number;
  testAccuracy: number;
  timeMs: number;
}

export interface RaceOptions {
  train: Dataset;
  test: Dataset;
  sizes: number[];
  epochs: number;
  seed: number;
  methods?: readonly MethodName[];
  /** Progress output for fit (a stream for a live bar, or a line callback). */
  progress?: LogTarget;
  onStart?: (method: MethodName, index: number, count: number) => void;
}

/**
 * Trains one MLP per method from the same initial weights and the same shuffling seed, for the same
 * number of epochs (passes over the data, i.e. the same number of per-sample gradients), recording
 * the full training loss after every epoch.
 */
export function runRace(options: RaceOptions): RaceEntry[] {
  const { train, test, sizes, epochs, seed } = options;
  const init = new MLP(sizes, { seed }).stateDict();
  const methods = options.methods ?? METHOD_NAMES;
  return methods.map((method, index) => {
    options.onStart?.(method, index, methods.length);
    const model = new MLP(sizes, { seed });
    model.loadStateDict(init);
    const trainLoss = [evaluateLoss(model, train)];
    const started = performance.now();
    let evalMs = 0;
    const history = fit(model, train, {
      optimizer: method,
      lr: RACE_LR[method],
      epochs,
      seed,
      ...(options.progress === undefined
        ? { quiet: true }
        : { log: options.progress, verbose: 1 as const, logEvery: Math.max(1, Math.ceil(epochs / 4)) }),
      callbacks: {
        onEpochEnd: () => {
          const t = performance.now();
          trainLoss.push(evaluateLoss(model, train));
          evalMs += performance.now() - t;
        },
      },
    });
    const timeMs = performance.now() - started - evalMs;
    return {
      method,
      lr: RACE_LR[method],
      batchSize: history.batchSize,
      steps: history.steps,
      trainLoss,
      epochLoss: history.loss,
      finalTrainLoss: trainLoss[trainLoss.length - 1]!,
      testAccuracy: evaluate(model, test).accuracy,
      timeMs,
    };
  });
}

/** 'gd' → 'full (1437)', 'sgd' → '1', others → '32'. */
export function describeBatch(entry: RaceEntry, n: number): string {
  return METHODS[entry.method].batchSize === 'full' ? `${n} (all)` : String(entry.batchSize);
}
