import type { Tensor } from '../tensor/tensor.ts';
import { noGrad } from '../tensor/autograd.ts';
import type { Module } from '../nn/module.ts';
import type { Optimizer } from '../optim/optimizer.ts';
import type { LRScheduler } from '../optim/lr-scheduler.ts';
import type { Rng } from '../util/random.ts';
import { saveCheckpoint } from '../checkpoint/checkpoint.ts';
import type { CheckpointOptions } from '../checkpoint/options.ts';
import type { CheckpointStore } from '../platform.ts';
import type { CallbackResult, EpochLogs, StepLogs, TrainingControl } from './callbacks.ts';
import { predictLogits } from './evaluate.ts';
import { recordEpoch, type History } from './history.ts';
import type { LossFn, Targets } from './losses.ts';
import { addToConfusion, classCountOf, metricFromConfusion, predictClasses, type MetricName } from './metrics.ts';
import type { Progress } from './progress.ts';
import { validationKey, type Metric } from './setup.ts';
import type { StepResult } from './step.ts';

/**
 * One part of `fit`'s loop. fit's own parts (training metrics, validation, the epoch clock, the schedule, the
 * history, checkpoints, progress) and the user's callbacks run through one list, in that order, so a new behaviour
 * is one more hook. A public `Callback` is a FitHook; only fit's own parts read the step's output and targets.
 */
export interface FitHook {
  onTrainBegin?(control: TrainingControl): void;
  onEpochBegin?(epoch: number): void;
  onStepEnd?(step: number, logs: StepLogs, control: TrainingControl, result: StepResult, targets: Targets): CallbackResult;
  /** Parts earlier in the list fill `logs` (metrics, valLoss, timeMs) for those after them. */
  onEpochEnd?(epoch: number, logs: EpochLogs, control: TrainingControl): CallbackResult;
  onTrainEnd?(control: TrainingControl): void;
  /** Training ended by an error (a diverged step, a failed save). */
  onAbort?(): void;
}

/** Calls every hook in order; any hook's 'stop' ends training after the step or epoch (the others still run). */
export class FitHooks {
  constructor(private readonly hooks: readonly FitHook[]) {}

  trainBegin(control: TrainingControl): void {
    for (const h of this.hooks) h.onTrainBegin?.(control);
  }
  epochBegin(epoch: number): void {
    for (const h of this.hooks) h.onEpochBegin?.(epoch);
  }
  /** True when training is to stop now (a hook returned 'stop' or set `control.stopTraining`). */
  stepEnd(logs: StepLogs, control: TrainingControl, result: StepResult, targets: Targets): boolean {
    for (const h of this.hooks) if (h.onStepEnd?.(logs.step, logs, control, result, targets) === 'stop') control.stopTraining = true;
    return control.stopTraining;
  }
  epochEnd(logs: EpochLogs, control: TrainingControl): void {
    for (const h of this.hooks) if (h.onEpochEnd?.(logs.epoch, logs, control) === 'stop') control.stopTraining = true;
  }
  trainEnd(control: TrainingControl): void {
    for (const h of this.hooks) h.onTrainEnd?.(control);
  }
  abort(): void {
    for (const h of this.hooks) h.onAbort?.();
  }
}

/** The epoch's training loss (the row-weighted mean of its steps') and built-in metrics (from its confusion matrix). */
export interface EpochTally extends FitHook {
  readonly loss: number;
  metrics(): Record<string, number>;
}

export function epochTally(builtIn: readonly MetricName[]): EpochTally {
  let lossSum = 0,
    seen = 0;
  let confusion: number[][] | null = null;
  return {
    get loss() {
      return lossSum / seen;
    },
    metrics: () => Object.fromEntries(builtIn.map((m) => [m, metricFromConfusion(m, confusion!)])),
    onEpochBegin() {
      lossSum = seen = 0;
      confusion = null;
    },
    onStepEnd(_step, logs, _control, { output }, targets) {
      lossSum += logs.loss * logs.batchSize;
      seen += logs.batchSize;
      if (builtIn.length === 0) return;
      confusion ??= square(classCountOf(output));
      addToConfusion(confusion, targets as Int32Array, predictClasses(output));
    },
  };
}

