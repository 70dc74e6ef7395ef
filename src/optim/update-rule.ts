import type { Hyperparameters, OptionChecker } from './options.ts';
import type { StateRecord, Transform } from './transform.ts';

/**
 * The optimizer interface before transforms: one function that updates a parameter and its state
 * in place. Still accepted by `new Optimizer(rule, params)`; a `Transform` is the composable form.
 */
export interface UpdateRule<H extends Hyperparameters, S extends StateRecord = StateRecord> {
  readonly name: string;
  /** Every option with its default; any other option name is rejected. */
  readonly defaults: Readonly<Partial<H>>;
  /** Options without a default (SGD's lr, as in PyTorch). */
  readonly required?: readonly string[];
  /** Range checks on the merged options; lr (> 0, finite) is checked before this. */
  validate?(check: OptionChecker, hyper: Readonly<H>): void;
  /** Fresh state for a parameter of `size` elements; called lazily on its first update. */
  init(size: number, hyper: Readonly<H>): S;
  /** θ ← update(θ, g) in place; `t` counts this parameter's updates, from 1 (PyTorch's per-param step). */
  update(param: Float64Array, grad: Float64Array, state: S, hyper: Readonly<H>, t: number): void;
}

export function isUpdateRule(x: unknown): x is UpdateRule<Hyperparameters> {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as { init?: unknown }).init === 'function' &&
    typeof (x as { update?: unknown }).update === 'function'
  );
}

/**
 * An UpdateRule as a one-transform chain. Its buffers are declared from `init` on one element (so
 * a rule's initial value must not depend on the size), and its in-place update runs as a fused step.
 */
export function fromUpdateRule<H extends Hyperparameters, S extends StateRecord>(rule: UpdateRule<H, S>): Transform<H> {
  return {
    name: rule.name,
    defaults: rule.defaults,
    ...(rule.required === undefined ? {} : { required: rule.required }),
    validate: (check, hyper) => rule.validate?.(check, hyper),
    buffers: (hyper) => Object.entries(rule.init(1, hyper)).map(([name, b]) => ({ name, initial: b[0] ?? 0 })),
    update(p, hyper) {
      p.fuse(() => rule.update(p.param, p.grad, p.state as S, hyper, p.t));
    },
  };
}
