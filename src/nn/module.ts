import { Tensor } from '../tensor/tensor.ts';
import { formatShape, sameShape } from '../tensor/shape.ts';
import { nonFiniteProblem } from './shapes.ts';

/** Serialized parameters: name → shape and values (plain arrays, so JSON round trips are exact). */
export type ModuleState = Record<string, { shape: number[]; data: number[] }>;

/**
 * Base class for models. Parameters (tensors with requiresGrad) and sub-modules assigned to fields
 * are discovered in declaration order, as in PyTorch, so subclasses only implement `forward`.
 */
export abstract class Module {
  abstract forward(x: Tensor): Tensor;

  /** Shorthand for `forward`, so a model reads like a function: `model.call(x)`. */
  call(x: Tensor): Tensor {
    return this.forward(x);
  }

  /** Sub-modules, named by field (arrays of modules as `field.0`, `field.1`, …). */
  namedChildren(): [string, Module][] {
    const out: [string, Module][] = [];
    for (const [key, value] of Object.entries(this)) {
      if (value instanceof Module) out.push([key, value]);
      else if (Array.isArray(value)) value.forEach((v, i) => v instanceof Module && out.push([`${key}.${i}`, v]));
    }
    return out;
  }

  /** Every trainable tensor with its dotted path, e.g. `layers.0.weight`. */
  namedParameters(prefix = ''): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [key, value] of Object.entries(this)) {
      if (value instanceof Tensor && value.requiresGrad) out.push([prefix + key, value]);
    }
    for (const [name, child] of this.namedChildren()) out.push(...child.namedParameters(`${prefix}${name}.`));
    return out;
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

  stateDict(): ModuleState {
    const state: ModuleState = {};
    for (const [name, p] of this.namedParameters()) state[name] = { shape: [...p.shape], data: Array.from(p.data) };
    return state;
  }

  /**
   * Copies values into this model's parameters. Every name must be present with the same shape;
   * every value must be finite (NaN and ±Infinity are refused, naming the parameter and index);
   * all problems are listed in one error and nothing is changed unless everything fits.
   */
  loadStateDict(state: ModuleState): void {
    const params = new Map(this.namedParameters());
    const problems: string[] = [];
    for (const [name, p] of params) {
      const entry = state[name];
      if (entry === undefined) problems.push(`missing parameter "${name}" (expected shape ${formatShape(p.shape)})`);
      else if (!Array.isArray(entry.shape) || !sameShape(entry.shape, p.shape)) {
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the state was read from a file
        const shape = entry.shape ?? [];
        problems.push(`parameter "${name}" has shape ${formatShape(shape)} in the file, the model expects ${formatShape(p.shape)}`);
      } else if (!Array.isArray(entry.data) || entry.data.length !== p.size || entry.data.some((v) => typeof v !== 'number')) {
        const bad = Array.isArray(entry.data) ? entry.data.findIndex((v) => typeof v !== 'number') : -1;
        const found = !Array.isArray(entry.data) ? 'none' : bad >= 0 ? `${JSON.stringify(entry.data[bad])} at index ${bad}` : entry.data.length;
        problems.push(`parameter "${name}" needs ${p.size} numbers, the file has ${found}`);
      } else {
        // 1e400 parses to Infinity; such a model would only ever predict NaN.
        const nonFinite = nonFiniteProblem(name, entry.data);
        if (nonFinite) problems.push(nonFinite);
      }
    }
    for (const name of Object.keys(state)) if (!params.has(name)) problems.push(`unexpected parameter "${name}" (the model has: ${[...params.keys()].join(', ')})`);
    if (problems.length > 0) throw new Error(`loadStateDict: the state does not fit this model:\n  ${problems.join('\n  ')}`);
    for (const [name, p] of params) p.data.set(state[name]!.data);
  }
}
