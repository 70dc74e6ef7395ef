/**
 * Command-line parsing from a declarative flag table: every command lists its flags once, and the
 * same table drives parsing, validation, did-you-mean suggestions and the generated --help.
 */

/** A mistake in how the command was called (exit status 2); the message says what is allowed. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Turns the raw text of a flag's value into a value, or throws a UsageError naming the flag. */
export type ValueParser<T = unknown> = (raw: string, flag: string) => T;

export interface FlagSpec {
  /** Long name without the dashes: `lr` for `--lr`. */
  name: string;
  /** Placeholder for the value in --help (`<n>`); absent for on/off switches like --json. */
  value?: string;
  description: string;
  /** Shown in --help as "(default: …)". */
  defaultText?: string;
  required?: boolean;
  parse?: ValueParser;
}

export interface CommandSpec {
  name: string;
  summary: string;
  flags: FlagSpec[];
  examples?: string[];
}

export type FlagValues = Record<string, unknown>;

export interface ParsedArgs {
  help: boolean;
  values: FlagValues;
}

/**
 * Parses `--flag value`, `--flag=value` and `--switch` against the command's table. Unknown
 * flags, missing values, stray arguments and invalid values all throw UsageError; `--help`/`-h`
 * anywhere wins and skips validation (as users expect from git or npm).
 */
export function parseFlags(command: CommandSpec, argv: readonly string[]): ParsedArgs {
  if (argv.includes('--help') || argv.includes('-h')) return { help: true, values: {} };
  const byName = new Map(command.flags.map((f) => [f.name, f]));
  const raw = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--') || arg === '--') {
      throw new UsageError(`unexpected argument "${arg}" (options are given as --name value; see --help)`);
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = byName.get(name);
    if (!spec) {
      const guess = didYouMean(name, [...byName.keys(), 'help']);
      throw new UsageError(`unknown flag --${name}${guess ? ` (did you mean --${guess}?)` : ''}; see --help for the options`);
    }
    if (spec.value === undefined) {
      if (eq !== -1) throw new UsageError(`--${name} is a switch and takes no value (got "${arg.slice(eq + 1)}")`);
      raw.set(name, true);
      continue;
    }
    let text: string | undefined;
    if (eq !== -1) text = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      // A following flag means the value was forgotten; "-0.5" is still a value (and is then judged by the parser).
      if (next !== undefined && !next.startsWith('--')) {
        text = next;
        i++;
      }
    }
    if (text === undefined) throw new UsageError(`--${name}: expected a value ${spec.value}`);
    raw.set(name, text); // a repeated flag keeps its last value, as in argparse
  }
  const values: FlagValues = {};
  for (const spec of command.flags) {
    const given = raw.get(spec.name);
    if (given === undefined) {
      if (spec.required) throw new UsageError(`missing required flag --${spec.name} ${spec.value ?? ''}`.trimEnd());
      continue;
    }
    values[spec.name] = given === true ? true : spec.parse ? spec.parse(given, `--${spec.name}`) : given;
  }
  return { help: false, values };
}

/** Edit distance (insertions, deletions, substitutions, adjacent swaps) between two strings. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The closest candidate when it is plausibly a typo (a prefix, or within a third of the length), else undefined. */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  const lower = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const distance = editDistance(lower, c.toLowerCase());
    if (distance < bestDistance) {
      best = c;
      bestDistance = distance;
    }
  }
  if (best === undefined || lower === '') return undefined;
  const limit = Math.max(1, Math.floor(Math.max(lower.length, best.length) / 3));
  if (bestDistance <= limit) return best;
  const prefixed = candidates.filter((c) => c.toLowerCase().startsWith(lower));
  return lower.length >= 2 && prefixed.length === 1 ? prefixed[0] : undefined;
}

// ---- value parsers -------------------------------------------------------------------------

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export const positiveNumber: ValueParser<number> = (raw, flag) => {
  const v = Number(raw);
  if (!NUMBER.test(raw.trim()) || !(v > 0) || !Number.isFinite(v))
    throw new UsageError(`${flag}: expected a positive number, got "${raw}"`);
  return v;
};

export const nonNegativeNumber: ValueParser<number> = (raw, flag) => {
  const v = Number(raw);
  if (!NUMBER.test(raw.trim()) || !(v >= 0) || !Number.isFinite(v)) throw new UsageError(`${flag}: expected a number ≥ 0, got "${raw}"`);
  return v;
};

export function fraction(raw: string, flag: string): number {
  const v = Number(raw);
  if (!NUMBER.test(raw.trim()) || !(v > 0 && v < 1))
    throw new UsageError(`${flag}: expected a number between 0 and 1 (exclusive), got "${raw}"`);
  return v;
}

export const positiveInteger: ValueParser<number> = (raw, flag) => {
  const v = Number(raw);
  if (!/^\+?\d+$/.test(raw.trim()) || !Number.isSafeInteger(v) || v < 1)
    throw new UsageError(`${flag}: expected a positive integer, got "${raw}"`);
  return v;
};

export const nonNegativeInteger: ValueParser<number> = (raw, flag) => {
  const v = Number(raw);
  if (!/^\+?\d+$/.test(raw.trim()) || !Number.isSafeInteger(v))
    throw new UsageError(`${flag}: expected a non-negative integer, got "${raw}"`);
  return v;
};

/** `64,32` → [64, 32]. */
export const integerList: ValueParser<number[]> = (raw, flag) => {
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.some((p) => !/^\+?\d+$/.test(p) || Number(p) < 1 || !Number.isSafeInteger(Number(p)))) {
    throw new UsageError(`${flag}: expected comma-separated positive integers like 64,32, got "${raw}"`);
  }
  return parts.map(Number);
};

function notOneOf(flag: string, value: string, allowed: readonly string[]): UsageError {
  const guess = didYouMean(value, allowed);
  return new UsageError(`${flag}: "${value}" is not one of ${allowed.join(', ')}${guess ? ` (did you mean ${guess}?)` : ''}`);
}

/** One of a fixed set of names. */
export function oneOf<T extends string>(allowed: readonly T[]): ValueParser<T> {
  return (raw, flag) => {
    if (!(allowed as readonly string[]).includes(raw)) throw notOneOf(flag, raw, allowed);
    return raw as T;
  };
}

/** Comma-separated names from a fixed set, each at most once: `adam,rmsprop`. */
export function listOf<T extends string>(allowed: readonly T[]): ValueParser<T[]> {
  return (raw, flag) => {
    const names = raw.split(',').map((p) => p.trim());
    if (names.some((n) => n === ''))
      throw new UsageError(`${flag}: expected comma-separated names from ${allowed.join(', ')}, got "${raw}"`);
    for (const n of names) if (!(allowed as readonly string[]).includes(n)) throw notOneOf(flag, n, allowed);
    const repeated = names.find((n, i) => names.indexOf(n) !== i);
    if (repeated !== undefined) throw new UsageError(`${flag}: "${repeated}" is listed twice`);
    return names as T[];
  };
}
