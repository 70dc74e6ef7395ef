import { datasetSize } from '../data/dataset.ts';
import { batchSizeFor, DEFAULT_BATCH_K, type AnyMethodName } from '../train/methods.ts';
import { evaluate, evaluateLoss, type Evaluation } from '../train/evaluate.ts';
import { earlyStopping, type EpochLogs } from '../train/callbacks.ts';
import type { CheckpointOptions } from '../checkpoint/options.ts';
import type { Writer } from '../train/progress.ts';
import { formatNumber } from '../util/format-number.ts';
import { defaultLr, stillFalling } from './defaults.ts';
import { lossDivergence, type Divergence } from './divergence.ts';
import type { CliModel } from './model.ts';
import { validationSplit, type TrainingSetup } from './setup.ts';
import { guardedFit, type FitOutcome } from './run-fit.ts';

export interface EpochRecord {
  epoch: number;
  /** Running means over the epoch's batches, each taken before that batch's step. */
  loss: number;
  trainAccuracy: number;
  /** Loss and accuracy on the validation rows after the epoch (NaN in a run without them). */
  valLoss: number;
  valAccuracy: number;
}

/** The run on 80 % of the train rows that chose the number of epochs, watching the other 20 %. */
export interface Selection {
  trainRows: number;
  valRows: number;
  epochsRun: number;
  /** The epoch with the lowest val loss, that loss, and the last epoch's. */
  bestEpoch: number;
  bestValLoss: number;
  lastValLoss: number;
  /** The val loss had gone --early-stop epochs without a new lowest. */
  stoppedEarly: boolean;
  /** fit reported the val loss as risen after its lowest (a sign of overfitting). */
  valLossRose: boolean;
  history: EpochRecord[];
  steps: number;
}

export interface RunResult {
  optimizer: AnyMethodName;
  lr: number;
  batchSize: number;
  /** The final run, on all the train rows: its steps, time and epochs. */
  steps: number;
  timeMs: number;
  epochs: number;
  /** Loss and accuracy of the final weights (after the last step) on all the train rows and on the test rows. */
  finalTrainLoss: number;
  trainAccuracy: number;
  trainRows: number;
  testLoss: number;
  testAccuracy: number;
  /** False when the training loss was still falling at the end of the run that set the epochs (see stillFalling). */
  converged: boolean;
  /** Set when the final training loss is far above the initial weights' (see lossDivergence), or the run left the finite numbers. */
  diverged: Divergence | null;
  /** The run that chose the epochs (null with --early-stop off, or when that run was stopped or diverged). */
  selection: Selection | null;
  /** The epochs of the run the result comes from: the final run, or the choosing run when that one was stopped or diverged. */
  history: EpochRecord[];
  /** Which run that is. */
  phase: 'choosing epochs' | 'final';
  test: Evaluation;
  /** True when `stop` ended the run early (Ctrl-C): the epochs recorded are the completed ones. */
  stopped: boolean;
}

/**
 * Which of the run's two fits a checkpoint holds: the one that chooses the epochs on the val rows, or
 * the final one on all train rows (with the choice it was given). Written beside the settings.
 */
export type RunPhase = { phase: 'choosing epochs' } | { phase: 'final'; selection: Selection | null };

/** What `--resume` continues: the checkpoint's path and the phase it holds. */
export type ResumePoint = { path: string } & RunPhase;

/**
 * How `trainModel` runs besides the setup: checkpoints (both fits write them, each with its phase in
 * the metadata), the checkpoint to resume, and a request to stop.
 */
export interface RunOptions {
  checkpoint?: CheckpointOptions;
  resume?: ResumePoint;
  /** Asked after every step; true stops the run there. */
  stop?: () => boolean;
}

const records = (epochs: readonly EpochLogs[]): EpochRecord[] =>
  epochs.map((e) => ({
    epoch: e.epoch,
    loss: e.loss,
    trainAccuracy: e.accuracy ?? NaN,
    valLoss: e.valLoss ?? NaN,
    valAccuracy: e.valAccuracy ?? NaN,
  }));

/**
 * Trains `model` in place with `method` and scores it. Unless --early-stop is off, the number of epochs
 * is chosen first: the train rows are split again (stratified, from the seed), 80 % train while the other
 * 20 % are watched, and training stops once their loss has gone --early-stop epochs without a new lowest;
 * then the model starts again from the same initial weights on all the train rows for the epochs that gave
 * the lowest val loss. The test rows are scored once, at the end.
 * --batch-size is k of the mini-batch methods; gd and sgd keep N and 1 (`train` refuses the mix up front).
 * A run that leaves the finite numbers is a diverged result (the model keeps its last finite weights), not an error.
 */
