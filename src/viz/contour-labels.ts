import type { ContourLines } from './contour-lines.ts';
import { type Frame, type XY, toPixels } from './frame.ts';
import { formatTickNumber } from './ticks.ts';

/** A level's value written on its contour line: pixel position in the plot area, rotation and text. */
export interface LevelLabel {
  x: number;
  y: number;
  /** Degrees clockwise, within (−90, 90], so the text never reads upside down. */
  angle: number;
  text: string;
  level: number;
}

export interface LevelLabelOptions {
  /** Font size in pixels (default 9); a label's length is estimated at 0.6 em per character. */
  fontSize?: number;
  /** Points (domain coordinates) a label should not cover, such as the optimizers' paths. */
  avoid?: readonly (readonly XY[])[];
  /** Boxes [left, top, right, bottom] in pixels a label should keep out of, such as other text. */
  avoidBoxes?: readonly (readonly [number, number, number, number])[];
}

/**
 * Where to write each level's value on its contour lines, as a map's contour labels are: on a stretch that is
 * straight for the label's length, inside the frame, off the paths in `avoid` and clear of other labels; at
 * most one label per level, and none where no stretch qualifies. Values get the fewest significant digits
 * (two or more) that tell neighbouring levels apart.
 */
export function levelLabels(contours: ContourLines, frame: Frame, options: LevelLabelOptions = {}): LevelLabel[] {
  const { fontSize = 9, avoid = [], avoidBoxes = [] } = options;
  const texts = levelTexts(contours.levels);
  const blocked = new PointGrid(fontSize * 1.2);
  for (const path of avoid) blocked.addPath(path.map((p) => toPixels(frame, p)));
  const placed: LevelLabel[] = [];
  const lengthOf = (text: string): number => text.length * fontSize * 0.6 + 4;
  contours.levels.forEach((level, levelIndex) => {
    const text = texts[levelIndex]!;
    const length = lengthOf(text);
    let best: { score: number; label: LevelLabel } | null = null;
    for (const line of contours.lines) {
      if (line.levelIndex !== levelIndex) continue;
      for (const spot of straightStretches(
        line.points.map((p) => toPixels(frame, p)),
        length,
      )) {
        const [x, y] = spot.centre;
        const margin = length / 2 + 2;
        if (x < margin || x > frame.width - margin || y < fontSize || y > frame.height - fontSize) continue;
        const clearance = blocked.distance(x, y, 40);
        if (clearance < fontSize) continue;
        const half = length / 2 + 2;
        if (avoidBoxes.some(([l, t, r, b]) => x > l - half && x < r + half && y > t - fontSize && y < b + fontSize)) continue;
        const spacing = Math.min(80, ...placed.map((p) => Math.hypot(p.x - x, p.y - y) - (lengthOf(p.text) + length) / 2));
        if (spacing < fontSize) continue;
        const score = clearance + spacing;
        if (best === null || score > best.score) best = { score, label: { x, y, angle: spot.angle, text, level } };
      }
    }
    if (best !== null) placed.push(best.label);
  });
  return placed;
}

/** The levels' values with the fewest significant digits (at least two) that keep neighbours apart. */
export function levelTexts(levels: readonly number[]): string[] {
  for (let digits = 2; digits < 12; digits++) {
    const texts = levels.map((v) => formatTickNumber(v, digits, false));
    if (texts.every((t, i) => i === 0 || t !== texts[i - 1])) return texts;
  }
  return levels.map((v) => formatTickNumber(v, 12, false));
}

/**
 * Centres and directions of stretches of a polyline (pixels) that stay within 1.5 px of their chord for
 * `length` pixels: candidates for a label. Sampled every few pixels along the line.
 */
function straightStretches(points: readonly [number, number][], length: number): { centre: [number, number]; angle: number }[] {
  const along = [0];
  for (let i = 1; i < points.length; i++)
    along.push(along[i - 1]! + Math.hypot(points[i]![0] - points[i - 1]![0], points[i]![1] - points[i - 1]![1]));
  const total = along.at(-1)!;
  const out: { centre: [number, number]; angle: number }[] = [];
  let i = 0,
    j = 0;
  for (let s = 0; s + length <= total; s += 6) {
    while (along[i + 1]! < s) i++;
    while (along[j]! < s + length) j++;
    const a = at(points, along, i, s),
      b = at(points, along, j - 1, s + length);
    const chord = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (chord < 0.9 * length) continue;
    let worst = 0;
    for (let k = i + 1; k < j; k++) {
      const [px, py] = points[k]!;
      worst = Math.max(worst, Math.abs((b[0] - a[0]) * (a[1] - py) - (a[0] - px) * (b[1] - a[1])) / chord);
    }
    if (worst > 1.5) continue;
    let angle = (Math.atan2(b[1] - a[1], b[0] - a[0]) * 180) / Math.PI;
    if (angle > 90) angle -= 180;
    else if (angle <= -90) angle += 180;
    out.push({ centre: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2], angle });
  }
  return out;
}

/** The point at arc length `s` on the segment that starts at vertex `i`. */
function at(points: readonly [number, number][], along: readonly number[], i: number, s: number): [number, number] {
  const p = points[i]!,
    q = points[Math.min(i + 1, points.length - 1)]!;
  const span = along[Math.min(i + 1, points.length - 1)]! - along[i]!;
  const t = span === 0 ? 0 : (s - along[i]!) / span;
  return [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
}

/** Points in pixel cells, for "how far is the nearest path?" without comparing against every point. */
class PointGrid {
  private readonly cells = new Map<string, [number, number][]>();
  constructor(private readonly cell: number) {}

  /** A path's vertices, and points every half cell along its segments (long steps leave gaps otherwise). */
  addPath(points: readonly [number, number][]): void {
    points.forEach((p, k) => {
      const q = points[k + 1];
      const pieces = q === undefined ? 1 : Math.max(1, Math.ceil(Math.hypot(q[0] - p[0], q[1] - p[1]) / (this.cell / 2)));
      for (let m = 0; m < pieces; m++) {
        const t = m / pieces;
        this.add(q === undefined ? p : [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
      }
    });
  }

  private add(p: [number, number]): void {
    if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) return;
    const key = `${Math.floor(p[0] / this.cell)},${Math.floor(p[1] / this.cell)}`;
    const list = this.cells.get(key);
    if (list) list.push(p);
    else this.cells.set(key, [p]);
  }

  /** Distance to the nearest point, or `cap` when none is within it. */
  distance(x: number, y: number, cap: number): number {
    let best = cap;
    const reach = Math.ceil(cap / this.cell);
    const cx = Math.floor(x / this.cell),
      cy = Math.floor(y / this.cell);
    for (let i = cx - reach; i <= cx + reach; i++)
      for (let j = cy - reach; j <= cy + reach; j++)
        for (const [px, py] of this.cells.get(`${i},${j}`) ?? []) best = Math.min(best, Math.hypot(px - x, py - y));
    return best;
  }
}
