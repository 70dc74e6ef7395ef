import { contourSpecFor, type Landmark } from '../viz/contour.ts';
import type { VegaLiteSpec } from '../viz/render.ts';
import { methodColor } from '../viz/palette.ts';
import type { SurfaceRun } from './surface-run.ts';
import { type Surface, surfaceValue } from './surfaces.ts';

export interface SurfaceFigureOptions {
  title?: string;
  /** Keep at most this many points per path (evenly spaced, last kept), so long runs stay light (default 300). */
  maxPoints?: number;
  width?: number;
  height?: number;
}

/** Evenly thins a path to at most `max` points, always keeping the first and the last. */
export function thinPath<T>(points: readonly T[], max: number): T[] {
  return thinIndices(points.length, max).map((i) => points[i]!);
}

/**
 * Indices of `max` evenly spaced points of `n` (all of them when n ≤ max), first and last included, plus
 * every index in `keep` (such as the points on either side of a frame crossing), ascending.
 */
export function thinIndices(n: number, max: number, keep: readonly number[] = []): number[] {
  const even =
    n <= max ? Array.from({ length: n }, (_, i) => i) : Array.from({ length: max }, (_, k) => Math.round((k * (n - 1)) / (max - 1)));
  return [...new Set([...even, ...keep.filter((i) => i >= 0 && i < n)])].sort((a, b) => a - b);
}

/** The indices on both sides of every step that crosses the frame's edge, so thinning keeps the crossing's step. */
function crossingIndices(path: readonly (readonly [number, number])[], surface: Surface): number[] {
  const inside = ([x, y]: readonly [number, number]): boolean =>
    x >= surface.xDomain[0] && x <= surface.xDomain[1] && y >= surface.yDomain[0] && y <= surface.yDomain[1];
  return path.flatMap((p, i) => (i > 0 && inside(p) !== inside(path[i - 1]!) ? [i - 1, i] : []));
}

/**
 * Contour lines of the surface (log-spaced levels, so narrow valleys show) with each run's path drawn on
 * top in its method's colour, start and end marked, a ✕ where a run diverged, every minimum as a diamond
 * and saddle points as squares; one unit is as long on both axes. A Vega-Lite spec (`surfaceContourSvg` renders it in Node).
 */
export function surfaceContourSpec(
  surface: Surface,
  runs: readonly SurfaceRun[],
  options: SurfaceFigureOptions = {},
  where = 'surfaceContourSpec',
): VegaLiteSpec {
  const maxPoints = options.maxPoints ?? 300;
  return contourSpecFor(where, {
    f: (x, y) => surfaceValue(surface, x, y),
    xDomain: surface.xDomain,
    yDomain: surface.yDomain,
    paths: runs.map((r) => {
      const kept = thinIndices(r.path.length, maxPoints, crossingIndices(r.path, surface));
      return {
        name: `${r.method} (lr ${r.lr}${r.noise > 0 ? `, noise ${formatNoise(r.noise)}` : ''})${r.diverged ? ', diverged' : ''}`,
        label: r.method,
        points: kept.map((i) => r.path[i]!),
        steps: kept,
        color: methodColor(r.method),
        diverged: r.diverged,
      };
    }),
    title: options.title ?? `${surface.title}: f = ${surface.formula}`,
    minimum: surface.minima[0]!,
    landmarks: landmarks(surface),
    logLevels: true,
    levels: 14,
    // Fine enough that steep walls (Rosenbrock's top-left corner) come out as smooth curves, not polygons.
    resolution: 300,
    markerSize: 9,
    ...(options.width !== undefined ? { width: options.width } : {}),
    ...(options.height !== undefined ? { height: options.height } : {}),
  });
}

function landmarks(surface: Surface): Landmark[] {
  return [
    ...surface.minima.slice(1).map((point): Landmark => ({ label: 'minimum', point, shape: 'diamond' })),
    ...(surface.saddles ?? []).map((point): Landmark => ({ label: 'saddle point', point, shape: 'square' })),
  ];
}

function formatNoise(noise: number): string {
  return Number(noise.toPrecision(2)).toString();
}
