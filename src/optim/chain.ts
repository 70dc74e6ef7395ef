import type { Hyperparameters } from './options.ts';
import { type BufferSpec, type Transform, flatten } from './transform.ts';
import { showValue } from '../util/guards.ts';

/**
 * Runs `transforms` one after another: u ← tₙ(… t₁(g)). Options are the union of theirs (an option
 * two transforms share, such as lr, must have the same default in both); buffers are the
 * concatenation of theirs and must have distinct names, because state dicts and the trace key them by name.
 */
export function chain(...transforms: Transform[]): Transform {
  const parts = transforms.flatMap((t) => {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- validates input from untyped (JavaScript or JSON) callers
    if (t === null || typeof t !== 'object' || typeof t.name !== 'string')
      throw new TypeError(`chain: expected transforms, got ${showValue(t)}`);
    return flatten(t);
  });
  const defaults: Hyperparameters = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part.defaults)) {
      if (key in defaults && defaults[key] !== value) {
        throw new RangeError(
          `chain: option ${key} has default ${String(defaults[key])} in one transform and ${String(value)} in ${part.name}`,
        );
      }
      defaults[key] = value!;
    }
  }
  const required = [...new Set(parts.flatMap((p) => p.required ?? []))].filter((k) => !(k in defaults));
  return {
    name: `chain(${parts.map((p) => p.name).join(', ')})`,
    defaults,
    required,
    parts,
    validate(check, hyper) {
      for (const p of parts) p.validate?.(check, hyper);
    },
    buffers: (hyper) => chainBuffers(parts, hyper),
  };
}

/** The buffers of `parts` under `hyper`, checked for duplicate names. */
export function chainBuffers(parts: readonly Transform[], hyper: Readonly<Hyperparameters>): BufferSpec[] {
  const owner = new Map<string, string>();
  const specs: BufferSpec[] = [];
  for (const part of parts) {
    for (const spec of part.buffers?.(hyper) ?? []) {
      const other = owner.get(spec.name);
      if (other !== undefined) throw new RangeError(`chain: ${other} and ${part.name} both keep a buffer named '${spec.name}'; rename one`);
      owner.set(spec.name, part.name);
      specs.push(spec);
    }
  }
  return specs;
}

/**
 * A chain under an optimizer's name, with its options listed in `defaults` (in the order errors
 * list them) and `required`: together exactly the chain's options, so a typo cannot add one.
 */
export function named<H extends Hyperparameters>(
  name: string,
  transform: Transform,
  defaults: Readonly<Partial<H>>,
  required: readonly string[] = [],
): Transform<H> {
  const own = [...Object.keys(defaults), ...required].sort();
  const chained = [...Object.keys(transform.defaults), ...(transform.required ?? [])].sort();
  if (own.join() !== chained.join()) {
    throw new RangeError(`${name}: options [${own.join(', ')}] do not match the transforms' options [${chained.join(', ')}]`);
  }
  const parts = flatten(transform);
  return {
    name,
    defaults,
    required,
    parts,
    validate: (check, hyper) => {
      for (const p of parts) p.validate?.(check, hyper);
    },
    buffers: (hyper) => chainBuffers(parts, hyper),
  };
}