/** valLoss and val-prefixed metrics after every epoch, from one forward pass without a graph. */
export function validationScore(model: Module, x: Tensor, y: Targets, loss: LossFn, builtIn: MetricName[], custom: Metric[]): FitHook {
  return {
    onEpochEnd(_epoch, logs) {
      // In chunks of rows: one pass over a large validation set would hold every hidden activation at once.
      const out = predictLogits(model, x);
      logs.valLoss = noGrad(() => loss(out, y).item());
      if (builtIn.length > 0) {
        const confusion = square(classCountOf(out));
        addToConfusion(confusion, y as Int32Array, predictClasses(out));
        for (const m of builtIn) logs[validationKey(m)] = metricFromConfusion(m, confusion);
      }
      for (const m of custom) logs[validationKey(m.name)] = m.fn(out, y);
    },
  };
}

/** Each epoch's wall time (its validation included) as `timeMs`. */
export function epochClock(now: () => number): FitHook {
  let started = 0;
  return {
    onEpochBegin() {
      started = now();
    },
    onEpochEnd(_epoch, logs) {
      logs.timeMs = now() - started;
    },
  };
}

/** Steps the learning-rate schedule after every step or every epoch. */
export function scheduleSteps(scheduler: LRScheduler, perStep: boolean): FitHook {
  const step = (): void => {
    scheduler.step();
  };
  return perStep ? { onStepEnd: step } : { onEpochEnd: step };
}

/** Records every step's loss and every epoch's logs in the history. */
export function historyRecorder(history: History): FitHook {
  return {
    onStepEnd(_step, logs) {
      history.stepLoss.push(logs.loss);
    },
    onEpochEnd(_epoch, logs) {
      recordEpoch(history, logs);
    },
  };
}

/** What a checkpoint is written from: the run's live state. */
export interface CheckpointSource {
  model: Module;
  optimizer: Optimizer;
  scheduler: LRScheduler | null;
  rng: Rng;
  history: History;
  epochs: number;
  stepsPerEpoch: number;
  /** The run's training time so far, in milliseconds (a resumed run's earlier time included). */
  elapsed: () => number;
}

/** Saves a checkpoint after every `every`-th complete epoch and after the last one. */
export function checkpointWriter(options: Required<CheckpointOptions>, store: CheckpointStore | undefined, run: CheckpointSource): FitHook {
  const { path, every, force, metadata } = options;
  return {
    onEpochEnd(epoch, logs) {
      if (logs.steps !== run.stepsPerEpoch || (epoch % every !== 0 && epoch !== run.epochs)) return;
      const { model, optimizer, scheduler, rng, history } = run;
      const state = {
        model,
        optimizer,
        scheduler,
        epoch,
        step: history.steps,
        rng,
        history: { ...history, timeMs: run.elapsed() },
        metadata,
      };
      saveCheckpoint(path, state, store, { force });
    },
  };
}

/** The progress bar or lines: last in the list, so an epoch's line shows what every part has added to its logs. */
export function progressReport(progress: Progress, tally: EpochTally, history: History): FitHook {
  return {
    onTrainBegin: () => progress.start(),
    onStepEnd: (step, logs) => progress.step(logs.epoch, step, tally.loss),
    onEpochEnd: (epoch, logs) => progress.epoch(epoch, history.steps, logs),
    onTrainEnd: () =>
      progress.finish({ epochs: history.epochs.length, steps: history.steps, stopped: history.stopped, best: history.best }),
    onAbort: () => progress.abort(),
  };
}

function square(c: number): number[][] {
  return Array.from({ length: c }, () => new Array<number>(c).fill(0));
}
