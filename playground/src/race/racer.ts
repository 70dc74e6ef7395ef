import {
  type LRScheduler,
  type LRSchedulerStateDict,
  type Optimizer,
  type OptimizerStateDict,
  Rng,
  type RngState,
  Tensor,
  type TraceEntry,
  lossHvp,
  noGrad,
  traceOptimizer,
} from 'gradlab';
import type { SurfaceFn } from '../expr/compile.ts';
import { type MethodSettings, createOptimizer, createScheduler } from '../state/methods.ts';

/** Steps between snapshots: going back to step t replays at most this many steps from the nearest. */
export const SNAPSHOT_EVERY = 25;
/** A point this far from the origin counts as diverged (as in gradlab's runOnSurface). */
export const DIVERGED_BEYOND = 1e6;

/** Everything needed to continue a run exactly: exact resume through the optimizer's and scheduler's state dicts. */
interface Snapshot {
  x: number;
  y: number;
  optimizer: OptimizerStateDict;
  scheduler: LRSchedulerStateDict | null;
  rng: RngState;
}

export interface RacerConfig {
  f: SurfaceFn;
  start: readonly [number, number];
  settings: MethodSettings;
  /** Steps the schedule is sized for. */
  steps: number;
  /** Standard deviation of the simulated gradient noise (0 for exact gradients). */
  noise: number;
  seed: number;
}

const scalar = (v: number): Tensor => new Tensor(Float64Array.of(v), [1], true);

/** One optimizer's run on a surface: the path so far, snapshots, and exact replay of any step. */
export class Racer {
  /** x, y after t steps at [2t], [2t + 1]. */
  readonly path: number[];
  /** f at path point t. */
  readonly losses: number[];
  /** The step at which the run left the finite world (or DIVERGED_BEYOND), or null. */
  divergedAt: number | null = null;
  private readonly snapshots = new Map<number, Snapshot>();
  /** The run the last `detail` call left at `step`. */
  private cursor: { run: Live; step: number } | null = null;
  private live: Live;

  constructor(readonly config: RacerConfig) {
    const [x0, y0] = config.start;
    this.path = [x0, y0];
    this.losses = [evaluate(config.f, x0, y0)];
    this.live = this.fresh(x0, y0);
    this.snapshots.set(0, this.snapshot(this.live));
    if (!Number.isFinite(this.losses[0]!)) this.divergedAt = 0;
  }

  /** Steps computed so far. */
  get computed(): number {
    return this.losses.length - 1;
  }

  /** Computes steps until `t` (or until the run diverges). */
  advanceTo(t: number): void {
    while (this.computed < t && this.divergedAt === null) {
      oneStep(this.live, this.config);
      const { x, y } = this.live;
      const px = x.data[0]!,
        py = y.data[0]!;
      const loss = evaluate(this.config.f, px, py);
      this.path.push(px, py);
      this.losses.push(loss);
      const step = this.computed;
      if (!(Number.isFinite(px) && Number.isFinite(py) && Number.isFinite(loss)) || Math.hypot(px, py) > DIVERGED_BEYOND) {
        this.divergedAt = step;
      } else if (step % SNAPSHOT_EVERY === 0) this.snapshots.set(step, this.snapshot(this.live));
    }
  }

  /** What step `t` (from point t − 1 to point t) did, replayed from the nearest snapshot with traceOptimizer. */
  detail(t: number): TraceEntry[] & { lr?: number; curvature?: number } {
    if (!(t >= 1 && t <= this.computed)) return [];
    const base = Math.floor((t - 1) / SNAPSHOT_EVERY) * SNAPSHOT_EVERY;
    // Playing forward, the last replay is nearer than any snapshot: continue it (the same exact state).
    const reuse = this.cursor !== null && this.cursor.step <= t - 1 && this.cursor.step >= base;
    const run = reuse ? this.cursor!.run : this.restore(this.snapshots.get(base)!);
    for (let s = reuse ? this.cursor!.step + 1 : base + 1; s < t; s++) oneStep(run, this.config);
    const lr = run.optimizer.lr;
    const trace = traceOptimizer(run.optimizer, { names: ['x', 'y'] });
    oneStep(run, this.config);
    trace.detach();
    this.cursor = { run, step: t };
    const [ex, ey] = trace.entries;
    const at = [this.path[2 * (t - 1)]!, this.path[2 * t - 1]!] as const;
    const curvature = ex && ey ? curvatureAlong(this.config.f, at, [ex.update[0]!, ey.update[0]!]) : undefined;
    return Object.assign(trace.entries, { lr, curvature });
  }

  private fresh(x0: number, y0: number): Live {
    const x = scalar(x0),
      y = scalar(y0);
    const optimizer = createOptimizer(this.config.settings, [x, y]);
    const scheduler = createScheduler(this.config.settings, optimizer, this.config.steps);
    return { x, y, optimizer, scheduler, rng: new Rng(this.config.seed) };
  }

  private snapshot(l: Live): Snapshot {
    return {
      x: l.x.data[0]!,
      y: l.y.data[0]!,
      optimizer: l.optimizer.stateDict(),
      scheduler: l.scheduler?.stateDict() ?? null,
      rng: l.rng.state(),
    };
  }

  private restore(s: Snapshot): Live {
    const l = this.fresh(s.x, s.y);
    // A schedule may have annealed lr to 0, which constructors refuse; the scheduler sets the real lr right after.
    l.optimizer.loadStateDict({ ...s.optimizer, hyperparameters: { ...s.optimizer.hyperparameters, lr: this.config.settings.lr } });
    if (s.scheduler && l.scheduler) l.scheduler.loadStateDict(s.scheduler);
    l.rng = Rng.fromState(s.rng);
    return l;
  }
}

interface Live {
  x: Tensor;
  y: Tensor;
  optimizer: Optimizer;
  scheduler: LRScheduler | null;
  rng: Rng;
}

/** One training step: gradient by autograd (plus simulated noise), optimizer step, schedule step. */
function oneStep(l: Live, config: RacerConfig): void {
  l.optimizer.zeroGrad();
  config.f(l.x, l.y).backward();
  // A surface that ignores x or y leaves that gradient unset; it is 0, not "skip this parameter".
  for (const p of [l.x, l.y]) p.grad ??= new Tensor(new Float64Array(1), [1]);
  if (config.noise > 0) {
    l.x.grad!.data[0]! += config.noise * l.rng.normal();
    l.y.grad!.data[0]! += config.noise * l.rng.normal();
  }
  l.optimizer.step();
  l.scheduler?.step();
}

export function evaluate(f: SurfaceFn, x: number, y: number): number {
  return noGrad(() => f(new Tensor(Float64Array.of(x), [1]), new Tensor(Float64Array.of(y), [1])).item());
}

/**
 * vᵀHv/vᵀv: the curvature of f along v at `at` (H the Hessian of f there), by one Hessian-vector
 * product (double backward). NaN when v is zero.
 */
export function curvatureAlong(f: SurfaceFn, at: readonly [number, number], v: readonly [number, number]): number {
  const vv = v[0] * v[0] + v[1] * v[1];
  if (!(vv > 0)) return NaN;
  const x = scalar(at[0]),
    y = scalar(at[1]);
  const [hx, hy] = lossHvp(f(x, y), [x, y], [new Tensor(Float64Array.of(v[0]), [1]), new Tensor(Float64Array.of(v[1]), [1])]);
  return (v[0] * hx!.data[0]! + v[1] * hy!.data[0]!) / vv;
}
