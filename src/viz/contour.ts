import type { TopLevelSpec } from 'vega-lite';
import { type ContourLineOptions, type Domain, contourLines } from './contour-lines.ts';
import { SERIES_COLORS, checkSeriesNames, checkSize, type VegaLiteSpec } from './render.ts';

/** An optimizer's trajectory: the parameters (x, y) after each step, starting point first. */
export interface Path2D {
  name: string;
  points: ReadonlyArray<readonly [number, number]>;
}

export interface ContourOptions extends ContourLineOptions {
  f: (x: number, y: number) => number;
  xDomain: Domain;
  yDomain: Domain;
  paths?: readonly Path2D[];
  title?: string;
  /** Default 'x' and 'y'. */
  xLabel?: string;
  yLabel?: string;
  /** Plot-area size in pixels (default 480 × 400); axes, title and legend add to it. */
  width?: number;
  height?: number;
  /** Marker size of path points in square pixels (default 16; 0 hides them). */
  markerSize?: number;
}

const MINIMUM_LABEL = 'minimum';

/**
 * A Vega-Lite spec (render it with vega-embed, or `contourSvg` in Node): contour lines of f (grey, darker for higher levels) with each path drawn on top as a coloured line with a
 * marker per step, a star at `minimum` if given, and a legend naming the paths. Paths leaving the domain are
 * clipped at the frame; non-finite points (a diverged run) are left out.
 */
export function contourSpec(options: ContourOptions): VegaLiteSpec {
  return contourSpecFor('contourSpec', options);
}

/** `contourSpec`, with errors naming `where` (the picture function called). */
export function contourSpecFor(where: string, options: ContourOptions): VegaLiteSpec {
  const { f, xDomain, yDomain, paths = [], title, xLabel = 'x', yLabel = 'y', width = 480, height = 400, markerSize = 16, minimum } = options;
  checkSize(where, 'width', width);
  checkSize(where, 'height', height);
  const names = paths.map((p) => p.name);
  if (names.length > 0) checkSeriesNames(where, names);
  if (minimum !== undefined && names.includes(MINIMUM_LABEL)) {
    throw new RangeError(`${where}: a path is named '${MINIMUM_LABEL}', which labels the minimum marker; rename the path`);
  }
  const { levels, lines } = contourLines(f, xDomain, yDomain, options);
  const contourRows = lines.flatMap((line, lineIndex) =>
    line.points.map(([x, y], i) => ({ x, y, i, line: lineIndex, rank: line.levelIndex })),
  );
  const pathRows = paths.flatMap((p) =>
    p.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)).map(([x, y], i) => ({ x, y, i, name: p.name })),
  );
  const legendNames = minimum === undefined ? names : [...names, MINIMUM_LABEL];
  const legendColors = [...names.map((_, k) => SERIES_COLORS[k % SERIES_COLORS.length]!), '#000000'];
  const x = { field: 'x', type: 'quantitative' as const, title: xLabel, scale: { domain: [xDomain[0], xDomain[1]], nice: false, zero: false }, axis: { grid: false } };
  const y = { field: 'y', type: 'quantitative' as const, title: yLabel, scale: { domain: [yDomain[0], yDomain[1]], nice: false, zero: false }, axis: { grid: false } };
  const pathColor = {
    field: 'name',
    type: 'nominal',
    title: null,
    scale: { domain: legendNames, range: legendColors },
    legend: { orient: 'right', labelLimit: 240 },
  } as const;
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
          x, y,
          detail: { field: 'line', type: 'nominal' },
          order: { field: 'i', type: 'quantitative' },
          color: { field: 'rank', type: 'quantitative', scale: { domain: [0, Math.max(1, levels.length - 1)], range: ['#d4d4d4', '#7a7a7a'] }, legend: null },
        },
      },
      {
        // Paths and the minimum share one colour scale and so one legend; the contours' scale stays separate.
        layer: [
          {
            data: { values: pathRows },
            mark: { type: 'line', strokeWidth: 2.5, clip: true, point: markerSize > 0 ? { size: markerSize, filled: true } : false },
            encoding: { x, y, order: { field: 'i', type: 'quantitative' }, color: pathColor },
          },
          ...(minimum === undefined
            ? []
            : [{
                data: { values: [{ x: minimum[0], y: minimum[1], name: MINIMUM_LABEL }] },
                mark: { type: 'point' as const, shape: 'diamond' as const, size: 140, filled: true, clip: true },
                encoding: { x, y, color: pathColor },
              }]),
        ],
      },
    ],
    resolve: { scale: { color: 'independent' } },
  };
  return spec as unknown as VegaLiteSpec; // the same JSON, typed without vega-lite (see VegaLiteSpec)
}

