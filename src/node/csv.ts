import { closeSync, readSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { CsvError, readCsvDataset, type CsvChunks, type ParseCsvOptions } from '../data/csv.ts';
import type { CsvTokenizer } from '../data/csv-tokenizer.ts';
import type { Dataset } from '../data/dataset.ts';
import { openRegularFile } from './regular-file.ts';

/**
 * The largest CSV file `loadCsv` reads. The file is read in chunks, but its numbers are held in memory
 * (8 bytes each, about 0.8 per byte of file) and training holds more copies of them.
 */
export const MAX_CSV_BYTES = 2 ** 31 - 1;

/** Bytes per read: the file is never held whole, only its numbers. */
const CHUNK_BYTES = 2 ** 20;

/** csv-parse's Node build: the same tokenizer as the core's browser build, with Node's Buffer turning cells into strings. */
export const nodeTokenizer: CsvTokenizer = (bytes, options) => parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), options);

/**
 * Reads a headed CSV file (one row per sample) into a dataset; see `parseCsv`. Errors name `source`
 * (default: the path). Only regular files are read; see `withCsvFile`.
 */
export function loadCsv(path: string, options: ParseCsvOptions = {}): Dataset {
  const source = options.source ?? path;
  return withCsvFile(path, source, (chunks) => readCsvDataset(chunks, { ...options, source }, nodeTokenizer));
}

/**
 * Opens a CSV file and hands `read` its bytes as chunks (each call of `chunks` reads from the start),
 * closing it after. Only regular files are read (not /dev/zero, a pipe or a folder), up to
 * MAX_CSV_BYTES, and the size is taken before reading, so an endless input fails at once; every
 * failure is a CsvError naming `source`.
 */
export function withCsvFile<T>(path: string, source: string, read: (chunks: CsvChunks) => T): T {
  let fd: number;
  let size: number;
  try {
    // Never blocks: a FIFO or a device is refused by its kind before it is opened for reading.
    ({
      fd,
      stats: { size },
    } = openRegularFile(path));
  } catch (err) {
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
  try {
    if (size > MAX_CSV_BYTES) {
      throw new CsvError(
        `${source}: is ${(size / 2 ** 30).toFixed(2)} GiB, more than the ${(MAX_CSV_BYTES / 2 ** 30).toFixed(0)} GiB a CSV may have (its numbers are held in memory); split it or sample rows`,
        source,
      );
    }
    return read(() => fileChunks(fd));
  } finally {
    closeSync(fd);
  }
}

/** The file's bytes from the start, read into one buffer again and again (a reader copies what it keeps). */
function* fileChunks(fd: number): Generator<Uint8Array> {
  const chunk = new Uint8Array(CHUNK_BYTES);
  for (let position = 0; ;) {
    const got = readSync(fd, chunk, 0, CHUNK_BYTES, position);
    if (got === 0) return;
    position += got;
    yield chunk.subarray(0, got);
  }
}
