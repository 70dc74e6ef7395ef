import type { Hyperparameters, OptionChecker } from './options.ts';

/** Per-parameter state buffers of one optimizer (momentum, moment estimates, accumulators), by name. */
export type StateRecord = Record<string, Float64Array>;

/** One state buffer a transform keeps for each parameter, declared before any is allocated. */
export interface BufferSpec {
  readonly name: string;
  /** Every element's value before the first update (AdaGrad's initialAccumulator; 0 for moments). */
  readonly initial: number;
  /** Default: the parameter's shape. A fixed shape holds per-tensor values (e.g. [1] for a norm). */
  readonly shape?: readonly number[];
  /** How formulas and the trace table write it (m, v, s…); default the name. */
  readonly label?: string;
}

/**
 * A gradient transformation, as in optax: it reads the update so far (`p.u`, the gradient at
 * first), may keep state buffers it declares up front, and passes a new update on. `chain()` runs
 * transforms in order; the optimizer then applies θ ← θ + update. Options are read by name from
 * one shared record, so a chain's options are the union of its transforms' (and `lr` is one
 * option whether it scales the step or the decoupled decay). This is the one way to extend the
 * optimizers: a custom optimizer is a chain with a transform of your own in it.
 */
export interface Transform<H extends Hyperparameters = Hyperparameters> {
  readonly name: string;
  /** The options this transform reads, with their defaults. */
  readonly defaults: Readonly<Partial<H>>;
  /** Options with no default (SGD's lr, as in PyTorch). */
  readonly required?: readonly string[];
  /** Range checks on the merged options; errors name the optimizer (`check.owner`). */
  validate?(check: OptionChecker, hyper: Readonly<H>): void;
  /** The buffers kept per parameter under these options (names must be unique within a chain). */
  buffers?(hyper: Readonly<H>): readonly BufferSpec[];
  /** Transforms one parameter's update. */
  update?(p: ParamUpdate, hyper: Readonly<H>): void;
  /** Transforms every parameter's update at once (global-norm clipping needs them all). */
  updateAll?(ps: readonly ParamUpdate[], hyper: Readonly<H>): void;
  /** Quantities derived from the state after a step, for the trace (Adam: m̂ and v̂). */
  inspect?(state: Readonly<Record<string, readonly number[]>>, hyper: Readonly<H>, t: number): Record<string, number[]>;
  /** The transforms a chain runs, in order (absent for a single transform). */
  readonly parts?: readonly Transform[];
}

/** The transforms `t` runs, in order, with nested chains flattened. */
export function flatten(t: Transform): Transform[] {
  return t.parts === undefined ? [t] : t.parts.flatMap(flatten);
}

/**
 * One parameter's update on its way through a chain, as a transform sees it: the update so far, the
 * parameter, the state buffers the chain declared for it and its step count. A transform reads `u`
 * and passes a new update on, in place (`writable()`) or by handing over an array of its own (`use()`).
 * The optimizer writes θ once, after the whole chain.
 */
export interface ParamUpdate {
  /** Index into `optimizer.params`. */
  readonly index: number;
  /** θ before this step; read it (weight decay), do not write it. */
  readonly param: Float64Array;
  readonly grad: Float64Array;
  /** Every buffer of the chain for this parameter, by name (live: write your own in place). */
  readonly state: StateRecord;
  /** This parameter's update count, from 1 (PyTorch's per-parameter step). */
  readonly t: number;
  /** The optimizer's step count, from 1 (what schedules inside a chain count). */
  readonly step: number;
  /** The update so far: the gradient for the first transform. Read-only: it may alias the gradient or another transform's buffer. */
  readonly u: Float64Array;
  /** `u` as an array this transform may overwrite (copied from the gradient or buffer it aliases the first time). */
  writable(): Float64Array;
  /** Takes `values` as the update without copying (a transform's own buffer, e.g. a momentum); `writable()` copies it if needed later. */
  use(values: Float64Array): void;
}
