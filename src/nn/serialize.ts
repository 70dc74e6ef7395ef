import { storedModelProblems } from './shapes.ts';
import type { Module, ModuleState } from './module.ts';
import type { MLP } from './mlp.ts';
import type { LogisticRegression } from './logistic.ts';
import type { RegisteredConfig } from './registry.ts';
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

/** Throws unless every weight is finite (JSON has no NaN or ±Infinity); the message starts with `where` and ends with `after`. */
export function checkFiniteWeights(model: Module, where: string, after = ''): void {
  const bad = nonFiniteWeight(model);
  if (bad !== null) throw new Error(`${where}: ${bad}; JSON cannot store non-finite values${after}`);
}

/** A model file's text (what `saveModel` writes): weights, and the architecture for built-in and registered models. */
export function modelToJson(model: Module, metadata?: Record<string, unknown>): string {
  checkFiniteWeights(model, 'modelToJson');
  return encodeModel(model, metadata);
}

/** The JSON text of a model whose weights were checked. */
export function encodeModel(model: Module, metadata?: Record<string, unknown>): string {
  return JSON.stringify({
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    config: configOf(model),
    parameters: encodeWeights(model),
    metadata,
  });
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
  if (f === null || typeof f !== 'object' || f.format !== MODEL_FORMAT)
    throw new Error(`${source}: not a gradlab model file (missing "format": "${MODEL_FORMAT}")`);
  if (f.version !== MODEL_VERSION)
    throw new Error(`${source}: model file version ${String(f.version)} is not supported (this gradlab reads version ${MODEL_VERSION})`);
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the file's content is only asserted to be a ModelFile; validates input from untyped (JavaScript or JSON) callers
  if (typeof f.parameters !== 'object' || f.parameters === null) throw new Error(`${source}: model file has no "parameters" object`);
  return { ...f, parameters: decodeWeights(f.parameters) } as ModelFile;
}

/** Rebuilds a built-in or registered model (see registerModel) from model file text (`modelToJson`, `saveModel`). */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the model class it registered; a file cannot tell the type checker
export function modelFromJson<M extends Module = MLP | LogisticRegression>(
  text: string | ModelFile,
  source = '<model>',
): { model: M; metadata: Record<string, unknown> } {
  const file = typeof text === 'string' ? parseModelFile(text, source) : text;
  if (!file.config) {
    throw new Error(
      `${source}: the file holds a custom model's weights; create the model and call loadWeights(path, model) (or registerModel its class to save its config too)`,
    );
  }
  checkStoredModel(source, file);
  const model = modelFromConfig<M>(file.config);
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

/** The config and the stored shapes agree (as far as the model's codec can tell), checked before a model of the config's size is built. */
function checkStoredModel(path: string, file: ModelFile): void {
  const { config, shapes } = storedModelProblems(file.config as RegisteredConfig, file.parameters);
  if (config !== undefined) throw new Error(`${path}: ${config}`);
  if (shapes.length > 0)
    throw new Error(`${path}: the stored weights do not fit the model's config ${JSON.stringify(file.config)}:\n  ${shapes.join('\n  ')}`);
}
