import { CsvError, parseCsvBytes, type ParseCsvOptions } from '../data/csv.ts';
import type { Dataset } from '../data/dataset.ts';
import { readRegularFile } from './regular-file.ts';

/**
 * The largest CSV file `loadCsv` reads: the bytes are held in memory while the numbers are parsed
 * (about 1 byte of file plus 8 bytes per number), and Node reads at most 2 GiB in one buffer.
 */
export const MAX_CSV_BYTES = 2 ** 31 - 1;

/**
 * Reads a headed CSV file (one row per sample) into a dataset; see `parseCsv`. Errors name `source`
 * (default: the path). Only regular files are read; see `readCsvFile`.
 */
export function loadCsv(path: string, options: ParseCsvOptions = {}): Dataset {
  const source = options.source ?? path;
  return parseCsvBytes(readCsvFile(path, source), { ...options, source });
}

/**
 * A CSV file's bytes. Only regular files are read (not /dev/zero, a pipe or a folder), up to
 * MAX_CSV_BYTES, and the size is taken before reading, so an endless input fails at once; every
 * failure is a CsvError naming `source`.
 */
export function readCsvFile(path: string, source: string = path): Uint8Array {
  const tooLarge = (size: number): CsvError =>
    new CsvError(
      `${source}: is ${(size / 2 ** 30).toFixed(2)} GiB, more than the ${(MAX_CSV_BYTES / 2 ** 30).toFixed(0)} GiB a CSV may have (it is read into memory whole); split it or sample rows`,
      source,
    );
  try {
    // Never blocks: a FIFO or a device is refused by its kind before it is opened for reading.
    return readRegularFile(path, MAX_CSV_BYTES, tooLarge);
  } catch (err) {
    if (err instanceof CsvError) throw err;
    const { code, message } = err as NodeJS.ErrnoException;
    const why =
      code === 'ENOENT'
        ? 'file not found'
        : message === 'is a directory, not a regular file'
          ? 'is a directory, not a file'
          : code === 'ENOTREG'
            ? `${message}; gradlab reads data only from regular files`
            : `cannot be read (${code ?? String(err)})`;
    throw new CsvError(`${source}: ${why}`, source);
  }
}
