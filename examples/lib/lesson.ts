import { join } from 'node:path';
import { lossCurveSvg } from '../../src/node/svg.ts';
import type { Series } from '../../src/viz/loss-curve.ts';
import { writeFigure } from '../../src/node/files.ts';

/** Options of the lesson examples: a shorter run, where lines go, whether and where pictures are written. */
export interface LessonOptions {
  quick?: boolean;
  log?: (line: string) => void;
  /** Write the picture (default true). */
  figures?: boolean;
  /** Folder for pictures (default out/). */
  out?: string;
}

/** Draws `series` as a line chart and writes out/NAME.svg; returns the path, or null when figures are off. */
export async function lessonFigure(
  options: LessonOptions,
  name: string,
  series: readonly Series[],
  chart: Parameters<typeof lossCurveSvg>[1],
): Promise<string | null> {
  if (options.figures === false) return null;
  return writeFigure(await lossCurveSvg(series, chart), join(options.out ?? 'out', `${name}.svg`));
}

/** Every k-th value (and the last), so 100 000-step runs draw as a few hundred points. */
export function every<T>(values: readonly T[], k: number): T[] {
  const out = values.filter((_, i) => i % k === 0);
  if ((values.length - 1) % k !== 0 && values.length > 0) out.push(values[values.length - 1]!);
  return out;
}
