import { Tensor } from '../tensor/tensor.ts';
import { incrementVersion } from '../tensor/version.ts';
import { chainBuffers } from './chain.ts';
import { type Hyperparameters, OptionChecker, resolveOptions } from './options.ts';
import { type OptimizerStateDict, type ParamState, exportStateDict, importStateDict } from './state-dict.ts';
import { PendingStep, isPendingOnly, type Scratch } from './pending-step.ts';
import { type BufferSpec, type StateRecord, type Transform, flatten } from './transform.ts';

export type { StateRecord } from './transform.ts';

/** Hyperparameters every optimizer has: the learning rate. */
export type BaseOptions = Hyperparameters & { lr: number };

/** Told about every `step()`: before any parameter changes, and after all have. `step` counts from 1. */
export interface StepObserver {
  beforeStep?(step: number): void;
  afterStep?(step: number): void;
}

/** Merges and validates options for `transform`, with errors that name the optimizer and option. */
export function resolveHyperparameters<H extends Hyperparameters>(transform: Transform<H>, options: Readonly<Partial<H>> | undefined): H {
  const { name } = transform;
  if (!('lr' in transform.defaults) && !(transform.required ?? []).includes('lr')) {
    throw new RangeError(`${name}: an optimizer needs an lr option; end the chain with scaleByLr()`);
  }
  const hyper = resolveOptions<H>(name, transform.defaults, options, transform.required);
  const check = new OptionChecker(name, hyper);
  check.positive('lr');
  transform.validate?.(check, hyper);
  return hyper;
}

/** A buffer of `spec` for a parameter of `shape`, filled with its initial value. */
function allocate(spec: BufferSpec, shape: readonly number[]): Float64Array {
  const size = (spec.shape ?? shape).reduce((a, b) => a * b, 1);
  const buffer = new Float64Array(size);
  return spec.initial === 0 ? buffer : buffer.fill(spec.initial);
}

/**
 * Owns the parameters, their lazily created state and the step count; runs `transform` (usually a
 * chain) on every parameter that has a gradient, then writes θ (parameters whose `.grad` is null
 * are skipped, as in PyTorch).
 */
export class Optimizer<H extends BaseOptions = BaseOptions, S extends StateRecord = StateRecord> {
  readonly params: readonly Tensor[];
  readonly transform: Transform<H>;
  /** The transforms run in order (a chain flattened). */
  readonly transforms: readonly Transform[];
  private readonly fusable: boolean[];
  private hyper: H;
  private states: (ParamState | undefined)[];
  private readonly scratch: Scratch[];
  /** How each parameter's writes are named in a refused backward (built once, not per step). */
  private readonly writers: string[];
  private readonly observers = new Set<StepObserver>();
  private steps = 0;

  constructor(transform: Transform<H>, params: Iterable<Tensor>, options?: Readonly<Partial<H>>) {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- validates input from untyped (JavaScript or JSON) callers
    if (typeof transform?.name !== 'string')
      throw new TypeError('Optimizer: expected a Transform (see chain() and the scaleBy… transforms)');
    this.transform = transform;
    const name = transform.name;
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- validates input from untyped (JavaScript or JSON) callers
    const list = params !== null && typeof params === 'object' && Symbol.iterator in params ? [...params] : null;
    if (list === null) throw new TypeError(`${name}: params must be an array of Tensors`);
    if (list.length === 0) throw new RangeError(`${name}: got an empty params list; pass at least one parameter Tensor`);
    const seen = new Set<Tensor>();
    list.forEach((p, i) => {
      if (!(p instanceof Tensor)) throw new TypeError(`${name}: params[${i}] is not a Tensor`);
      if (!p.requiresGrad) throw new RangeError(`${name}: params[${i}] (shape [${p.shape.join(', ')}]) does not require grad`);
      if (seen.has(p)) throw new RangeError(`${name}: params[${i}] appears more than once`);
      seen.add(p);
    });
    this.params = list;
    this.transforms = flatten(this.transform);
    this.fusable = this.transforms.map((_, k) => this.transforms.slice(k + 1).every(isPendingOnly));
    this.hyper = resolveHyperparameters(this.transform, options);
    this.bufferSpecs(); // duplicate buffer names fail here, not at the first step
    this.states = list.map(() => undefined);
    this.scratch = list.map(() => ({}));
    this.writers = list.map((_, i) => `${name}.step() on params[${i}]`);
  }

