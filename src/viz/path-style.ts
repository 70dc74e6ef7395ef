import { METHOD_COLORS, methodColor } from './palette.ts';
import { SERIES_COLORS } from './render.ts';

/** Stroke width and dash pattern of one path or curve. */
export interface PathStyle {
  width: number;
  dash: number[];
}

/** Solid first, then patterns that stay apart where two paths run on top of each other. */
const DASHES: number[][] = [
  [1, 0],
  [9, 4],
  [2, 3],
  [12, 3, 2, 3],
  [5, 5],
  [1, 5],
  [16, 4],
];

/**
 * Styles for `n` paths drawn in order: widths fall from 7 px for the first to 1.5 px for the last, so a
 * path drawn later shows as a thinner line inside an earlier one instead of covering it, and each has its own dash.
 */
export function pathStyles(n: number): PathStyle[] {
  return Array.from({ length: n }, (_, k) => ({
    width: n <= 1 ? 2.5 : Number((7 - (5.5 * k) / (n - 1)).toFixed(2)),
    dash: DASHES[k % DASHES.length]!,
  }));
}

/**
 * The colour of a series named after a method ("adam", "gd (lr 0.1)", "SGD"): the palette's colour for that
 * method, so a method looks the same in every picture; any other name gets the k-th series colour.
 */
export function seriesColor(name: string, k: number): string {
  const first = name.trim().split(/[\s(,:]/)[0] ?? '';
  const key = first.toLowerCase().replace(/[^a-z]/g, '');
  const known = Object.keys(METHOD_COLORS).includes(key) || /^(amsgrad|adam|nesterov|momentum|minibatch|sgd)/.test(key);
  return known ? methodColor(first) : SERIES_COLORS[k % SERIES_COLORS.length]!;
}
