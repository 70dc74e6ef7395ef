import type { TopLevelSpec } from 'vega-lite';
import { type ContourLineOptions, type Domain, contourLines } from './contour-lines.ts';
import { levelLabels } from './contour-labels.ts';
import { exitArrowLayer, levelLabelLayers, markerLayers, noteLayers } from './contour-layers.ts';
import { type Frame, type XY, drawnPath, inFrame, plotSize } from './frame.ts';

export { exitPoint, plotSize } from './frame.ts';
import { type Note, crossingNotes, endNotes, noteBox, separateNotes } from './path-notes.ts';
import { pathStyles, seriesColor } from './path-style.ts';
import { checkSeriesNames, checkSize, tickAxis, type VegaLiteSpec } from './render.ts';
import { linearTicks } from './ticks.ts';

/** An optimizer's trajectory: the parameters (x, y) after each step, starting point first. */
export interface Path2D {
  name: string;
  points: readonly XY[];
  /** The step of each point (default its index), for notes such as "left the frame at step 212". */
  steps?: readonly number[];
  /** A short name written at the path's end and beside frame crossings (default `name`). */
  label?: string;
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
  /** Write each level's value on its contour line (default true). */
  levelLabels?: boolean;
  /** Write each path's label at its end, in its colour (default true): paths lying on top of each other stay findable. */
  endLabels?: boolean;
}

const MINIMUM_LABEL = 'minimum';
/** An ✕ as an SVG path in Vega's unit square, stroked: clearer than a rotated plus. */
const CROSS = 'M-0.8,-0.8L0.8,0.8M-0.8,0.8L0.8,-0.8';
const RESERVED = [MINIMUM_LABEL, 'start', 'end', 'diverged'];

