import type { Module } from '../nn/module.ts';
import { configOf, encodeWeights } from '../nn/model-codec.ts';
import type { Optimizer } from '../optim/optimizer.ts';
import type { LRScheduler } from '../optim/lr-scheduler.ts';
import { Rng, type RngState } from '../util/random.ts';
import { checkpointStore, type CheckpointStore, type PendingSteps, type WriteOptions } from '../platform.ts';
import { encodeNumber, encodeNumbers } from '../util/json-numbers.ts';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, CheckpointError, readCheckpointFile, type CheckpointFile } from './format.ts';
import type { HistoryRecord } from './history-record.ts';
import { checkCount } from '../util/guards.ts';
import { incrementVersion } from '../tensor/version.ts';

/** What `saveCheckpoint` writes: everything needed to continue training exactly where it stopped. */
export interface CheckpointContents {
  model: Module;
  optimizer: Optimizer;
  /** Saved as its step count and base lr; the schedule function itself is code, passed again on resume. */
  scheduler?: LRScheduler | null;
  /** Completed epochs, and optimizer updates so far. */
  epoch: number;
  step: number;
  /** The shuffling generator (its state is saved), if any. */
  rng?: Rng | RngState | null;
  history?: HistoryRecord | null;
  metadata?: Record<string, unknown>;
}

/** Where `loadCheckpoint` puts the saved state: instances built the same way as when it was saved. */
export interface CheckpointTargets {
  model: Module;
  optimizer: Optimizer;
  scheduler?: LRScheduler | null;
}

/** The rest of a checkpoint, after the model, optimizer and scheduler have been restored in place. */
export interface TrainingState {
  epoch: number;
  step: number;
  /** A generator that continues the saved stream, or null if none was saved. */
  rng: Rng | null;
  history: HistoryRecord | null;
  metadata: Record<string, unknown>;
}

/** The history; its per-step losses inline, or only their count when they went to the side file `stepFile`. */
function historyRecord(history: HistoryRecord, stepFile: string | undefined): Record<string, unknown> {
  const { epochs, loss, stepLoss, valLoss, metrics, lr, steps, batchSize, shuffle, seed, timeMs, stopped } = history;
  const encodeLogs = (logs: object): Record<string, unknown> =>
    Object.fromEntries(Object.entries(logs).map(([k, v]) => [k, encodeNumber(v as number)]));
  return {
    epochs: epochs.map(encodeLogs),
    loss: encodeNumbers(loss),
    ...(stepFile === undefined ? { stepLoss: encodeNumbers(stepLoss) } : { stepLossFile: stepFile, stepLossCount: stepLoss.length }),
    valLoss: encodeNumbers(valLoss),
    metrics: Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, encodeNumbers(v)])),
    lr: encodeNumbers(lr),
    steps,
    batchSize,
    ...(shuffle === undefined ? {} : { shuffle }),
    ...(seed === undefined ? {} : { seed }),
    timeMs: encodeNumber(timeMs),
    stopped,
  };
}

/**
 * Writes model weights, optimizer state, step/epoch, scheduler state, the shuffling generator's
 * state and the history to one versioned JSON file in `store` (default: the platform's). In Node that is a
 * file written atomically (a temporary file in the same folder, flushed, then renamed over `path`): a crash
 * or a full disk mid-write leaves the previous checkpoint intact. There the per-step losses go to a side file
 * beside it that commits with it (written first, named by the checkpoint written last), so each write is
 * O(model + optimizer state + new steps); an existing file that is not a gradlab checkpoint is refused unless `force`.
 */
