import type { Optimizer } from '../optim/optimizer.ts';
import type { EpochLogs, HistoryRecord } from '../checkpoint/history-record.ts';

/** What `fit` returns: the run's record (what a checkpoint carries to continue it) and the optimizer used. */
export interface History extends HistoryRecord {
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
