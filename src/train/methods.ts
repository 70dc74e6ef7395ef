import type { Tensor } from '../tensor/tensor.ts';
import { AdaGrad } from '../optim/adagrad.ts';
import { Adam } from '../optim/adam.ts';
import { Adamax } from '../optim/adamax.ts';
import { AdamW } from '../optim/adamw.ts';
import { Momentum } from '../optim/momentum.ts';
import type { Optimizer } from '../optim/optimizer.ts';
import type { Hyperparameters } from '../optim/options.ts';
import { RMSProp } from '../optim/rmsprop.ts';
import { SGD } from '../optim/sgd.ts';

/** The seven training methods of the lessons, by command-line name. */
export const METHOD_NAMES = ['gd', 'sgd', 'minibatch', 'momentum', 'adagrad', 'rmsprop', 'adam'] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

/** Further methods the library teaches (AdamW, AMSGrad, Adamax, Nesterov momentum), by command-line name. */
export const EXTRA_METHOD_NAMES = ['adamw', 'amsgrad', 'adamax', 'nesterov'] as const;
export type ExtraMethodName = (typeof EXTRA_METHOD_NAMES)[number];
/** Every method `fit` and the command line accept by name: the seven, then the extra four. */
export const ALL_METHOD_NAMES = [...METHOD_NAMES, ...EXTRA_METHOD_NAMES] as const;
export type AnyMethodName = MethodName | ExtraMethodName;

/** Samples per update: the whole data set ('full'), one sample, or a mini-batch of k. */
export type BatchSize = 'full' | 1 | 'k';

/** k when a method trains on mini-batches and no k is given. */
export const DEFAULT_BATCH_K = 32;

export interface MethodInfo {
  readonly name: AnyMethodName;
  readonly batchSize: BatchSize;
  /** The learning rate used when none is given. */
  readonly lr: number;
  readonly formula: string;
  readonly description: string;
  /** Builds the optimizer; `overrides` are the optimizer's options (lr defaults to `lr` above). */
  readonly create: (params: Iterable<Tensor>, overrides?: Readonly<Hyperparameters>) => Optimizer;
}

type Factory = (params: Iterable<Tensor>, options: Hyperparameters & { lr: number }) => Optimizer;

function method(name: AnyMethodName, batchSize: BatchSize, lr: number, formula: string, description: string, factory: Factory): MethodInfo {
  const create = (params: Iterable<Tensor>, overrides: Readonly<Hyperparameters> = {}): Optimizer => {
    try {
      return factory(params, { lr, ...overrides });
    } catch (e) {
      if (e instanceof Error) e.message = `method '${name}': ${e.message}`;
      throw e;
    }
  };
  return Object.freeze({ name, batchSize, lr, formula, description, create });
}

export const METHODS: Readonly<Record<MethodName, MethodInfo>> = Object.freeze({
  gd: method(
    'gd',
    'full',
    0.1,
    'θ ← θ − η·∇L(θ), gradient over all N samples',
    'Gradient descent: one exact step per pass over the data set.',
    (p, o) => new SGD(p, o),
  ),
  sgd: method(
    'sgd',
    1,
    0.01,
    'θ ← θ − η·∇Lᵢ(θ), one random sample i per step',
    'Stochastic gradient descent: cheap, noisy steps from single samples.',
    (p, o) => new SGD(p, o),
  ),
  minibatch: method(
    'minibatch',
    'k',
    0.05,
    'θ ← θ − η·(1/k)·Σ_{i∈B} ∇Lᵢ(θ), |B| = k',
    'Mini-batch SGD: averages the gradient over k samples (default 32).',
    (p, o) => new SGD(p, o),
  ),
  momentum: method(
    'momentum',
    'k',
    0.01,
    'v ← μ·v + g, θ ← θ − η·v (μ = 0.9)',
    'SGD with momentum: a running sum of gradients speeds up consistent directions and damps oscillation.',
    (p, o) => new Momentum(p, o),
  ),
  adagrad: method(
    'adagrad',
    'k',
    0.01,
    's ← s + g², θ ← θ − η·g/(√s + ε)',
    'AdaGrad: per-coordinate steps that shrink with the total squared gradient seen.',
    (p, o) => new AdaGrad(p, o),
  ),
  rmsprop: method(
    'rmsprop',
    'k',
    0.01,
    's ← β·s + (1 − β)·g², θ ← θ − η·g/(√s + ε)',
    'RMSProp: per-coordinate steps scaled by a moving average of squared gradients.',
    (p, o) => new RMSProp(p, o),
  ),
  adam: method(
    'adam',
    'k',
    0.001,
    'm ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g², θ ← θ − η·m̂/(√v̂ + ε)',
    'Adam: momentum plus RMSProp scaling, with bias-corrected moment estimates.',
    (p, o) => new Adam(p, o),
  ),
});

