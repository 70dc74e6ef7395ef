// The Node adapters (WebAssembly kernels on two threads, files, terminal progress) register on import.
import '../../src/node/index.ts';
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CheckpointError } from '../../src/checkpoint/format.ts';
import { CsvError } from '../../src/data/csv-error.ts';
import { OutputPathError } from '../../src/node/atomic-write.ts';
import { IdxError } from '../../src/node/idx.ts';

/** Where an example writes its lines; tests pass a collector instead of console.log. */
export type Log = (line: string) => void;

/** Options every example's main() accepts. */
export interface ExampleOptions {
  /** A smaller, faster run (tests, CI). */
  quick?: boolean;
  log?: Log;
}

/** Whether the module at `url` is the script node was started with (`npx tsx examples/NAME.ts`). */
export function isMain(url: string): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return url === pathToFileURL(realpathSync(script)).href || url === pathToFileURL(script).href;
  } catch {
    return false;
  }
}

/** The flags several examples share; each example lists the ones it honours. */
export type SharedFlag = 'quick' | 'out' | 'seed';

/** A flag one example adds, always taking a value. */
export interface ExtraFlag {
  name: string;
  /** Placeholder for the value in --help, e.g. 'N', 'DIR', 'iris|wine'. */
  value: string;
  /** What it does, with its default, e.g. 'training epochs (default: 45; quick: 3)'. */
  help: string;
  /** Only these values are accepted. */
  choices?: readonly string[];
  /** The value must be a whole number ≥ 1. */
  positiveInt?: boolean;
}

/** What an example tells the command line about itself. */
export interface ExampleCli {
  /** File name without .ts; starts every message. */
  name: string;
  /** One line: what the example shows. */
  summary: string;
  /** The shared flags it honours; the rest are rejected as unknown. */
  flags?: readonly SharedFlag[];
  extra?: readonly ExtraFlag[];
}

export interface ExampleArgs {
  quick: boolean;
  out?: string;
  seed?: number;
  /** The extra flags' values (validated), undefined where not given. */
  values: Record<string, string | undefined>;
}

/** Either arguments to run with, or text to print and an exit status (0 after --help, 2 for a usage error). */
export type ParsedArgs = { kind: 'run'; args: ExampleArgs } | { kind: 'exit'; code: 0 | 2; text: string };

interface FlagSpec {
  name: string;
  value?: string;
  help: string;
  check?: (value: string) => string | undefined;
}

const SHARED: Record<SharedFlag, FlagSpec> = {
  quick: { name: 'quick', help: 'a smaller, faster run (default: off)' },
  out: { name: 'out', value: 'DIR', help: 'folder for the files it writes (default: out)' },
  seed: {
    name: 'seed',
    value: 'N',
    help: 'random seed (default: 0)',
    check: (v) => (/^-?\d+$/.test(v) ? undefined : `--seed must be an integer, got '${v}'`),
  },
};

function extraSpec(flag: ExtraFlag): FlagSpec {
  const check = (v: string): string | undefined => {
    if (flag.choices && !flag.choices.includes(v)) return `--${flag.name} must be one of ${flag.choices.join(', ')}, got '${v}'`;
    if (flag.positiveInt && !(/^\d+$/.test(v) && Number(v) >= 1)) return `--${flag.name} must be a positive integer, got '${v}'`;
    return undefined;
  };
  return { name: flag.name, value: flag.value, help: flag.help, check };
}

const label = (s: FlagSpec): string => (s.value === undefined ? `--${s.name}` : `--${s.name} ${s.value}`);

function usage(cli: ExampleCli, specs: readonly FlagSpec[]): string {
  const rows = [...specs, { name: 'help', help: 'print this help and exit' }];
  const width = Math.max(...rows.map((s) => label(s).length));
  return [
    `${cli.name}: ${cli.summary}`,
    '',
    `usage: npx tsx examples/${cli.name}.ts${specs.map((s) => ` [${label(s)}]`).join('')}`,
    ...rows.map((s) => `  ${label(s).padEnd(width)}  ${s.help}`),
  ].join('\n');
}

/** Parses `argv` against the flags `cli` declares; never throws and never exits (see exampleArgs). */
export function parseExampleArgs(cli: ExampleCli, argv: readonly string[]): ParsedArgs {
  const specs = [...(cli.flags ?? []).map((f) => SHARED[f]), ...(cli.extra ?? []).map(extraSpec)];
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'exit', code: 0, text: usage(cli, specs) };
  const fail = (message: string): ParsedArgs => ({ kind: 'exit', code: 2, text: `${cli.name}: ${message}` });
  const known = `flags: ${specs.length === 0 ? 'none' : specs.map(label).join(', ')}`;
  const given = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--') || arg === '--') return fail(`unexpected argument '${arg}'; ${known}`);
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const spec = specs.find((s) => s.name === name);
    if (spec === undefined) return fail(`unknown flag --${name}; ${known}`);
    if (spec.value === undefined) {
      if (eq >= 0) return fail(`--${name} takes no value`);
      given.set(name, true);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) return fail(`--${name} needs a value (${spec.value})`);
    const problem = spec.check?.(value);
    if (problem !== undefined) return fail(problem);
    given.set(name, value);
  }
  const text = (name: string): string | undefined => {
    const v = given.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const out = text('out'),
    seed = text('seed');
  const values: Record<string, string | undefined> = {};
  for (const flag of cli.extra ?? []) values[flag.name] = text(flag.name);
  return {
    kind: 'run',
    args: {
      quick: given.get('quick') === true,
      ...(out !== undefined ? { out } : {}),
      ...(seed !== undefined ? { seed: Number(seed) } : {}),
      values,
    },
  };
}

/**
 * The example's command-line flags. `--help` prints the usage and exits 0; an unknown flag, a flag the
 * example ignores or a bad value prints one line to stderr and exits 2 (no stack trace).
 */
export function exampleArgs(cli: ExampleCli, argv: readonly string[] = process.argv.slice(2)): ExampleArgs {
  const parsed = parseExampleArgs(cli, argv);
  if (parsed.kind === 'run') return parsed.args;
  (parsed.code === 0 ? process.stdout : process.stderr).write(`${parsed.text}\n`);
  process.exit(parsed.code);
}

/**
 * Runs an example from the command line: parses its flags (see exampleArgs), then `run`. Bad input
 * (a CSV, IDX or checkpoint error) or an output path it may not write ends the run with one line on
 * stderr naming the file and why, and exit status 1, instead of a stack trace.
 */
export async function runExample(cli: ExampleCli, run: (args: ExampleArgs) => unknown): Promise<void> {
  const args = exampleArgs(cli);
  try {
    await run(args);
  } catch (error) {
    if (error instanceof OutputPathError && error.remedy !== undefined) {
      const where = cli.flags?.includes('out') ? 'delete it, or write elsewhere with --out DIR' : 'delete it or move it away';
      process.stderr.write(`${cli.name}: ${error.path}: ${error.reason}; ${where} (nothing was written)\n`);
    } else if ([OutputPathError, CsvError, IdxError, CheckpointError].some((kind) => error instanceof kind)) {
      process.stderr.write(`${cli.name}: ${(error as Error).message}\n`);
    } else throw error;
    process.exitCode = 1;
  }
}

/** For a usage error found after parsing (flags that only work together): one line to stderr, exit 2. */
export function usageError(cli: ExampleCli, message: string): never {
  process.stderr.write(`${cli.name}: ${message}\n`);
  process.exit(2);
}

/** Milliseconds since `start` (performance.now()), as '1.23 s' or '45 ms'. */
export function elapsed(start: number): string {
  const ms = performance.now() - start;
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
