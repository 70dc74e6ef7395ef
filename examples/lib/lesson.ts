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

/**
 * Every k-th value (and the last) with its real step number, `first` being the step of `values[0]`: 100 000-step
 * runs draw as a few hundred points on an axis that still counts steps.
 */
export function everyKth(values: readonly number[], k: number, first = 0): { values: number[]; x: number[] } {
  const keep = values.map((_, i) => i).filter((i) => i % k === 0 || i === values.length - 1);
  return { values: keep.map((i) => values[i]!), x: keep.map((i) => first + i) };
}
