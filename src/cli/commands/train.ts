import { constants } from 'node:os';
import { resolve } from 'node:path';
import { saveModel } from '../../node/model-files.ts';
import { getMethod, type AnyMethodName } from '../../train/methods.ts';
import { UsageError } from '../args.ts';
import { defaultLr } from '../defaults.ts';
import { divergenceAdvice } from '../divergence.ts';
import { checkSameRun, phaseOf, readRunSettings, runSettings } from '../resume.ts';
import { formatReport } from '../../train/report.ts';
import { formatDuration } from '../../train/progress.ts';
import { formatNumber } from '../../util/format-number.ts';
import { describeRef, splitDataset, TEST_FRACTION, VALIDATION_FRACTION } from '../data.ts';
import { FLAGS } from '../flags.ts';
import { printJson, type Command } from '../io.ts';
import { outputFor } from '../output.ts';
import { datasetFingerprint, rowFingerprints, type DataFingerprint } from '../../data/fingerprint.ts';
import { buildModel, checkBatchSize, describeModel } from '../model.ts';
import { describeData, describeProtocol, readSetup, type TrainingSetup } from '../setup.ts';
import { datasetSummary, evaluationSummary } from '../summaries.ts';
import { convergenceNote, describeSelection, trainModel, type RunResult } from '../training.ts';
import { version } from '../version.ts';

