import type { TopLevelSpec } from 'vega-lite';
import { type ContourLineOptions, type Domain, contourLines } from './contour-lines.ts';
import { pathStyles, seriesColor } from './path-style.ts';
import { checkSeriesNames, checkSize, type VegaLiteSpec } from './render.ts';

type XY = readonly [number, number];

/** An optimizer's trajectory: the parameters (x, y) after each step, starting point first. */
export interface Path2D {
  name: string;
  points: readonly XY[];
  /** Line colour; default the method's colour from the palette when the name starts with a method, else a series colour. */
  color?: string;
  /** The run blew up: a ✕ marks where it left the frame (or its last finite point) and the legend says so. */
  diverged?: boolean;
}

/** A labelled point drawn in black with its own legend entry, e.g. a second minimum or a saddle point. */
export interface Landmark {
  label: string;
  point: XY;
  shape: 'diamond' | 'square' | 'triangle-up' | 'circle';
}

export interface ContourOptions extends ContourLineOptions {
  f: (x: number, y: number) => number;
  xDomain: Domain;
  yDomain: Domain;
  paths?: readonly Path2D[];
  /** More points to mark besides `minimum` (drawn as a diamond labelled "minimum"). */
  landmarks?: readonly Landmark[];
  title?: string;
  /** Default 'x' and 'y'. */
  xLabel?: string;
  yLabel?: string;
  /**
   * Plot-area size in pixels (default 480 wide); axes, title and legend add to it. Without `height`, one unit
   * is as long on both axes (a circle stays a circle, gradients cross contours at right angles), the longer side
   * at most 480 px.
   */
  width?: number;
  height?: number;
  /** Marker size of path points in square pixels (default 16; 0 hides them). */
  markerSize?: number;
}

const MINIMUM_LABEL = 'minimum';
/** An ✕ as an SVG path in Vega's unit square, stroked: clearer than a rotated plus. */
const CROSS = 'M-0.8,-0.8L0.8,0.8M-0.8,0.8L0.8,-0.8';
const RESERVED = [MINIMUM_LABEL, 'start', 'end', 'diverged'];

/**
 * Contour lines of f (grey, darker for higher levels) with each path on top: a line in the path's colour
 * and dash, wider for paths drawn earlier so a later path never hides one below it, a dot per step, an open
 * circle at the start and a filled dot at the end; a ✕ where a diverged run left the frame; a diamond at
 * `minimum`. Paths leaving the domain are clipped at the frame; non-finite points are left out.
 */
export function contourSpec(options: ContourOptions): VegaLiteSpec {
  return contourSpecFor('contourSpec', options);
}

