import type { Hyperparameters } from './options.ts';
import { isCount, isRecord } from '../util/guards.ts';

/** One parameter's optimizer state in memory. */
export interface ParamState {
  step: number;
  buffers: Record<string, Float64Array>;
}

/** One parameter's optimizer state as plain JSON. */
export interface ParamStateDict {
  step: number;
  buffers: Record<string, number[]>;
}

/**
 * An optimizer snapshot that survives JSON.stringify/parse bit-exactly (JSON numbers round-trip
 * exactly in JS). `state` is keyed by parameter index; parameters never updated have no entry.
 */
export interface OptimizerStateDict {
  optimizer: string;
  stepCount: number;
  paramCount: number;
  hyperparameters: Hyperparameters;
  state: Record<string, ParamStateDict>;
}

export function exportStateDict(
  name: string,
  stepCount: number,
  hyper: Readonly<Hyperparameters>,
  states: readonly (ParamState | undefined)[],
): OptimizerStateDict {
  const state: Record<string, ParamStateDict> = {};
  states.forEach((s, i) => {
    if (s === undefined) return;
    const buffers: Record<string, number[]> = {};
    for (const [key, buf] of Object.entries(s.buffers)) buffers[key] = Array.from(buf);
    state[String(i)] = { step: s.step, buffers };
  });
  return { optimizer: name, stepCount, paramCount: states.length, hyperparameters: { ...hyper }, state };
}

export interface ImportTarget {
  name: string;
  /** Element count of each parameter, in order. */
  sizes: readonly number[];
  /** Validates the saved hyperparameters (throws on bad values) and returns them merged. */
  hyperparameters(saved: Hyperparameters): Hyperparameters;
  /** The state buffers (name and element count) this optimizer keeps for `params[index]`. */
  buffers(index: number, hyper: Hyperparameters): { name: string; size: number }[];
  /** Hyperparameter names a snapshot must contain. */
  requiredKeys: readonly string[];
}

/** Validates a snapshot against the optimizer and its params; returns fresh typed-array state. */
export function importStateDict(
  dict: unknown,
  target: ImportTarget,
): {
  stepCount: number;
  hyperparameters: Hyperparameters;
  states: (ParamState | undefined)[];
} {
  const where = `${target.name}.loadStateDict`;
  if (!isRecord(dict)) throw new TypeError(`${where}: expected a state dict object, got ${String(dict)}`);
  if (dict.optimizer !== target.name) {
    throw new TypeError(`${where}: the state dict was saved by optimizer '${String(dict.optimizer)}', not ${target.name}`);
  }
  if (dict.paramCount !== target.sizes.length) {
    throw new RangeError(`${where}: the state dict has ${String(dict.paramCount)} params but this optimizer has ${target.sizes.length}`);
  }
  if (!isCount(dict.stepCount)) throw new RangeError(`${where}: stepCount must be an integer ≥ 0, got ${String(dict.stepCount)}`);
  if (!isRecord(dict.hyperparameters)) throw new TypeError(`${where}: hyperparameters must be an object`);
  for (const key of target.requiredKeys) {
    if (!(key in dict.hyperparameters)) throw new RangeError(`${where}: hyperparameter ${key} is missing`);
  }
  const hyper = target.hyperparameters(dict.hyperparameters as Hyperparameters);
  if (!isRecord(dict.state)) throw new TypeError(`${where}: state must be an object keyed by param index`);
  const states: (ParamState | undefined)[] = target.sizes.map(() => undefined);
  for (const [key, entry] of Object.entries(dict.state)) {
    const index = Number(key);
    if (!(String(index) === key && isCount(index) && index < target.sizes.length)) {
      throw new RangeError(`${where}: state key '${key}' is not a param index in [0, ${target.sizes.length})`);
    }
    const size = target.sizes[index]!;
    if (!isRecord(entry) || !isCount(entry.step) || entry.step === 0 || !isRecord(entry.buffers)) {
      throw new TypeError(`${where}: state[${key}] must be { step: integer ≥ 1, buffers: { name: number[] } }`);
    }
    const declared = new Map(target.buffers(index, hyper).map((b) => [b.name, b.size]));
    const expected = [...declared.keys()].sort();
    const got = Object.keys(entry.buffers).sort();
    if (expected.join() !== got.join()) {
      throw new RangeError(`${where}: state[${key}] has buffers [${got.join(', ')}] but ${target.name} keeps [${expected.join(', ')}]`);
    }
    const buffers: Record<string, Float64Array> = {};
    for (const name of expected) {
      const values = entry.buffers[name];
      const want = declared.get(name)!;
      if (!Array.isArray(values) || values.length !== want) {
        const of = want === size ? `params[${key}] has ${size} elements` : `${target.name} keeps ${want} values`;
        if (!Array.isArray(values))
          throw new TypeError(
            `${where}: state[${key}].${name} is ${values === undefined ? 'missing' : JSON.stringify(values)}, not an array of numbers (${of})`,
          );
        throw new RangeError(`${where}: state[${key}].${name} has ${values.length} values but ${of}`);
      }
      const bad = values.findIndex((v) => typeof v !== 'number');
      if (bad >= 0) throw new TypeError(`${where}: state[${key}].${name}[${bad}] is ${String(values[bad])}, not a number`);
      buffers[name] = Float64Array.from(values as number[]);
    }
    states[index] = { step: entry.step, buffers };
  }
  return { stepCount: dict.stepCount, hyperparameters: hyper, states };
}