export const trainCommand: Command = {
  spec: {
    name: 'train',
    summary: 'train a logistic-regression or MLP classifier and report its test metrics',
    flags: [
      FLAGS.dataset,
      FLAGS.label,
      FLAGS.model,
      FLAGS.hidden,
      FLAGS.l2,
      FLAGS.optimizer,
      FLAGS.lr,
      FLAGS.batchSize,
      FLAGS.epochs,
      FLAGS.earlyStop,
      FLAGS.seed,
      { name: 'save', value: '<model.json>', description: 'write the trained model with its scaler, class and feature names and options' },
      {
        name: 'checkpoint',
        value: '<file>',
        description:
          'save the run after every epoch (weights, optimizer state, shuffling, history), so Ctrl-C or a crash loses one epoch at most',
      },
      {
        name: 'resume',
        value: '<file>',
        description:
          'continue the run saved in this checkpoint, given the flags it was started with (--epochs is the total); it goes on saving there unless --checkpoint names another file',
      },
      FLAGS.force,
      FLAGS.allowLarge,
      FLAGS.json,
    ],
    examples: [
      'gradlab train --dataset iris --epochs 50 --save iris.json',
      'gradlab train --dataset wine --model logistic --optimizer gd --lr 0.5',
      'gradlab train --dataset iris --optimizer adamw --early-stop off',
      'gradlab train --dataset data/my.csv --label species --hidden 32 --json > run.json',
    ],
  },
  run(given, io) {
    const method = (given.optimizer as AnyMethodName | undefined) ?? 'adam';
    checkBatchSize(method, given['batch-size'] as number | undefined);
    // sgd's --batch-size 1 is sgd itself: the same run (and default epochs) as without the flag.
    const { 'batch-size': _k, ...rest } = given;
    const values = getMethod(method).batchSize === 'k' ? given : rest;
    const save = outputFor('save', 'model', values, io.cwd);
    const resume = values.resume === undefined ? null : { path: resolve(io.cwd, values.resume as string), shown: values.resume as string };
    const resumed = resume ? readRunSettings(resume.path, resume.shown) : null;
    // --resume alone goes on saving to the checkpoint it continues.
    const checkpoint = outputFor('checkpoint', 'checkpoint', { ...values, checkpoint: values.checkpoint ?? values.resume }, io.cwd);
    if (checkpoint && save?.path === checkpoint.path)
      throw new UsageError(`--save ${save.shown}: the same file as the checkpoint; the model and the checkpoint need a file each`);
    const setup = readSetup(values, io.cwd);
    const lr = setup.lr ?? defaultLr(method);
    const settings = runSettings(setup, method, lr, io.cwd);
    if (resume && resumed) checkSameRun(resumed, settings, resume.shown);
    const { dataset } = setup.prepared;
    const model = buildModel(setup.kind, dataset.featureNames.length, dataset.classNames.length, setup.hidden, setup.seed, setup.l2);
    if (!setup.json) {
      io.stdout.write(`${describeData(setup)}\n`);
      io.stdout.write(`${describeProtocol(setup)}\n`);
      io.stdout.write(`model: ${describeModel(model)}, ${model.parameterCount()} parameters; optimizer ${method}\n`);
    }
    const interrupted = io.interrupted;
    const result = trainModel(model, method, setup, setup.json ? null : io.stdout, {
      ...(checkpoint ? { checkpoint: { path: checkpoint.path, force: checkpoint.options.force, metadata: { ...settings } } } : {}),
      ...(resume && resumed ? { resume: { path: resume.path, ...phaseOf(resumed) } } : {}),
      ...(interrupted ? { stop: () => interrupted() !== null } : {}),
    });
    if (result.stopped && interrupted) {
      const signal = interrupted() ?? 'SIGINT';
      io.stderr.write(`gradlab train: ${interruptedMessage(signal, result, setup.epochs, checkpoint?.shown, save?.shown)}\n`);
      return 128 + ((constants.signals as Record<string, number | undefined>)[signal] ?? 2);
    }
    // A diverged model is not saved: it would replace a good one under the same name, and looks like any other.
    const savePath = result.diverged ? undefined : save?.shown;
    if (save && savePath !== undefined) saveModel(save.path, model, modelMetadata(setup, result, io.cwd), save.options);
    const verdict = result.diverged
      ? new Error(
          `training diverged: ${result.diverged.what}; ${divergenceAdvice(method, result.lr)}${save ? `; --save ${save.shown} was not written` : ''}`,
        )
      : null;
    if (setup.json) {
      printJson(io, {
        command: 'train',
        dataset: datasetSummary(dataset, setup.prepared),
        model: { ...model.config(), parameters: model.parameterCount() },
        optimizer: result.optimizer,
        lr: result.lr,
        batchSize: result.batchSize,
        epochs: setup.epochs,
        earlyStop: setup.earlyStop,
        seed: setup.seed,
        steps: result.steps,
        timeMs: result.timeMs,
        finalEpochs: result.epochs,
        finalTrainLoss: result.finalTrainLoss,
        trainAccuracy: result.trainAccuracy,
        trainRows: result.trainRows,
        testLoss: result.testLoss,
        testAccuracy: result.testAccuracy,
        converged: result.converged,
        diverged: result.diverged,
        selection: result.selection,
        test: evaluationSummary(result.test),
        history: result.history,
        saved: savePath ?? null,
      });
      if (verdict) throw verdict;
      return 0;
    }
    io.stdout.write(
      `\noptimizer ${method} (lr ${result.lr}, batch ${result.batchSize}): the final run took ${result.epochs} epochs, ${result.steps} steps in ${formatDuration(result.timeMs)}\n`,
    );
    if (result.selection) io.stdout.write(`${describeSelection(result.selection)}\n`);
    io.stdout.write(
      `final train loss ${formatNumber(result.finalTrainLoss)}, train accuracy ${formatNumber(result.trainAccuracy)} (all ${result.trainRows} train rows, after the last step)\n`,
    );
    io.stdout.write(
      `test loss ${formatNumber(result.testLoss)}, test accuracy ${formatNumber(result.testAccuracy)} (the ${result.test.support} test rows, scored once)\n`,
    );
    const note = convergenceNote(result);
    if (note) io.stdout.write(`${note}\n`);
    io.stdout.write('\n');
    io.stdout.write(`test split report:\n${formatReport(result.test)}\n`);
    if (verdict) throw verdict;
    if (savePath !== undefined)
      io.stdout.write(`\nsaved ${savePath} (evaluate it with: gradlab evaluate --model ${savePath} --dataset ${dataArg(setup)})\n`);
    return 0;
  },
};

