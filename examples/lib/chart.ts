import type { Series } from '../../src/viz/loss-curve.ts';

/** Placeholder until src/viz's terminal chart lands: one sparkline row per series. */
export function renderLossChart(series: readonly Series[]): string {
  const bars = '▁▂▃▄▅▆▇█';
  const all = series.flatMap((s) => s.values.filter((v) => v > 0)).map(Math.log);
  const lo = Math.min(...all), hi = Math.max(...all);
  const width = Math.max(...series.map((s) => s.name.length));
  return series
    .map((s) => `${s.name.padEnd(width)} ${s.values.map((v) => bars[Math.round(((Math.log(v) - lo) / (hi - lo || 1)) * 7)]).join('')}`)
    .join('\n');
}
