import { Tensor } from '../tensor/tensor.ts';
import { formatShape, sameShape } from '../tensor/shape.ts';
import { nonFiniteProblem } from '../tensor/debug.ts';
import { incrementVersion, nameTensor } from '../tensor/version.ts';
import { containerEntries, holdsTrainable, unregistered } from './members.ts';

/** Serialized parameters: name → shape and values (plain arrays, so JSON round trips are exact). */
export type ModuleState = Record<string, { shape: number[]; data: number[] }>;

/**
 * Base class for models. Parameters (tensors with requiresGrad) and sub-modules assigned to fields
 * are discovered in declaration order, as in PyTorch, so subclasses only implement `forward`.
 * `Inputs` lists forward's arguments: one tensor by default; a model of two inputs is
 * `class Bilinear extends Module<[Tensor, Tensor]> { forward(a: Tensor, b: Tensor): Tensor { … } }`.
 */
export abstract class Module<Inputs extends Tensor[] = [Tensor]> {
  /**
   * Training mode (the default) or evaluation mode, as PyTorch's `module.training`: layers such as
   * Dropout and BatchNorm1d behave differently in each. Set it with `train()` / `eval()`.
   */
  training = true;

  /** Buffers by state-dict name (private, so field discovery never sees the map itself). */
  readonly #buffers = new Map<string, Tensor>();

  abstract forward(...inputs: Inputs): Tensor;

  /** Puts this module and every sub-module in training mode (`mode = false`: evaluation mode); returns this. */
  train(mode = true): this {
    if (typeof mode !== 'boolean') throw new TypeError(`${this.constructor.name}.train: mode must be a boolean, got ${String(mode)}`);
    this.training = mode;
    for (const [, child] of this.namedChildren()) child.train(mode);
    return this;
  }

  /** Puts this module and every sub-module in evaluation mode; the same as `train(false)`. Returns this. */
  eval(): this {
    return this.train(false);
  }

  /** Shorthand for `forward`, so a model reads like a function: `model.call(x)`. */
  call(...inputs: Inputs): Tensor {
    return this.forward(...inputs);
  }

  /**
   * Sub-modules, named by field. As PyTorch's ModuleList and ModuleDict, a field may also hold an array
   * (`blocks.0`, `blocks.1`, …), a Map with string keys or a plain object (`heads.left`) of modules.
   */
  namedChildren(): [string, Module<Tensor[]>][] {
    return this.members().filter((m): m is [string, Module<Tensor[]>] => m[1] instanceof Module);
  }

