import type { Tensor } from '../tensor/tensor.ts';
import { formatShape } from '../tensor/shape.ts';
import { noGrad } from '../tensor/autograd.ts';
import type { Module } from '../nn/module.ts';
import { clipGradNorm as clipGradients } from '../optim/clip.ts';
import { batches } from '../data/batches.ts';
import { Rng } from '../util/random.ts';
import { saveCheckpoint } from '../checkpoint/checkpoint.ts';
import { resumeRun, snapshotTargets } from './resume.ts';
import { resolveCheckpointOptions } from '../checkpoint/options.ts';
import { checkpointStore, defaultClock } from '../platform.ts';
import type { Callback, EpochLogs, StepLogs, TrainingControl } from './callbacks.ts';
import { recordEpoch, type History } from './history.ts';
import type { FitOptions } from './fit-options.ts';

export type { History } from './history.ts';
export type { FitOptions } from './fit-options.ts';
import { TrainingError } from './errors.ts';
import { toArrays, type TrainingData } from '../data/batches.ts';
import { predictLogits } from './evaluate.ts';
import { FiniteGuard } from './guard.ts';
import { resolveLoss, type LossFn, type Targets } from './losses.ts';
import { addToConfusion, classCountOf, metricFromConfusion, predictClasses, type MetricName } from './metrics.ts';
import { Progress } from './progress.ts';
import { validationWatch } from './overfitting.ts';
import {
  checkEpochs,
  checkFitFlags,
  checkLabels,
  resolveMetrics,
  resolveOptimizer,
  resolveScheduler,
  validationKey,
  type Metric,
} from './setup.ts';

