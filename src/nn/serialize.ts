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

export function configOf(model: Module): ModelConfig | undefined {
  return model instanceof MLP || model instanceof LogisticRegression ? model.config() : undefined;
}

/** Throws unless every weight is finite (JSON has no NaN or ±Infinity); the message starts with `where` and ends with `after`. */
export function checkFiniteWeights(model: Module, where: string, after = ''): void {
  for (const [name, p] of model.namedParameters()) {
    const i = p.data.findIndex((v) => !Number.isFinite(v));
    if (i >= 0) throw new Error(`${where}: parameter "${name}" holds ${p.data[i]} at index ${i}; JSON cannot store non-finite values${after}`);
  }
}

/** A model file's text (what `saveModel` writes): weights, and the architecture for built-in models. */
export function modelToJson(model: Module, metadata?: Record<string, unknown>): string {
  checkFiniteWeights(model, 'modelToJson');
  return encodeModel(model, metadata);
}

/** The JSON text of a model whose weights were checked. */
export function encodeModel(model: Module, metadata?: Record<string, unknown>): string {
  const file: ModelFile = { format: MODEL_FORMAT, version: MODEL_VERSION, config: configOf(model), parameters: model.stateDict(), metadata };
  return JSON.stringify(file);
}

/** Parses and validates a model file's envelope; errors name `source` (a file name) and what is wrong. */
export function parseModelFile(text: string, source = '<model>'): ModelFile {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source}: not a valid model file (truncated or corrupted JSON: ${(error as Error).message})`, { cause: error });
  }
  const f = file as Partial<ModelFile> | null;
  if (f === null || typeof f !== 'object' || f.format !== MODEL_FORMAT) throw new Error(`${source}: not a gradlab model file (missing "format": "${MODEL_FORMAT}")`);
  if (f.version !== MODEL_VERSION) throw new Error(`${source}: model file version ${String(f.version)} is not supported (this gradlab reads version ${MODEL_VERSION})`);
  if (typeof f.parameters !== 'object' || f.parameters === null) throw new Error(`${source}: model file has no "parameters" object`);
  return f as ModelFile;
}

/** Rebuilds a built-in model (MLP, LogisticRegression) from model file text (`modelToJson`, `saveModel`). */
export function modelFromJson(text: string | ModelFile, source = '<model>'): { model: MLP | LogisticRegression; metadata: Record<string, unknown> } {
  const file = typeof text === 'string' ? parseModelFile(text, source) : text;
  if (!file.config) throw new Error(`${source}: the file holds a custom model's weights; create the model and call loadWeights(path, model)`);
  const model = modelFromConfig(file.config);
  applyWeights(model, file, source);
  return { model, metadata: file.metadata ?? {} };
}

/** Loads a model file's weights into an existing model, checking every name and shape; errors name `source`. */
export function applyWeights(model: Module, file: ModelFile, source = '<model>'): void {
  try {
    model.loadStateDict(file.parameters);
  } catch (error) {
    throw new Error(`${source}: ${(error as Error).message}`, { cause: error });
  }
}
