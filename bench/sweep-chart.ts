/** The picture of `npm run bench:sweep`: ms per step against hidden width and against batch, log–log, side by side. */
import { tickAxis, SERIES_COLORS } from '../src/viz/render.ts';
import { logTicks, niceLogDomain } from '../src/viz/ticks.ts';

/** One arm's medians along one sweep; `ms[i]` belongs to `x[i]`, NaN where the arm did not run. */
export interface SweepSeries {
  arm: string;
  x: readonly number[];
  ms: readonly number[];
}

export interface SweepPanel {
  title: string;
  xLabel: string;
  series: readonly SweepSeries[];
}

/** gradlab's arms solid, the peers dashed: a dash tells "someone else" before the legend does. */
// Tableau hues with yellow (too faint on white for a dotted line) left out.
const COLORS = [0, 1, 2, 6, 4, 8].map((k) => SERIES_COLORS[k]!);
const dashFor = (arm: string): number[] => (arm.startsWith('gradlab') ? [1, 0] : arm.includes('f32') ? [2, 3] : [8, 4]);

function panelSpec(panel: SweepPanel, arms: string[]): object {
  const rows = panel.series.flatMap((s) => s.x.flatMap((x, i) => (Number.isFinite(s.ms[i]) ? [{ x, ms: s.ms[i]!, arm: s.arm }] : [])));
  const xs = [...new Set(panel.series.flatMap((s) => s.x))].sort((a, b) => a - b);
  const ys = rows.map((r) => r.ms);
  const yDomain = niceLogDomain(Math.min(...ys), Math.max(...ys));
  const legend = {
    orient: 'bottom',
    direction: 'horizontal',
    columns: 3,
    labelLimit: 0,
    symbolType: 'stroke',
    symbolStrokeWidth: 3,
    symbolSize: 500,
  };
  const scale = (range: unknown[]) => ({ domain: arms, range });
  return {
    title: panel.title,
    width: 380,
    height: 300,
    data: { values: rows },
    mark: { type: 'line', point: { size: 36, filled: true }, strokeWidth: 2.5, clip: true },
    encoding: {
      x: {
        field: 'x',
        type: 'quantitative',
        title: panel.xLabel,
        scale: { type: 'log', domain: [xs[0]! / 1.25, xs.at(-1)! * 1.25], nice: false },
        axis: tickAxis(xs, true),
      },
      y: {
        field: 'ms',
        type: 'quantitative',
        title: 'ms per training step',
        scale: { type: 'log', domain: yDomain, nice: false },
        axis: { ...tickAxis(logTicks(yDomain[0], yDomain[1]), true), grid: true },
      },
      color: {
        field: 'arm',
        type: 'nominal',
        sort: arms,
        title: null,
        scale: scale(arms.map((_, k) => COLORS[k % COLORS.length]!)),
        legend,
      },
      strokeDash: { field: 'arm', type: 'nominal', sort: arms, title: null, scale: scale(arms.map(dashFor)), legend },
    },
  };
}

/** A Vega-Lite spec with the panels side by side and one legend below them. */
export function sweepChartSpec(panels: readonly SweepPanel[], title: { text: string; subtitle: string }): object {
  const arms = [...new Set(panels.flatMap((p) => p.series.map((s) => s.arm)))];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { ...title, anchor: 'start', fontSize: 15, subtitleFontSize: 12 },
    hconcat: panels.map((p) => panelSpec(p, arms)),
    resolve: { scale: { color: 'shared', strokeDash: 'shared', y: 'independent' } },
    config: { axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelFontSize: 12 } },
  };
}
