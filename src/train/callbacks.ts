import type { Module } from '../nn/module.ts';
import type { ModuleState } from '../nn/module.ts';
import type { Optimizer } from '../optim/optimizer.ts';
import type { EpochLogs } from '../checkpoint/history-record.ts';

export type { EpochLogs } from '../checkpoint/history-record.ts';

/** After each optimizer step. `epoch`, `step` (global) and `batch` (within the epoch) count from 1. */
export interface StepLogs {
  epoch: number;
  step: number;
  batch: number;
  loss: number;
  batchSize: number;
  lr: number;
  /** The total gradient norm before clipping, when `clipGradNorm` is set. */
  gradNorm?: number;
}

/** Lets callbacks end training: set `stopTraining = true` (as in Keras) or return 'stop'. */
export interface TrainingControl {
  readonly model: Module;
  readonly optimizer: Optimizer;
  /** The epochs run so far; at `onTrainBegin` of a resumed run, those of the run before the checkpoint. */
  readonly history?: { readonly epochs: readonly EpochLogs[] };
  stopTraining: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- hooks that return nothing must still type-check as callbacks
export type CallbackResult = void | 'stop';

export interface Callback {
  onTrainBegin?(control: TrainingControl): void;
  onStepEnd?(step: number, logs: StepLogs, control: TrainingControl): CallbackResult;
  onEpochEnd?(epoch: number, logs: EpochLogs, control: TrainingControl): CallbackResult;
  onTrainEnd?(control: TrainingControl): void;
}

export interface EarlyStoppingOptions {
  /** A key of the epoch logs (default 'valLoss'). */
  monitor?: string;
  /** 'min' for losses, 'max' for accuracies; default: 'max' when the key contains "acc", "f1", "precision" or "recall". */
  mode?: 'min' | 'max';
  /** Stop after this many epochs in a row without improvement (default 5; 0 acts as 1, as in Keras). */
  patience?: number;
  /** An improvement must exceed this (default 0). */
  minDelta?: number;
  /** Put back the weights of the best epoch when stopping or at the end (default false). */
  restoreBestWeights?: boolean;
}

/**
 * Stops training when `monitor` has not improved for `patience` epochs (Keras' EarlyStopping). In a resumed
 * run it first replays the epochs before the checkpoint, so it stops where the uninterrupted run would
 * (the weights of a best epoch before the checkpoint are not kept, so `restoreBestWeights` cannot restore those).
 */
export function earlyStopping(
  options: EarlyStoppingOptions = {},
): Callback & { readonly monitor: string; readonly bestEpoch: number; readonly best: number } {
  const monitor = options.monitor ?? 'valLoss';
  const mode = options.mode ?? (/acc|f1|precision|recall/i.test(monitor) ? 'max' : 'min');
  const patience = options.patience ?? 5;
  const minDelta = options.minDelta ?? 0;
  if (!(Number.isInteger(patience) && patience >= 0))
    throw new RangeError(`earlyStopping: patience must be an integer ≥ 0, got ${patience}`);
  if (!(minDelta >= 0)) throw new RangeError(`earlyStopping: minDelta must be ≥ 0, got ${minDelta}`);
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- validates input from untyped (JavaScript or JSON) callers
  if (mode !== 'min' && mode !== 'max') throw new RangeError(`earlyStopping: mode must be 'min' or 'max', got ${String(mode)}`);
  let best = mode === 'min' ? Infinity : -Infinity;
  let bestEpoch = 0;
  let wait = 0;
  let bestState: ModuleState | null = null;
  const restore = (control: TrainingControl): void => {
    if (options.restoreBestWeights && bestState) control.model.loadStateDict(bestState);
  };
  return {
    monitor,
    get best() {
      return best;
    },
    get bestEpoch() {
      return bestEpoch;
    },
    onTrainBegin(control) {
      const earlier = control.history?.epochs ?? [];
      for (const logs of earlier) observe(logs.epoch, logs, null);
      // The run before the checkpoint had already run out of patience: it stopped there.
      if (earlier.length > 0 && wait >= Math.max(patience, 1)) control.stopTraining = true;
    },
    onEpochEnd: (epoch, logs, control) => observe(epoch, logs, control),
    onTrainEnd(control) {
      restore(control);
    },
  };

  function observe(epoch: number, logs: EpochLogs, control: TrainingControl | null): CallbackResult {
    const value = logs[monitor];
    if (value === undefined) {
      throw new RangeError(
        `earlyStopping: the epoch logs have no "${monitor}" (they have: ${Object.keys(logs).join(', ')}); pass validationData to monitor val* values`,
      );
    }
    const improved = mode === 'min' ? value < best - minDelta : value > best + minDelta;
    if (improved) {
      best = value;
      bestEpoch = epoch;
      wait = 0;
      bestState = options.restoreBestWeights && control ? control.model.stateDict() : null;
      return;
    }
    if (++wait >= patience && control) {
      restore(control);
      return 'stop';
    }
  }
}
