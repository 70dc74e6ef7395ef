import { Tensor } from '../tensor/index.ts';
import { resolveRng, type Rng } from '../util/random.ts';
import type { Dataset } from './dataset.ts';
import { checkCount } from '../util/guards.ts';

export interface GeneratorOptions {
  /** Standard deviation of the Gaussian noise added to each coordinate (default 0). */
  noise?: number;
  /** Seed for a fresh generator; or pass `rng`; with neither, the global generator (manualSeed) is used. */
  seed?: number | string;
  rng?: Rng;
  /** Shuffle the samples (default true); unshuffled, they come class by class. */
  shuffle?: boolean;
}

/**
 * Two interleaving half circles, as scikit-learn's make_moons: ⌊n/2⌋ points on the upper unit
 * semicircle (cos t, sin t) are class 0, the rest on (1 − cos t, 0.5 − sin t) are class 1, t ∈ [0, π].
 */
export function makeMoons(n: number, options: GeneratorOptions = {}): Dataset {
  checkCount('makeMoons', 'n', n, 2);
  const nOuter = Math.floor(n / 2);
  const xy = new Float64Array(2 * n);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const outer = i < nOuter;
    const t = Math.PI * linspaceFraction(outer ? i : i - nOuter, outer ? nOuter : n - nOuter);
    xy[2 * i] = outer ? Math.cos(t) : 1 - Math.cos(t);
    xy[2 * i + 1] = outer ? Math.sin(t) : 0.5 - Math.sin(t);
    labels[i] = outer ? 0 : 1;
  }
  return finish('moons', xy, labels, ['0', '1'], options);
}

export interface CirclesOptions extends GeneratorOptions {
  /** Radius of the inner circle relative to the outer unit circle, in (0, 1) (default 0.8). */
  factor?: number;
}

/**
 * A small circle inside a large one, as scikit-learn's make_circles: ⌊n/2⌋ points evenly spaced on
 * the unit circle are class 0, the rest on the circle of radius `factor` are class 1.
 */
export function makeCircles(n: number, options: CirclesOptions = {}): Dataset {
  checkCount('makeCircles', 'n', n, 2);
  const factor = options.factor ?? 0.8;
  if (!(factor > 0 && factor < 1)) throw new RangeError(`makeCircles: factor must be in (0, 1), got ${factor}`);
  const nOuter = Math.floor(n / 2);
  const xy = new Float64Array(2 * n);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const outer = i < nOuter;
    const count = outer ? nOuter : n - nOuter;
    const t = (2 * Math.PI * (outer ? i : i - nOuter)) / count; // endpoint excluded: 0 and 2π coincide
    const radius = outer ? 1 : factor;
    xy[2 * i] = radius * Math.cos(t);
    xy[2 * i + 1] = radius * Math.sin(t);
    labels[i] = outer ? 0 : 1;
  }
  return finish('circles', xy, labels, ['0', '1'], options);
}

export interface SpiralsOptions extends GeneratorOptions {
  /** Number of arms, one class each (default 2). */
  arms?: number;
  /** How many full turns each arm makes from the centre to radius 1 (default 1). */
  turns?: number;
}

/**
 * k interleaved spiral arms: arm c has points at radius r ∈ [0, 1] (evenly spaced) and angle
 * 2πc/k + 2π·turns·r. Not linearly separable; a classic test for small MLPs.
 */
export function makeSpirals(n: number, options: SpiralsOptions = {}): Dataset {
  const arms = options.arms ?? 2;
  const turns = options.turns ?? 1;
  if (!Number.isInteger(arms) || arms < 2) throw new RangeError(`makeSpirals: arms must be an integer ≥ 2, got ${arms}`);
  if (!(Number.isFinite(turns) && turns > 0)) throw new RangeError(`makeSpirals: turns must be a positive number, got ${turns}`);
  checkCount('makeSpirals', 'n', n, arms);
  const xy = new Float64Array(2 * n);
  const labels = new Int32Array(n);
  let i = 0;
  for (let arm = 0; arm < arms; arm++) {
    // The first n mod k arms get one extra point, so every sample is used.
    const count = Math.floor(n / arms) + (arm < n % arms ? 1 : 0);
    for (let j = 0; j < count; j++, i++) {
      const r = linspaceFraction(j, count);
      const angle = (2 * Math.PI * arm) / arms + 2 * Math.PI * turns * r;
      xy[2 * i] = r * Math.cos(angle);
      xy[2 * i + 1] = r * Math.sin(angle);
      labels[i] = arm;
    }
  }
  return finish(
    'spirals',
    xy,
    labels,
    Array.from({ length: arms }, (_, c) => String(c)),
    options,
  );
}

/**
 * The XOR problem: points uniform in [−1, 1]², class 1 where exactly one coordinate is positive
 * (quadrants II and IV), class 0 otherwise. The class is set before noise is added.
 */
export function makeXor(n: number, options: GeneratorOptions = {}): Dataset {
  checkCount('makeXor', 'n', n, 1);
  const rng = resolveRng(options);
  const xy = new Float64Array(2 * n);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const x = 2 * rng.uniform() - 1;
    const y = 2 * rng.uniform() - 1;
    xy[2 * i] = x;
    xy[2 * i + 1] = y;
    labels[i] = x > 0 !== y > 0 ? 1 : 0;
  }
  return finish('xor', xy, labels, ['0', '1'], { ...options, rng });
}

/** Position i of count evenly spaced points from 0 to 1, endpoints included (numpy linspace). */
function linspaceFraction(i: number, count: number): number {
  return count === 1 ? 0 : i / (count - 1);
}

/** Adds noise, shuffles (both from one seeded stream) and wraps the points as a dataset. */
function finish(name: string, xy: Float64Array, labels: Int32Array, classNames: string[], options: GeneratorOptions): Dataset {
  const noise = options.noise ?? 0;
  if (!(Number.isFinite(noise) && noise >= 0))
    throw new RangeError(`make${name.charAt(0).toUpperCase()}${name.slice(1)}: noise must be a finite number ≥ 0, got ${noise}`);
  const rng = resolveRng(options);
  const n = labels.length;
  if (noise > 0) for (let k = 0; k < xy.length; k++) xy[k] = xy[k]! + noise * rng.normal();
  let points = xy;
  let classes = labels;
  if (options.shuffle ?? true) {
    const order = rng.permutation(n);
    points = new Float64Array(2 * n);
    classes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const src = order[i]!;
      points[2 * i] = xy[2 * src]!;
      points[2 * i + 1] = xy[2 * src + 1]!;
      classes[i] = labels[src]!;
    }
  }
  return {
    features: new Tensor(points, [n, 2]),
    labels: classes,
    featureNames: ['x', 'y'],
    classNames,
    labelName: 'class',
    task: 'classification',
    name,
  };
}
