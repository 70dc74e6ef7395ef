import { decodeNumbers, encodeNumbers } from '../util/json-numbers.ts';
import type { LogisticRegression, LogisticRegressionConfig } from './logistic.ts';
import type { MLP, MLPConfig } from './mlp.ts';
import type { Module, ModuleState } from './module.ts';
import { codecFor, codecOf, registeredModels, type RegisteredConfig } from './registry.ts';

export type { RegisteredConfig } from './registry.ts';

/**
 * The one model codec for model files (saveModel) and checkpoints: how a model's architecture is
 * written (`configOf`), rebuilt (`modelFromConfig`) through the registry (registry.ts), and how its
 * weights are encoded and decoded.
 */

export type ModelConfig = MLPConfig | LogisticRegressionConfig | RegisteredConfig;

/** The config of `model` under its registered name (the codec of its own class first, then of a base class), or undefined. */
export function configOf(model: Module): ModelConfig | undefined {
  const found = codecFor(model);
  if (found === undefined) return undefined;
  const [name, codec] = found;
  return { ...codec.toConfig(model), type: name };
}

/** Builds the model a config describes (the inverse of `configOf`). */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the model class it registered; a file cannot tell the type checker
export function modelFromConfig<M extends Module = MLP | LogisticRegression>(config: ModelConfig): M {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the config was read from a file
  const type = config?.type;
  const codec = codecOf(type);
  if (codec === undefined) {
    throw new Error(
      `model file: unknown model type "${String(type)}" (known: ${registeredModels().join(', ')}); registerModel adds your own`,
    );
  }
  return codec.fromConfig(config as RegisteredConfig) as M;
}

/** Weights as JSON-safe arrays; −0 (and, in checkpoints, non-finite values) as strings, see util/json-numbers.ts. */
export function encodeWeights(model: Module): Record<string, { shape: number[]; data: unknown[] }> {
  return Object.fromEntries(Object.entries(model.stateDict()).map(([name, p]) => [name, { shape: p.shape, data: encodeNumbers(p.data) }]));
}

/** The inverse of `encodeWeights`; entries that are not numbers are left for `Module.loadStateDict` to name. */
export function decodeWeights(parameters: unknown): ModuleState {
  if (typeof parameters !== 'object' || parameters === null) return parameters as ModuleState;
  return Object.fromEntries<unknown>(
    Object.entries(parameters).map(([name, entry]) => [
      name,
      typeof entry === 'object' && entry !== null ? { ...entry, data: decodeNumbers((entry as { data?: unknown }).data) } : entry,
    ]),
  ) as ModuleState;
}

/** The first weight that is not finite, as "parameter "w" holds NaN at index 3", or null. */
export function nonFiniteWeight(model: Module): string | null {
  for (const [name, p] of [...model.namedParameters(), ...model.namedBuffers()]) {
    const i = p.data.findIndex((v) => !Number.isFinite(v));
    if (i >= 0) return `parameter "${name}" holds ${p.data[i]!} at index ${i}`;
  }
  return null;
}
