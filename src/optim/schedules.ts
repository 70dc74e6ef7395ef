import { positiveInteger } from '../util/guards.ts';

/**
 * A learning-rate schedule: a pure function from the scheduler's step count t = 0, 1, 2, …
 * (t updates already taken, or epochs) to a multiplier of the base learning rate.
 * `LRScheduler` applies one to any optimizer: lr_t = baseLr · schedule(t).
 */
export type Schedule = (t: number) => number;

/** Schedules take the scheduler's step count: any finite t ≥ 0 (fractions allowed, e.g. epochs). */
function checkStep(name: string, t: number): void {
  if (!(t >= 0 && Number.isFinite(t))) throw new RangeError(`${name}: step count must be a finite number ≥ 0, got ${String(t)}`);
}

function inRange(name: string, option: string, v: number, lo: number, hi: number, range: string): void {
  if (!(typeof v === 'number' && v >= lo && v <= hi)) throw new RangeError(`${name}: ${option} must be in ${range}, got ${String(v)}`);
}

/** multiplier 1 at every step. */
export function constantSchedule(): Schedule {
  return (t) => {
    checkStep('constantSchedule', t);
    return 1;
  };
}

/** γ^⌊t / stepSize⌋: multiply the lr by γ every `stepSize` steps (PyTorch's StepLR). */
export function stepDecay({ stepSize, gamma = 0.1 }: { stepSize: number; gamma?: number }): Schedule {
  positiveInteger('stepDecay', 'stepSize', stepSize);
  inRange('stepDecay', 'gamma', gamma, Number.MIN_VALUE, Number.MAX_VALUE, '(0, ∞)');
  return (t) => {
    checkStep('stepDecay', t);
    return gamma ** Math.floor(t / stepSize);
  };
}

/** γᵗ (PyTorch's ExponentialLR). */
export function exponentialDecay({ gamma }: { gamma: number }): Schedule {
  inRange('exponentialDecay', 'gamma', gamma, Number.MIN_VALUE, Number.MAX_VALUE, '(0, ∞)');
  return (t) => {
    checkStep('exponentialDecay', t);
    return gamma ** t;
  };
}

/**
 * 1/√(t + 1): the k-th update (k = t + 1, from 1) uses lr/√k, the α_t = α/√t decay of the Adam
 * paper's logistic-regression experiment.
 */
export function inverseSqrtDecay(): Schedule {
  return (t) => {
    checkStep('inverseSqrtDecay', t);
    return 1 / Math.sqrt(t + 1);
  };
}

/**
 * Cosine annealing from 1 to `minFactor` over `totalSteps`, then flat (PyTorch's CosineAnnealingLR
 * closed form): m + (1 − m)·(1 + cos(π·min(t, T)/T))/2.
 */
export function cosineDecay({ totalSteps, minFactor = 0 }: { totalSteps: number; minFactor?: number }): Schedule {
  positiveInteger('cosineDecay', 'totalSteps', totalSteps);
  inRange('cosineDecay', 'minFactor', minFactor, 0, 1, '[0, 1]');
  return (t) => {
    checkStep('cosineDecay', t);
    return minFactor + ((1 - minFactor) * (1 + Math.cos((Math.PI * Math.min(t, totalSteps)) / totalSteps))) / 2;
  };
}

/**
 * Linear warm-up over `warmupSteps`, then `after` (default constantSchedule) restarted at 0:
 * s + (1 − s)·t/W for t < W, after(t − W) from then on. The default start s = 1/(W + 1) gives
 * (t + 1)/(W + 1), so no step has lr 0.
 */
export function linearWarmup({
  warmupSteps,
  startFactor,
  after = constantSchedule(),
}: {
  warmupSteps: number;
  startFactor?: number;
  after?: Schedule;
}): Schedule {
  positiveInteger('linearWarmup', 'warmupSteps', warmupSteps);
  const start = startFactor ?? 1 / (warmupSteps + 1);
  inRange('linearWarmup', 'startFactor', start, 0, 1, '[0, 1]');
  if (typeof after !== 'function') throw new TypeError('linearWarmup: after must be a schedule (a function of the step count)');
  return (t) => {
    checkStep('linearWarmup', t);
    return t < warmupSteps ? start + ((1 - start) * t) / warmupSteps : after(t - warmupSteps);
  };
}
