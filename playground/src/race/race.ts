import { DEFAULT_BATCH_K, SURFACES } from 'gradlab';
import { type SurfaceFn, compileSurface } from '../expr/compile.ts';
import type { RaceState } from '../state/schema.ts';
import { Racer, evaluate } from './racer.ts';

export interface SurfaceInfo {
  f: SurfaceFn;
  title: string;
  formula: string;
  xDomain: [number, number];
  yDomain: [number, number];
  minima: readonly (readonly [number, number])[];
  /** Per-sample gradient noise sgd simulates (minibatch: /√k), as gradlab's runOnSurface. */
  sampleNoise: number;
}

/** The surface a race state names; a typed formula is parsed here (throws ParseError). */
export function surfaceInfo(state: RaceState): SurfaceInfo {
  if (state.surface !== 'custom') {
    const s = SURFACES[state.surface];
    return {
      f: s.f,
      title: s.title,
      formula: s.formula,
      xDomain: [...s.xDomain],
      yDomain: [...s.yDomain],
      minima: s.minima,
      sampleNoise: s.sampleNoise,
    };
  }
  const f = compileSurface(state.expr);
  // A typed function gets a square domain around the start, so axes have equal scales.
  const [x0, y0] = state.start;
  const half = Math.max(2, Math.abs(x0) * 1.5, Math.abs(y0) * 1.5);
  return { f, title: 'Your function', formula: state.expr, xDomain: [-half, half], yDomain: [-half, half], minima: [], sampleNoise: 1 };
}

/** Noise each method sees: sgd one sample, minibatch a k-sample average, the rest exact gradients. */
export function noiseFor(method: string, surface: SurfaceInfo): number {
  if (method === 'sgd') return surface.sampleNoise;
  if (method === 'minibatch') return surface.sampleNoise / Math.sqrt(DEFAULT_BATCH_K);
  return 0;
}

/** All racers of one state, sharing the surface, start, schedule length and noise seed. */
export class Race {
  readonly racers: Racer[];
  constructor(
    readonly state: RaceState,
    readonly surface: SurfaceInfo,
  ) {
    this.racers = state.methods.map(
      (settings) =>
        new Racer({
          f: surface.f,
          start: state.start,
          settings,
          steps: state.steps,
          noise: noiseFor(settings.method, surface),
          seed: state.seed,
        }),
    );
  }

  advanceTo(t: number): void {
    for (const r of this.racers) r.advanceTo(t);
  }

  value(x: number, y: number): number {
    return evaluate(this.surface.f, x, y);
  }
}
