import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../util/atomic-write.ts';
import type { Module, ModuleState } from './module.ts';
import type { MLP } from './mlp.ts';
import type { LogisticRegression } from './logistic.ts';
import { type ModelConfig, configOf, decodeWeights, encodeWeights, modelFromConfig, nonFiniteWeight } from './model-codec.ts';

export { type ModelConfig, modelFromConfig } from './model-codec.ts';

export const MODEL_FORMAT = 'gradlab-model';
export const MODEL_VERSION = 1;

export interface ModelFile {
  format: typeof MODEL_FORMAT;
  version: number;
  /** How to rebuild the architecture; absent for unregistered custom modules, which load into an existing instance. */
  config?: ModelConfig;
  parameters: ModuleState;
  /** Anything the caller wants to keep beside the weights (class names, scaler, training options). */
  metadata?: Record<string, unknown>;
}

/** Saves weights (and the architecture, for built-in models) as JSON, atomically: a failed write leaves the old file intact. */
export function saveModel(path: string, model: Module, metadata?: Record<string, unknown>): void {
  const bad = nonFiniteWeight(model);
  if (bad !== null) throw new Error(`saveModel: ${bad}; JSON cannot store non-finite values (${path} was not written)`);
  const file = { format: MODEL_FORMAT, version: MODEL_VERSION, config: configOf(model), parameters: encodeWeights(model), metadata };
  writeFileAtomic(path, JSON.stringify(file));
}

/** Reads and validates a model file's envelope; errors name the file and what is wrong. */
export function readModelFile(path: string): ModelFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`${path}: cannot read model file: ${(error as Error).message}`, { cause: error });
  }
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not a valid model file (truncated or corrupted JSON: ${(error as Error).message})`, { cause: error });
  }
  const f = file as Partial<ModelFile> | null;
  if (f === null || typeof f !== 'object' || f.format !== MODEL_FORMAT) throw new Error(`${path}: not a gradlab model file (missing "format": "${MODEL_FORMAT}")`);
  if (f.version !== MODEL_VERSION) throw new Error(`${path}: model file version ${String(f.version)} is not supported (this gradlab reads version ${MODEL_VERSION})`);
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the file's content is only asserted to be a ModelFile; validates input from untyped (JavaScript or JSON) callers
  if (typeof f.parameters !== 'object' || f.parameters === null) throw new Error(`${path}: model file has no "parameters" object`);
  return { ...f, parameters: decodeWeights(f.parameters) } as ModelFile;
}

/** Rebuilds a built-in or registered model (see registerModel) from a file written by `saveModel`. */
export function loadModel<M extends Module = MLP | LogisticRegression>(path: string): { model: M; metadata: Record<string, unknown> } {
  const file = readModelFile(path);
  if (!file.config) {
    throw new Error(`${path}: the file holds a custom model's weights; create the model and call loadWeights(path, model) (or registerModel its class to save its config too)`);
  }
  const model = modelFromConfig<M>(file.config);
  loadWeights(path, model, file);
  return { model, metadata: file.metadata ?? {} };
}

/** Loads a file's weights into an existing model, checking every name and shape. */
export function loadWeights(path: string, model: Module, file: ModelFile = readModelFile(path)): void {
  try {
    model.loadStateDict(file.parameters);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
  }
}
