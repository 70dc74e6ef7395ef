import type { Domain } from './contour-lines.ts';

export type XY = readonly [number, number];

/** A plot area: the domains it shows and its size in pixels (y grows downwards, as in SVG). */
export interface Frame {
  xDomain: Domain;
  yDomain: Domain;
  width: number;
  height: number;
}

/** Domain point → pixel position in the plot area. */
export function toPixels(frame: Frame, [x, y]: XY): [number, number] {
  const {
    xDomain: [x0, x1],
    yDomain: [y0, y1],
    width,
    height,
  } = frame;
  return [((x - x0) / (x1 - x0)) * width, height - ((y - y0) / (y1 - y0)) * height];
}

export function inFrame(frame: Pick<Frame, 'xDomain' | 'yDomain'>, [x, y]: XY): boolean {
  return x >= frame.xDomain[0] && x <= frame.xDomain[1] && y >= frame.yDomain[0] && y <= frame.yDomain[1];
}

/** Where the segment from `a` (inside the frame) towards `b` (outside) crosses the frame's edge. */
export function edgePoint(a: XY, b: XY, xDomain: Domain, yDomain: Domain): XY {
  // Largest t in [0, 1] with a + t·(b − a) still in the frame, from each side the segment crosses.
  let t = 1;
  for (const [lo, hi, k] of [
    [xDomain[0], xDomain[1], 0],
    [yDomain[0], yDomain[1], 1],
  ] as const) {
    const d = b[k] - a[k];
    if (b[k] > hi) t = Math.min(t, (hi - a[k]) / d);
    if (b[k] < lo) t = Math.min(t, (lo - a[k]) / d);
  }
  return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
}

/** A path leaving the frame (`exit`) or coming back into it (`entry`). */
export interface FrameCrossing {
  kind: 'exit' | 'entry';
  /** The step of the first point outside (exit) or back inside (entry). */
  step: number;
  /** Where the path meets the frame's edge. */
  point: XY;
  /** Direction of travel there, in degrees on the page (0 to the right, 90 straight down). */
  angle: number;
}

/**
 * Every time a path (its points' steps in `steps`) leaves the frame or comes back. A single segment that
 * passes through the frame from outside to outside counts as neither.
 */
export function frameCrossings(points: readonly XY[], steps: readonly number[], frame: Frame): FrameCrossing[] {
  const out: FrameCrossing[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!,
      b = points[i]!;
    const aIn = inFrame(frame, a),
      bIn = inFrame(frame, b);
    if (aIn === bIn) continue;
    const point = aIn ? edgePoint(a, b, frame.xDomain, frame.yDomain) : edgePoint(b, a, frame.xDomain, frame.yDomain);
    const [ax, ay] = toPixels(frame, a),
      [bx, by] = toPixels(frame, b);
    out.push({ kind: aIn ? 'exit' : 'entry', step: steps[i]!, point, angle: (Math.atan2(by - ay, bx - ax) * 180) / Math.PI });
  }
  return out;
}

/**
 * A path as drawn: its finite points (a diverged path cut where it first leaves the frame: points a million
 * units out only make renderers choke) and where it leaves the frame and comes back.
 */
export function drawnPath(
  path: readonly XY[],
  stepsGiven: readonly number[] | undefined,
  diverged: boolean,
  frame: Frame,
): { points: XY[]; crossings: FrameCrossing[] } {
  const kept = path.flatMap((q, i) => (Number.isFinite(q[0]) && Number.isFinite(q[1]) ? [{ q, step: stepsGiven?.[i] ?? i }] : []));
  const points = kept.map((k) => k.q),
    steps = kept.map((k) => k.step);
  const crossings = frameCrossings(points, steps, frame);
  if (!diverged) return { points, crossings };
  const out = points.findIndex((q) => !inFrame(frame, q));
  const exit = exitPoint(points, frame.xDomain, frame.yDomain);
  return { points: out < 0 || !exit ? points : [...points.slice(0, out), exit], crossings: crossings.slice(0, 1) };
}

/** Width and height of the plot area: equal units on both axes unless both sizes are given. */
export function plotSize(xDomain: Domain, yDomain: Domain, width?: number, height?: number): { width: number; height: number } {
  if (width !== undefined && height !== undefined) return { width, height };
  const ratio = (yDomain[1] - yDomain[0]) / (xDomain[1] - xDomain[0]);
  if (height !== undefined) return { width: Math.round(height / ratio), height };
  if (width !== undefined) return { width, height: Math.round(width * ratio) };
  return ratio <= 1 ? { width: 480, height: Math.round(480 * ratio) } : { width: Math.round(480 / ratio), height: 480 };
}

/** Where a diverging path crosses the frame, or its last finite point if it never leaves. */
export function exitPoint(points: readonly XY[], xDomain: Domain, yDomain: Domain): XY | null {
  const frame = { xDomain, yDomain };
  for (let i = 1; i < points.length; i++) {
    if (inFrame(frame, points[i - 1]!) && !inFrame(frame, points[i]!)) return edgePoint(points[i - 1]!, points[i]!, xDomain, yDomain);
  }
  const last = points.at(-1);
  return last && inFrame(frame, last) ? last : null;
}
