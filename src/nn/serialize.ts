import { readFileSync } from 'node:fs';
import { writeOutputFile, type OutputOptions } from '../util/safe-write.ts';
import { configProblem, storedShapeProblems } from './shapes.ts';
import type { Module, ModuleState } from './module.ts';
import { MLP, type MLPConfig } from './mlp.ts';
import { LogisticRegression, type LogisticRegressionConfig } from './logistic.ts';

export const MODEL_FORMAT = 'gradlab-model';
export const MODEL_VERSION = 1;

export type ModelConfig = MLPConfig | LogisticRegressionConfig;

export interface ModelFile {
  format: typeof MODEL_FORMAT;
  version: number;
  /** How to rebuild the architecture; absent for custom modules, which load into an existing instance. */
  config?: ModelConfig;
  parameters: ModuleState;
  /** Anything the caller wants to keep beside the weights (class names, scaler, training options). */
  metadata?: Record<string, unknown>;
}

/** Builds the model described by a config (the inverse of `model.config()`). */
export function modelFromConfig(config: ModelConfig): MLP | LogisticRegression {
  if (config.type === 'MLP') return new MLP(config.sizes, { activation: config.activation });
  if (config.type === 'LogisticRegression') return new LogisticRegression(config.inFeatures, { classes: config.classes, l2: config.l2 });
  throw new Error(`model file: unknown model type "${(config as { type: unknown }).type}" (known: MLP, LogisticRegression)`);
}

function configOf(model: Module): ModelConfig | undefined {
  return model instanceof MLP || model instanceof LogisticRegression ? model.config() : undefined;
}

/**
 * Saves weights (and the architecture, for built-in models) as JSON, atomically: a failed write
 * leaves the old file intact. An existing file is replaced only when gradlab wrote it (or with
 * `force`); directories, devices, read-only files and `inputs` are refused (see writeOutputFile).
 */
export function saveModel(path: string, model: Module, metadata?: Record<string, unknown>, options: OutputOptions = {}): void {
  for (const [name, p] of model.namedParameters()) {
    const i = p.data.findIndex((v) => !Number.isFinite(v));
    if (i >= 0) throw new Error(`saveModel: parameter "${name}" holds ${p.data[i]} at index ${i}; JSON cannot store non-finite values (${path} was not written)`);
  }
  const file: ModelFile = { format: MODEL_FORMAT, version: MODEL_VERSION, config: configOf(model), parameters: model.stateDict(), metadata };
  writeOutputFile(path, JSON.stringify(file), options);
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
  if (typeof f.parameters !== 'object' || f.parameters === null) throw new Error(`${path}: model file has no "parameters" object`);
  return f as ModelFile;
}

/** Rebuilds a built-in model (MLP, LogisticRegression) from a file written by `saveModel`. */
export function loadModel(path: string): { model: MLP | LogisticRegression; metadata: Record<string, unknown> } {
  const file = readModelFile(path);
  if (!file.config) throw new Error(`${path}: the file holds a custom model's weights; create the model and call loadWeights(path, model)`);
  checkStoredModel(path, file);
  const model = modelFromConfig(file.config);
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

/** The config and the stored shapes agree, checked before a model of the config's size is built. */
function checkStoredModel(path: string, file: ModelFile): void {
  const problem = configProblem(file.config);
  if (problem) throw new Error(`${path}: ${problem}`);
  const problems = storedShapeProblems(file.config!, file.parameters);
  if (problems.length > 0) throw new Error(`${path}: the stored weights do not fit the model's config ${JSON.stringify(file.config)}:\n  ${problems.join('\n  ')}`);
}
