import { constants } from 'node:os';
import { resolve } from 'node:path';
import { saveModel } from '../../node/model-files.ts';
import { getMethod, type MethodName } from '../../train/methods.ts';
import { UsageError } from '../args.ts';
import { defaultLr } from '../defaults.ts';
import { checkSameRun, readRunSettings, runSettings } from '../resume.ts';
import { formatReport } from '../../train/report.ts';
import { formatDuration } from '../../train/progress.ts';
import { describeRef, TEST_FRACTION } from '../data.ts';
import { FLAGS } from '../flags.ts';
import { printJson, type Command } from '../io.ts';
import { outputFor } from '../output.ts';
import { datasetFingerprint, type DataFingerprint } from '../../data/fingerprint.ts';
import { buildModel, checkBatchSize, describeModel } from '../model.ts';
import { datasetSummary, describeData, evaluationSummary, readSetup, trainModel, type RunResult, type TrainingSetup } from '../training.ts';
import { version } from '../version.ts';
import { convergenceNote } from '../training.ts';
import { divergenceAdvice } from '../divergence.ts';

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
      'gradlab train --dataset data/my.csv --label species --hidden 32 --json > run.json',
    ],
  },
  run(given, io) {
    const method = (given.optimizer as MethodName | undefined) ?? 'adam';
    checkBatchSize(method, given['batch-size'] as number | undefined);
    // sgd's --batch-size 1 is sgd itself: the same run (and default epochs) as without the flag.
    const { 'batch-size': k, ...rest } = given;
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
      io.stdout.write(
        `model: ${describeModel(model)}, ${model.parameterCount()} parameters; optimizer ${method}; val* = the held-out test split\n`,
      );
    }
    const interrupted = io.interrupted;
    const result = trainModel(model, method, setup, setup.json ? null : io.stdout, {
      ...(checkpoint ? { checkpoint: { path: checkpoint.path, force: checkpoint.options.force, metadata: { ...settings } } } : {}),
      ...(resume ? { resumeFrom: resume.path } : {}),
      ...(interrupted ? { stop: () => interrupted() !== null } : {}),
    });
    if (result.stopped && interrupted) {
      const signal = interrupted() ?? 'SIGINT';
      io.stderr.write(
        `gradlab train: ${interruptedMessage(signal, result.history.length, setup.epochs, checkpoint?.shown, save?.shown)}\n`,
      );
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
        seed: setup.seed,
        steps: result.steps,
        timeMs: result.timeMs,
        finalTrainLoss: result.finalTrainLoss,
        trainAccuracy: result.trainAccuracy,
        testLoss: result.testLoss,
        testAccuracy: result.testAccuracy,
        converged: result.converged,
        diverged: result.diverged,
        test: evaluationSummary(result.test),
        history: result.history,
        saved: savePath ?? null,
      });
      if (verdict) throw verdict;
      return 0;
    }
    io.stdout.write(
      `\noptimizer ${method} (lr ${result.lr}, batch ${result.batchSize}): ${result.steps} steps in ${formatDuration(result.timeMs)}\n`,
    );
    io.stdout.write(`final train loss ${result.finalTrainLoss.toFixed(4)}, train accuracy ${result.trainAccuracy.toFixed(4)}\n`);
    io.stdout.write(`test loss ${result.testLoss.toFixed(4)}, test accuracy ${result.testAccuracy.toFixed(4)}\n`);
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
  done: number,
  epochs: number,
  checkpoint: string | undefined,
  save: string | undefined,
): string {
  const what = signal === 'SIGINT' ? 'Ctrl-C (SIGINT)' : signal;
  const kept =
    checkpoint === undefined
      ? 'nothing was saved; to stop a run and continue it later, train with --checkpoint <file> (saved after every epoch), then run the same command with --resume <file>'
      : done === 0
        ? `no epoch was completed, so ${checkpoint} was not written`
        : `${checkpoint} holds the ${done} completed epoch${done === 1 ? '' : 's'}: continue with the same command and --resume ${checkpoint}`;
  return `interrupted by ${what} after ${done} of ${epochs} epochs; ${kept}${save === undefined ? '' : `; --save ${save} was not written`}`;
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
  split: { testFraction: number; stratified: true; seed: number };
  training: { model: string; hidden: number[] | null; optimizer: MethodName; lr: number; batchSize: number; epochs: number; seed: number };
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
    split: { testFraction: TEST_FRACTION, stratified: true, seed: setup.seed },
    training: {
      model: setup.kind,
      hidden: setup.kind === 'mlp' ? setup.hidden : null,
      optimizer: result.optimizer,
      lr: result.lr,
      batchSize: result.batchSize,
      epochs: setup.epochs,
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