/** Trains `model` on `data` with mini-batch gradient steps; see FitOptions for every knob. */
export function fit(model: Module, data: TrainingData, options: FitOptions = {}): History {
  const now = options.now ?? defaultClock;
  const started = now();
  const epochs = checkEpochs(options.epochs ?? 10);
  checkFitFlags(options);
  const { x, y } = toArrays(data, 'fit');
  const n = x.shape[0]!;
  const validation = options.validationData ? toArrays(options.validationData, 'fit (validationData)') : null;
  const lossFn = resolveLoss(model, options.loss);
  checkLabels(
    model,
    x,
    validation
      ? [
          ['y', y],
          ['validationData.y', validation.y],
        ]
      : [['y', y]],
    options.loss,
  );
  const classification = y instanceof Int32Array;
  const metrics = resolveMetrics(options.metrics, classification && (validation === null || validation.y instanceof Int32Array));
  if (metrics.custom.length > 0 && validation === null)
    throw new RangeError(`fit: custom metric "${metrics.custom[0]!.name}" is computed on validationData; pass validationData`);
  if (options.clipGradNorm !== undefined && !(options.clipGradNorm > 0 && Number.isFinite(options.clipGradNorm))) {
    throw new RangeError(`fit: clipGradNorm must be a positive finite number, got ${options.clipGradNorm}`);
  }
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
      resumed = resumeRun({
        path: options.resumeFrom,
        store,
        model,
        optimizer: setup.optimizer,
        scheduler,
        batchSize: setup.batchSize,
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
  const perStep = options.schedulerInterval === 'step';
  // One generator for the whole run, so its state at an epoch boundary is all a checkpoint needs.
  const rng = resumed?.rng ?? new Rng(options.seed ?? 0);
  const loader = batches({ x, y }, { batchSize, shuffle: options.shuffle ?? true, rng });
  const named = model.namedParameters();
  const known = new Set(named.map(([, p]) => p));
  optimizer.params.forEach((p, i) => {
    if (!known.has(p)) named.push([`optimizer.params[${i}]`, p]);
  });
  const guard = options.checkFinite === false ? null : new FiniteGuard(named);
  // Array.isArray narrows a readonly array to any[]; the annotation keeps every callback call type-checked.
  const given: readonly Callback[] =
    options.callbacks === undefined ? [] : Array.isArray(options.callbacks) ? options.callbacks : [options.callbacks as Callback];
  const control: TrainingControl = { model, optimizer, stopTraining: false };
  const progress = new Progress({
    epochs,
    stepsPerEpoch: loader.length,
    verbose: options.quiet ? 0 : options.verbose,
    log: options.log,
    logEvery: options.logEvery,
    now,
  });
  const history: History = {
    epochs: [],
    loss: [],
    stepLoss: [],
    valLoss: [],
    metrics: {},
    lr: [],
    timeMs: 0,
    shuffle: options.shuffle ?? true,
    seed: options.seed ?? 0,
    ...resumed?.history,
    steps: resumed?.step ?? 0,
    batchSize,
    stopped: false,
    optimizer,
  };
  const timeBefore = history.timeMs;
  const watch = validationWatch(options, validation !== null, epochs, history, progress, given);
  const callbacks = watch ? [...given, watch] : given;

  progress.start();
  for (const cb of callbacks) cb.onTrainBegin?.(control);
  try {
    for (let epoch = (resumed?.epoch ?? 0) + 1; epoch <= epochs && !control.stopTraining; epoch++) {
      const epochStart = now();
      const lr = optimizer.lr;
      let lossSum = 0,
        seen = 0,
        batch = 0;
      let confusion: number[][] | null = null;
      for (const { x: xb, y: yb } of loader) {
        const at = { epoch, step: ++history.steps, batch: ++batch };
        optimizer.zeroGrad();
        model.zeroGrad();
        const out = model.forward(xb);
        const lossTensor = lossFn(out, yb);
        if (lossTensor.size !== 1) throw new TrainingError(`fit: the loss must be a scalar, got shape ${formatShape(lossTensor.shape)}`);
        if (!lossTensor.requiresGrad) throw new TrainingError('fit: the loss does not depend on any parameter that requires grad');
        const loss = lossTensor.item();
        const stepLr = optimizer.lr;
        lossTensor.backward();
        guard?.checkBeforeStep(loss, at);
        const gradNorm = options.clipGradNorm === undefined ? undefined : clipGradients(optimizer.params, options.clipGradNorm);
        guard?.save();
        optimizer.step();
        guard?.checkAfterStep(loss, at);
        if (scheduler && perStep) scheduler.step();
        history.stepLoss.push(loss);
        const rows = xb.shape[0]!;
        lossSum += loss * rows;
        seen += rows;
        if (metrics.builtIn.length > 0) {
          confusion ??= square(classCountOf(out));
          addToConfusion(confusion, yb as Int32Array, predictClasses(out));
        }
        const stepLogs: StepLogs = { ...at, loss, batchSize: rows, lr: stepLr, ...(gradNorm === undefined ? {} : { gradNorm }) };
        for (const cb of callbacks) if (cb.onStepEnd?.(at.step, stepLogs, control) === 'stop') control.stopTraining = true;
        progress.step(epoch, history.steps, lossSum / seen);
        if (control.stopTraining) break;
      }
      const logs: EpochLogs = { epoch, loss: lossSum / seen, lr, steps: batch, timeMs: 0 };
      for (const m of metrics.builtIn) logs[m] = metricFromConfusion(m, confusion!);
      if (validation) Object.assign(logs, score(model, validation.x, validation.y, lossFn, metrics.builtIn, metrics.custom));
      logs.timeMs = now() - epochStart;
      if (scheduler && !perStep) scheduler.step();
      recordEpoch(history, logs);
      if (checkpoint && batch === loader.length && (epoch % checkpoint.every === 0 || epoch === epochs)) {
        saveCheckpoint(
          checkpoint.path,
          { model, optimizer, scheduler, epoch, step: history.steps, rng, history: { ...history, timeMs: timeBefore + now() - started } },
          store,
          { force: checkpoint.force },
        );
      }
      for (const cb of callbacks) if (cb.onEpochEnd?.(epoch, logs, control) === 'stop') control.stopTraining = true;
      progress.epoch(epoch, history.steps, logs);
    }
  } catch (error) {
    progress.abort();
    throw error;
  }
  history.stopped = control.stopTraining;
  for (const cb of callbacks) cb.onTrainEnd?.(control);
  history.timeMs = timeBefore + now() - started;
  if (watch) history.best = watch.summary();
  progress.finish({ epochs: history.epochs.length, steps: history.steps, stopped: history.stopped, best: history.best });
  return history;
}

function square(c: number): number[][] {
  return Array.from({ length: c }, () => new Array<number>(c).fill(0));
}

/** Validation loss and metrics from one forward pass without a graph. */
function score(model: Module, x: Tensor, y: Targets, lossFn: LossFn, builtIn: MetricName[], custom: Metric[]): Record<string, number> {
  // In chunks of rows: one pass over a large validation set would hold every hidden activation at once.
  const out = predictLogits(model, x);
  const logs: Record<string, number> = { valLoss: noGrad(() => lossFn(out, y).item()) };
  if (builtIn.length > 0) {
    const confusion = square(classCountOf(out));
    addToConfusion(confusion, y as Int32Array, predictClasses(out));
    for (const m of builtIn) logs[validationKey(m)] = metricFromConfusion(m, confusion);
  }
  for (const m of custom) logs[validationKey(m.name)] = m.fn(out, y);
  return logs;
}
