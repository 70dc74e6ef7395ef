import type { Dataset } from '../data/dataset.ts';
import { datasetSize } from '../data/dataset.ts';
import { trainTestSplit } from '../data/split.ts';
import { DEFAULT_BATCH_K } from '../train/methods.ts';
import type { FlagValues } from './args.ts';
import { checkTrainingClasses, loadData, splitAndScale, VALIDATION_FRACTION, type DatasetRef, type PreparedData } from './data.ts';
import { DEFAULT_HIDDEN } from './flags.ts';
import { defaultEarlyStop, defaultEpochs, defaultL2, TRAIN_BUDGET, type Budget } from './defaults.ts';
import { checkHidden, checkL2, checkModelSize, type ModelKind } from './model.ts';

/** The settings shared by `train` and `compare`, read from their flags. */
export interface TrainingSetup {
  ref: DatasetRef;
  kind: ModelKind;
  hidden: number[];
  epochs: number;
  seed: number;
  lr: number | undefined;
  /** The logistic model's L2 penalty λ (0 for the MLP). */
  l2: number;
  batchSize: number | undefined;
  /** Stop after this many epochs without a lower val loss (--early-stop); null trains every epoch. */
  earlyStop: number | null;
  json: boolean;
  prepared: PreparedData;
}

/** `budget` sets the default epochs (see defaultEpochs); --epochs overrides it. */
export function readSetup(values: FlagValues, cwd: string, budget: Budget = TRAIN_BUDGET): TrainingSetup {
  const kind = (values.model as ModelKind | undefined) ?? 'mlp';
  checkHidden(kind, values.hidden as number[] | undefined);
  checkL2(kind, values.l2 as number | undefined);
  const seed = (values.seed as number | undefined) ?? 0;
  const hidden = (values.hidden as number[] | undefined) ?? DEFAULT_HIDDEN;
  const allowLarge = values['allow-large'] === true;
  checkModelSize(kind, null, null, hidden, allowLarge); // the hidden layers alone, before the data is read
  const ref = values.dataset as DatasetRef;
  const dataset = loadData(ref, cwd, values.label as string | undefined);
  checkTrainingClasses(dataset);
  checkModelSize(kind, dataset.featureNames.length, dataset.classNames.length, hidden, allowLarge);
  const prepared = splitAndScale(dataset, seed);
  const epochs =
    (values.epochs as number | undefined) ??
    defaultEpochs(datasetSize(prepared.train), (values['batch-size'] as number | undefined) ?? DEFAULT_BATCH_K, budget);
  const earlyStop = values['early-stop'] as number | 'off' | undefined;
  return {
    ref,
    kind,
    hidden,
    epochs,
    earlyStop: earlyStop === 'off' ? null : (earlyStop ?? defaultEarlyStop(epochs)),
    seed,
    lr: values.lr as number | undefined,
    l2: (values.l2 as number | undefined) ?? defaultL2(kind, datasetSize(prepared.train)),
    batchSize: values['batch-size'] as number | undefined,
    json: values.json === true,
    prepared,
  };
}

/** One line about the data: "iris: 150 rows, 4 features, 3 classes → 120 train / 30 test (stratified, seed 0)". */
export function describeData({ prepared, seed }: TrainingSetup): string {
  const d = prepared.dataset;
  return `${d.name!}: ${datasetSize(d)} rows, ${d.featureNames.length} features, ${d.classNames.length} classes (label "${d.labelName}") → ${datasetSize(prepared.train)} train / ${datasetSize(prepared.test)} test rows (stratified, seed ${seed}; features standardised on the train rows)`;
}

/** How the rows are used, in one line, for the report's header. */
export function describeProtocol(setup: TrainingSetup): string {
  const n = datasetSize(setup.prepared.train);
  const test = `the ${datasetSize(setup.prepared.test)} test rows are scored once, at the end`;
  if (setup.earlyStop === null)
    return `all ${n} train rows train for ${setup.epochs} epochs, with no rows held out to watch for overfitting (--early-stop off); ${test}`;
  const validation = datasetSize(validationSplit(setup).validation);
  return `choosing the epochs: ${n - validation} of the ${n} train rows train and ${validation} are held out as validation (val) rows, until the val loss has gone ${setup.earlyStop} epochs without a new lowest (--early-stop); then all ${n} train rows train from the same initial weights for as many epochs as gave the lowest val loss; ${test}`;
}

/** The training rows split again, stratified from the seed: 80 % train, 20 % are the validation rows. */
export function validationSplit(setup: TrainingSetup): { train: Dataset; validation: Dataset } {
  const { train, test } = trainTestSplit(setup.prepared.train, { testSize: VALIDATION_FRACTION, seed: setup.seed, stratify: true });
  return { train, validation: test };
}
