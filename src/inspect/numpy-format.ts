/**
 * NumPy's default printing of a 1-D float array (`print(np.array([...]))`, NumPy ≥ 1.14 defaults:
 * precision 8, floatmode 'maxprec', linewidth 75), so examples can reproduce printed lessons
 * character for character.
 *
 * Positional mode: each value gets its shortest round-trip digits, cut to at most 8 decimals;
 * trailing zeros are trimmed ('1.' stays with its point); all values are padded to a common
 * integer width on the left and fraction width on the right, e.g. `[-0.02001478  0.0301726 ]`.
 * Scientific mode (some |x| ≥ 1e8, or a non-zero |x| < 1e-4, or max/min > 1000): a common number
 * of mantissa digits, e.g. `[1.5e-05 1.0e+00]`.
 */
export function formatNumpyArray(values: ArrayLike<number>): string {
  const xs = Array.from(values);
  const format = chooseFormat(xs);
  const words = xs.map(format);
  return wrap(words);
}

type Formatter = (x: number) => string;

function chooseFormat(xs: number[]): Formatter {
  const finite = xs.filter(Number.isFinite);
  const nonZero = finite.map(Math.abs).filter((a) => a !== 0);
  // reduce, not Math.max(...nonZero): spreading a big tensor's values into a call overflows the stack.
  const max = nonZero.reduce((a, b) => Math.max(a, b), 0);
  const min = nonZero.reduce((a, b) => Math.min(a, b), Infinity);
  const scientific = nonZero.length > 0 && (max >= 1e8 || min < 1e-4 || max / min > 1000);
  return scientific ? scientificFormat(finite) : positionalFormat(finite);
}

/** Shortest digits cut to 8 decimals, trailing zeros trimmed but the point kept: 0.30000000 → '0.3', 2 → '2.'. */
function positional(x: number): string {
  let s = toFixedEven(x, 8).replace(/0+$/, '');
  if (Object.is(x, -0) || (x < 0 && !s.startsWith('-'))) s = `-${s}`;
  return s;
}

function positionalFormat(finite: number[]): Formatter {
  const parts = finite.map((x) => positional(x).split('.') as [string, string]);
  const padLeft = Math.max(0, ...parts.map(([i]) => i.length));
  const padRight = Math.max(0, ...parts.map(([, f]) => f.length));
  return (x) => {
    if (!Number.isFinite(x)) return special(x).padStart(padLeft + padRight + 1);
    const [int, frac] = positional(x).split('.') as [string, string];
    return `${int.padStart(padLeft)}.${frac.padEnd(padRight)}`;
  };
}

/** Mantissa with the fewest digits (≤ 8 decimals) that round-trips, trailing zeros trimmed. */
function scientificDigits(x: number): number {
  const shortest = Math.abs(x).toExponential();
  const frac = shortest.split('e')[0]!.split('.')[1] ?? '';
  if (frac.length <= 8) return frac.length;
  return (toExponentialEven(Math.abs(x), 8).split('e')[0]!.split('.')[1] ?? '').replace(/0+$/, '').length;
}

function scientificFormat(finite: number[]): Formatter {
  const precision = Math.max(0, ...finite.map(scientificDigits));
  const render = (x: number): [string, string, string] => {
    const [mant, exp] = toExponentialEven(x, precision).split('e') as [string, string];
    const [int, frac = ''] = mant.split('.');
    return [Object.is(x, -0) ? '-0' : int!, frac, exp];
  };
  const rendered = finite.map(render);
  const padLeft = Math.max(0, ...rendered.map(([i]) => i.length));
  const expDigits = Math.max(2, ...rendered.map(([, , e]) => e.replace(/^[+-]/, '').length));
  return (x) => {
    if (!Number.isFinite(x)) return special(x).padStart(padLeft + precision + expDigits + 3);
    const [int, frac, exp] = render(x);
    const sign = exp.startsWith('-') ? '-' : '+';
    return `${int.padStart(padLeft)}.${frac}e${sign}${exp.replace(/^[+-]/, '').padStart(expDigits, '0')}`;
  };
}

/**
 * JS rounds exact ties away from zero; NumPy's Dragon4 rounds them to the even digit. A tie is
 * exact only for dyadic values (e.g. 0.001953125 = 1/512 at 8 decimals), so those take the next
 * double toward zero, which rounds the other way.
 */
function toFixedEven(x: number, decimals: number): string {
  const s = x.toFixed(decimals);
  return isTie(x, decimals) && isOddDigit(s) ? nextTowardZero(x).toFixed(decimals) : s;
}

function toExponentialEven(x: number, digits: number): string {
  const s = x.toExponential(digits);
  const exponent = Number(s.split('e')[1]);
  return isTie(x, digits - exponent) && isOddDigit(s.split('e')[0]!) ? nextTowardZero(x).toExponential(digits) : s;
}

const isOddDigit = (s: string): boolean => Number(s[s.length - 1]) % 2 === 1;

/** Whether x lies exactly halfway between two numbers with `decimals` decimals: x·10^(decimals+1) ≡ 5 (mod 10). */
function isTie(x: number, decimals: number): boolean {
  if (x === 0 || !Number.isFinite(x)) return false;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biased = Number(bits >> 52n);
  let mantissa = bits & ((1n << 52n) - 1n);
  if (biased > 0) mantissa |= 1n << 52n;
  const exp2 = (biased > 0 ? biased : 1) - 1075;
  const shift = decimals + 1;
  let num = mantissa * (shift >= 0 ? 10n ** BigInt(shift) : 1n);
  let den = shift < 0 ? 10n ** BigInt(-shift) : 1n;
  if (exp2 >= 0) num <<= BigInt(exp2);
  else den <<= BigInt(-exp2);
  return num % den === 0n && (num / den) % 10n === 5n;
}

function nextTowardZero(x: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) - 1n);
  return view.getFloat64(0);
}

function special(x: number): string {
  return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
}

/** NumPy's line wrapping for 1-D arrays: 75 columns, continuation lines indented by one space. */
function wrap(words: string[]): string {
  const width = 74; // 75 minus room for the separator or closing bracket
  let out = '';
  let line = ' ';
  words.forEach((word, i) => {
    if (line.length + word.length > width && line.length > 1) {
      out += `${line.trimEnd()}\n`;
      line = ' ';
    }
    line += word;
    if (i < words.length - 1) line += ' ';
  });
  out += line;
  return `[${out.slice(1)}]`;
}
