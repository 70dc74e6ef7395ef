import { contourSpecFor } from '../viz/contour.ts';
import type { VegaLiteSpec } from '../viz/render.ts';
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
  if (points.length <= max) return [...points];
  const out: T[] = [];
  for (let k = 0; k < max; k++) out.push(points[Math.round((k * (points.length - 1)) / (max - 1))]!);
  return out;
}

/**
 * Contour lines of the surface (log-spaced levels, so narrow valleys show) with each run's path
 * drawn on top and the minimum starred, as a Vega-Lite spec (`surfaceContourSvg` renders it in Node).
 */
export function surfaceContourSpec(surface: Surface, runs: readonly SurfaceRun[], options: SurfaceFigureOptions = {}, where = 'surfaceContourSpec'): VegaLiteSpec {
  const maxPoints = options.maxPoints ?? 300;
  return contourSpecFor(where, {
    f: (x, y) => surfaceValue(surface, x, y),
    xDomain: surface.xDomain,
    yDomain: surface.yDomain,
    paths: runs.map((r) => ({ name: `${r.method} (lr ${r.lr}${r.noise > 0 ? `, noise ${formatNoise(r.noise)}` : ''})`, points: thinPath(r.path, maxPoints) })),
    title: options.title ?? `${surface.title}: f = ${surface.formula}`,
    minimum: surface.minima[0]!,
    logLevels: true,
    levels: 14,
    resolution: 100,
    markerSize: 9,
    ...(options.width !== undefined ? { width: options.width } : {}),
    ...(options.height !== undefined ? { height: options.height } : {}),
  });
}

function formatNoise(noise: number): string {
  return Number(noise.toPrecision(2)).toString();
}