/**
 * Contour lines of f (grey, darker for higher levels, each level's value written on its line) with each path
 * on top: a line in the path's colour and dash, wider for paths drawn earlier so a later path never hides one
 * below it, a dot per step, an open circle at the start, a filled dot and the path's label at the end (paths
 * ending together share a stack of labels); an arrow and "left the frame at step k" where a path leaves the
 * domain (it is clipped there), "back at step j" where it returns; a ✕ where a diverged run left the frame; a
 * diamond at `minimum`. Non-finite points are left out. Ticks use the pictures' one number format (tickLabels).
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
  const frame: Frame = { xDomain, yDomain, width, height };
  const toDomain = (px: number, py: number): [number, number] => [
    xDomain[0] + (px / width) * (xDomain[1] - xDomain[0]),
    yDomain[0] + ((height - py) / height) * (yDomain[1] - yDomain[0]),
  ];
  const contours = contourLines(f, xDomain, yDomain, options);
  const contourRows = contours.lines.flatMap((line, lineIndex) =>
    line.points.map(([x, y], i) => ({ x, y, i, line: lineIndex, rank: line.levelIndex })),
  );
  const colors = paths.map((p, k) => p.color ?? seriesColor(p.name, k));
  const drawn = paths.map((p) => drawnPath(p.points, p.steps, p.diverged ?? false, frame));
  const pathRows = paths.flatMap((p, k) => drawn[k]!.points.map(([x, y], i) => ({ x, y, i, name: p.name })));
  const ends = paths.flatMap((p, k) => {
    const last = drawn[k]!.points.at(-1);
    return !p.diverged && last && inFrame(frame, last)
      ? [{ x: last[0], y: last[1], name: p.name, label: p.label ?? p.name, color: colors[k]! }]
      : [];
  });
  const marks: { x: number; y: number; kind: string }[] = [];
  const start = drawn.find((d) => d.points.length > 0)?.points[0];
  if (start && inFrame(frame, start)) marks.push({ x: start[0], y: start[1], kind: 'start' });
  paths.forEach((p, k) => {
    const at = p.diverged ? drawn[k]!.points.at(-1) : null;
    if (at) marks.push({ x: at[0], y: at[1], kind: 'diverged' });
  });
  if (minimum !== undefined) marks.push({ x: minimum[0], y: minimum[1], kind: MINIMUM_LABEL });
  for (const l of landmarks) marks.push({ x: l.point[0], y: l.point[1], kind: l.label });
  const shapeOf = (kind: string): string =>
    (({ start: 'circle', diverged: CROSS, [MINIMUM_LABEL]: 'diamond' }) as Record<string, string>)[kind] ??
    landmarks.find((l) => l.label === kind)!.shape;
  const exits = paths.flatMap((p, k) =>
    drawn[k]!.crossings.filter((c) => c.kind === 'exit' && !p.diverged).map((c) => ({
      x: c.point[0],
      y: c.point[1],
      angle: c.angle,
      color: colors[k]!,
    })),
  );
  const notes: Note[] = separateNotes(
    [
      ...(options.endLabels === false
        ? []
        : endNotes(
            ends.map((e) => ({ label: e.label, color: e.color, point: [e.x, e.y] })),
            frame,
          )),
      ...paths.flatMap((p, k) => crossingNotes(p.label ?? p.name, colors[k]!, drawn[k]!.crossings, frame)),
    ],
    frame,
  );
  const labels =
    options.levelLabels === false
      ? []
      : levelLabels(contours, frame, {
          avoid: [...drawn.map((d) => d.points), marks.map((m): XY => [m.x, m.y])],
          avoidBoxes: notes.map((n) => noteBox(n)),
        });

  const styles = pathStyles(names.length);
  // About one tick per 70 px across (labels such as −0.25 are wide) and per 45 px up.
  const axis = (field: 'x' | 'y', domain: Domain, label: string, ticks: number) => ({
    field,
    type: 'quantitative' as const,
    title: label,
    scale: { domain: [domain[0], domain[1]], nice: false, zero: false },
    axis: { grid: false, labelOverlap: false, ...tickAxis(linearTicks(domain[0], domain[1], ticks)) },
  });
  const xy = {
    x: axis('x', xDomain, xLabel, Math.max(2, Math.round(width / 70))),
    y: axis('y', yDomain, yLabel, Math.max(2, Math.round(height / 45))),
  };
  const pathScale = (range: readonly (string | number | number[])[]) => ({ domain: names, range: [...range] });
  const legend = { orient: 'right', labelLimit: 0, symbolStrokeWidth: 2.5, symbolSize: 300, title: null } as const;
  const byName = (range: readonly (string | number | number[])[], withLegend: boolean) => ({
    field: 'name',
    type: 'ordinal' as const,
    sort: names,
    scale: pathScale(range),
    legend: withLegend ? legend : null,
  });
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
          ...xy,
          detail: { field: 'line', type: 'nominal' },
          order: { field: 'i', type: 'quantitative' },
          stroke: {
            field: 'rank',
            type: 'quantitative',
            scale: { domain: [0, Math.max(1, contours.levels.length - 1)], range: ['#d4d4d4', '#7a7a7a'] },
            legend: null,
          },
        },
      },
      ...(levelLabelLayers(labels, toDomain, xy) as TopLevelSpec[]),
      ...(pathRows.length === 0
        ? []
        : [
            {
              data: { values: pathRows },
              mark: { type: 'line' as const, clip: true, opacity: 0.9, strokeCap: 'round' as const },
              encoding: {
                ...xy,
                order: { field: 'i', type: 'quantitative' as const },
                // Ordinal with the names' own order: one merged legend shows each path's colour, width and dash.
                color: byName(colors, true),
                strokeWidth: byName(
                  styles.map((st) => st.width),
                  true,
                ),
                strokeDash: byName(
                  styles.map((st) => st.dash),
                  true,
                ),
              },
            },
            ...(markerSize > 0
              ? [
                  {
                    data: { values: pathRows },
                    mark: { type: 'point' as const, filled: true, size: markerSize, clip: true, opacity: 0.8 },
                    encoding: { ...xy, color: { field: 'name', type: 'nominal' as const, scale: pathScale(colors), legend: null } },
                  },
                ]
              : []),
            {
              data: { values: ends },
              mark: { type: 'point' as const, filled: true, size: 110, clip: true, opacity: 1 },
              encoding: { ...xy, color: byName(colors, false) },
            },
          ]),
      ...(exitArrowLayer(exits, xy) as TopLevelSpec[]),
      ...(markerLayers(marks, shapeOf, xy) as TopLevelSpec[]),
      ...(noteLayers(notes, toDomain, xy) as TopLevelSpec[]),
    ],
  } as TopLevelSpec;
  return spec as unknown as VegaLiteSpec; // the same JSON, typed without vega-lite (see VegaLiteSpec)
}