/** `contourSpec`, with errors naming `where` (the picture function called). */
export function contourSpecFor(where: string, options: ContourOptions): VegaLiteSpec {
  const { f, xDomain, yDomain, paths = [], landmarks = [], title, xLabel = 'x', yLabel = 'y', markerSize = 16, minimum } = options;
  const { width, height } = plotSize(xDomain, yDomain, options.width, options.height);
  checkSize(where, 'width', width);
  checkSize(where, 'height', height);
  const names = paths.map((p) => p.name);
  if (names.length > 0) checkSeriesNames(where, names);
  const clash = names.find((n) => RESERVED.includes(n) || landmarks.some((l) => l.label === n));
  if (clash !== undefined) throw new RangeError(`${where}: a path is named '${clash}', which labels a marker; rename the path`);
  const { levels, lines } = contourLines(f, xDomain, yDomain, options);
  const contourRows = lines.flatMap((line, lineIndex) =>
    line.points.map(([x, y], i) => ({ x, y, i, line: lineIndex, rank: line.levelIndex })),
  );
  const inFrame = ([x, y]: XY): boolean => x >= xDomain[0] && x <= xDomain[1] && y >= yDomain[0] && y <= yDomain[1];
  // A diverged path is cut where it leaves the frame: points a million units out only make renderers choke.
  const finite = paths.map((p) => {
    const pts = p.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    if (!p.diverged) return pts;
    const out = pts.findIndex((q) => !inFrame(q));
    const exit = exitPoint(pts, xDomain, yDomain);
    return out < 0 || !exit ? pts : [...pts.slice(0, out), exit];
  });
  const pathRows = paths.flatMap((p, k) => finite[k]!.map(([x, y], i) => ({ x, y, i, name: p.name })));
  const ends = paths.flatMap((p, k) => {
    const last = finite[k]!.at(-1);
    return !p.diverged && last && inFrame(last) ? [{ x: last[0], y: last[1], name: p.name }] : [];
  });
  const marks: { x: number; y: number; kind: string }[] = [];
  const start = finite.find((pts) => pts.length > 0)?.[0];
  if (start && inFrame(start)) marks.push({ x: start[0], y: start[1], kind: 'start' });
  paths.forEach((p, k) => {
    const at = p.diverged ? finite[k]!.at(-1) : null;
    if (at) marks.push({ x: at[0], y: at[1], kind: 'diverged' });
  });
  if (minimum !== undefined) marks.push({ x: minimum[0], y: minimum[1], kind: MINIMUM_LABEL });
  for (const l of landmarks) marks.push({ x: l.point[0], y: l.point[1], kind: l.label });
  const kinds = [...new Set(marks.map((m) => m.kind))];
  const shapeOf = (kind: string): string =>
    (({ start: 'circle', diverged: CROSS, [MINIMUM_LABEL]: 'diamond' }) as Record<string, string>)[kind] ??
    landmarks.find((l) => l.label === kind)!.shape;

  const styles = pathStyles(names.length);
  const colors = paths.map((p, k) => p.color ?? seriesColor(p.name, k));
  const axis = (field: 'x' | 'y', domain: Domain, label: string) => ({
    field,
    type: 'quantitative' as const,
    title: label,
    scale: { domain: [domain[0], domain[1]], nice: false, zero: false },
    axis: { grid: false, format: '~g' },
  });
  const x = axis('x', xDomain, xLabel);
  const y = axis('y', yDomain, yLabel);
  const pathScale = (range: readonly (string | number | number[])[]) => ({ domain: names, range: [...range] });
  const legend = { orient: 'right', labelLimit: 0, symbolStrokeWidth: 2.5, symbolSize: 300, title: null } as const;
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...(title === undefined ? {} : { title }),
    width,
    height,
    layer: [
      {
        data: { values: contourRows },
        mark: { type: 'line', strokeWidth: 1, clip: true },
        encoding: {
          x,
          y,
          detail: { field: 'line', type: 'nominal' },
          order: { field: 'i', type: 'quantitative' },
          stroke: {
            field: 'rank',
            type: 'quantitative',
            scale: { domain: [0, Math.max(1, levels.length - 1)], range: ['#d4d4d4', '#7a7a7a'] },
            legend: null,
          },
        },
      },
      ...(pathRows.length === 0
        ? []
        : [
            {
              data: { values: pathRows },
              mark: { type: 'line' as const, clip: true, opacity: 0.9, strokeCap: 'round' as const },
              encoding: {
                x,
                y,
                order: { field: 'i', type: 'quantitative' as const },
                // Ordinal with the names' own order: one merged legend shows each path's colour, width and dash.
                color: { field: 'name', type: 'ordinal' as const, sort: names, scale: pathScale(colors), legend },
                strokeWidth: { field: 'name', type: 'ordinal' as const, sort: names, scale: pathScale(styles.map((s) => s.width)), legend },
                strokeDash: { field: 'name', type: 'ordinal' as const, sort: names, scale: pathScale(styles.map((s) => s.dash)), legend },
              },
            },
            ...(markerSize > 0
              ? [
                  {
                    data: { values: pathRows },
                    mark: { type: 'point' as const, filled: true, size: markerSize, clip: true, opacity: 0.8 },
                    encoding: { x, y, color: { field: 'name', type: 'nominal' as const, scale: pathScale(colors), legend: null } },
                  },
                ]
              : []),
            {
              data: { values: ends },
              mark: { type: 'point' as const, filled: true, size: 110, clip: true, opacity: 1 },
              encoding: { x, y, color: { field: 'name', type: 'ordinal' as const, sort: names, scale: pathScale(colors), legend: null } },
            },
          ]),
      ...(marks.length === 0
        ? []
        : [
            {
              data: { values: marks },
              mark: { type: 'point' as const, size: 160, strokeWidth: 2.5, clip: false, opacity: 1, stroke: 'black' },
              encoding: {
                x,
                y,
                shape: {
                  field: 'kind',
                  type: 'nominal' as const,
                  scale: { domain: kinds, range: kinds.map(shapeOf) },
                  legend: { orient: 'right' as const, title: null },
                },
                fill: {
                  field: 'kind',
                  type: 'nominal' as const,
                  scale: { domain: kinds, range: kinds.map((k) => (k === 'start' ? 'white' : 'black')) },
                  legend: { orient: 'right' as const, title: null },
                },
              },
            },
          ]),
    ],
  };
  return spec as unknown as VegaLiteSpec; // the same JSON, typed without vega-lite (see VegaLiteSpec)
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
  const inside = ([x, y]: XY): boolean => x >= xDomain[0] && x <= xDomain[1] && y >= yDomain[0] && y <= yDomain[1];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!,
      b = points[i]!;
    if (inside(a) && !inside(b)) {
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
  }
  const last = points.at(-1);
  return last && inside(last) ? last : null;
}
