import type { TopLevelSpec } from 'vega-lite';

/** Palette for series (Tableau 10): distinct hues that stay readable on white and in greyscale print. */
export const SERIES_COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

// A font list rather than the generic `sans-serif`, so PNG rasterising (resvg) finds a real face on Linux too.
const FONT = 'Helvetica, Arial, DejaVu Sans, Liberation Sans, sans-serif';

/**
 * Renders a Vega-Lite spec to an SVG string headlessly (no browser, no canvas). Vega is imported on first
 * use so that code needing only the terminal charts or graph printing does not pay its ~0.1 s load time.
 */
export async function renderVegaLite(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const withConfig = { ...spec, config: { font: FONT, background: 'white', ...spec.config } } as TopLevelSpec;
  // Vega-Lite's warnings (merged legends, dash scales) go to the console otherwise, into a CLI's output.
  const compiled = vegaLite.compile(withConfig, { logger: vega.logger(vega.Error) }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

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
