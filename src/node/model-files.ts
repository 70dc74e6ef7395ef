import { readFileSync } from 'node:fs';
import type { Module } from '../nn/module.ts';
import type { MLP } from '../nn/mlp.ts';
import type { LogisticRegression } from '../nn/logistic.ts';
import { applyWeights, checkFiniteWeights, encodeModel, modelFromJson, parseModelFile, type ModelFile } from '../nn/serialize.ts';
import { writeFileAtomic } from './atomic-write.ts';

/** Saves weights (and the architecture, for built-in models) as JSON, atomically: a failed write leaves the old file intact. */
export function saveModel(path: string, model: Module, metadata?: Record<string, unknown>): void {
  checkFiniteWeights(model, 'saveModel', ` (${path} was not written)`);
  writeFileAtomic(path, encodeModel(model, metadata));
}

/** Reads and validates a model file's envelope; errors name the file and what is wrong. */
export function readModelFile(path: string): ModelFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`${path}: cannot read model file: ${(error as Error).message}`, { cause: error });
  }
  return parseModelFile(text, path);
}

/** Rebuilds a built-in or registered model (see registerModel) from a file written by `saveModel`. */
export function loadModel<M extends Module = MLP | LogisticRegression>(path: string): { model: M; metadata: Record<string, unknown> } {
  return modelFromJson<M>(readModelFile(path), path);
}

/** Loads a file's weights into an existing model, checking every name and shape. */
export function loadWeights(path: string, model: Module, file: ModelFile = readModelFile(path)): void {
  applyWeights(model, file, path);
}
