import type { Module } from './module.ts';

/**
 * The model registry: which Module classes save their architecture, under which name, and how they are
 * built again. It is filled by the models themselves (mlp.ts and logistic.ts register the built-ins as
 * they load; a user's `registerModel` call adds their own), so nothing here knows any model.
 */

/** A registered model's architecture as stored: `type` is its registered name, the rest is its codec's. */
export type RegisteredConfig = { type: string } & Record<string, unknown>;

/** How one Module class saves its architecture and is built again from it (plain JSON both ways). */
export interface ModelCodec<M extends Module = Module> {
  /** The class; its instances (and subclasses' without a codec of their own) save under the registered name. */
  readonly type: abstract new (...args: never[]) => M;
  toConfig(model: M): object;
  fromConfig(config: RegisteredConfig): M;
  /** What is wrong with a stored config (a size that is not a positive integer, an unknown name), or null; asked before anything is built. */
  checkConfig?(config: RegisteredConfig): string | null;
  /**
   * Parameter name → shape of the model a valid config describes, in the model's order: a file's weights are
   * checked against them before a model of the config's size is allocated.
   */
  parameterShapes?(config: RegisteredConfig): [string, number[]][];
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

/** The codec registered under `type`, or undefined. */
export function codecOf(type: string): ModelCodec | undefined {
  return registry.get(type);
}

/** The registered name and codec of `model`: its own class's first, then a base class's. */
export function codecFor(model: Module): [string, ModelCodec] | undefined {
  const entries = [...registry];
  return entries.find(([, c]) => model.constructor === c.type) ?? entries.find(([, c]) => model instanceof c.type);
}
