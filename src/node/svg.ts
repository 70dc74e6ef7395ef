import type { TopLevelSpec } from 'vega-lite';
import { contourSpecFor, type ContourOptions } from '../viz/contour.ts';
import type { VegaLiteSpec } from '../viz/render.ts';
import { lossCurveSpecFor, type LossCurveOptions, type Series } from '../viz/loss-curve.ts';
import { surfaceContourSpec, type SurfaceFigureOptions } from '../inspect/surface-figure.ts';
import type { SurfaceRun } from '../inspect/surface-run.ts';
import type { Surface } from '../inspect/surfaces.ts';

// A font list rather than the generic `sans-serif`, so PNG rasterising (resvg) finds a real face on Linux too.
const FONT = 'Helvetica, Arial, DejaVu Sans, Liberation Sans, sans-serif';

/** vega and vega-lite, which are optional: pictures are the only thing that needs them. */
async function loadVega(where: string): Promise<[typeof import('vega'), typeof import('vega-lite')]> {
  try {
    return await Promise.all([import('vega'), import('vega-lite')]);
  } catch (error) {
    throw new Error(
      `${where}: drawing SVG needs the optional packages vega and vega-lite, which are not installed (${(error as Error).message}); ` +
        'install them (npm install vega vega-lite), or use the Vega-Lite spec functions (lossCurveSpec, contourSpec, surfaceContourSpec)',
      { cause: error },
    );
  }
}

/**
 * Renders a Vega-Lite spec (lossCurveSpec, contourSpec, … or your own) to an SVG string headlessly (no browser, no canvas). Vega is imported on first
 * use so that code needing only the terminal charts or graph printing does not pay its ~0.1 s load time.
 */
export async function renderVegaLite(spec: VegaLiteSpec | object, where = 'renderVegaLite'): Promise<string> {
  const [vega, vegaLite] = await loadVega(where);
  // Typed `object` in the signature so that gradlab's .d.ts do not need vega-lite installed.
  const given = spec as TopLevelSpec;
  const withConfig = { ...given, config: { font: FONT, background: 'white', ...given.config } } as TopLevelSpec;
  // Vega-Lite's warnings (merged legends, dash scales) go to the console otherwise, into a CLI's output.
  const compiled = vegaLite.compile(withConfig, { logger: vega.logger(vega.Error) }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** `lossCurveSpec` drawn as an SVG string. */
export async function lossCurveSvg(series: readonly Series[], options: LossCurveOptions = {}): Promise<string> {
  return renderVegaLite(lossCurveSpecFor('lossCurveSvg', series, options), 'lossCurveSvg');
}

/** `contourSpec` drawn as an SVG string. */
export async function contourSvg(options: ContourOptions): Promise<string> {
  return renderVegaLite(contourSpecFor('contourSvg', options), 'contourSvg');
}

/** `surfaceContourSpec` drawn as an SVG string; write it with `writeFigure`. */
export async function surfaceContourSvg(
  surface: Surface,
  runs: readonly SurfaceRun[],
  options: SurfaceFigureOptions = {},
): Promise<string> {
  return renderVegaLite(surfaceContourSpec(surface, runs, options, 'contourSvg'), 'surfaceContourSvg');
}
