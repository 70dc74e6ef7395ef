import { decodeNumbers, encodeNumbers } from '../checkpoint/codec.ts';
import { LogisticRegression, type LogisticRegressionConfig } from './logistic.ts';
import { MLP, type MLPConfig } from './mlp.ts';
import type { Module, ModuleState } from './module.ts';

/**
 * The one model codec for model files (saveModel) and checkpoints: how a model's architecture is
 * written (`configOf`), rebuilt (`modelFromConfig`) and how its weights are encoded and decoded.
 * Built-in models are registered here; `registerModel` adds a user's own Module.
 */

/** A registered model's architecture as stored: `type` is its registered name, the rest is its codec's. */
export type RegisteredConfig = { type: string } & Record<string, unknown>;
export type ModelConfig = MLPConfig | LogisticRegressionConfig | RegisteredConfig;

/** How one Module class saves its architecture and is built again from it (plain JSON both ways). */
export interface ModelCodec<M extends Module = Module> {
  /** The class; its instances (and subclasses' without a codec of their own) save under the registered name. */
  readonly type: abstract new (...args: never[]) => M;
  toConfig(model: M): object;
  fromConfig(config: RegisteredConfig): M;
}

const registry = new Map<string, ModelCodec>();

/**
 * Makes `saveModel` and `saveCheckpoint` store instances of `codec.type` with their config, and
 * `loadModel` rebuild them, under `name` (registering a name again replaces its codec).
 */
export function registerModel<M extends Module>(name: string, codec: ModelCodec<M>): void {
  if (typeof name !== 'string' || name === '') throw new TypeError(`registerModel: name must be a non-empty string, got ${String(name)}`);
  for (const key of ['toConfig', 'fromConfig'] as const) {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- validates input from untyped (JavaScript or JSON) callers
    if (typeof codec?.[key] !== 'function') throw new TypeError(`registerModel('${name}'): ${key} must be a function`);
  }
  if (typeof codec.type !== 'function') throw new TypeError(`registerModel('${name}'): type must be the model's class`);
  registry.set(name, codec);
}

/** The registered names, built-ins first. */
export function registeredModels(): string[] {
  return [...registry.keys()];
}

registerModel('MLP', {
  type: MLP,
  toConfig: (m) => m.config(),
  fromConfig: (c) => new MLP(c.sizes as number[], { activation: c.activation as MLPConfig['activation'] }),
});
registerModel('LogisticRegression', {
  type: LogisticRegression,
  toConfig: (m) => m.config(),
  fromConfig: (c) => new LogisticRegression(c.inFeatures as number, { classes: c.classes as number, l2: c.l2 as number }),
});

/** The config of `model` under its registered name (the codec of its own class first, then of a base class), or undefined. */
export function configOf(model: Module): ModelConfig | undefined {
  const entries = [...registry];
  const found = entries.find(([, c]) => model.constructor === c.type) ?? entries.find(([, c]) => model instanceof c.type);
  if (found === undefined) return undefined;
  const [name, codec] = found;
  return { ...codec.toConfig(model), type: name };
}

/** Builds the model a config describes (the inverse of `configOf`). */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the model class it registered; a file cannot tell the type checker
export function modelFromConfig<M extends Module = MLP | LogisticRegression>(config: ModelConfig): M {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the config was read from a file
  const type = config?.type;
  const codec = registry.get(type);
  if (codec === undefined) {
    throw new Error(
      `model file: unknown model type "${String(type)}" (known: ${registeredModels().join(', ')}); registerModel adds your own`,
    );
  }
  return codec.fromConfig(config as RegisteredConfig) as M;
}

/** Weights as JSON-safe arrays; −0 (and, in checkpoints, non-finite values) as strings, see checkpoint/codec.ts. */
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
  for (const [name, p] of model.namedParameters()) {
    const i = p.data.findIndex((v) => !Number.isFinite(v));
    if (i >= 0) return `parameter "${name}" holds ${p.data[i]!} at index ${i}`;
  }
  return null;
}
