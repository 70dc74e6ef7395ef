import { LogisticRegression } from '../nn/logistic.ts';
import { MLP } from '../nn/mlp.ts';
import type { Module } from '../nn/module.ts';
import { modelFromConfig, type ModelConfig } from '../nn/serialize.ts';
import { getMethod, type AnyMethodName } from '../train/methods.ts';
import { UsageError } from './args.ts';

export const MODEL_KINDS = ['logistic', 'mlp'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

export type CliModel = MLP | LogisticRegression;

/** Models above this many parameters need --allow-large (weights, gradients and optimizer state take ≥ 32 bytes each). */
export const MAX_PARAMETERS = 5_000_000;

/** Scalars of the classifier buildModel would make (weights and biases). */
export function parameterCountFor(kind: ModelKind, features: number, classes: number, hidden: readonly number[]): number {
  const sizes = kind === 'logistic' ? [features, classes === 2 ? 1 : classes] : [features, ...hidden, classes];
  let count = 0;
  for (let i = 0; i + 1 < sizes.length; i++) count += sizes[i]! * sizes[i + 1]! + sizes[i + 1]!;
  return count;
}

/**
 * Refuses, naming --hidden, a model above MAX_PARAMETERS unless --allow-large: a typo like
 * `--hidden 100000,100000` would otherwise allocate gigabytes before failing. Before the data is
 * read, `features` and `classes` are null (the hidden layers alone are then checked).
 */
export function checkModelSize(
  kind: ModelKind,
  features: number | null,
  classes: number | null,
  hidden: readonly number[],
  allowLarge: boolean,
): void {
  const count = parameterCountFor(kind, features ?? 1, classes ?? 1, hidden);
  if (count <= MAX_PARAMETERS || allowLarge) return;
  const sizes = (kind === 'logistic' ? [features, classes] : [features, ...hidden, classes]).map((v) => v ?? '…').join('→');
  const flag = kind === 'mlp' ? `--hidden ${hidden.join(',')}` : '--model logistic';
  throw new UsageError(
    `${flag}: the model (${sizes}) would have ${features === null ? 'at least ' : ''}${count.toLocaleString('en-US')} parameters, more than the ${MAX_PARAMETERS.toLocaleString('en-US')} gradlab trains without --allow-large (it needs about ${Math.ceil((count * 32) / 2 ** 20).toLocaleString('en-US')} MiB)`,
  );
}

/** A classifier for `features` inputs and `classes` outputs; an MLP's weights come from `seed`. */
export function buildModel(kind: ModelKind, features: number, classes: number, hidden: readonly number[], seed: number, l2 = 0): CliModel {
  try {
    if (kind === 'logistic') return new LogisticRegression(features, { classes, l2 });
    return new MLP([features, ...hidden, classes], { seed });
  } catch (error) {
    // "Invalid typed array length" and out-of-memory: say which flag asked for it.
    if (error instanceof RangeError)
      throw new UsageError(
        `--hidden ${hidden.join(',')}: cannot allocate a model of ${parameterCountFor(kind, features, classes, hidden).toLocaleString('en-US')} parameters (${error.message})`,
      );
    throw error;
  }
}

/** A second model with the same architecture and the same weights, so runs start from one point. */
export function cloneModel(model: CliModel): CliModel {
  const copy = modelFromConfig(model.config() as ModelConfig);
  copy.loadStateDict(model.stateDict());
  return copy;
}

/** The inputs a model takes and the classes it scores (one output column is a binary model: two classes). */
export function modelWidths(model: CliModel): { features: number; classes: number } {
  const [features, out] =
    model instanceof MLP ? [model.sizes[0]!, model.sizes.at(-1)!] : [model.inFeatures, model.binary ? 1 : model.classes];
  return { features, classes: out === 1 ? 2 : out };
}

/** "MLP 4→64→32→3 (relu)" or "logistic regression 4→3 (softmax)". */
export function describeModel(model: Module): string {
  if (model instanceof MLP) return `MLP ${model.sizes.join('→')} (${model.activation})`;
  if (model instanceof LogisticRegression)
    return `logistic regression ${model.inFeatures}→${model.binary ? 1 : model.classes} (${model.binary ? 'sigmoid' : 'softmax'})`;
  return model.constructor.name;
}

/** Rejects --hidden with the logistic model (it has no hidden layers). */
export function checkHidden(kind: ModelKind, hidden: number[] | undefined): void {
  if (kind === 'logistic' && hidden !== undefined)
    throw new UsageError('--hidden: only the mlp model has hidden layers; drop --hidden or use --model mlp');
}

/** Rejects --l2 with the MLP (the penalty belongs to the logistic model). */
export function checkL2(kind: ModelKind, l2: number | undefined): void {
  if (kind === 'mlp' && l2 !== undefined)
    throw new UsageError('--l2: only the logistic model has an L2 penalty; drop --l2 or use --model logistic');
}

/**
 * gd (every row) and sgd (one row) are defined by their batch size, so another --batch-size is refused
 * for them; `--batch-size 1` with sgd is what sgd does anyway, and the same run as without it.
 */
export function checkBatchSize(method: AnyMethodName, k: number | undefined): void {
  const kind = getMethod(method).batchSize;
  if (k !== undefined && kind !== 'k' && !(kind === 1 && k === 1)) {
    throw new UsageError(
      `--batch-size: ${method} always uses ${kind === 'full' ? 'every training row' : 'one sample'} per step; use --optimizer minibatch for batches of ${k}`,
    );
  }
}
