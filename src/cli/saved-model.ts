import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadModel } from '../node/model-files.ts';
import { checkMetadata, type EvaluationMetadata } from './commands/evaluate-checks.ts';
import { modelWidths, type CliModel } from './model.ts';

/** A model file written by `gradlab train --save`, with the metadata needed to use it on new rows. */
export interface SavedModel {
  model: CliModel;
  meta: EvaluationMetadata;
  metadata: Record<string, unknown>;
}

/** Loads `typed` (resolved against `cwd`); errors name the file as the user typed it. */
export function loadSavedModel(typed: string, cwd: string): SavedModel {
  const absolute = resolve(cwd, typed);
  if (!existsSync(absolute)) throw new Error(`${typed}: model file not found`);
  try {
    const { model, metadata } = loadModel(absolute);
    return { model, metadata, meta: checkMetadata(metadata, typed, modelWidths(model)) };
  } catch (error) {
    if (error instanceof Error) error.message = error.message.split(absolute).join(typed);
    throw error;
  }
}
