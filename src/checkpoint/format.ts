import type { ModuleState } from '../nn/module.ts';
import { type ModelConfig, decodeWeights } from '../nn/model-codec.ts';
import type { OptimizerStateDict } from '../optim/state-dict.ts';
import type { LRSchedulerStateDict } from '../optim/lr-scheduler.ts';
import { rngStateProblem, type RngState } from '../util/random.ts';
import type { HistoryRecord } from './history-record.ts';
import { decodeNumber, decodeNumbers, decodeRecord } from '../util/json-numbers.ts';
import { isCount, isRecord } from '../util/guards.ts';
import { checkpointStore, type CheckpointStore } from '../platform.ts';

export const CHECKPOINT_FORMAT = 'gradlab-checkpoint';
export const CHECKPOINT_VERSION = 1;

export type { HistoryRecord } from './history-record.ts';

/**
 * One checkpoint file (JSON). In `model.parameters`, `optimizer.state` buffers and `history`,
 * NaN, ±Infinity and −0 are stored as the strings "NaN", "Infinity", "-Infinity", "-0"; this type
 * describes the file after those are decoded.
 */
export interface CheckpointFile {
  format: typeof CHECKPOINT_FORMAT;
  version: number;
  /** Completed epochs, and optimizer updates so far (fit's global step). */
  epoch: number;
  step: number;
  /** `config` is there for built-in and registered models (see registerModel) and checked on load. */
  model: { config?: ModelConfig; parameters: ModuleState };
  optimizer: OptimizerStateDict;
  scheduler: LRSchedulerStateDict | null;
  /** The shuffling generator's state at the end of `epoch`. */
  rng: RngState | null;
  history: HistoryRecord | null;
  metadata: Record<string, unknown>;
}

