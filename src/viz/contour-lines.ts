import { contours } from 'd3-contour';

export type Point = [number, number];
export type Domain = readonly [number, number];

export interface ContourLineOptions {
  /** A count of levels (default 12), or the exact levels to draw. */
  levels?: number | readonly number[];
  /**
   * Space counted levels geometrically above the minimum (f − min from 1e-3 to 0.5 of f's range) instead of
   * evenly: narrow valleys such as Rosenbrock's only show with these.
   */
  logLevels?: boolean;
  /** Grid samples per axis (default 160). */
  resolution?: number;
  /** A known minimiser; its value counts as the lowest f when levels are placed (the grid may miss it). */
  minimum?: Point;
}

export interface ContourLines {
  /** The levels used, ascending. */
  levels: number[];
  /** Polylines in domain coordinates; `levelIndex` indexes `levels`. Lines end where they meet the domain edge. */
  lines: { level: number; levelIndex: number; points: Point[] }[];
}

/**
 * Level sets {(x, y) : f(x, y) = level} of f over the rectangle xDomain × yDomain: f is sampled on a
 * resolution × resolution grid that includes the corners, and d3-contour's marching squares interpolates
 * each crossing linearly between samples.
 */
export function contourLines(
  f: (x: number, y: number) => number,
  xDomain: Domain,
  yDomain: Domain,
  options: ContourLineOptions = {},
): ContourLines {
  checkDomain('xDomain', xDomain);
  checkDomain('yDomain', yDomain);
  const { resolution = 160, minimum } = options;
  if (!Number.isInteger(resolution) || resolution < 3 || resolution > 2000) {
    throw new RangeError(`contourLines: option resolution is ${resolution}; it must be a whole number in [3, 2000]`);
  }
  const n = resolution;
  const [x0, x1] = xDomain,
    [y0, y1] = yDomain;
  const dx = (x1 - x0) / (n - 1),
    dy = (y1 - y0) / (n - 1);
  const values = new Array<number>(n * n);
  let lo = Infinity,
    hi = -Infinity;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const v = f(x0 + i * dx, y0 + j * dy);
      values[j * n + i] = v;
      if (Number.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  }
  if (!Number.isFinite(lo)) throw new RangeError('contourLines: f is not finite anywhere on the grid; check f and the domains');
  // Overflowed or undefined samples count as very high, so lines close around them instead of vanishing.
  for (let k = 0; k < values.length; k++) if (!Number.isFinite(values[k]!)) values[k] = hi;
  if (minimum !== undefined) {
    const atMin = f(minimum[0], minimum[1]);
    if (Number.isFinite(atMin)) lo = Math.min(lo, atMin);
  }
  const levels = chooseLevels(options.levels ?? 12, options.logLevels ?? false, lo, hi);
  const lines: ContourLines['lines'] = [];
  // Marching squares puts sample (i, j) at grid coordinate (i + 0.5, j + 0.5).
  const toDomain = ([gx, gy]: number[]): Point => [x0 + (gx! - 0.5) * dx, y0 + (gy! - 0.5) * dy];
  const onBorder = ([gx, gy]: number[]): boolean => gx === 0 || gx === n || gy === 0 || gy === n;
  const shapes = contours().size([n, n]).thresholds(levels)(values);
  shapes.forEach((shape, levelIndex) => {
    for (const polygon of shape.coordinates) {
      for (const ring of polygon) {
        for (const piece of openAtBorder(ring, onBorder)) lines.push({ level: shape.value, levelIndex, points: piece.map(toDomain) });
      }
    }
  });
  return { levels, lines };
}

/** Evenly spaced levels strictly between lo and hi, or geometric offsets above lo; explicit levels sorted. */
export function chooseLevels(levels: number | readonly number[], logLevels: boolean, lo: number, hi: number): number[] {
  if (typeof levels !== 'number') {
    if (levels.length === 0 || !levels.every(Number.isFinite))
      throw new RangeError(`contourLines: option levels must be a non-empty list of finite numbers; got [${levels.join(', ')}]`);
    return [...levels].sort((a, b) => a - b);
  }
  if (!Number.isInteger(levels) || levels < 1 || levels > 200) {
    throw new RangeError(`contourLines: option levels is ${levels}; it must be a whole count in [1, 200] or a list of levels`);
  }
  const range = hi - lo;
  if (range <= 0) return [lo];
  if (!logLevels) return Array.from({ length: levels }, (_, k) => lo + (range * (k + 1)) / (levels + 1));
  const first = 1e-3 * range,
    last = 0.5 * range;
  if (levels === 1) return [lo + last];
  return Array.from({ length: levels }, (_, k) => lo + first * (last / first) ** (k / (levels - 1)));
}

/**
 * d3-contour returns closed rings that run along the outside of the grid where a region is cut off by it;
 * a contour *line* stops at the edge instead, so the ring is opened there (possibly into several pieces).
 */
function openAtBorder(ring: number[][], onBorder: (p: number[]) => boolean): number[][][] {
  const start = ring.findIndex(onBorder);
  if (start < 0) return [ring];
  const rotated = [...ring.slice(start, -1), ...ring.slice(0, start), ring[start]!];
  const pieces: number[][][] = [];
  let current: number[][] = [];
  for (const p of rotated) {
    if (onBorder(p)) {
      if (current.length > 1) pieces.push(current);
      current = [];
    } else {
      current.push(p);
    }
  }
  return pieces;
}

function checkDomain(name: string, [a, b]: Domain): void {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !(a < b)) {
    throw new RangeError(`contourLines: ${name} is [${a}, ${b}]; it must be two finite numbers with the first smaller`);
  }
}
