import { extname } from 'node:path';
import { writeOutputFile, type OutputOptions } from './safe-write.ts';
import { markPng, markSvg } from '../util/file-kind.ts';

export interface PngOptions {
  /** Pixels per SVG unit (default 2, sharp on high-density screens). */
  scale?: number;
  /** Fill behind the drawing (default white; 'transparent' keeps alpha). */
  background?: string;
}

/**
 * Rasterises an SVG string to PNG bytes with resvg (a Rust renderer shipped as a prebuilt native module, no
 * browser). Text needs a system font; any of Helvetica, Arial, DejaVu Sans or Liberation Sans will do.
 */
export async function svgToPng(svg: string, options: PngOptions = {}): Promise<Uint8Array> {
  const { scale = 2, background = 'white' } = options;
  if (!Number.isFinite(scale) || scale <= 0 || scale > 16)
    throw new RangeError(`svgToPng: option scale is ${scale}; it must be in (0, 16]`);
  if (!svg.trimStart().startsWith('<svg') && !svg.trimStart().startsWith('<?xml')) {
    throw new TypeError(`svgToPng: input is not an SVG document (it starts with '${svg.trimStart().slice(0, 20)}')`);
  }
  const { Resvg } = await loadResvg('svgToPng');
  const renderer = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    ...(background === 'transparent' ? {} : { background }),
    font: { loadSystemFonts: true, sansSerifFamily: 'DejaVu Sans' },
  });
  return renderer.render().asPng();
}

function notInstalled(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

async function loadResvg(where: string): Promise<typeof import('@resvg/resvg-js')> {
  try {
    return await import('@resvg/resvg-js');
  } catch (err) {
    const message = notInstalled(err)
      ? `${where}: PNG pictures need the optional package @resvg/resvg-js, which is not installed; install it (npm install @resvg/resvg-js) or write .svg`
      : `${where}: the PNG renderer @resvg/resvg-js did not load (${(err as Error).message}); it may have no native build for ${process.platform}-${process.arch}; write .svg instead`;
    throw new Error(message, { cause: err });
  }
}

/**
 * Checks, before any work, that the optional packages a picture at `outPath` needs can be loaded
 * (vega and vega-lite; for .png also @resvg/resvg-js). Throws an Error naming the missing ones and
 * the command that installs them, with `option` (e.g. `--plot out.png`) in front.
 */
export async function checkFigureSupport(
  outPath: string,
  option = 'writeFigure',
  load: (name: string) => Promise<unknown> = (name) => import(name),
): Promise<void> {
  const png = extname(outPath).toLowerCase() === '.png';
  const wanted = png ? ['vega', 'vega-lite', '@resvg/resvg-js'] : ['vega', 'vega-lite'];
  const missing: string[] = [];
  for (const name of wanted) {
    try {
      await load(name);
    } catch (err) {
      if (!notInstalled(err))
        throw new Error(
          `${option}: the optional package ${name} is installed but did not load (${(err as Error).message})${name === '@resvg/resvg-js' ? `; it may have no native build for ${process.platform}-${process.arch}; write .svg instead` : ''}`,
          { cause: err },
        );
      missing.push(name);
    }
  }
  if (missing.length > 0)
    throw new Error(
      `${option}: ${png ? 'a PNG picture' : 'an SVG picture'} needs the optional package${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, not installed here; install ${missing.length > 1 ? 'them' : 'it'} with: npm install ${missing.join(' ')}${png && !missing.includes('vega') ? ' (or write .svg, which needs only vega and vega-lite)' : ''}`,
    );
}

/**
 * Writes a figure to `outPath`, creating its folder: SVG text as is, or PNG when the path ends in `.png`.
 * Written atomically (`writeFileAtomic`), so a failed write never leaves a half-written figure and an
 * existing file stays intact. An existing file is replaced only if gradlab wrote it (or with `force`). Returns the path written.
 */
export async function writeFigure(svg: string, outPath: string, options: PngOptions & OutputOptions = {}): Promise<string> {
  const ext = extname(outPath).toLowerCase();
  if (ext !== '.svg' && ext !== '.png') {
    throw new RangeError(`writeFigure: '${outPath}' must end in .svg or .png (the extension picks the format)`);
  }
  // The mark (an SVG comment, a PNG tEXt chunk) lets the next run recognise the file as its own to replace.
  writeOutputFile(outPath, ext === '.png' ? markPng(await svgToPng(svg, options)) : markSvg(svg), options);
  return outPath;
}