/** The extra methods, each on mini-batches of k with its optimizer's own (PyTorch's) defaults. */
export const EXTRA_METHODS: Readonly<Record<ExtraMethodName, MethodInfo>> = Object.freeze({
  adamw: method(
    'adamw',
    'k',
    0.001,
    "θ ← θ·(1 − η·λ), then Adam's step θ ← θ − η·m̂/(√v̂ + ε) (λ = 0.01)",
    'AdamW: Adam with decoupled weight decay, the same fraction of every weight per step.',
    (p, o) => new AdamW(p, o),
  ),
  amsgrad: method(
    'amsgrad',
    'k',
    0.001,
    'v̂max ← max(v̂max, v̂), θ ← θ − η·m̂/(√v̂max + ε)',
    'AMSGrad: Adam dividing by the largest second-moment estimate so far, so a rare large gradient is not forgotten.',
    (p, o) => new Adam(p, { amsgrad: true, ...o }),
  ),
  adamax: method(
    'adamax',
    'k',
    0.002,
    'm ← β1·m + (1 − β1)·g, u ← max(β2·u, |g| + ε), θ ← θ − η/(1 − β1ᵗ)·m/u',
    "Adamax: Adam's variant on the infinity norm.",
    (p, o) => new Adamax(p, o),
  ),
  nesterov: method(
    'nesterov',
    'k',
    0.01,
    'v ← μ·v + g, θ ← θ − η·(g + μ·v) (μ = 0.9)',
    'Nesterov momentum: the momentum step taken from the look-ahead gradient.',
    (p, o) => new Momentum(p, { nesterov: true, ...o }),
  ),
});

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && (METHOD_NAMES as readonly string[]).includes(name);
}

/** One of the seven or one of the extra methods. */
export function isAnyMethodName(name: unknown): name is AnyMethodName {
  return typeof name === 'string' && (ALL_METHOD_NAMES as readonly string[]).includes(name);
}

/** The registry entry for `name` (the seven and the extra methods); unknown names get an error listing the allowed ones. */
export function getMethod(name: string): MethodInfo {
  if (!isAnyMethodName(name)) {
    throw new RangeError(`unknown optimization method '${String(name)}'; expected one of ${ALL_METHOD_NAMES.join(', ')}`);
  }
  return isMethodName(name) ? METHODS[name] : EXTRA_METHODS[name];
}

/** `getMethod(name).create(params, overrides)`. */
export function createOptimizer(name: string, params: Iterable<Tensor>, overrides: Readonly<Hyperparameters> = {}): Optimizer {
  return getMethod(name).create(params, overrides);
}

/** Samples per update for `name` on a data set of `datasetSize` samples: N, 1, or min(k, N). */
export function batchSizeFor(name: string, datasetSize: number, k = DEFAULT_BATCH_K): number {
  const info = getMethod(name);
  if (!(Number.isInteger(datasetSize) && datasetSize > 0)) {
    throw new RangeError(`batchSizeFor: datasetSize must be a positive integer, got ${String(datasetSize)}`);
  }
  if (!(Number.isInteger(k) && k > 0)) throw new RangeError(`batchSizeFor: k must be a positive integer, got ${String(k)}`);
  if (info.batchSize === 'full') return datasetSize;
  if (info.batchSize === 1) return 1;
  return Math.min(k, datasetSize);
}
