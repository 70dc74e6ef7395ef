import type { TopLevelSpec } from 'vega-lite';
import { pathStyles, seriesColor } from './path-style.ts';
import { checkSeriesNames, checkSize, tickAxis, type VegaLiteSpec } from './render.ts';
import { linearTicks, logTicks, niceDomain, niceLogDomain, snapDomain } from './ticks.ts';

/** One curve: `values[i]` is the loss at step (or epoch) `x[i]`, by default `xStart + i`. */
export interface Series {
  name: string;
  values: readonly number[];
  /**
   * The step (or epoch) of each value, when they are not `xStart, xStart + 1, …`: a long run thinned to every
   * k-th step keeps its real step numbers on the axis. Same length as `values`, increasing.
   */
  x?: readonly number[];
  /** Line colour; default the method's palette colour when the name starts with a method ("adam (lr 0.01)"), else a series colour. */
  color?: string;
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
 * A line chart of one or more loss curves as an SVG string. Non-finite values (a diverged run) are left out,
 * so the curve stops where the loss blew up; the legend keeps the series in the order given.
 */
export function lossCurveSpec(series: readonly Series[], options: LossCurveOptions = {}): VegaLiteSpec {
  return lossCurveSpecFor('lossCurveSpec', series, options);
}

/** `lossCurveSpec`, with errors naming `where` (the picture function called). */
export function lossCurveSpecFor(where: string, series: readonly Series[], options: LossCurveOptions = {}): VegaLiteSpec {
  const { title, xLabel = 'step', yLabel = 'loss', logY = false, width = 480, height = 300, xStart = 0 } = options;
  checkSeriesNames(
    where,
    series.map((s) => s.name),
  );
  checkSize(where, 'width', width);
  checkSize(where, 'height', height);
  const rows = toRows(where, series, logY, xStart);
  if (rows.length === 0) throw new RangeError(`${where}: no finite values in any series; nothing to draw`);
  const longest = Math.max(...series.map((s) => s.values.length));
  // The x domain spans every step given, so a run that diverged visibly stops short of the others.
  const xs = series.flatMap((s) => (s.x === undefined ? [xStart, xStart + s.values.length - 1] : [s.x[0]!, s.x.at(-1)!]));
  const xCount = Math.max(2, Math.round(width / 90));
  const xDomain = snapDomain(Math.min(...xs), Math.max(Math.min(...xs) + 1, ...xs), xCount);
  const ys = rows.map((r) => r.y);
  const yCount = Math.max(3, Math.round(height / 50));
  const yDomain = logY ? niceLogDomain(Math.min(...ys), Math.max(...ys)) : niceDomain(Math.min(...ys), Math.max(...ys), yCount);
  const yTicks = logY ? logTicks(yDomain[0], yDomain[1]) : linearTicks(yDomain[0], yDomain[1], yCount);
  const names = series.map((s) => s.name);
  const styles = pathStyles(series.length);
  const legend = { orient: 'right' as const, labelLimit: 0, symbolSize: 300, symbolType: 'stroke', symbolStrokeWidth: 3 };
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...(title === undefined ? {} : { title }),
    width,
    height,
    data: { values: rows },
    // Few points (epochs) read better with markers; thousands of steps would turn markers into a smear.
    mark: { type: 'line', point: longest <= 40 ? { size: 24 } : false, clip: true, opacity: 0.9 },
    encoding: {
      x: {
        field: 'x',
        type: 'quantitative',
        title: xLabel,
        scale: { domain: [...xDomain], nice: false, zero: false },
        axis: tickAxis(linearTicks(xDomain[0], xDomain[1], xCount)),
      },
      y: {
        field: 'y',
        type: 'quantitative',
        title: yLabel,
        scale: { ...(logY ? { type: 'log' as const } : {}), domain: yDomain, nice: false, zero: false },
        axis: tickAxis(yTicks, logY),
      },
      // Ordinal with the given order, so colour, width and dash share one legend; later curves are thinner and
      // dashed, so a curve lying on top of another does not hide it.
      color: {
        field: 'series',
        type: 'ordinal',
        sort: names,
        title: null,
        scale: { domain: names, range: series.map((s, k) => s.color ?? seriesColor(s.name, k)) },
        legend,
      },
      strokeWidth: {
        field: 'series',
        type: 'ordinal',
        sort: names,
        title: null,
        scale: { domain: names, range: styles.map((s) => Math.min(s.width, 4)) },
        legend,
      },
      strokeDash: {
        field: 'series',
        type: 'ordinal',
        sort: names,
        title: null,
        scale: { domain: names, range: styles.map((s) => s.dash) },
        legend,
      },
    },
  };
  return spec as unknown as VegaLiteSpec; // the same JSON, typed without vega-lite (see VegaLiteSpec)
}

function toRows(where: string, series: readonly Series[], logY: boolean, xStart: number): Row[] {
  const rows: Row[] = [];
  for (const s of series) {
    if (s.x !== undefined && (s.x.length !== s.values.length || s.x.some((x, i) => !Number.isFinite(x) || (i > 0 && x <= s.x![i - 1]!))))
      throw new RangeError(
        `${where}: series '${s.name}' has ${s.x.length} x values for ${s.values.length} values; x must give one finite, increasing step per value`,
      );
    s.values.forEach((y, i) => {
      if (!Number.isFinite(y)) return;
      if (logY && y <= 0) {
        throw new RangeError(
          `${where}: logY needs positive values, but series '${s.name}' has ${y} at index ${i}; plot it with logY: false or add an offset`,
        );
      }
      rows.push({ x: s.x?.[i] ?? xStart + i, y, series: s.name });
    });
  }
  return rows;
}
