import type { ParamUpdate, StateRecord, Transform } from './transform.ts';
import type { Hyperparameters } from './options.ts';

/**
 * How the built-in optimizers make the applied step round exactly as PyTorch's: the machinery behind the
 * update algebra a transform sees (ParamUpdate). Custom transforms never need it; the built-ins that divide
 * (AdaGrad, RMSProp, Adamax, Adam), scale by the learning rate or decay decoupled work on the step in the form
 *
 *     θ ← θ·(1 − lr·decoupled) + ((scale / div)·u) / den        (den optional)
 *
 * kept pending until the end because PyTorch multiplies by the step size before dividing
 * (`addcdiv_(m, denom, value=−lr/bc1)`): dividing first and scaling by lr after rounds differently.
 * A transform that reads `u` first has the pending parts folded in (`settle`), so it sees the plain update.
 */

/** Scratch arrays the optimizer keeps per parameter across steps (not state: never saved). */
export interface Scratch {
  u?: Float64Array;
  den?: Float64Array;
}

/** One parameter's step in its pending form; the optimizer hands every transform one of these. */
export class PendingStep implements ParamUpdate {
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
  /** Set by the optimizer: true when every later transform is pendingOnly, so `fuse` may be used. */
  fusable = false;
  private owned = false;
  private fused: ((p: PendingStep) => void) | undefined = undefined;

  constructor(
    readonly index: number,
    readonly param: Float64Array,
    readonly grad: Float64Array,
    readonly state: StateRecord,
    readonly t: number,
    readonly step: number,
    private readonly scratch: Scratch,
  ) {
    this.u = grad;
  }

  writable(): Float64Array {
    if (!this.owned) {
      const out = (this.scratch.u ??= new Float64Array(this.param.length));
      if (out !== this.u) out.set(this.u);
      this.u = out;
      this.owned = true;
    }
    return this.u;
  }

  use(values: Float64Array): void {
    this.u = values;
    this.owned = false;
  }

  /** A reusable array for a pending divisor. */
  denominator(): Float64Array {
    return (this.den = this.scratch.den ??= new Float64Array(this.param.length));
  }

  /**
   * Hands the optimizer one function that updates this transform's state *and* writes θ, called after the
   * pending-only transforms that follow have set `scale`, `div`, `lr` and `decoupled`. Only when `fusable`.
   */
  fuse(apply: (p: PendingStep) => void): void {
    if (!this.fusable) throw new Error('PendingStep.fuse: a transform that reads the update follows; compute the update instead');
    this.fused = apply;
  }

  /** Folds the pending divisor and scalars into `u`, so a transform that reads `u` sees the plain update. */
  settle(): void {
    if (this.fused !== undefined) throw new Error('PendingStep.settle: a fused step is pending');
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

/** A built-in transform that works on the pending form of the step (PendingStep) rather than on `u` alone. */
export interface StepTransform<H extends Hyperparameters = Hyperparameters> extends Omit<Transform<H>, 'update' | 'updateAll'> {
  /**
   * True when the transform only changes the pending scalars (`scale`, `div`, `lr`, `decoupled`) and never
   * reads `u`: an earlier transform may then keep a fused step (see PendingStep.fuse).
   */
  readonly pendingOnly?: boolean;
  update?(p: PendingStep, hyper: Readonly<H>): void;
  updateAll?(ps: readonly PendingStep[], hyper: Readonly<H>): void;
}

/** A StepTransform, offered as the public Transform: the optimizer hands every transform a PendingStep. */
export function stepTransform<H extends Hyperparameters>(transform: StepTransform<H>): Transform<H> {
  return transform;
}

/** Whether `transform` only changes the pending scalars (never reads `u`). */
export function isPendingOnly(transform: Transform): boolean {
  return (transform as StepTransform).pendingOnly === true;
}