  get name(): string {
    return this.transform.name;
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

  /** Every buffer the chain keeps per parameter under the options in force, with the transform that declares it. */
  bufferSpecs(): (BufferSpec & { transform: string })[] {
    chainBuffers(this.transforms, this.hyper); // throws on a duplicate name, naming both transforms
    return this.transforms.flatMap((t) => (t.buffers?.(this.hyper) ?? []).map((spec) => ({ ...spec, transform: t.name })));
  }

  /** The state of `params[index]`: its update count and buffers (live views), or undefined before its first update. */
  stateOf(index: number): { readonly step: number; readonly buffers: Readonly<S> } | undefined {
    return this.states[index] as { step: number; buffers: S } | undefined;
  }

  /** Calls `observer` around every step until the returned function is called (the trace uses this). */
  observe(observer: StepObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** One update of every parameter that has a gradient. */
  step(): void {
    const { params, hyper, transforms } = this;
    // Checked before any update, so a bad gradient leaves every parameter and the step count as they were.
    params.forEach((p, i) => {
      if (p.grad !== null && !(p.grad instanceof Tensor))
        throw new TypeError(`${this.name}: params[${i}].grad must be a Tensor of the parameter's shape (or null), e.g. tensor(values)`);
      if (p.grad !== null && p.grad.size !== p.data.length) {
        throw new RangeError(`${this.name}: params[${i}] has ${p.data.length} elements but its grad has ${p.grad.size}`);
      }
    });
    const step = this.steps + 1;
    for (const o of this.observers) o.beforeStep?.(step);
    let specs: BufferSpec[] | undefined;
    const updates: PendingStep[] = [];
    const fresh = new Map<number, ParamState>();
    params.forEach((p, i) => {
      if (p.grad === null) return;
      let state = this.states[i];
      if (state === undefined) {
        state = { step: 0, buffers: Object.fromEntries((specs ??= this.bufferSpecs()).map((s) => [s.name, allocate(s, p.shape)])) };
        fresh.set(i, state);
      }
      updates.push(new PendingStep(i, p.data, p.grad.data, state.buffers, state.step + 1, step, this.scratch[i]!));
    });
    transforms.forEach((t, k) => {
      if (!isPendingOnly(t)) for (const u of updates) u.settle();
      for (const u of updates) u.fusable = this.fusable[k]!;
      if (t.updateAll !== undefined) t.updateAll(updates, hyper);
      else if (t.update !== undefined) for (const u of updates) t.update(u, hyper);
    });
    for (const u of updates) {
      u.apply();
      incrementVersion(params[u.index]!, this.writers[u.index]);
    }
    for (const [i, state] of fresh) this.states[i] = state;
    for (const u of updates) this.states[u.index]!.step = u.t;
    this.steps = step;
    for (const o of this.observers) o.afterStep?.(step);
  }

  /** Clears gradients: `.grad = null` by default (PyTorch ≥ 2.0), or fills them with zeros. */
  zeroGrad(setToNone = true): void {
    for (const p of this.params) {
      if (setToNone) p.grad = null;
      else p.zeroGrad();
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
      hyperparameters: (h) => resolveHyperparameters(this.transform, h as Partial<H>),
      // Declared, not allocated: no throw-away state (nor WebAssembly memory) just to learn the names.
      buffers: (index, h) =>
        chainBuffers(this.transforms, h).map((s) => ({
          name: s.name,
          size: (s.shape ?? this.params[index]!.shape).reduce((a, b) => a * b, 1),
        })),
      requiredKeys: Object.keys(this.hyper),
    });
    this.hyper = restored.hyperparameters as H;
    this.states = restored.states;
    this.steps = restored.stepCount;
  }
}
