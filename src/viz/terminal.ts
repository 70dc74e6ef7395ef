import { seriesColor } from './path-style.ts';
import { formatTick } from './ticks.ts';
import type { Series } from './loss-curve.ts';

export interface TerminalChartOptions {
  /** Plot columns (default 60) and rows (default 12), not counting the y labels, axis, x labels and legend. */
  width?: number;
  height?: number;
  /** Logarithmic y axis; every finite value must then be > 0. */
  logY?: boolean;
  /** A line printed above the chart. */
  title?: string;
  /** x of each series' first value (default 0), used for the x-axis labels. */
  xStart?: number;
  /**
   * Wrap each series' glyphs in the palette's colours (24-bit ANSI, for a TTY): a method's series has its colour from
   * every picture. Off by default so the output stays plain text.
   */
  color?: boolean;
}

/** One glyph per series, all single-width in any terminal font, so series stay distinct without colour. */
export const SERIES_GLYPHS = ['•', '×', '+', 'o', '*', '#', '%', '@'];
const SPARK = '▁▂▃▄▅▆▇█';

/**
 * A compact line chart for the terminal: each series is drawn with its own glyph, consecutive points joined,
 * on a `height` × `width` character grid (later series on top), with min/mid/max y labels, the x range and a
 * legend. Output lines: [title], `height` plot rows, the x axis, the x labels, the legend.
 */
export function terminalChart(series: readonly Series[], options: TerminalChartOptions = {}): string {
  const { width = 60, height = 12, logY = false, title, xStart = 0, color = false } = options;
  checkWhole('width', width, 8, 1000);
  checkWhole('height', height, 2, 200);
  if (series.length === 0) throw new RangeError('terminalChart: no series given; pass at least one');
  if (series.length > SERIES_GLYPHS.length)
    throw new RangeError(`terminalChart: ${series.length} series given; at most ${SERIES_GLYPHS.length} can be told apart`);
  const toY = (v: number, where: string): number => {
    if (logY && v <= 0) throw new RangeError(`terminalChart: logY needs positive values, but ${where} is ${v}`);
    return logY ? Math.log10(v) : v;
  };
  let lo = Infinity,
    hi = -Infinity;
  series.forEach((s) =>
    s.values.forEach((v, i) => {
      if (!Number.isFinite(v)) return;
      const y = toY(v, `series '${s.name}' at index ${i}`);
      lo = Math.min(lo, y);
      hi = Math.max(hi, y);
    }),
  );
  if (!Number.isFinite(lo)) throw new RangeError('terminalChart: no finite values in any series; nothing to draw');
  const longest = Math.max(...series.map((s) => s.values.length));
  const col = (i: number): number => (longest === 1 ? 0 : Math.round((i * (width - 1)) / (longest - 1)));
  const row = (y: number): number => (hi === lo ? Math.floor(height / 2) : Math.round(((hi - y) / (hi - lo)) * (height - 1)));
  const grid = Array.from({ length: height }, () => new Array<string>(width).fill(' '));
  series.forEach((s, k) => {
    const glyph = color ? ansi(seriesColor(series[k]!.name, k), SERIES_GLYPHS[k]!) : SERIES_GLYPHS[k]!;
    let previous: [number, number] | null = null;
    s.values.forEach((v, i) => {
      if (!Number.isFinite(v)) {
        previous = null;
        return;
      }
      const point: [number, number] = [col(i), row(toY(v, ''))];
      const [c0, r0] = previous ?? point;
      const steps = Math.max(Math.abs(point[0] - c0), Math.abs(point[1] - r0));
      for (let t = 0; t <= steps; t++) {
        const f = steps === 0 ? 1 : t / steps;
        grid[Math.round(r0 + (point[1] - r0) * f)]![Math.round(c0 + (point[0] - c0) * f)] = glyph;
      }
      previous = point;
    });
  });
  const fromY = (y: number): number => (logY ? 10 ** y : y);
  const labels = new Map<number, string>([
    [0, formatTick(fromY(hi))],
    [height - 1, formatTick(fromY(lo))],
  ]);
  if (height >= 5 && hi !== lo)
    labels.set(Math.floor((height - 1) / 2), formatTick(fromY(hi - ((hi - lo) * Math.floor((height - 1) / 2)) / (height - 1))));
  const labelWidth = Math.max(...[...labels.values()].map((l) => l.length));
  const lines: string[] = title === undefined ? [] : [title];
  grid.forEach((cells, r) => {
    const label = labels.get(r);
    lines.push(`${(label ?? '').padStart(labelWidth)} ${label === undefined ? '│' : '┤'}${cells.join('')}`.trimEnd());
  });
  lines.push(`${' '.repeat(labelWidth)} └${'─'.repeat(width)}`);
  const first = formatTick(xStart),
    last = formatTick(xStart + longest - 1);
  lines.push(`${' '.repeat(labelWidth + 2)}${first}${last.padStart(Math.max(1, width - first.length))}`);
  lines.push(
    series.map((s, k) => `${color ? ansi(seriesColor(series[k]!.name, k), SERIES_GLYPHS[k]!) : SERIES_GLYPHS[k]!} ${s.name}`).join('   '),
  );
  return lines.join('\n');
}

/**
 * One block character per value, from ▁ (the smallest) to █ (the largest), linearly; non-finite values are
 * blanks and a constant series sits at ▄. With `width`, longer inputs are first averaged into `width` buckets.
 */
export function sparkline(values: readonly number[], options: { width?: number } = {}): string {
  const { width } = options;
  if (width !== undefined) checkWhole('width', width, 1, 10000, 'sparkline');
  const points = width !== undefined && values.length > width ? bucketMeans(values, width) : values;
  const finite = points.filter(Number.isFinite);
  if (finite.length === 0) return ' '.repeat(points.length);
  // reduce, not Math.min(...finite): spreading a long series into a call overflows the stack.
  const lo = finite.reduce((a, b) => Math.min(a, b)),
    hi = finite.reduce((a, b) => Math.max(a, b));
  return points
    .map((v) => (!Number.isFinite(v) ? ' ' : hi === lo ? SPARK[3]! : SPARK[Math.round(((v - lo) / (hi - lo)) * (SPARK.length - 1))]!))
    .join('');
}

/** Means of `count` consecutive, nearly equal slices (non-finite values skipped; an all-non-finite slice is NaN). */
function bucketMeans(values: readonly number[], count: number): number[] {
  return Array.from({ length: count }, (_, b) => {
    const slice = values
      .slice(Math.floor((b * values.length) / count), Math.floor(((b + 1) * values.length) / count))
      .filter(Number.isFinite);
    return slice.length === 0 ? NaN : slice.reduce((a, v) => a + v, 0) / slice.length;
  });
}

function checkWhole(option: string, value: number, lo: number, hi: number, where = 'terminalChart'): void {
  if (!Number.isInteger(value) || value < lo || value > hi)
    throw new RangeError(`${where}: option ${option} is ${value}; it must be a whole number in [${lo}, ${hi}]`);
}

/** `glyph` in `hex` as a 24-bit ANSI colour; black (Adam's) becomes bold default text, so dark terminals still show it. */
function ansi(hex: string, glyph: string): string {
  if (/^#0{6}$/.test(hex)) return `\x1b[1;39m${glyph}\x1b[0m`;
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  return `\x1b[38;2;${r};${g};${b}m${glyph}\x1b[0m`;
}
