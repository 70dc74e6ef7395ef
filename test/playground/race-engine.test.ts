import { describe, expect, it } from 'vitest';
import { Adam, LRScheduler, Momentum, SURFACES, Tensor, cosineDecay, traceOptimizer } from 'gradlab';
import { Race } from '../../playground/src/race/race.ts';
import { surfaceInfo } from '../../playground/src/race/race.ts';
import { defaultRace } from '../../playground/src/state/schema.ts';
import { defaultSettings } from '../../playground/src/state/methods.ts';

/** The reference: gradlab used directly, as a user would, for `steps` steps on Rosenbrock. */
function reference(
  make: (p: Tensor[]) => { step(): void } & Parameters<typeof traceOptimizer>[0],
  steps: number,
  schedule?: (o: Adam) => LRScheduler,
) {
  const f = SURFACES.rosenbrock.f;
  const x = new Tensor(Float64Array.of(-1.2), [1], true),
    y = new Tensor(Float64Array.of(1), [1], true);
  const opt = make([x, y]);
  const sched = schedule?.(opt as unknown as Adam);
  const trace = traceOptimizer(opt, { names: ['x', 'y'] });
  for (let t = 0; t < steps; t++) {
    opt.zeroGrad();
    f(x, y).backward();
    opt.step();
    sched?.step();
  }
  return trace.entries;
}

describe('race engine', () => {
  it('replaying any step from snapshots gives the numbers of an uninterrupted gradlab run, bit for bit', () => {
    const state = defaultRace('rosenbrock');
    state.methods = [
      { ...defaultSettings('adam', 0.05), schedule: 'cosine' },
      { ...defaultSettings('momentum', 0.001), nesterov: true },
    ];
    state.steps = 120;
    const race = new Race(state, surfaceInfo(state));
    race.advanceTo(120);
    const adam = reference(
      (p) => new Adam(p, { lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-8, biasCorrection: true }),
      120,
      (o) => new LRScheduler(o, cosineDecay({ totalSteps: 120 })),
    );
    const mom = reference((p) => new Momentum(p, { lr: 0.001, momentum: 0.9, nesterov: true }), 120);
    for (const t of [1, 25, 26, 50, 77, 120, 50]) {
      const [dx, dy] = race.racers[0]!.detail(t);
      expect(dx).toEqual(adam[2 * (t - 1)]);
      expect(dy).toEqual(adam[2 * (t - 1) + 1]);
      expect(race.racers[1]!.detail(t)[0]).toEqual(mom[2 * (t - 1)]);
      expect(race.racers[0]!.path.slice(2 * t, 2 * t + 2)).toEqual([dx!.after[0], dy!.after[0]]);
    }
  });

  it('marks a run that blows up as diverged and stops it there', () => {
    const state = defaultRace('rosenbrock');
    state.methods = [defaultSettings('gd', 0.01)];
    const race = new Race(state, surfaceInfo(state));
    race.advanceTo(200);
    const r = race.racers[0]!;
    expect(r.divergedAt).not.toBeNull();
    expect(r.computed).toBe(r.divergedAt);
  });

  it('a typed function races like the registry surface it spells', () => {
    const typed = { ...defaultRace('rosenbrock'), surface: 'custom' as const, expr: '(1-x)^2 + 100*(y-x^2)^2' };
    const a = new Race(typed, surfaceInfo(typed));
    const b = new Race(defaultRace('rosenbrock'), surfaceInfo(defaultRace('rosenbrock')));
    a.advanceTo(40);
    b.advanceTo(40);
    expect(a.racers.map((r) => r.path)).toEqual(b.racers.map((r) => r.path));
  });
});
