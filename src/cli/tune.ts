import { datasetSize } from '../data/dataset.ts';
import { trainTestSplit } from '../data/split.ts';
import { VALIDATION_FRACTION } from './data.ts';
import type { AnyMethodName as MethodName } from '../train/methods.ts';
import { defaultLr } from './defaults.ts';
import { cloneModel, type CliModel } from './model.ts';
import type { TrainingSetup } from './setup.ts';
import { trainModel, type RunResult } from './training.ts';

/** The grid `compare --tune-lr` tries: the method's default lr times these factors. */
export const LR_FACTORS = [0.1, 0.3, 1, 3, 10] as const;

export { VALIDATION_FRACTION } from './data.ts';

export interface LrTrial {
  lr: number;
  validationAccuracy: number;
  validationLoss: number;
  /** Set when this lr diverged (see lossDivergence): such a trial ranks after every other. */
  diverged?: true;
}

export interface TunedLr {
  lr: number;
  trials: LrTrial[];
}

/** default·{0.1, 0.3, 1, 3, 10}, rounded to 3 significant digits so the table shows 0.003, not 0.0030000000000000005. */
export function lrGrid(method: MethodName): number[] {
  return LR_FACTORS.map((f) => Number((defaultLr(method) * f).toPrecision(3)));
}

/**
 * Picks `method`'s lr from lrGrid: trains a copy of `initial` with each lr on 80% of the training rows
 * (stratified, from the run's seed) and keeps the one with the highest accuracy on the other 20%;
 * ties go to the lower validation loss, then the smaller lr.
 */
export function tuneLr(initial: CliModel, method: MethodName, setup: TrainingSetup): TunedLr {
  const { train } = setup.prepared;
  const split = trainTestSplit(train, { testSize: VALIDATION_FRACTION, seed: setup.seed, stratify: true });
  if (datasetSize(split.test) === 0) throw new Error('compare --tune-lr: the validation split is empty');
  const inner: TrainingSetup = { ...setup, prepared: { ...setup.prepared, train: split.train, test: split.test } };
  const trials = lrGrid(method).map((lr): LrTrial => {
    const run: RunResult = trainModel(cloneModel(initial), method, { ...inner, lr }, null);
    return { lr, validationAccuracy: run.testAccuracy, validationLoss: run.testLoss, ...(run.diverged ? { diverged: true as const } : {}) };
  });
  const ranked = [...trials].sort(
    (a, b) =>
      Number(a.diverged ?? false) - Number(b.diverged ?? false) ||
      b.validationAccuracy - a.validationAccuracy ||
      nanLast(a.validationLoss, b.validationLoss) ||
      a.lr - b.lr,
  );
  return { lr: ranked[0]!.lr, trials };
}

/** Orders losses ascending with NaN (a diverged run) after every number. */
function nanLast(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a - b;
}
