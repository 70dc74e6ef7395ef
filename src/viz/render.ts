/**
 * A Vega-Lite specification as plain JSON data (https://vega.github.io/vega-lite/): hand it to
 * vega-embed in a page, or to `renderVegaLite` in Node. Built with vega-lite's own types inside
 * gradlab; declared structurally here so that installing gradlab does not need vega-lite.
 */
export type VegaLiteSpec = { readonly $schema: string } & Readonly<Record<string, unknown>>;

import { tickLabels } from './ticks.ts';

/**
 * A Vega-Lite axis with its ticks at `values`, labelled by `tickLabels`, so that every picture writes a number
 * the same way (Vega's own formats gave `−1e+1` for −10 and `1e+0` for 1). The labels travel in the spec as a
 * lookup expression: plain JSON that renders the same in vega-embed as in Node.
 */
export function tickAxis(values: readonly number[], log = false): { values: number[]; labelExpr: string } {
  const labels = tickLabels(values, { log });
  return { values: [...values], labelExpr: `${JSON.stringify(labels)}[indexof(${JSON.stringify(values)}, datum.value)]` };
}

/** Palette for series (Tableau 10): distinct hues that stay readable on white and in greyscale print. */
export const SERIES_COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** Throws unless `names` are non-empty and unique, since the legend tells series apart by name. */
export function checkSeriesNames(where: string, names: readonly string[]): void {
  if (names.length === 0) throw new RangeError(`${where}: no series given; pass at least one`);
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new RangeError(`${where}: series name '${name}' appears twice; names label the legend and must be unique`);
    seen.add(name);
  }
}

/** Throws unless `size` is a whole number of pixels within [lo, hi]. */
export function checkSize(where: string, option: string, size: number, lo = 50, hi = 10000): void {
  if (!Number.isInteger(size) || size < lo || size > hi) {
    throw new RangeError(`${where}: option ${option} is ${size}; it must be a whole number of pixels in [${lo}, ${hi}]`);
  }
}
