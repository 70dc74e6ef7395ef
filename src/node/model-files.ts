import type { Module } from '../nn/module.ts';
import type { MLP } from '../nn/mlp.ts';
import type { LogisticRegression } from '../nn/logistic.ts';
import { applyWeights, checkFiniteWeights, encodeModel, modelFromJson, parseModelFile, type ModelFile } from '../nn/serialize.ts';
import { readRegularText } from './regular-file.ts';
import { writeOutputFile, type OutputOptions } from './safe-write.ts';

/**
 * Saves weights (and the architecture, for built-in and registered models) as JSON, atomically: a
 * failed write leaves the old file intact. An existing file is replaced only when gradlab wrote it
 * (or with `force`); directories, devices, read-only files and `inputs` are refused (see writeOutputFile).
 */
export function saveModel(path: string, model: Module, metadata?: Record<string, unknown>, options: OutputOptions = {}): void {
  checkFiniteWeights(model, 'saveModel', ` (${path} was not written)`);
  writeOutputFile(path, encodeModel(model, metadata), options);
}

/** Reads and validates a model file's envelope; errors name the file and what is wrong. */
export function readModelFile(path: string): ModelFile {
  let text: string;
  try {
    text = readRegularText(path);
  } catch (error) {
    throw new Error(`${path}: cannot read model file: ${(error as Error).message}`, { cause: error });
  }
  return parseModelFile(text, path);
}

/** Rebuilds a built-in or registered model (see registerModel) from a file written by `saveModel`. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the model class it registered; a file cannot tell the type checker
export function loadModel<M extends Module = MLP | LogisticRegression>(path: string): { model: M; metadata: Record<string, unknown> } {
  return modelFromJson<M>(readModelFile(path), path);
}

/** Loads a file's weights into an existing model, checking every name and shape. */
export function loadWeights(path: string, model: Module, file: ModelFile = readModelFile(path)): void {
  applyWeights(model, file, path);
}
