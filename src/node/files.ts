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
  let Resvg: typeof import('@resvg/resvg-js').Resvg;
  try {
    ({ Resvg } = await import('@resvg/resvg-js'));
  } catch (err) {
    throw new Error(
      `svgToPng: the PNG renderer @resvg/resvg-js has no native build for ${process.platform}-${process.arch} here (${(err as Error).message}); write .svg instead`,
      {
        cause: err,
      },
    );
  }
  const renderer = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    ...(background === 'transparent' ? {} : { background }),
    font: { loadSystemFonts: true, sansSerifFamily: 'DejaVu Sans' },
  });
  return renderer.render().asPng();
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
