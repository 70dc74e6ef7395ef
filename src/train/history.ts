import type { Optimizer } from '../optim/optimizer.ts';
import type { EpochLogs } from './callbacks.ts';

/** The epoch with the lowest validation loss, as `fit` records it in History.best. */
export interface BestEpoch {
  epoch: number;
  valLoss: number;
  /** The validation loss after the last epoch run. */
  lastValLoss: number;
  /** Whether the validation loss had risen since that epoch when training ended (fit said so; see watchValidation). */
  rose: boolean;
  /** Whether the model holds that epoch's weights again (`restoreBest`). */
  restored: boolean;
}

/** What `fit` returns (and what a checkpoint carries to continue it). */
export interface History {
  /** One entry per epoch run (the last one partial if a step callback stopped training). */
  epochs: EpochLogs[];
  /** Training loss per epoch (mean over the epoch's samples) and per step. */
  loss: number[];
  stepLoss: number[];
  /** Validation loss per epoch (empty without validation data). */
  valLoss: number[];
  /** Every other per-epoch value: accuracy, valAccuracy, valF1, …. */
  metrics: Record<string, number[]>;
  /** Learning rate in force during each epoch. */
  lr: number[];
  steps: number;
  batchSize: number;
  /** Whether the samples were reshuffled every epoch, and the seed of that shuffle (absent in checkpoints written before they were recorded). */
  shuffle?: boolean;
  seed?: number | string;
  timeMs: number;
  /** With validation data: the epoch of the lowest validation loss (null without). */
  best?: BestEpoch | null;
  /** True when a callback ended training before `epochs`. */
  stopped: boolean;
  /** The optimizer used, to continue training with its state. */
  optimizer: Optimizer;
}

/** Appends one epoch's logs: the per-epoch series, plus every other value under `metrics`. */
export function recordEpoch(history: History, logs: EpochLogs): void {
  history.epochs.push(logs);
  history.loss.push(logs.loss);
  history.lr.push(logs.lr);
  if (logs.valLoss !== undefined) history.valLoss.push(logs.valLoss);
  for (const [key, value] of Object.entries(logs)) {
    if (['epoch', 'loss', 'valLoss', 'lr', 'steps', 'timeMs'].includes(key) || value === undefined) continue;
    (history.metrics[key] ??= []).push(value);
  }
}
