import type { Module } from '../nn/module.ts';
import { nonFiniteProblem } from '../tensor/debug.ts';
import { incrementVersion } from '../tensor/version.ts';
import { Optimizer } from '../optim/optimizer.ts';
import { LRScheduler } from '../optim/lr-scheduler.ts';
import type { Hyperparameters } from '../optim/options.ts';
import { applyCheckpoint, type TrainingState } from '../checkpoint/checkpoint.ts';
import { CheckpointError, readCheckpointFile, type CheckpointFile } from '../checkpoint/format.ts';
import type { CheckpointStore } from '../platform.ts';

/** What fit was asked to do, compared with what the checkpoint says was done. */
export interface ResumeRequest {
  path: string;
  store?: CheckpointStore | undefined;
  model: Module;
  optimizer: Optimizer;
  scheduler: LRScheduler | null;
  batchSize: number;
  epochs: number;
  lr?: number;
  optimizerOptions?: Hyperparameters;
  /** The shuffle settings passed again, if any: the saved generator continues the run, so they must agree. */
  shuffle?: boolean;
  seed?: number | string;
}

/**
 * Reads a checkpoint and checks it against the request before anything is changed: the batch size,
 * the epoch count, the learning rate and optimizer options passed again, and finite weights and
 * optimizer state. Only then are the model, optimizer and scheduler restored (all or nothing).
 */
export function resumeRun(request: ResumeRequest): TrainingState {
  const { path, store, model, optimizer, scheduler, batchSize, epochs } = request;
  const file = readCheckpointFile(path, store);
  const fail = (reason: string): never => {
    throw new CheckpointError(path, reason);
  };
  const savedBatch = file.history?.batchSize;
  // Another batch size changes every later step, so the run could not continue the saved one exactly.
  if (savedBatch !== undefined && savedBatch !== batchSize)
    fail(
      `was written with batch size ${savedBatch}; resuming with ${batchSize} would not continue that run (pass batchSize: ${savedBatch})`,
    );
  if (epochs < file.epoch)
    fail(
      `has ${file.epoch} completed epochs but epochs: ${epochs} was passed; epochs is the total for the whole run (as Keras' epochs with initial_epoch), so pass more than ${file.epoch} to train further`,
    );
  contradictions(file, request).forEach((c) => fail(c));
  // The file is only asserted to have these types: its entries are checked as the untyped JSON they are.
  for (const [name, entry] of Object.entries(file.model.parameters as Record<string, { data?: unknown } | null>)) {
    const problem = Array.isArray(entry?.data) ? nonFiniteProblem(name, entry.data as unknown[]) : null;
    if (problem) fail(`model: ${problem}; the checkpoint was saved from a diverged model and cannot be resumed`);
  }
  const states = file.optimizer.state as Record<string, { buffers?: Record<string, unknown> } | null> | undefined;
  for (const [index, state] of Object.entries(states ?? {})) {
    for (const [buffer, values] of Object.entries(state?.buffers ?? {})) {
      const i = Array.isArray(values) ? values.findIndex((v) => typeof v === 'number' && !Number.isFinite(v)) : -1;
      if (i >= 0)
        fail(
          `optimizer: state of parameter ${index}, buffer "${buffer}", holds ${String((values as unknown[])[i])} at index ${i}; optimizer state must be finite`,
        );
    }
  }
  return applyCheckpoint(path, file, { model, optimizer, scheduler });
}

/** Options passed at resume that differ from the saved run's (the saved values would silently win). */
function contradictions(file: CheckpointFile, { lr, optimizerOptions, shuffle, seed }: ResumeRequest): string[] {
  const saved = (file.optimizer.hyperparameters as Record<string, unknown> | undefined) ?? {};
  const out: string[] = [];
  const savedLr = file.scheduler ? file.scheduler.baseLr : saved.lr;
  if (lr !== undefined && typeof savedLr === 'number' && savedLr !== lr) {
    out.push(
      `was trained with lr ${savedLr}${file.scheduler ? " (the schedule's base rate)" : ''}, but lr: ${lr} was passed; the saved rate would be used, so drop lr to continue the run (or start a new run to change it)`,
    );
  }
  for (const [key, value] of Object.entries(optimizerOptions ?? {})) {
    if (key in saved && saved[key] !== value)
      out.push(
        `was trained with optimizer option ${key}: ${JSON.stringify(saved[key])}, but ${key}: ${JSON.stringify(value)} was passed; drop it to continue the run as saved`,
      );
  }
  const history = file.history;
  if (shuffle !== undefined && history?.shuffle !== undefined && history.shuffle !== shuffle)
    out.push(
      `was trained with shuffle: ${String(history.shuffle)}, but shuffle: ${String(shuffle)} was passed; drop shuffle to continue the run as saved`,
    );
  if (seed !== undefined && history?.seed !== undefined && history.seed !== seed)
    out.push(
      `was trained with seed ${JSON.stringify(history.seed)}, but seed: ${JSON.stringify(seed)} was passed; the saved shuffling generator continues the run, so drop seed (or start a new run to change it)`,
    );
  return out;
}

/** A function that puts the model, an optimizer instance and a scheduler instance back as they are now. */
export function snapshotTargets(model: Module, optimizer: unknown, scheduler: unknown): () => void {
  const params = [...model.parameters(), ...model.buffers()].map((p) => [p, p.data.slice()] as const);
  const opt = optimizer instanceof Optimizer ? optimizer.stateDict() : null;
  const sched = scheduler instanceof LRScheduler ? scheduler.stateDict() : null;
  return () => {
    for (const [p, data] of params) {
      p.data.set(data);
      incrementVersion(p, 'a restore of the model before a failed resume');
    }
    if (opt) (optimizer as Optimizer).loadStateDict(opt);
    if (sched) (scheduler as LRScheduler).loadStateDict(sched);
  };
}
