import { Tensor, type NestedArray } from './tensor.ts';
import { formatShape, sizeOf } from './shape.ts';
import { resolveRng, type RandomOptions } from '../util/random.ts';

export interface TensorOptions {
  requiresGrad?: boolean;
  /** Required with a flat array or Float64Array of values unless the tensor is 1-D. */
  shape?: readonly number[];
}

export type TensorInput = number | NestedArray | Float64Array | readonly number[];

/**
 * Builds a tensor from a number (a scalar), nested arrays (shape inferred, ragged arrays rejected),
 * or a flat Float64Array / number[] with `shape`. Values are copied.
 */
export function tensor(values: TensorInput, options: TensorOptions = {}): Tensor {
  const { data, shape } = flatten(values, options.shape);
  return new Tensor(data, shape, options.requiresGrad ?? false);
}

function flatten(values: TensorInput, shape: readonly number[] | undefined): { data: Float64Array; shape: number[] } {
  if (shape !== undefined) checkShape(shape);
  if (typeof values === 'number') {
    if (shape !== undefined && sizeOf(shape) !== 1) throw new RangeError(`tensor: a single number cannot fill shape ${formatShape(shape)}`);
    return { data: new Float64Array([values]), shape: shape ? [...shape] : [] };
  }
  if (values instanceof Float64Array || (Array.isArray(values) && values.every((v) => typeof v === 'number'))) {
    const flat = values;
    const target = shape ? [...shape] : [flat.length];
    checkShape(target);
    if (sizeOf(target) !== flat.length) {
      throw new RangeError(`tensor: ${flat.length} values do not fill shape ${formatShape(target)} (${sizeOf(target)} elements)`);
    }
    return { data: Float64Array.from(flat), shape: target };
  }
  if (!Array.isArray(values))
    throw new TypeError(`tensor: expected a number, nested arrays of numbers or a Float64Array, got ${describe(values)}`);
  const inferred: number[] = [];
  for (let level: unknown = values; Array.isArray(level); level = level[0]) inferred.push(level.length);
  const out: number[] = [];
  const walk = (v: unknown, dim: number, path: number[]): void => {
    if (dim === inferred.length) {
      if (typeof v !== 'number') throw new TypeError(`tensor: element at [${path.join('][')}] is ${describe(v)}, expected a number`);
      out.push(v);
      return;
    }
    if (!Array.isArray(v) || v.length !== inferred[dim]) {
      const got = Array.isArray(v) ? `an array of length ${v.length}` : describe(v);
      throw new RangeError(
        `tensor: ragged nested array: at [${path.join('][')}] expected an array of length ${inferred[dim]!}, got ${got}`,
      );
    }
    v.forEach((item, i) => walk(item, dim + 1, [...path, i]));
  };
  walk(values, 0, []);
  if (shape !== undefined && sizeOf(shape) !== out.length) {
    throw new RangeError(`tensor: nested array of shape ${formatShape(inferred)} does not fill shape ${formatShape(shape)}`);
  }
  return { data: Float64Array.from(out), shape: shape ? [...shape] : inferred };
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (v === undefined) return 'undefined';
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- objects made by Object.create(null) have no constructor
  if (typeof v === 'object') return `an object (${v.constructor?.name ?? 'Object'})`;
  return typeof v === 'string' ? `the string "${v}"` : `a ${typeof v}`;
}

/** The most elements one Float64Array holds in JavaScript engines today (2³², V8's limit). */
const MAX_ELEMENTS = 2 ** 32;

function checkShape(shape: readonly number[]): void {
  if (!Array.isArray(shape)) throw new TypeError(`tensor: shape must be an array of non-negative integers, got ${describe(shape)}`);
  if (shape.some((d) => !Number.isInteger(d) || d < 0))
    throw new RangeError(`tensor: invalid shape ${formatShape(shape)} (dims must be non-negative integers)`);
  const size = sizeOf(shape);
  if (size > MAX_ELEMENTS)
    throw new RangeError(
      `tensor: shape ${formatShape(shape)} has ${size.toPrecision(3)} elements (${(size * 8).toPrecision(3)} bytes); one tensor holds at most ${MAX_ELEMENTS.toLocaleString('en-US')}`,
    );
}

export function full(shape: readonly number[], value: number, options: { requiresGrad?: boolean } = {}): Tensor {
  checkShape(shape);
  if (typeof value !== 'number') throw new TypeError(`full: value must be a number, got ${describe(value)}`);
  return new Tensor(new Float64Array(sizeOf(shape)).fill(value), [...shape], options.requiresGrad ?? false);
}

export const zeros = (shape: readonly number[], options: { requiresGrad?: boolean } = {}): Tensor => full(shape, 0, options);
export const ones = (shape: readonly number[], options: { requiresGrad?: boolean } = {}): Tensor => full(shape, 1, options);

export interface RandomTensorOptions extends RandomOptions {
  requiresGrad?: boolean;
}

/** Standard normal samples, from `seed`, an `rng`, or the global generator (see `manualSeed`). */
export function randn(shape: readonly number[], options: RandomTensorOptions = {}): Tensor {
  checkShape(shape);
  const rng = resolveRng(options);
  const data = new Float64Array(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  return new Tensor(data, [...shape], options.requiresGrad ?? false);
}

/** Uniform samples in [low, high) (default [0, 1)), seeded like `randn`. */
export function rand(shape: readonly number[], options: RandomTensorOptions & { low?: number; high?: number } = {}): Tensor {
  checkShape(shape);
  const rng = resolveRng(options);
  const low = options.low ?? 0,
    high = options.high ?? 1;
  if (!(Number.isFinite(low) && Number.isFinite(high) && low <= high))
    throw new RangeError(`rand: expected finite low ≤ high, got low ${low} and high ${high}`);
  const data = new Float64Array(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = low + (high - low) * rng.uniform();
  return new Tensor(data, [...shape], options.requiresGrad ?? false);
}
