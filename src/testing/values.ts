import { Tensor } from '../tensor/tensor.ts';
import { Module } from '../nn/module.ts';

/** One named array of numbers with its shape: a tensor, a parameter, a number. */
export interface Leaf {
  name: string;
  shape: readonly number[];
  data: ArrayLike<number>;
}

/** What the value assertions accept: a tensor, a number, nested arrays of numbers, a module (its named parameters) or a record of these. */
export type TensorLike =
  Tensor | number | readonly unknown[] | Module<Tensor[]> | Readonly<Record<string, Tensor | number | readonly unknown[]>>;

/** Nested arrays of numbers as shape and flat values; throws on ragged arrays or non-numbers. */
function fromNested(value: number | readonly unknown[], name: string): Leaf {
  const shape: number[] = [];
  let level: unknown = value;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  const data = Array.isArray(value) ? (value as unknown[]).flat(Infinity) : [value];
  const size = shape.reduce((a, b) => a * b, 1);
  if (data.length !== size || data.some((v) => typeof v !== 'number'))
    throw new TypeError(`${name}: expected a Tensor, a number or nested arrays of numbers of a rectangular shape`);
  return { name, shape, data: data as number[] };
}

/** The named leaves of a value: one for a tensor or array, one per parameter of a module (`layers.0.weight`) or key of a record. */
export function leavesOf(value: TensorLike, name: string): Leaf[] {
  if (value instanceof Tensor) return [{ name, shape: value.shape, data: value.data }];
  if (typeof value === 'number' || Array.isArray(value)) return [fromNested(value as number | readonly unknown[], name)];
  if (value instanceof Module) return value.namedParameters().map(([n, p]) => ({ name: n, shape: p.shape, data: p.data }));
  return Object.entries(value).flatMap(([k, v]) => leavesOf(v as TensorLike, k));
}

/** Shape and values as nested arrays, for an error's `actual` and `expected` (what a runner diffs). */
export function nested(leaf: Leaf): unknown {
  const build = (offset: number, dim: number): unknown => {
    if (dim === leaf.shape.length) return leaf.data[offset];
    const inner = leaf.shape.slice(dim + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: leaf.shape[dim]! }, (_, i) => build(offset + i * inner, dim + 1));
  };
  return build(0, 0);
}