/** What Ctrl-C (or another stopping signal) left behind, and how to go on. */
function interruptedMessage(
  signal: string,
  result: RunResult,
  epochs: number,
  checkpoint: string | undefined,
  save: string | undefined,
): string {
  const what = signal === 'SIGINT' ? 'Ctrl-C (SIGINT)' : signal;
  const done = result.history.length;
  const where =
    result.phase === 'choosing epochs'
      ? `${done} of at most ${epochs} epochs of the run that chooses the epochs on the val rows`
      : `${done} of ${result.selection ? result.selection.bestEpoch : epochs} epochs${result.selection ? ' of the final run on all train rows' : ''}`;
  const kept =
    checkpoint === undefined
      ? 'nothing was saved; to stop a run and continue it later, train with --checkpoint <file> (saved after every epoch), then run the same command with --resume <file>'
      : done === 0 && result.phase === 'final' && result.selection
        ? `${checkpoint} holds the run that chose them: continue with the same command and --resume ${checkpoint}`
        : done === 0
          ? `no epoch was completed, so ${checkpoint} was not written`
          : `${checkpoint} holds the ${done} completed epoch${done === 1 ? '' : 's'}: continue with the same command and --resume ${checkpoint}`;
  return `interrupted by ${what} after ${where}; ${kept}${save === undefined ? '' : `; --save ${save} was not written`}`;
}

function dataArg(setup: TrainingSetup): string {
  return setup.ref.kind === 'bundled' ? setup.ref.name : setup.ref.path;
}

/** What `evaluate` needs to use the model on new rows and to recreate the test split. */

export type TrainMetadata = {
  classNames: string[];
  featureNames: string[];
  labelColumn: string;
  scaler: { mean: number[]; scale: number[] };
  /** `fingerprint` lets evaluate tell the training data from changed or other data. */
  dataset: { kind: 'bundled' | 'file'; name: string; rows: number; fingerprint: DataFingerprint };
  /** Fingerprints of the rows of the train split (val rows included), so evaluate can tell rows the model has seen. */
  trainingRows: { count: number; hashes: string };
  split: { testFraction: number; validationFraction: number | null; stratified: true; seed: number };
  training: {
    model: string;
    hidden: number[] | null;
    optimizer: AnyMethodName;
    lr: number;
    batchSize: number;
    /** The budget, the epochs of the final run and, when they were chosen on validation rows, the --early-stop patience. */
    epochs: number;
    finalEpochs: number;
    earlyStop: number | null;
    seed: number;
  };
  results: { finalTrainLoss: number; trainAccuracy: number; testLoss: number; testAccuracy: number };
  gradlabVersion: string;
};

function modelMetadata(setup: TrainingSetup, result: RunResult, cwd: string): TrainMetadata {
  const { dataset, scaler } = setup.prepared;
  const meta: TrainMetadata = {
    classNames: dataset.classNames,
    featureNames: dataset.featureNames,
    labelColumn: dataset.labelName,
    scaler: scaler.toJSON(),
    dataset: { ...describeRef(setup.ref, cwd), rows: dataset.features.shape[0] ?? 0, fingerprint: datasetFingerprint(dataset) },
    trainingRows: { count: setup.prepared.train.features.shape[0] ?? 0, hashes: rowFingerprints(splitDataset(dataset, setup.seed).train) },
    split: {
      testFraction: TEST_FRACTION,
      validationFraction: setup.earlyStop === null ? null : VALIDATION_FRACTION,
      stratified: true,
      seed: setup.seed,
    },
    training: {
      model: setup.kind,
      hidden: setup.kind === 'mlp' ? setup.hidden : null,
      optimizer: result.optimizer,
      lr: result.lr,
      batchSize: result.batchSize,
      epochs: setup.epochs,
      finalEpochs: result.epochs,
      earlyStop: setup.earlyStop,
      seed: setup.seed,
    },
    results: {
      finalTrainLoss: result.finalTrainLoss,
      trainAccuracy: result.trainAccuracy,
      testLoss: result.testLoss,
      testAccuracy: result.testAccuracy,
    },
    gradlabVersion: version(),
  };
  return meta;
}