export function trainModel(
  model: CliModel,
  method: AnyMethodName,
  setup: TrainingSetup,
  progress: Writer | null,
  run: RunOptions = {},
): RunResult {
  const { train, test } = setup.prepared;
  const lr = setup.lr ?? defaultLr(method);
  const k = setup.batchSize ?? DEFAULT_BATCH_K;
  const common = {
    optimizer: method,
    lr,
    seed: setup.seed,
    ...(progress ? { verbose: 1 as const, log: progress } : { verbose: 0 as const }),
  };
  // Each fit saves its phase beside the run's settings, so --resume knows which fit to continue.
  const saving = (phase: RunPhase) =>
    run.checkpoint ? { checkpoint: { ...run.checkpoint, metadata: { ...run.checkpoint.metadata, ...phase } } } : {};
  const resuming = (phase: RunPhase['phase']) => (run.resume?.phase === phase ? { resumeFrom: run.resume.path } : {});
  const initialLoss = evaluateLoss(model, train);
  let selection: Selection | null = run.resume?.phase === 'final' ? run.resume.selection : null;
  let epochs = selection?.bestEpoch ?? setup.epochs;
  let outcome: FitOutcome | null = null;
  if (setup.earlyStop !== null && run.resume?.phase !== 'final') {
    const initial = model.stateDict();
    const split = validationSplit(setup);
    const rows = datasetSize(split.train);
    const batchSize = batchSizeFor(method, rows, k);
    const options = {
      ...common,
      epochs,
      batchSize,
      validationData: split.validation,
      callbacks: [earlyStopping({ patience: setup.earlyStop })],
      ...saving({ phase: 'choosing epochs' }),
      ...resuming('choosing epochs'),
    };
    const choosing = guardedFit(model, split.train, options, Math.ceil(rows / batchSize), run.stop);
    const best = choosing.history?.best;
    if (choosing.stopped || choosing.failure || !best) outcome = choosing;
    else {
      selection = {
        trainRows: rows,
        valRows: datasetSize(split.validation),
        epochsRun: choosing.epochs.length,
        bestEpoch: best.epoch,
        bestValLoss: best.valLoss,
        lastValLoss: best.lastValLoss,
        stoppedEarly: choosing.history!.stopped,
        valLossRose: best.rose,
        history: records(choosing.epochs),
        steps: choosing.steps,
      };
      epochs = best.epoch;
      model.loadStateDict(initial);
      progress?.write(
        `now all ${datasetSize(train)} train rows train from the same initial weights for those ${best.epoch} epoch${best.epoch === 1 ? '' : 's'}\n`,
      );
    }
  }
  const phase = outcome ? 'choosing epochs' : 'final';
  const batchSize = batchSizeFor(method, datasetSize(train), k);
  outcome ??= guardedFit(
    model,
    train,
    {
      ...common,
      epochs,
      batchSize,
      ...(selection && progress ? { logEvery: Math.ceil(epochs / 5) } : {}),
      ...saving({ phase: 'final', selection }),
      ...resuming('final'),
    },
    Math.ceil(datasetSize(train) / batchSize),
    run.stop,
  );
  const trainEval = evaluate(model, train);
  const testEval = evaluate(model, test);
  const history = records(outcome.epochs);
  const watched = selection ? selection.history : history;
  return {
    optimizer: method,
    lr,
    batchSize,
    steps: outcome.steps,
    timeMs: outcome.timeMs,
    epochs: outcome.epochs.length,
    finalTrainLoss: trainEval.loss,
    trainAccuracy: trainEval.accuracy,
    trainRows: datasetSize(train),
    testLoss: testEval.loss,
    testAccuracy: testEval.accuracy,
    converged: (selection !== null && selection.bestEpoch < selection.epochsRun) || stillFalling(watched.map((e) => e.loss)) === null,
    diverged: outcome.failure ?? lossDivergence(initialLoss, trainEval.loss),
    selection,
    history,
    phase,
    test: testEval,
    stopped: outcome.stopped,
  };
}

/** "did not converge: …" when the run that set the epochs ended while its training loss was still falling, else null. */
export function convergenceNote(result: RunResult): string | null {
  if (result.converged || result.diverged) return null;
  const falling = stillFalling((result.selection?.history ?? result.history).map((h) => h.loss));
  if (!falling) return null;
  const val = result.selection ? ', and its val loss was lowest at that last epoch' : '';
  return `did not converge: the train loss (epoch mean) was still falling at the last epoch (${formatNumber(falling.before)} → ${formatNumber(falling.after)} over the last ${falling.epochs * 2} epochs)${val}; train longer (--epochs) or raise --lr`;
}

/** The choice of epochs in a line: "epochs chosen: 14, where the val loss was lowest (0.1420 on the 24 val rows); …". */
export function describeSelection(s: Selection): string {
  const end = s.stoppedEarly
    ? `training stopped at epoch ${s.epochsRun}, ${s.epochsRun - s.bestEpoch} epochs without a lower one, at ${formatNumber(s.lastValLoss)}`
    : `at the last epoch, ${s.epochsRun}, it was ${formatNumber(s.lastValLoss)}`;
  const rose = s.valLossRose ? `; it rose after epoch ${s.bestEpoch}, a sign of overfitting` : '';
  return `epochs chosen: ${s.bestEpoch}, where the val loss was lowest (${formatNumber(s.bestValLoss)} on the ${s.valRows} val rows); ${end}${rose}`;
}
