import type { Module } from '../nn/module.ts';
import { batches, toArrays, type BatchLoader, type TrainingData } from '../data/batches.ts';
import { Rng } from '../util/random.ts';
import { resolveCheckpointOptions } from '../checkpoint/options.ts';
import { checkpointStore, defaultClock } from '../platform.ts';
import type { Callback, TrainingControl } from './callbacks.ts';
import type { FitOptions } from './fit-options.ts';
import {
  FitHooks,
  checkpointWriter,
  epochClock,
  epochTally,
  historyRecorder,
  progressReport,
  scheduleSteps,
  validationScore,
  type EpochTally,
  type FitHook,
} from './fit-hooks.ts';
import { FiniteGuard } from './guard.ts';
import type { History } from './history.ts';
import { resolveLoss } from './losses.ts';
import { Progress } from './progress.ts';
import { resumeRun, snapshotTargets } from './resume.ts';
import { checkEpochs, checkFitFlags, checkLabels, resolveMetrics, resolveOptimizer, resolveScheduler } from './setup.ts';
import { checkClip, type StepSetup } from './step.ts';
import { validationWatch } from './overfitting.ts';

/** A run as `fit` drives it: everything checked, a resumed run restored, nothing trained yet. */
export interface FitRun {
  readonly epochs: number;
  /** 1, or the epoch after a resumed checkpoint's. */
  readonly firstEpoch: number;
  readonly loader: BatchLoader;
  readonly step: StepSetup;
  readonly control: TrainingControl;
  readonly history: History;
  readonly tally: EpochTally;
  readonly hooks: FitHooks;
  /** The run's training time so far in milliseconds (a resumed run's earlier time included). */
  elapsed(): number;
}

/** Checks every option against the model and data, before the first step, so a bad one costs no training. */
export function prepareFit(model: Module, data: TrainingData, options: FitOptions): FitRun {
  const now = options.now ?? defaultClock;
  const started = now();
  const epochs = checkEpochs(options.epochs ?? 10);
  checkFitFlags(options);
  const { x, y } = toArrays(data, 'fit');
  const n = x.shape[0]!;
  const validation = options.validationData ? toArrays(options.validationData, 'fit (validationData)') : null;
  const loss = resolveLoss(model, options.loss);
  checkLabels(model, x, validation ? [['y', y] as const, ['validationData.y', validation.y] as const] : [['y', y]], options.loss);
  const classification = y instanceof Int32Array;
  const metrics = resolveMetrics(options.metrics, classification && (validation === null || validation.y instanceof Int32Array));
  if (metrics.custom.length > 0 && validation === null)
    throw new RangeError(`fit: custom metric "${metrics.custom[0]!.name}" is computed on validationData; pass validationData`);
  checkClip('fit', 'clipGradNorm', options.clipGradNorm);
  const checkpoint = resolveCheckpointOptions(options.checkpoint);
  const store = checkpoint || options.resumeFrom !== undefined ? checkpointStore('fit', options.checkpointStore) : undefined;
  // Checked before the first step, so a bad path does not cost a whole run.
  if (checkpoint) store?.check?.(checkpoint.path, { force: checkpoint.force });
  // A failed resume must leave a passed optimizer or scheduler as it was, lr included (resolveOptimizer sets it).
  const undo = options.resumeFrom === undefined ? null : snapshotTargets(model, options.optimizer, options.scheduler);
  let setup: ReturnType<typeof resolveOptimizer>;
  let scheduler: ReturnType<typeof resolveScheduler>;
  let resumed: ReturnType<typeof resumeRun> | null = null;
  try {
    setup = resolveOptimizer(model, options.optimizer, options, n);
    scheduler = resolveScheduler(options.scheduler, setup.optimizer);
    if (options.resumeFrom !== undefined) {
      const { lr, optimizerOptions, shuffle, seed } = options;
      const { optimizer, batchSize } = setup;
      resumed = resumeRun({
        path: options.resumeFrom,
        store,
        model,
        optimizer,
        scheduler,
        batchSize,
        epochs,
        lr,
        optimizerOptions,
        shuffle,
        seed,
      });
    }
  } catch (error) {
    undo?.();
    throw error;
  }
  const { optimizer, batchSize } = setup;
  // One generator for the whole run, so its state at an epoch boundary is all a checkpoint needs.
  const rng = resumed?.rng ?? new Rng(options.seed ?? 0);
  const loader = batches({ x, y }, { batchSize, shuffle: options.shuffle ?? true, rng });
  const guard = options.checkFinite === false ? null : FiniteGuard.over(model, optimizer);
  const shuffle = options.shuffle ?? true,
    seed = options.seed ?? 0;
  const empty = { epochs: [], loss: [], stepLoss: [], valLoss: [], metrics: {}, lr: [], timeMs: 0, shuffle, seed };
  const history: History = { ...empty, ...resumed?.history, steps: resumed?.step ?? 0, batchSize, stopped: false, optimizer };
  const timeBefore = history.timeMs;
  const elapsed = (): number => timeBefore + now() - started;
  const verbose = options.quiet ? 0 : options.verbose;
  const progress = new Progress({ epochs, stepsPerEpoch: loader.length, verbose, log: options.log, logEvery: options.logEvery, now });
  const tally = epochTally(metrics.builtIn);
  // Array.isArray narrows a readonly array to any[]; the annotation keeps every callback call type-checked.
  const callbacks: readonly Callback[] =
    options.callbacks === undefined ? [] : Array.isArray(options.callbacks) ? options.callbacks : [options.callbacks as Callback];
  const stepsPerEpoch = loader.length;
  const watch = validationWatch(options, validation !== null, epochs, history, progress, callbacks);
  const hooks: FitHook[] = [
    tally,
    ...(validation ? [validationScore(model, validation.x, validation.y, loss, metrics.builtIn, metrics.custom)] : []),
    epochClock(now),
    ...(scheduler ? [scheduleSteps(scheduler, options.schedulerInterval === 'step')] : []),
    historyRecorder(history),
    ...(checkpoint
      ? [checkpointWriter(checkpoint, store, { model, optimizer, scheduler, rng, history, epochs, stepsPerEpoch, elapsed })]
      : []),
    ...callbacks,
    // After the callbacks, so that the best epoch it restores and reports is the one they saw.
    ...(watch ? [watch, { onTrainEnd: () => void (history.best = watch.summary()) }] : []),
    progressReport(progress, tally, history),
  ];
  return {
    epochs,
    firstEpoch: (resumed?.epoch ?? 0) + 1,
    loader,
    step: { loss, optimizer, clip: options.clipGradNorm, guard },
    control: { model, optimizer, history, stopTraining: false },
    history,
    tally,
    hooks: new FitHooks(hooks),
    elapsed,
  };
}
