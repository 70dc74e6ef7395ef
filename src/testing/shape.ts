import type { Tensor } from '../tensor/tensor.ts';
import { AssertionError } from './assertion-error.ts';

/**
 * One dimension of a shape pattern (chex's assert_shape): a size; `null` for any size; a list of allowed
 * sizes (`[1, 3]`); or a name (`'batch'`), which binds to the size it first meets and must then agree
 * everywhere it appears. `'...'` stands for any number of dimensions (at most one per pattern).
 */
export type DimPattern = number | null | readonly number[] | string;
export type ShapePattern = readonly DimPattern[];

/** The sizes named dimensions took, e.g. `{ batch: 32 }`. */
export type Dims = Record<string, number>;

type Shaped = Tensor | { readonly shape: readonly number[] };

const show = (d: DimPattern): string => (d === null ? '_' : typeof d === 'object' ? `{${d.join(' | ')}}` : String(d));
export const showPattern = (p: ShapePattern): string => `[${p.map(show).join(', ')}]`;
const showShape = (s: readonly number[]): string => `[${s.join(', ')}]`;

/** Where each named dimension was bound: its size, and the tensor and dimension that fixed it. */
type Bindings = Map<string, { size: number; where: string }>;

function checkPattern(pattern: ShapePattern, where: string): void {
  if (!Array.isArray(pattern))
    throw new TypeError(`assertShape: the pattern for ${where} must be an array, e.g. [null, 3] or ['batch', '...']`);
  if (pattern.filter((d) => d === '...').length > 1) throw new RangeError(`assertShape: the pattern for ${where} has more than one '...'`);
  for (const d of pattern) {
    const ok =
      d === null ||
      typeof d === 'string' ||
      (typeof d === 'number' && Number.isInteger(d) && d >= 0) ||
      (Array.isArray(d) && d.every((v) => Number.isInteger(v) && (v as number) >= 0));
    if (!ok)
      throw new TypeError(
        `assertShape: ${JSON.stringify(d)} in the pattern for ${where} is not a size, null, a list of sizes, a name or '...'`,
      );
  }
}

/** Matches one shape, binding names; null when it fits, else why not. */
function match(shape: readonly number[], pattern: ShapePattern, name: string, bindings: Bindings): string | null {
  const ellipsis = pattern.indexOf('...');
  const head = ellipsis < 0 ? pattern : pattern.slice(0, ellipsis);
  const tail = ellipsis < 0 ? [] : pattern.slice(ellipsis + 1);
  if (ellipsis < 0 ? shape.length !== pattern.length : shape.length < head.length + tail.length)
    return `rank ${shape.length}, expected ${ellipsis < 0 ? '' : 'at least '}${head.length + tail.length}`;
  const pairs: [DimPattern, number][] = [
    ...head.map((p, i): [DimPattern, number] => [p, i]),
    ...tail.map((p, i): [DimPattern, number] => [p, shape.length - tail.length + i]),
  ];
  for (const [p, i] of pairs) {
    const size = shape[i]!;
    if (p === null) continue;
    if (typeof p === 'number' && size !== p) return `dimension ${i} is ${size}, not ${p}`;
    if (Array.isArray(p) && !p.includes(size)) return `dimension ${i} is ${size}, not one of ${p.join(', ')}`;
    if (typeof p === 'string') {
      const bound = bindings.get(p);
      if (bound === undefined) bindings.set(p, { size, where: `${name} (dimension ${i})` });
      else if (bound.size !== size) return `dimension ${i} (${p}) is ${size}, but ${p} is ${bound.size} in ${bound.where}`;
    }
  }
  return null;
}

function shapeOf(t: Shaped, name: string): readonly number[] {
  const shape: unknown = (t as Partial<Shaped> | null)?.shape;
  if (!Array.isArray(shape)) throw new TypeError(`assertShape: ${name} is not a tensor (it has no shape)`);
  return shape as number[];
}

function initial(dims: Dims): Bindings {
  return new Map(Object.entries(dims).map(([k, size]) => [k, { size, where: 'the given dims' }]));
}

/**
 * Throws an AssertionError unless `t`'s shape fits `pattern`; returns the sizes its named dimensions took.
 *
 *     assertShape(logits, ['batch', 10]);         // → { batch: 32 }
 *     assertShape(x, [null, [1, 3]]);             // any rows, 1 or 3 columns
 *     assertShape(images, ['...', 28, 28]);       // any leading dimensions
 *
 * Message: `logits has shape [32, 9] but expected [batch, 10]: dimension 1 is 9, not 10`.
 */
export function assertShape(t: Shaped, pattern: ShapePattern, options: { name?: string; dims?: Dims } = {}): Dims {
  const name = options.name ?? 'tensor';
  return assertShapes({ [name]: [t, pattern] }, options.dims);
}

/**
 * assertShape over several tensors at once, with named dimensions that must agree across them (chex's
 * Dimensions): `assertShapes({ x: [x, ['n', 4]], y: [y, ['n']] })` fails when x and y have different row counts:
 * `y has shape [5] but expected [n]: dimension 0 (n) is 5, but n is 4 in x (dimension 0)`.
 */
export function assertShapes(entries: Record<string, readonly [Shaped, ShapePattern]>, dims: Dims = {}): Dims {
  const bindings = initial(dims);
  for (const [name, [t, pattern]] of Object.entries(entries)) {
    checkPattern(pattern, name);
    const shape = shapeOf(t, name);
    const problem = match(shape, pattern, name, bindings);
    if (problem !== null)
      throw new AssertionError(`${name} has shape ${showShape(shape)} but expected ${showPattern(pattern)}: ${problem}`, {
        actual: [...shape],
        expected: pattern.map(show),
      });
  }
  return Object.fromEntries([...bindings].map(([k, v]) => [k, v.size]));
}
