import type { Dataset } from '../data/dataset.ts';
import { datasetSize } from '../data/dataset.ts';
import { batchSizeFor, DEFAULT_BATCH_K, type MethodName } from '../train/methods.ts';
import { evaluate, evaluateLoss, type Evaluation } from '../train/evaluate.ts';
import { fit, type History } from '../train/fit.ts';
import type { Callback, EpochLogs } from '../train/callbacks.ts';
import { NonFiniteLossError } from '../train/errors.ts';
import type { CheckpointOptions } from '../checkpoint/options.ts';
import { defaultClock } from '../platform.ts';
import type { Writer } from '../train/progress.ts';
import type { FlagValues } from './args.ts';
import { checkTrainingClasses, loadData, splitAndScale, type DatasetRef, type PreparedData } from './data.ts';
import { DEFAULT_HIDDEN } from './flags.ts';
import { defaultEpochs, defaultL2, defaultLr, stillFalling, TRAIN_BUDGET, type Budget } from './defaults.ts';
import { lossDivergence, nonFiniteDivergence, type Divergence } from './divergence.ts';
import { checkHidden, checkL2, checkModelSize, type CliModel, type ModelKind } from './model.ts';

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
  return {
    ref,
    kind,
    hidden,
    epochs:
      (values.epochs as number | undefined) ??
      defaultEpochs(datasetSize(prepared.train), (values['batch-size'] as number | undefined) ?? DEFAULT_BATCH_K, budget),
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

export interface EpochRecord {
  epoch: number;
  /** Mean training loss over the epoch's steps, and the running training accuracy. */
  loss: number;
  trainAccuracy: number;
  /** Loss and accuracy on the held-out test split after the epoch. */
  testLoss: number;
  testAccuracy: number;
}

export interface RunResult {
  optimizer: MethodName;
  lr: number;
  batchSize: number;
  steps: number;
  timeMs: number;
  /** Loss and accuracy of the final weights on all training rows. */
  finalTrainLoss: number;
  trainAccuracy: number;
  testLoss: number;
  testAccuracy: number;
  /** False when the training loss was still falling at the last epoch (see stillFalling). */
  converged: boolean;
  /** Set when the final training loss is far above the initial weights' (see lossDivergence). */
  diverged: Divergence | null;
  history: EpochRecord[];
  test: Evaluation;
  /** True when `stop` ended the run early (Ctrl-C): the epochs recorded are the completed ones. */
  stopped: boolean;
}

/** How `trainModel` runs besides the setup: checkpoints (fit's options) and a request to stop. */
export interface RunOptions {
  checkpoint?: CheckpointOptions;
  resumeFrom?: string;
  /** Asked after every step; true stops the run there. */
  stop?: () => boolean;
}

/**
 * Trains `model` in place with `method` on the prepared split and scores the final weights.
 * --batch-size is k of the mini-batch methods; gd and sgd keep N and 1 (`train` refuses the mix up front).
 * A run that leaves the finite numbers is a diverged result (the model keeps its last finite weights), not an error.
 */
export function trainModel(
  model: CliModel,
  method: MethodName,
  setup: TrainingSetup,
  progress: Writer | null,
  run: RunOptions = {},
): RunResult {
  const { train, test } = setup.prepared;
  const batchSize = batchSizeFor(method, datasetSize(train), setup.batchSize ?? DEFAULT_BATCH_K);
  const lr = setup.lr ?? defaultLr(method);
  const initialLoss = evaluateLoss(model, train);
  // Kept by callbacks too, for a run that ends in NonFiniteLossError (fit returns no history then).
  const epochs: EpochLogs[] = [];
  let steps = 0;
  let stopped = false;
  const record: Callback = {
    onStepEnd: (step) => {
      steps = step;
      if (!run.stop?.()) return undefined;
      stopped = true;
      return 'stop';
    },
    onEpochEnd: (_, logs) => void epochs.push(logs),
  };
  const started = defaultClock();
  let history: History | null = null;
  let failure: Divergence | null = null;
  try {
    history = fit(model, train, {
      epochs: setup.epochs,
      optimizer: method,
      lr,
      batchSize,
      seed: setup.seed,
      validationData: test,
      verbose: progress ? 1 : 0,
      ...(progress ? { log: progress } : {}),
      callbacks: record,
      ...(run.checkpoint ? { checkpoint: run.checkpoint } : {}),
      ...(run.resumeFrom === undefined ? {} : { resumeFrom: run.resumeFrom }),
    });
  } catch (error) {
    if (!(error instanceof NonFiniteLossError)) throw error;
    failure = nonFiniteDivergence(error);
  }
  const trainEval = evaluate(model, train);
  const testEval = evaluate(model, test);
  // A stop mid-epoch records that epoch's partial means: only completed epochs are reported.
  const perEpoch = Math.ceil(datasetSize(train) / batchSize);
  const complete = (history?.epochs ?? epochs).filter((e) => !stopped || e.steps === perEpoch);
  return {
    optimizer: method,
    lr,
    batchSize,
    steps: history?.steps ?? steps,
    timeMs: history?.timeMs ?? defaultClock() - started,
    finalTrainLoss: trainEval.loss,
    trainAccuracy: trainEval.accuracy,
    testLoss: testEval.loss,
    testAccuracy: testEval.accuracy,
    converged: stillFalling(complete.map((e) => e.loss)) === null,
    diverged: failure ?? lossDivergence(initialLoss, trainEval.loss),
    history: complete.map((e) => ({
      epoch: e.epoch,
      loss: e.loss,
      trainAccuracy: e.accuracy ?? NaN,
      testLoss: e.valLoss ?? NaN,
      testAccuracy: e.valAccuracy ?? NaN,
    })),
    test: testEval,
    stopped,
  };
}

/** "did not converge: …" when the training loss was still falling at the end of the budget, else null (always for a diverged run). */
export function convergenceNote(result: RunResult): string | null {
  const falling = result.diverged ? null : stillFalling(result.history.map((h) => h.loss));
  if (!falling) return null;
  return `did not converge: the training loss was still falling at the last epoch (${falling.before.toPrecision(3)} → ${falling.after.toPrecision(3)} over the last ${falling.epochs * 2} epochs); train longer (--epochs) or raise --lr`;
}

/** The dataset summary that goes into --json documents. */
export function datasetSummary(d: Dataset, prepared: PreparedData): Record<string, unknown> {
  return {
    name: d.name,
    rows: datasetSize(d),
    features: d.featureNames.length,
    classes: d.classNames.length,
    label: d.labelName,
    classNames: d.classNames,
    trainRows: datasetSize(prepared.train),
    testRows: datasetSize(prepared.test),
  };
}

/** Per-class metrics keyed by class name, for --json. */
export function evaluationSummary(e: Evaluation): Record<string, unknown> {
  return {
    loss: e.loss,
    accuracy: e.accuracy,
    confusion: e.confusion,
    classNames: e.classNames,
    perClass: e.perClass.map((m, k) => ({ class: e.classNames[k] ?? String(k), ...m })),
    macro: e.macro,
    weighted: e.weighted,
  };
}
