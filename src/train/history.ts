import type { Optimizer } from '../optim/optimizer.ts';
import type { EpochLogs, HistoryRecord } from '../checkpoint/history-record.ts';

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

/** What `fit` returns: the run's record (what a checkpoint carries to continue it) and the optimizer used. */
export interface History extends HistoryRecord {
  /** With validation data: the epoch of the lowest validation loss (null without). */
  best?: BestEpoch | null;
  /** The optimizer used, to continue training with its state. */
  optimizer: Optimizer;
}

/** Appends one epoch's logs: the per-epoch series, plus every other value under `metrics`. */
export function recordEpoch(history: HistoryRecord, logs: EpochLogs): void {
  history.epochs.push(logs);
  history.loss.push(logs.loss);
  history.lr.push(logs.lr);
  if (logs.valLoss !== undefined) history.valLoss.push(logs.valLoss);
  for (const [key, value] of Object.entries(logs)) {
    if (['epoch', 'loss', 'valLoss', 'lr', 'steps', 'timeMs'].includes(key) || value === undefined) continue;
    (history.metrics[key] ??= []).push(value);
  }
}