/** A checkpoint that cannot be read, written or applied; the message names the file and the problem. */
export class CheckpointError extends Error {
  override name = 'CheckpointError';
  constructor(
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${reason}`, options);
  }
}

// eslint-disable-next-line @typescript-eslint/no-unnecessary-condition, @typescript-eslint/no-base-to-string -- JSON.stringify returns undefined for functions and symbols, though typed string
const show = (v: unknown): string => (v === undefined ? 'missing' : (JSON.stringify(v)?.slice(0, 60) ?? String(v)));

/**
 * Reads (from `store`, default the platform's: files in Node), parses and validates a checkpoint's
 * envelope; the parts are checked against the model and optimizer on load.
 */
export function readCheckpointFile(path: string, store?: CheckpointStore): CheckpointFile {
  const files = checkpointStore('readCheckpointFile', store);
  const read = (): string => {
    try {
      return files.read(path);
    } catch (error) {
      throw new CheckpointError(path, `cannot read checkpoint: ${(error as Error).message}`, { cause: error });
    }
  };
  for (let attempt = 1; ; attempt++) {
    const text = read();
    try {
      return parseCheckpoint(text, path, files);
    } catch (error) {
      // A run saving to this path meanwhile replaces the checkpoint and then its older side file: read the new pair.
      if (attempt < 3 && read() !== text) continue;
      throw error;
    }
  }
}

/** Parses and validates checkpoint JSON text; errors name `path` and the problem. `store` reads a step-loss side file. */
export function parseCheckpoint(text: string, path: string, store?: CheckpointStore): CheckpointFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CheckpointError(path, `not a valid checkpoint (truncated or corrupted JSON: ${(error as Error).message})`, { cause: error });
  }
  const fail = (reason: string): never => {
    throw new CheckpointError(path, reason);
  };
  if (!isRecord(raw) || raw.format !== CHECKPOINT_FORMAT) {
    if (isRecord(raw) && raw.format === 'gradlab-model')
      fail('this is a model file (saveModel), not a checkpoint; load it with loadModel or loadWeights');
    fail(`not a gradlab checkpoint (missing "format": "${CHECKPOINT_FORMAT}")`);
  }
  const f = raw as Record<string, unknown>;
  if (f.version === undefined) fail('checkpoint field "version" is missing');
  if (f.version !== CHECKPOINT_VERSION)
    fail(`checkpoint version ${show(f.version)} is not supported (this gradlab reads version ${CHECKPOINT_VERSION})`);
  for (const key of ['epoch', 'step'] as const)
    if (!isCount(f[key])) fail(`checkpoint field "${key}" must be an integer ≥ 0, got ${show(f[key])}`);
  for (const key of ['model', 'optimizer'] as const)
    if (!isRecord(f[key])) fail(`checkpoint field "${key}" must be an object, got ${show(f[key])}`);
  const model = f.model as Record<string, unknown>;
  if (!isRecord(model.parameters)) fail(`checkpoint field "model.parameters" must be an object, got ${show(model.parameters)}`);
  if (model.config !== undefined && !isRecord(model.config))
    fail(`checkpoint field "model.config" must be an object, got ${show(model.config)}`);
  for (const key of ['scheduler', 'rng', 'history'] as const) {
    if (!(key in f)) fail(`checkpoint field "${key}" is missing (it is null when there is none)`);
    if (f[key] !== null && !isRecord(f[key])) fail(`checkpoint field "${key}" must be an object or null, got ${show(f[key])}`);
  }
  if (f.metadata !== undefined && !isRecord(f.metadata)) fail(`checkpoint field "metadata" must be an object, got ${show(f.metadata)}`);
  const rngProblem = f.rng === null ? null : rngStateProblem(f.rng);
  if (rngProblem) fail(`checkpoint field "rng" is not a generator state: ${rngProblem}`);

  const parameters = decodeWeights(model.parameters);
  const optimizer = f.optimizer as Record<string, unknown>;
  const state = decodeRecord(optimizer.state, (entry) =>
    isRecord(entry) ? { ...entry, buffers: decodeRecord(entry.buffers, decodeNumbers) } : entry,
  );
  const history =
    f.history === null
      ? null
      : decodeHistory(f.history as Record<string, unknown>, fail, (name, count) => readSteps(store, path, name, count, fail));
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    epoch: f.epoch as number,
    step: f.step as number,
    model: { ...(model.config === undefined ? {} : { config: model.config as unknown as ModelConfig }), parameters },
    optimizer: { ...optimizer, state } as unknown as OptimizerStateDict,
    scheduler: f.scheduler as LRSchedulerStateDict | null,
    rng: f.rng as RngState | null,
    history,
    metadata: (f.metadata ?? {}) as Record<string, unknown>,
  };
}

type StepReader = (name: string, count: number) => number[];

function decodeHistory(h: Record<string, unknown>, fail: (reason: string) => never, steps: StepReader): HistoryRecord {
  const numbers = (key: string, v: unknown): number[] => {
    const values = decodeNumbers(v);
    if (!Array.isArray(values)) return fail(`checkpoint field "history.${key}" must be an array of numbers, got ${show(v)}`);
    const bad = values.findIndex((x) => typeof x !== 'number');
    if (bad >= 0) fail(`checkpoint field "history.${key}[${bad}]" must be a number, got ${show(values[bad])}`);
    return values as number[];
  };
  if (!Array.isArray(h.epochs)) fail(`checkpoint field "history.epochs" must be an array, got ${show(h.epochs)}`);
  const epochs = (h.epochs as unknown[]).map((logs, i) => {
    if (!isRecord(logs)) return fail(`checkpoint field "history.epochs[${i}]" must be an object, got ${show(logs)}`);
    const decoded = decodeRecord(logs, decodeNumber) as Record<string, unknown>;
    for (const [key, v] of Object.entries(decoded))
      if (typeof v !== 'number') fail(`checkpoint field "history.epochs[${i}].${key}" must be a number, got ${show(v)}`);
    return decoded as HistoryRecord['epochs'][number];
  });
  if (!isRecord(h.metrics)) fail(`checkpoint field "history.metrics" must be an object, got ${show(h.metrics)}`);
  const metrics = Object.fromEntries(Object.entries(h.metrics).map(([k, v]) => [k, numbers(`metrics.${k}`, v)]));
  for (const key of ['steps', 'batchSize'] as const)
    if (!isCount(h[key])) fail(`checkpoint field "history.${key}" must be an integer ≥ 0, got ${show(h[key])}`);
  const timeMs = decodeNumber(h.timeMs);
  if (typeof timeMs !== 'number') fail(`checkpoint field "history.timeMs" must be a number, got ${show(h.timeMs)}`);
  if (typeof h.stopped !== 'boolean') fail(`checkpoint field "history.stopped" must be true or false, got ${show(h.stopped)}`);
  if (h.shuffle !== undefined && typeof h.shuffle !== 'boolean')
    fail(`checkpoint field "history.shuffle" must be true or false, got ${show(h.shuffle)}`);
  if (h.seed !== undefined && typeof h.seed !== 'string' && !(typeof h.seed === 'number' && Number.isFinite(h.seed)))
    fail(`checkpoint field "history.seed" must be a number or a string, got ${show(h.seed)}`);
  return {
    epochs,
    metrics,
    loss: numbers('loss', h.loss),
    stepLoss: stepLosses(h, fail, steps, numbers),
    valLoss: numbers('valLoss', h.valLoss),
    lr: numbers('lr', h.lr),
    steps: h.steps as number,
    batchSize: h.batchSize as number,
    ...(h.shuffle === undefined ? {} : { shuffle: h.shuffle }),
    ...(h.seed === undefined ? {} : { seed: h.seed }),
    timeMs: timeMs,
    stopped: h.stopped,
  };
}

/** Per-step losses: from the step-loss file beside the checkpoint, or inline (checkpoints written before the file existed). */
function stepLosses(
  h: Record<string, unknown>,
  fail: (reason: string) => never,
  steps: StepReader,
  numbers: (key: string, v: unknown) => number[],
): number[] {
  if (h.stepLossFile === undefined) return numbers('stepLoss', h.stepLoss);
  if (typeof h.stepLossFile !== 'string' || h.stepLossFile.includes('/') || h.stepLossFile.includes('\\'))
    fail(`checkpoint field "history.stepLossFile" must be a file name, got ${show(h.stepLossFile)}`);
  if (!isCount(h.stepLossCount)) fail(`checkpoint field "history.stepLossCount" must be an integer ≥ 0, got ${show(h.stepLossCount)}`);
  return steps(h.stepLossFile, h.stepLossCount);
}

function readSteps(
  store: CheckpointStore | undefined,
  path: string,
  name: string,
  count: number,
  fail: (reason: string) => never,
): number[] {
  if (!store?.readSteps) return fail(`keeps its step losses in the side file ${name}, which only a file store (gradlab in Node) reads`);
  return store.readSteps(path, name, count, fail);
}
