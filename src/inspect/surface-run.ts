import { Tensor } from '../tensor/index.ts';
import { DEFAULT_BATCH_K, METHODS, METHOD_NAMES, isMethodName, type MethodName } from '../train/methods.ts';
import type { Hyperparameters } from '../optim/options.ts';
import { Rng } from '../util/random.ts';
import { type Point2, type Surface, distanceToMinimum, getSurface } from './surfaces.ts';
import { type TraceEntry, type TraceOptions, traceOptimizer } from './trace.ts';

export interface SurfaceRunOptions {
  /** Number of optimizer steps (default: the surface's). */
  steps?: number;
  /** Learning rate (default: the surface's tuned rate for the method). */
  lr?: number;
  /**
   * Standard deviation of Gaussian noise added to each gradient coordinate. A surface has no data
   * set, so by default sgd simulates single-sample noise (the surface's `sampleNoise`), minibatch
   * the noise of a k = 32 average (sampleNoise/√32), and the other methods use the exact gradient.
   */
  noise?: number;
  /** Seed for the noise (default 0). */
  seed?: number;
  /** Other optimizer options (momentum, beta1, …). */
  optimizer?: Readonly<Hyperparameters>;
  /** Stop early once the distance to the nearest minimum is below this (default: never). */
  tolerance?: number;
  /** Record the optimizer's steps with traceOptimizer (params named 'x' and 'y'). */
  trace?: boolean | Omit<TraceOptions, 'names'>;
}

export interface SurfaceRun {
  surface: string;
  method: MethodName;
  lr: number;
  noise: number;
  /** (x, y) before the first step and after every step. */
  path: Point2[];
  /** f at every point of the path. */
  losses: number[];
  /** Per step, the larger of |Δx| and |Δy|. */
  stepSizes: number[];
  /** Distance from the last point to the nearest minimum (NaN if the run diverged). */
  finalDistance: number;
  /** First step count at which the distance fell below `tolerance`, or null. */
  stepsToTolerance: number | null;
  diverged: boolean;
  /** The recorded steps when `trace` was asked for. */
  trace?: TraceEntry[];
}

/** The noise a method sees on `surface` unless told otherwise (see SurfaceRunOptions.noise). */
export function defaultNoise(surface: Surface, method: MethodName): number {
  if (method === 'sgd') return surface.sampleNoise;
  if (method === 'minibatch') return surface.sampleNoise / Math.sqrt(DEFAULT_BATCH_K);
  return 0;
}

/**
 * Runs one of the seven methods on a surface: x and y are two one-element parameters, the gradient
 * comes from `backward()` through the surface's tensor expression, the update from the method's
 * optimizer (so per-coordinate state such as RMSProp's s is per axis).
 */
export function runOnSurface(name: string, methodName: string, options: SurfaceRunOptions = {}): SurfaceRun {
  const surface = getSurface(name);
  // The surfaces carry a tuned lr for each of the seven methods, so only those run here.
  if (!isMethodName(methodName))
    throw new RangeError(`runOnSurface: unknown optimization method '${String(methodName)}'; expected one of ${METHOD_NAMES.join(', ')}`);
  const method = METHODS[methodName];
  const steps = options.steps ?? surface.steps;
  if (!Number.isInteger(steps) || steps < 1)
    throw new RangeError(`runOnSurface: option steps must be an integer ≥ 1, got ${String(steps)}`);
  const lr = options.lr ?? surface.defaultLr[methodName];
  const noise = options.noise ?? defaultNoise(surface, methodName);
  if (!(noise >= 0 && Number.isFinite(noise)))
    throw new RangeError(`runOnSurface: option noise must be a finite number ≥ 0, got ${String(noise)}`);
  const rng = new Rng(options.seed ?? 0);
  const x = new Tensor(Float64Array.of(surface.start[0]), [1], true);
  const y = new Tensor(Float64Array.of(surface.start[1]), [1], true);
  const optimizer = method.create([x, y], { ...options.optimizer, lr });
  const run: SurfaceRun = {
    surface: surface.name,
    method: methodName,
    lr,
    noise,
    path: [[...surface.start]],
    losses: [],
    stepSizes: [],
    finalDistance: NaN,
    stepsToTolerance: null,
    diverged: false,
  };
  const tolerance = options.tolerance ?? -Infinity;
  if (options.trace) {
    const traceOptions = options.trace === true ? {} : options.trace;
    run.trace = traceOptimizer(optimizer, { ...traceOptions, names: ['x', 'y'] }).entries;
  }
  for (let t = 1; t <= steps; t++) {
    optimizer.zeroGrad();
    const loss = surface.f(x, y);
    loss.backward();
    run.losses.push(loss.item());
    if (noise > 0) {
      x.grad!.data[0]! += noise * rng.normal();
      y.grad!.data[0]! += noise * rng.normal();
    }
    const [px, py] = [x.data[0]!, y.data[0]!];
    optimizer.step();
    const point: Point2 = [x.data[0]!, y.data[0]!];
    run.path.push(point);
    run.stepSizes.push(Math.max(Math.abs(point[0] - px), Math.abs(point[1] - py)));
    if (!point.every(Number.isFinite) || Math.hypot(...point) > 1e6) {
      run.diverged = true;
      break;
    }
    if (run.stepsToTolerance === null && distanceToMinimum(surface, point) < tolerance) {
      run.stepsToTolerance = t;
      break;
    }
  }
  const last = run.path[run.path.length - 1]!;
  // A diverged run still ends at a finite point (it stops once |θ| > 1e6), so its value is shown; NaN only past overflow.
  run.losses.push(
    last.every(Number.isFinite)
      ? surface.f(new Tensor(Float64Array.of(last[0]), [1]), new Tensor(Float64Array.of(last[1]), [1])).item()
      : NaN,
  );
  run.finalDistance = run.diverged ? NaN : distanceToMinimum(surface, last);
  return run;
}
