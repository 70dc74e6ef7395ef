import type { Tensor } from './tensor.ts';
import { formatShape, type Shape } from './shape.ts';

export interface DebugOptions {
  /** Check every op's output (and every gradient in `backward`) for NaN/±Infinity and throw at the first one. */
  checkFinite: boolean;
  /**
   * Checksum the values every op saves for its gradient, and have `backward` compare them: catches raw
   * writes into `.data` between the forward pass and backward, which version counters do not see.
   */
  checkSaved: boolean;
}

/**
 * Read by `Tensor.fromOp` and `backward` on every op: a plain mutable object, so the cost when
 * debugging is off is one property read and one branch.
 */
export const debugFlags: DebugOptions = { checkFinite: false, checkSaved: false };

/** Turns debug checks on or off globally (off by default): `true`/`false` for all of them; options not given keep their value. */
export function setDebug(options: Partial<DebugOptions> | boolean): void {
  if (typeof options === 'boolean') options = { checkFinite: options, checkSaved: options };
  if (options.checkFinite !== undefined) debugFlags.checkFinite = options.checkFinite;
  if (options.checkSaved !== undefined) debugFlags.checkSaved = options.checkSaved;
}

/** The current debug settings (a copy). */
export function getDebug(): DebugOptions {
  return { ...debugFlags };
}

/** Runs `fn` with the given debug settings (default: every check on), restoring the previous ones afterwards. */
export function debugMode<T>(fn: () => T, options: Partial<DebugOptions> | boolean = true): T {
  const previous = getDebug();
  setDebug(options);
  try {
    return fn();
  } finally {
    setDebug(previous);
  }
}

/** Thrown in debug mode by the first op whose output (or gradient) contains NaN or ±Infinity. */
export class NonFiniteError extends Error {
  override readonly name = 'NonFiniteError';
  constructor(
    message: string,
    /** The op that produced the value (for a gradient: the op whose backward produced it). */
    readonly op: string,
    readonly phase: 'forward' | 'backward',
    /** Flat index of the first bad element, and its value. */
    readonly index: number,
    readonly value: number,
    readonly shape: number[],
    readonly inputShapes: number[][],
  ) {
    super(message);
  }
}

/** Index of the first NaN/±Infinity in `data`, or −1. */
export function firstNonFinite(data: Float64Array): number {
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    // v − v is NaN exactly for NaN and ±Infinity; cheaper than Number.isFinite per element.
    if (v - v !== 0) return i;
  }
  return -1;
}

/** "parameter "w" holds NaN at index 3" for the first value that is not a finite number, or null (for weights read from a file). */
export function nonFiniteProblem(name: string, data: ArrayLike<unknown>): string | null {
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (typeof v === 'number' && !Number.isFinite(v)) return `parameter "${name}" holds ${v} at index ${i}; weights must be finite numbers`;
  }
  return null;
}

function describeInputs(parents: readonly Tensor[]): string {
  const shapes = parents.map((p) => formatShape(p.shape)).join(', ');
  const already = parents.findIndex((p) => firstNonFinite(p.data) >= 0);
  if (already < 0) return shapes;
  const at = firstNonFinite(parents[already]!.data);
  return `${shapes} (input ${already} already contains ${parents[already]!.data[at]!} at index ${at})`;
}

/** Throws `NonFiniteError` if an op's forward output is not all finite. */
export function checkOutputFinite(op: string, data: Float64Array, shape: Shape, parents: readonly Tensor[]): void {
  const at = firstNonFinite(data);
  if (at < 0) return;
  const value = data[at]!;
  const message = `${op}: produced ${value} at index ${at} of output ${formatShape(shape)}; inputs: ${describeInputs(parents)}`;
  throw new NonFiniteError(
    message,
    op,
    'forward',
    at,
    value,
    [...shape],
    parents.map((p) => [...p.shape]),
  );
}

/** Throws `NonFiniteError` if the gradient an op's backward hands to input `p` is not all finite. */
export function checkGradientFinite(node: Tensor, p: number, incoming: Tensor, grad: Tensor): void {
  const at = firstNonFinite(grad.data);
  if (at < 0) return;
  const value = grad.data[at]!;
  const parentShape = node.parents[p]?.shape ?? [];
  const upstream = firstNonFinite(incoming.data) >= 0 ? ' (the incoming gradient was already non-finite)' : '';
  const message = `${node.op} (backward): produced ${value} at index ${at} of the gradient for input ${p} ${formatShape(parentShape)}; output ${formatShape(node.shape)}${upstream}`;
  throw new NonFiniteError(
    message,
    node.op,
    'backward',
    at,
    value,
    [...parentShape],
    node.parents.map((q) => [...q.shape]),
  );
}
