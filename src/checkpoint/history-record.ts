/**
 * The record of a training run as plain data: what `fit` keeps per epoch and per step, and what a
 * checkpoint stores so that a resumed run continues it. It lives beside the checkpoint format, the
 * lowest layer that needs it; `fit`'s History (src/train/history.ts) is this record plus the live optimizer.
 */

/**
 * After each epoch: `loss` (mean over the epoch's samples), the training metrics (running over the
 * epoch, e.g. `accuracy`), and with validation data `valLoss` and `valAccuracy`, `valF1`, …; plus the
 * lr used, the epoch's steps and its wall time.
 */
export interface EpochLogs {
  [key: string]: number | undefined;
  epoch: number;
  loss: number;
  valLoss?: number;
  lr: number;
  steps: number;
  timeMs: number;
}

/** A `fit` history without its live optimizer: plain data, stored in checkpoints. */
export interface HistoryRecord {
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
  /** True when a callback ended training before `epochs`. */
  stopped: boolean;
}
