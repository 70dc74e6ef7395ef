import { Tensor } from '../tensor/tensor.ts';
import { type Hyperparameters, OptionChecker, resolveOptions } from './options.ts';
import { type OptimizerStateDict, type ParamState, exportStateDict, importStateDict } from './state-dict.ts';

/** Per-parameter state buffers of one optimizer (momentum, moment estimates, accumulators). */
export type StateRecord = Record<string, Float64Array>;

/** Hyperparameters every optimizer has: the learning rate. */
export type BaseOptions = Hyperparameters & { lr: number };

/**
 * A per-parameter update rule, as in optax: a pure function over Float64Arrays that updates the
 * parameter (and its state) in place. The `Optimizer` class supplies everything else.
 */
export interface UpdateRule<H extends BaseOptions, S extends StateRecord = StateRecord> {
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

/** Merges and validates options for `rule`, with errors that name the optimizer and option. */
export function resolveHyperparameters<H extends BaseOptions, S extends StateRecord>(rule: UpdateRule<H, S>, options: Readonly<Partial<H>> | undefined): H {
  const hyper = resolveOptions<H>(rule.name, rule.defaults, options, rule.required);
  const check = new OptionChecker(rule.name, hyper);
  check.positive('lr');
  rule.validate?.(check, hyper);
  return hyper;
}

/**
 * Owns the parameters, their lazily created state and the step count; applies `rule` to every
 * parameter that has a gradient (parameters whose `.grad` is null are skipped, as in PyTorch).
 */
export class Optimizer<H extends BaseOptions = BaseOptions, S extends StateRecord = StateRecord> {
  readonly params: readonly Tensor[];
  readonly rule: UpdateRule<H, S>;
  private hyper: H;
  private states: Array<ParamState | undefined>;
  private steps = 0;

  constructor(rule: UpdateRule<H, S>, params: Iterable<Tensor>, options?: Readonly<Partial<H>>) {
    this.rule = rule;
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- validates input from untyped (JavaScript or JSON) callers
    const list = params !== null && typeof params === 'object' && Symbol.iterator in params ? [...params] : null;
    if (list === null) throw new TypeError(`${rule.name}: params must be an array of Tensors`);
    if (list.length === 0) throw new RangeError(`${rule.name}: got an empty params list; pass at least one parameter Tensor`);
    const seen = new Set<Tensor>();
    list.forEach((p, i) => {
      if (!(p instanceof Tensor)) throw new TypeError(`${rule.name}: params[${i}] is not a Tensor`);
      if (!p.requiresGrad) throw new RangeError(`${rule.name}: params[${i}] (shape [${p.shape.join(', ')}]) does not require grad`);
      if (seen.has(p)) throw new RangeError(`${rule.name}: params[${i}] appears more than once`);
      seen.add(p);
    });
    this.params = list;
    this.hyper = resolveHyperparameters(rule, options);
    this.states = list.map(() => undefined);
  }

  get name(): string {
    return this.rule.name;
  }

  /** The learning rate used by the next `step()`; schedulers set it. */
  get lr(): number {
    return this.hyper.lr;
  }

  /** Any finite lr ≥ 0 (a schedule may anneal to 0; constructors insist on lr > 0). */
  set lr(value: number) {
    if (typeof value !== 'number' || !(value >= 0 && Number.isFinite(value))) {
      throw new RangeError(`${this.name}: lr must be a finite number ≥ 0, got ${String(value)}`);
    }
    this.hyper.lr = value;
  }

  /** A copy of the hyperparameters in force. */
  get hyperparameters(): Readonly<H> {
    return { ...this.hyper };
  }

  /** How many times `step()` has run. */
  get stepCount(): number {
    return this.steps;
  }

  /** The state of `params[index]`: its update count and buffers (live views), or undefined before its first update. */
  stateOf(index: number): { readonly step: number; readonly buffers: Readonly<S> } | undefined {
    return this.states[index] as { step: number; buffers: S } | undefined;
  }

  /** One update of every parameter that has a gradient. */
  step(): void {
    const { params, states, rule, hyper } = this;
    // Checked before any update, so a bad gradient leaves every parameter and the step count as they were.
    params.forEach((p, i) => {
      if (p.grad !== null && p.grad.length !== p.data.length) {
        throw new RangeError(`${this.name}: params[${i}] has ${p.data.length} elements but its grad has ${p.grad.length}`);
      }
    });
    this.steps++;
    for (let i = 0; i < params.length; i++) {
      const p = params[i]!;
      const grad = p.grad;
      if (grad === null) continue;
      const state = (states[i] ??= { step: 0, buffers: rule.init(p.data.length, hyper) });
      state.step++;
      rule.update(p.data, grad, state.buffers as S, hyper, state.step);
    }
  }

  /** Clears gradients: `.grad = null` by default (PyTorch ≥ 2.0), or fills them with zeros. */
  zeroGrad(setToNone = true): void {
    for (const p of this.params) {
      if (setToNone) p.grad = null;
      else p.grad?.fill(0);
    }
  }

  /** A JSON-serializable snapshot: type, step count, hyperparameters, per-param state by index. */
  stateDict(): OptimizerStateDict {
    return exportStateDict(this.name, this.steps, this.hyper, this.states);
  }

  /** Restores a snapshot from `stateDict()` (possibly through JSON), after validating it against these params. */
  loadStateDict(dict: OptimizerStateDict): void {
    const restored = importStateDict(dict, {
      name: this.name,
      sizes: this.params.map((p) => p.data.length),
      hyperparameters: (h) => resolveHyperparameters(this.rule, h as Partial<H>),
      bufferNames: (size, h) => Object.keys(this.rule.init(size, h as H)),
      requiredKeys: Object.keys(this.hyper),
    });
    this.hyper = restored.hyperparameters as H;
    this.states = restored.states;
    this.steps = restored.stepCount;
  }
}
