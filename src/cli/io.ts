import type { CommandSpec, FlagValues } from './args.ts';

/** Where a command writes: injectable so tests capture output instead of touching the process. */
export interface CliIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Folder that relative paths are resolved against (default: process.cwd()). */
  cwd: string;
  /**
   * The signal that asked the command to stop ("SIGINT" for Ctrl-C), or null; asked between training
   * steps (bin/gradlab.js runs `train` in a worker thread, whose main thread hears the signal).
   */
  interrupted?: () => string | null;
}

/** A subcommand: its flag table (parsing and --help) and what it does; returns the exit status. */
export interface Command {
  spec: CommandSpec;
  run(values: FlagValues, io: CliIO): number | Promise<number>;
}

export function defaultIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
}

/** Writes one JSON document (and nothing else) to stdout, for --json. */
export function printJson(io: CliIO, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?(s|%)?$/i;

/** Text table with a header row: columns of numbers (also "0.25s", "12%") right-aligned, the rest left-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, j) => Math.max(...cells.map((r) => (r[j] ?? '').length)));
  const numeric = header.map((_, j) => rows.length > 0 && rows.every((r) => NUMERIC.test(String(r[j]))));
  return cells
    .map((r) =>
      r
        .map((c, j) => (numeric[j] ? c.padStart(widths[j]!) : c.padEnd(widths[j]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
    .concat('\n');
}

/** The one number format of gradlab's text output (see src/util/format-number.ts). */
export { formatNumber } from '../util/format-number.ts';
