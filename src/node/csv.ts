import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { CsvError, parseCsvBytes, type ParseCsvOptions } from '../data/csv.ts';
import type { Dataset } from '../data/dataset.ts';
import { notRegularFile } from './atomic-write.ts';

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
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK); // a FIFO must not block before the check below
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${code ?? String(err)})`;
    throw new CsvError(`${source}: ${why}`, source);
  }
  try {
    const stats = fstatSync(fd);
    const why = notRegularFile(stats);
    if (why)
      throw new CsvError(
        `${source}: ${why === 'is a directory, not a regular file' ? 'is a directory, not a file' : `${why}; gradlab reads data only from regular files`}`,
        source,
      );
    if (stats.size > MAX_CSV_BYTES) {
      throw new CsvError(
        `${source}: is ${(stats.size / 2 ** 30).toFixed(2)} GiB, more than the ${(MAX_CSV_BYTES / 2 ** 30).toFixed(0)} GiB a CSV may have (it is read into memory whole); split it or sample rows`,
        source,
      );
    }
    const bytes = new Uint8Array(stats.size);
    let read = 0;
    while (read < bytes.length) {
      const got = readSync(fd, bytes, read, bytes.length - read, read);
      if (got === 0) break;
      read += got;
    }
    return bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