export function saveCheckpoint(path: string, contents: CheckpointContents, store?: CheckpointStore, options: WriteOptions = {}): void {
  const files = checkpointStore('saveCheckpoint', store);
  const { model, optimizer, scheduler, epoch, step, rng, history, metadata } = contents;
  checkCount('saveCheckpoint', 'epoch', epoch);
  checkCount('saveCheckpoint', 'step', step);
  const parameters = encodeWeights(model);
  const opt = optimizer.stateDict();
  const state = Object.fromEntries(
    Object.entries(opt.state).map(([i, s]) => [
      i,
      { step: s.step, buffers: Object.fromEntries(Object.entries(s.buffers).map(([k, b]) => [k, encodeNumbers(b)])) },
    ]),
  );
  const config = configOf(model);
  const file = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    epoch,
    step,
    model: { ...(config === undefined ? {} : { config }), parameters },
    optimizer: { ...opt, state },
    scheduler: scheduler ? scheduler.stateDict() : null,
    rng: rng ? (rng instanceof Rng ? rng.state() : rng) : null,
    history: null as Record<string, unknown> | null,
    metadata: metadata ?? {},
  };
  let steps: PendingSteps | undefined;
  try {
    // The side file first and the checkpoint naming it last: a failure or a crash in between leaves the old pair.
    steps = history ? files.writeSteps?.(path, history.stepLoss, options) : undefined;
    if (history) file.history = historyRecord(history, steps?.name);
    files.write(path, JSON.stringify(file), options);
  } catch (error) {
    steps?.abort();
    // An output-path refusal carries its bare reason; a failed write wraps the system error as its cause.
    const refused = error as { reason?: string; remedy?: string };
    const reason =
      refused.reason !== undefined
        ? `${refused.reason}${refused.remedy === undefined ? '' : `; ${refused.remedy}`}`
        : (((error as Error).cause as Error | undefined)?.message ?? (error as Error).message);
    throw new CheckpointError(
      path,
      `could not write the checkpoint (${reason}); the previous checkpoint and its step losses, if any, are unchanged`,
      {
        cause: error,
      },
    );
  }
  steps?.commit();
}

/**
 * Restores a checkpoint into `model`, `optimizer` and `scheduler` (all or nothing: on any error
 * they are left as they were) and returns the epoch, step, generator, history and metadata.
 * Errors name the file and what does not match: shapes, optimizer type, version, missing fields.
 */
export function loadCheckpoint(path: string, targets: CheckpointTargets, store?: CheckpointStore): TrainingState {
  return applyCheckpoint(path, readCheckpointFile(path, checkpointStore('loadCheckpoint', store)), targets);
}

/**
 * Restores a read checkpoint into the targets, all or nothing (on any error they are left exactly as
 * they were), and returns where training stood.
 */
export function applyCheckpoint(path: string, file: CheckpointFile, { model, optimizer, scheduler }: CheckpointTargets): TrainingState {
  const saved = file.model.config,
    current = configOf(model);
  if (saved !== undefined && current !== undefined && JSON.stringify(saved) !== JSON.stringify(current)) {
    throw new CheckpointError(path, `the checkpoint was saved from ${JSON.stringify(saved)} but the model is ${JSON.stringify(current)}`);
  }
  if (file.scheduler !== null && !scheduler) {
    throw new CheckpointError(
      path,
      `the checkpoint has learning-rate scheduler state (count ${file.scheduler.count}) but no scheduler was given; pass the same schedule to resume exactly`,
    );
  }
  if (file.scheduler === null && scheduler)
    throw new CheckpointError(path, 'a scheduler was given but the checkpoint was saved without one');
  // Raw copies, restored without validation: the model may legitimately hold values loadStateDict refuses.
  const before = {
    model: [...model.parameters(), ...model.buffers()].map((p) => p.data.slice()),
    optimizer: optimizer.stateDict(),
    scheduler: scheduler?.stateDict(),
  };
  let part = 'model';
  try {
    model.loadStateDict(file.model.parameters);
    part = 'optimizer';
    optimizer.loadStateDict(file.optimizer);
    part = 'scheduler';
    if (scheduler && file.scheduler) scheduler.loadStateDict(file.scheduler);
  } catch (error) {
    [...model.parameters(), ...model.buffers()].forEach((p, i) => {
      p.data.set(before.model[i]!);
      incrementVersion(p, 'the restore after a failed resume');
    });
    optimizer.loadStateDict(before.optimizer);
    if (scheduler && before.scheduler) scheduler.loadStateDict(before.scheduler);
    throw new CheckpointError(path, `${part}: ${(error as Error).message}`, { cause: error });
  }
  return {
    epoch: file.epoch,
    step: file.step,
    rng: file.rng ? Rng.fromState(file.rng) : null,
    history: file.history,
    metadata: file.metadata,
  };
}
