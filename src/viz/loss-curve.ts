import type { TopLevelSpec } from 'vega-lite';
import { SERIES_COLORS, checkSeriesNames, checkSize, type VegaLiteSpec } from './render.ts';

/** One curve: `values[i]` is the loss at step (or epoch) `xStart + i`. */
export interface Series {
  name: string;
  values: readonly number[];
}

export interface LossCurveOptions {
  title?: string;
  /** Default 'step'. */
  xLabel?: string;
  /** Default 'loss'. */
  yLabel?: string;
  /** Logarithmic y axis (losses often fall over orders of magnitude); every finite value must then be > 0. */
  logY?: boolean;
  /** Plot-area size in pixels; axes, title and legend add to it. Defaults 480 × 300. */
  width?: number;
  height?: number;
  /** x of each series' first value (0 for steps, 1 for epochs). Default 0. */
  xStart?: number;
}

interface Row {
  x: number;
  y: number;
  series: string;
}

/**
 * A line chart of one or more loss curves as a Vega-Lite spec (render it with vega-embed, or
 * `lossCurveSvg` in Node). Non-finite values (a diverged run) are left out, so the curve stops
 * where the loss blew up; the legend keeps the series in the order given.
 */
export function lossCurveSpec(series: readonly Series[], options: LossCurveOptions = {}): VegaLiteSpec {
  return lossCurveSpecFor('lossCurveSpec', series, options);
}

/** `lossCurveSpec`, with errors naming `where` (the picture function called). */
export function lossCurveSpecFor(where: string, series: readonly Series[], options: LossCurveOptions = {}): VegaLiteSpec {
  const { title, xLabel = 'step', yLabel = 'loss', logY = false, width = 480, height = 300, xStart = 0 } = options;
  checkSeriesNames(where, series.map((s) => s.name));
  checkSize(where, 'width', width);
  checkSize(where, 'height', height);
  const rows = toRows(where, series, logY, xStart);
  if (rows.length === 0) throw new RangeError(`${where}: no finite values in any series; nothing to draw`);
  const longest = Math.max(...series.map((s) => s.values.length));
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...(title === undefined ? {} : { title }),
    width,
    height,
    data: { values: rows },
    // Few points (epochs) read better with markers; thousands of steps would turn markers into a smear.
    mark: { type: 'line', strokeWidth: 2, point: longest <= 40 ? { size: 24 } : false, clip: true },
    encoding: {
      // The x domain spans every step given, so a run that diverged visibly stops short of the others.
      x: { field: 'x', type: 'quantitative', title: xLabel, scale: { domain: [xStart, xStart + Math.max(1, longest - 1)], nice: false, zero: false } },
      y: { field: 'y', type: 'quantitative', title: yLabel, scale: logY ? { type: 'log' } : { zero: false } },
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        scale: { domain: series.map((s) => s.name), range: SERIES_COLORS },
        legend: { orient: 'right', labelLimit: 240 },
      },
    },
  };
  return spec as unknown as VegaLiteSpec; // the same JSON, typed without vega-lite (see VegaLiteSpec)
}

function toRows(where: string, series: readonly Series[], logY: boolean, xStart: number): Row[] {
  const rows: Row[] = [];
  for (const s of series) {
    s.values.forEach((y, i) => {
      if (!Number.isFinite(y)) return;
      if (logY && y <= 0) {
        throw new RangeError(`${where}: logY needs positive values, but series '${s.name}' has ${y} at index ${i}; plot it with logY: false or add an offset`);
      }
      rows.push({ x: xStart + i, y, series: s.name });
    });
  }
  return rows;
}
