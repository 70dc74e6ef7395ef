import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** Where an example writes its lines; tests pass a collector instead of console.log. */
export type Log = (line: string) => void;

/** Options every example accepts. */
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

/** Parses the command-line flags shared by the examples: --quick, --out DIR, --seed N, plus extra string flags. */
export function exampleArgs(extra: readonly string[] = []): { quick: boolean; out?: string; seed?: number; values: Record<string, string | undefined> } {
  const options: Record<string, { type: 'string' | 'boolean' }> = { quick: { type: 'boolean' }, out: { type: 'string' }, seed: { type: 'string' } };
  for (const name of extra) options[name] = { type: 'string' };
  const { values } = parseArgs({ args: process.argv.slice(2), options, strict: true });
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw new RangeError(`--seed must be an integer, got ${String(values.seed)}`);
  const strings: Record<string, string | undefined> = {};
  for (const name of extra) strings[name] = values[name] as string | undefined;
  return {
    quick: values.quick === true,
    ...(typeof values.out === 'string' ? { out: values.out } : {}),
    ...(seed !== undefined ? { seed } : {}),
    values: strings,
  };
}

/** Milliseconds since `start` (performance.now()), as '1.23 s' or '45 ms'. */
export function elapsed(start: number): string {
  const ms = performance.now() - start;
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
