/**
 * Axis ticks and the one number format every picture uses for them: the SVG/PNG charts, the terminal
 * charts and the playground's plots write the same number the same way.
 */

const MINUS = '\u2212';

/** Plain decimals while every magnitude lies in [1e-3, 1e5); exponent form outside. */
const PLAIN_LO = 1e-3,
  PLAIN_HI = 1e5;

const plain = (v: number): boolean => v === 0 || (Math.abs(v) >= PLAIN_LO && Math.abs(v) < PLAIN_HI);

/**
 * One number for a tick or an axis label, three significant digits at most and never a trailing zero:
 * `0.001`, `2.5`, `−10`, `20000` inside [1e-3, 1e5), `1e−4`, `2.5e−6`, `1.23e5` outside, with a real minus
 * sign and no `+`.
 */
export function formatTick(v: number): string {
  return formatTickNumber(v, 3, false);
}

/** `formatTick` with `digits` significant digits; `exponent` asks for the exponent form whatever the size. */
export function formatTickNumber(v: number, digits: number, exponent: boolean): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : `${MINUS}∞`;
  if (v === 0) return '0';
  let text: string;
  if (!exponent && plain(Number(v.toPrecision(digits)))) {
    text = String(Number(v.toPrecision(digits)));
    // String() switches to exponents below 1e-6 by itself; the plain range stops at 1e-3, so this never shows.
  } else {
    const [mantissa, power] = v.toExponential(digits - 1).split('e') as [string, string];
    text = `${Number(mantissa)}e${Number(power)}`;
  }
  return text.replace(/-/g, MINUS);
}

/**
 * Labels for one axis's ticks. A linear axis writes all its ticks alike (all plain, or all in exponent form
 * when any needs it: never `0.0005` beside `1e−4`); a log axis writes each tick by its own size
 * (`1, 0.1, 0.01, 0.001, 1e−4`). Ticks are round numbers: digits enough for them (up to 12) are kept.
 */
export function tickLabels(values: readonly number[], options: { log?: boolean } = {}): string[] {
  const exponent = !options.log && !values.every((v) => plain(Number(v.toPrecision(12))));
  return values.map((v) => formatTickNumber(Number(v.toPrecision(12)), 12, exponent));
}

/**
 * About `count` round ticks (1, 2 or 5 × 10^k apart) inside [lo, hi], ends included when they are round:
 * the step rule of d3-array's `ticks`. lo > hi is read as [hi, lo]; a single value gives itself.
 */
export function linearTicks(lo: number, hi: number, count = 6): number[] {
  checkRange('linearTicks', lo, hi);
  if (lo > hi) [lo, hi] = [hi, lo];
  if (lo === hi) return [lo];
  const step = tickStep(lo, hi, count);
  const first = Math.ceil(lo / step - 1e-9),
    last = Math.floor(hi / step + 1e-9);
  // Multiplying integers by the step (not adding steps) keeps 0.1·3 from drifting; toPrecision trims what is left.
  return Array.from({ length: last - first + 1 }, (_, k) => Number(((first + k) * step).toPrecision(12)));
}

/** The round spacing (1, 2 or 5 × 10^k) that puts about `count` ticks in [lo, hi]. */
export function tickStep(lo: number, hi: number, count = 6): number {
  const raw = Math.abs(hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const ratio = raw / power;
  return (ratio >= Math.sqrt(50) ? 10 : ratio >= Math.sqrt(10) ? 5 : ratio >= Math.sqrt(2) ? 2 : 1) * power;
}

/** [lo, hi] widened to the nearest ticks outside it, so an axis starts and ends on a labelled tick. */
export function niceDomain(lo: number, hi: number, count = 6): [number, number] {
  checkRange('niceDomain', lo, hi);
  if (lo === hi) return lo === 0 ? [-1, 1] : [lo - Math.abs(lo) / 2, lo + Math.abs(lo) / 2];
  const step = tickStep(Math.min(lo, hi), Math.max(lo, hi), count);
  return [
    Number((Math.floor(Math.min(lo, hi) / step + 1e-9) * step).toPrecision(12)),
    Number((Math.ceil(Math.max(lo, hi) / step - 1e-9) * step).toPrecision(12)),
  ];
}

/**
 * [lo, hi] with each end moved out to the nearest tick when that adds at most `slack` of the range: steps
 * 1…200 get an axis from 0 with 0 labelled, while 1…202 000 is not stretched to 250 000.
 */
export function snapDomain(lo: number, hi: number, count = 6, slack = 0.02): [number, number] {
  const [a, b] = niceDomain(lo, hi, count);
  const room = slack * (hi - lo);
  return [lo - a <= room ? a : lo, b - hi <= room ? b : hi];
}

/**
 * Ticks of a log axis over [lo, hi] (both > 0): every power of ten inside, thinned to at most `max` by
 * keeping the powers whose exponent is a multiple of 2, 3 …; where fewer than three powers fit, 2× and 5× them as well, and where even
 * those are fewer than three, linear ticks.
 */
export function logTicks(lo: number, hi: number, max = 10): number[] {
  checkRange('logTicks', lo, hi);
  if (lo > hi) [lo, hi] = [hi, lo];
  if (!(lo > 0)) throw new RangeError(`logTicks: a log axis needs positive values; the range starts at ${lo}`);
  const inside = (v: number): boolean => v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12);
  const p0 = Math.floor(Math.log10(lo)),
    p1 = Math.ceil(Math.log10(hi));
  const powers: number[] = [];
  for (let p = p0; p <= p1; p++) {
    const v = Number((10 ** p).toPrecision(12));
    if (inside(v)) powers.push(v);
  }
  if (powers.length >= 3) {
    // Every 2nd, 3rd … power, counted from 10⁰ so that 1 stays a tick wherever it is one.
    const every = Math.ceil(powers.length / max);
    return powers.filter((v) => Math.round(Math.log10(v)) % every === 0);
  }
  const ladder: number[] = [];
  for (let p = p0; p <= p1; p++) for (const m of [1, 2, 5]) ladder.push(Number((m * 10 ** p).toPrecision(12)));
  const within = ladder.filter(inside);
  return within.length >= 3 ? within : linearTicks(lo, hi, 4).filter((v) => v > 0);
}

/** [lo, hi] (> 0) widened to whole powers of ten. */
export function niceLogDomain(lo: number, hi: number): [number, number] {
  checkRange('niceLogDomain', lo, hi);
  if (!(lo > 0)) throw new RangeError(`niceLogDomain: a log axis needs positive values; the range starts at ${lo}`);
  const a = Number((10 ** Math.floor(Math.log10(lo) + 1e-9)).toPrecision(12)),
    b = Number((10 ** Math.ceil(Math.log10(hi) - 1e-9)).toPrecision(12));
  return [a, a === b ? b * 10 : b];
}

function checkRange(where: string, lo: number, hi: number): void {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new RangeError(`${where}: the range [${lo}, ${hi}] must be finite`);
}
