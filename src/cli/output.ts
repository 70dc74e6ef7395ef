import { resolve } from 'node:path';
import { datasetPath } from '../node/bundled.ts';
import { checkOutputPath, type OutputOptions } from '../node/safe-write.ts';
import type { FlagValues } from './args.ts';
import type { DatasetRef } from './data.ts';

/** The files a command reads as data (never to be overwritten, even with --force). */
export function dataInputs(values: FlagValues, cwd: string): string[] {
  const ref = values.dataset as DatasetRef | undefined;
  if (ref === undefined) return [];
  return [ref.kind === 'bundled' ? datasetPath(ref.name) : resolve(cwd, ref.path)];
}

/**
 * How to write the file named by `--<flag>`, a gradlab file of `kind` ("model", "picture"; see
 * fileKind): resolved against the working folder, checked now (before any data is read or model
 * trained, so a bad path costs nothing), and the same options for the write itself. Null when the
 * flag was not given.
 */
export function outputFor(
  flag: string,
  kind: string,
  values: FlagValues,
  cwd: string,
): { path: string; shown: string; options: OutputOptions } | null {
  const shown = values[flag] as string | undefined;
  if (shown === undefined) return null;
  const path = resolve(cwd, shown);
  const options: OutputOptions = {
    force: values.force === true,
    inputs: dataInputs(values, cwd),
    option: `--${flag}`,
    shownAs: shown,
    kind,
  };
  checkOutputPath(path, options);
  return { path, shown, options };
}
