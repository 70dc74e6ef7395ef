import { readFileSync } from 'node:fs';
import { CsvError, parseCsv, type ParseCsvOptions } from '../data/csv.ts';
import type { Dataset } from '../data/dataset.ts';

/** Reads a headed CSV file (one row per sample) into a dataset; see `parseCsv`. Errors name `source` (default: the path). */
export function loadCsv(path: string, options: ParseCsvOptions = {}): Dataset {
  const source = options.source ?? path;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${code ?? String(err)})`;
    throw new CsvError(`${source}: ${why}`, source);
  }
  return parseCsv(text, { ...options, source });
}