  /**
   * Every trainable tensor with its dotted path, e.g. `layers.0.weight`: tensors with requiresGrad in
   * fields, in arrays, Maps or plain objects in fields (as PyTorch's ParameterList and ParameterDict),
   * then those of the sub-modules. A tensor reached twice (a shared layer) is listed once, under its first name.
   */
  namedParameters(prefix = ''): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    const seen = new Set<Tensor>();
    const add = (name: string, p: Tensor): void => {
      if (!seen.has(p)) {
        seen.add(p);
        out.push([name, p]);
      }
    };
    const members = this.members();
    for (const [name, value] of members) if (value instanceof Tensor && value.requiresGrad) add(prefix + name, value);
    for (const [name, value] of members) {
      if (value instanceof Module) for (const [n, p] of value.namedParameters(`${prefix}${name}.`)) add(n, p);
    }
    // Remembered so that an error about a parameter (a graph refused after a step) can name it.
    if (prefix === '') for (const [name, p] of out) nameTensor(p, name);
    return out;
  }

  /**
   * The modules and tensors this module holds, by dotted name, in field order. Containers are looked into
   * one level deep; anything that would hide a module or tensor from the optimizer (a nested array, a Set,
   * a Map with non-string keys) is refused with the field's name rather than skipped silently.
   */
  private members(): [string, Module<Tensor[]> | Tensor][] {
    const out: [string, Module<Tensor[]> | Tensor][] = [];
    for (const [key, value] of Object.entries(this)) {
      if (value instanceof Module || value instanceof Tensor) {
        out.push([key, value]);
        continue;
      }
      let entries: [string, unknown][] | null;
      try {
        entries = containerEntries(value, isMember);
      } catch (e) {
        throw new TypeError(`${this.constructor.name}: field "${key}": ${(e as Error).message}`, { cause: e });
      }
      if (entries === null) continue;
      for (const [k, v] of entries) {
        if (v instanceof Module || v instanceof Tensor) out.push([`${key}.${k}`, v]);
        else if (holdsTrainable(v, isMember))
          throw new TypeError(unregistered(this.constructor.name, `${key}.${k}`, 'a container inside a container'));
      }
    }
    return out;
  }

  /**
   * Registers `tensor` as a buffer (PyTorch's `register_buffer`): state that is saved and loaded with the
   * parameters under `name` (e.g. BatchNorm1d's `running_mean`) but is not trained. Returns the tensor.
   */
  protected registerBuffer(name: string, tensor: Tensor): Tensor {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw new TypeError(`${this.constructor.name}.registerBuffer: name must be an identifier, got "${name}"`);
    if (tensor.requiresGrad)
      throw new TypeError(`${this.constructor.name}.registerBuffer: buffer "${name}" requires grad; a trained tensor is a parameter`);
    this.#buffers.set(name, tensor);
    return tensor;
  }

  /** Every buffer with its dotted path (`layers.1.running_mean`): this module's, then its sub-modules'. */
  namedBuffers(prefix = ''): [string, Tensor][] {
    const out: [string, Tensor][] = [...this.#buffers].map(([name, b]) => [prefix + name, b]);
    for (const [name, child] of this.namedChildren()) out.push(...child.namedBuffers(`${prefix}${name}.`));
    return out;
  }

  buffers(): Tensor[] {
    return this.namedBuffers().map(([, b]) => b);
  }

  parameters(): Tensor[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /** Number of trainable scalars. */
  parameterCount(): number {
    return this.parameters().reduce((n, p) => n + p.size, 0);
  }

  zeroGrad(): void {
    for (const p of this.parameters()) p.zeroGrad();
  }

  /** Parameters, then buffers, by dotted name. */
  stateDict(): ModuleState {
    const state: ModuleState = {};
    for (const [name, p] of [...this.namedParameters(), ...this.namedBuffers()])
      state[name] = { shape: [...p.shape], data: Array.from(p.data) };
    return state;
  }

  /**
   * Copies values into this model's parameters and buffers. Every name must be present with the same shape;
   * every value must be finite (NaN and ±Infinity are refused, naming the parameter and index);
   * all problems are listed in one error and nothing is changed unless everything fits.
   */
  loadStateDict(state: ModuleState): void {
    // Checked at run time: the state usually comes from a file (JSON), whatever its declared type.
    const raw: unknown = state;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw new TypeError(
        `loadStateDict: expected a state dict (an object of { shape, data } per parameter name, as stateDict() returns), got ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}`,
      );
    const params = new Map([...this.namedParameters(), ...this.namedBuffers()]);
    const problems: string[] = [];
    for (const [name, p] of params) {
      const entry = state[name];
      if (entry === undefined) problems.push(`missing parameter "${name}" (expected shape ${formatShape(p.shape)})`);
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the state was read from a file
      else if (typeof entry !== 'object' || entry === null)
        problems.push(`parameter "${name}" is ${JSON.stringify(entry)} in the file, not { shape, data }`);
      else if (!Array.isArray(entry.shape) || !sameShape(entry.shape, p.shape)) {
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the state was read from a file
        const shape = entry.shape ?? [];
        problems.push(`parameter "${name}" has shape ${formatShape(shape)} in the file, the model expects ${formatShape(p.shape)}`);
      } else if (!Array.isArray(entry.data) || entry.data.length !== p.size || entry.data.some((v) => typeof v !== 'number')) {
        const bad = Array.isArray(entry.data) ? entry.data.findIndex((v) => typeof v !== 'number') : -1;
        const found = !Array.isArray(entry.data)
          ? 'none'
          : bad >= 0
            ? `${JSON.stringify(entry.data[bad])} at index ${bad}`
            : entry.data.length;
        problems.push(`parameter "${name}" needs ${p.size} numbers, the file has ${found}`);
      } else {
        // 1e400 parses to Infinity; such a model would only ever predict NaN.
        const nonFinite = nonFiniteProblem(name, entry.data);
        if (nonFinite) problems.push(nonFinite);
      }
    }
    for (const name of Object.keys(state))
      if (!params.has(name)) problems.push(`unexpected parameter "${name}" (the model has: ${[...params.keys()].join(', ')})`);
    if (problems.length > 0) throw new Error(`loadStateDict: the state does not fit this model:\n  ${problems.join('\n  ')}`);
    for (const [name, p] of params) {
      p.data.set(state[name]!.data);
      incrementVersion(p, 'loadStateDict');
    }
  }
}

function isMember(value: unknown): boolean {
  return value instanceof Module || value instanceof Tensor;
}
