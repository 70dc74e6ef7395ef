import { readFileSync } from 'node:fs';

/** The package version from package.json (read once). */
let cached: string | undefined;
export function version(): string {
  cached ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? '0.0.0';
  return cached;
}
