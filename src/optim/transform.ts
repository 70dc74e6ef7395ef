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
 * option whether it scales the step or the decoupled decay).
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
  /**
   * True when the transform only changes the pending scalars (`scale`, `div`, `lr`, `decoupled`)
   * and never reads `u`: the chain then lets an earlier transform keep a fused step (see ParamUpdate.fuse).
   */
  readonly pendingOnly?: boolean;
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

/** Scratch arrays the optimizer keeps per parameter across steps (not state: never saved). */
export interface Scratch {
  u?: Float64Array;
  den?: Float64Array;
}

/**
 * One parameter's update on its way through a chain. The step it describes is
 *
 *     θ ← θ·(1 − lr·decoupled) + ((scale / div)·u) / den        (den optional)
 *
 * kept in that form until the end because PyTorch multiplies by the step size before dividing
 * (`addcdiv_(m, denom, value=−lr/bc1)`): dividing first and scaling by lr after rounds differently.
 */
export class ParamUpdate {
  /** The update so far; aliases the gradient (read-only) until `writable()` is called. */
  u: Float64Array;
  /** A pending elementwise divisor (AdaGrad's √s + eps), or undefined. */
  den: Float64Array | undefined = undefined;
  /** Pending scalar multiplier (scaleByLr makes it −lr) and divisor (Adam's bias correction 1 − β1ᵗ). */
  scale = 1;
  div = 1;
  /** The learning rate scaleByLr applied (decoupled decay is scaled by it, as in PyTorch's AdamW). */
  lr = 1;
  /** Decoupled weight decay rate: θ is multiplied by 1 − lr·decoupled before the update is added. */
  decoupled = 0;
  /** Set by the chain: true when every later transform is pendingOnly, so `fuse` may be used. */
  fusable = false;
  private owned = false;
  private fused: ((p: ParamUpdate) => void) | undefined = undefined;

  constructor(
    /** Index into `optimizer.params`. */
    readonly index: number,
    /** θ before this step; the optimizer writes it once, after the whole chain. */
    readonly param: Float64Array,
    readonly grad: Float64Array,
    /** Every buffer of the chain for this parameter, by name (live). */
    readonly state: StateRecord,
    /** This parameter's update count, from 1 (PyTorch's per-parameter step). */
    readonly t: number,
    /** The optimizer's step count, from 1 (what schedules inside a chain count). */
    readonly step: number,
    private readonly scratch: Scratch,
  ) {
    this.u = grad;
  }

  /** `u` as an array this transform may overwrite (copied from the gradient the first time). */
  writable(): Float64Array {
    if (!this.owned) {
      const out = (this.scratch.u ??= new Float64Array(this.param.length));
      if (out !== this.u) out.set(this.u);
      this.u = out;
      this.owned = true;
    }
    return this.u;
  }

  /** Takes `values` as the update without copying (a transform's own buffer, e.g. m); writable() copies it if needed later. */
  use(values: Float64Array): void {
    this.u = values;
    this.owned = false;
  }

  /** A reusable array for a pending divisor. */
  denominator(): Float64Array {
    return (this.den = this.scratch.den ??= new Float64Array(this.param.length));
  }

  /**
   * Hands the chain one function that updates this transform's state *and* writes θ, called after the
   * pending-only transforms that follow have set `scale`, `div`, `lr` and `decoupled`. Only when `fusable`.
   */
  fuse(apply: (p: ParamUpdate) => void): void {
    if (!this.fusable) throw new Error('ParamUpdate.fuse: a transform that reads the update follows; compute the update instead');
    this.fused = apply;
  }

  /** Folds the pending divisor and scalars into `u`, so a transform that reads `u` sees the plain update. */
  settle(): void {
    if (this.fused !== undefined) throw new Error('ParamUpdate.settle: a fused step is pending');
    if (this.den === undefined && this.scale === 1 && this.div === 1) return;
    const s = this.scale / this.div,
      den = this.den;
    const u = this.writable();
    for (let i = 0; i < u.length; i++) u[i] = den === undefined ? s * u[i]! : (s * u[i]!) / den[i]!;
    this.den = undefined;
    this.scale = this.div = 1;
  }

  /** θ ← θ·(1 − lr·decoupled) + ((scale/div)·u)/den, in PyTorch's order of operations. */
  apply(): void {
    if (this.fused !== undefined) {
      this.fused(this);
      return;
    }
    const { param, u, den, decoupled } = this;
    const s = this.scale / this.div; // −(lr/bc1): negation is exact, so −lr/bc1 is PyTorch's −step_size
    const decay = 1 - this.lr * decoupled; // param.mul_(1 − lr·wd)
    for (let i = 0; i < param.length; i++) {
      const p = decoupled !== 0 ? param[i]! * decay : param[i]!;
      param[i] = den === undefined ? p + s * u[i]! : p + (s * u[i]!) / den[i]!;
    }
  }
}
