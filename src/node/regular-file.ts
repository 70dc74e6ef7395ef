import { constants as buffer } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';

/** What gradlab reads of a file's status (Node's fs.Stats has it): a plain type, so the published types name no Node module. */
export interface FileStatus {
  mode: number;
  size: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
}

/** Why `stats` cannot be read or replaced as a file ("is a named pipe (FIFO), not a regular file"), or null for a regular file. */
export function notRegularFile(stats: FileStatus): string | null {
  if (stats.isFile()) return null;
  const what = stats.isDirectory()
    ? 'a directory'
    : stats.isCharacterDevice()
      ? 'a character device'
      : stats.isBlockDevice()
        ? 'a block device'
        : stats.isFIFO()
          ? 'a named pipe (FIFO)'
          : stats.isSocket()
            ? 'a socket'
            : 'not a regular file';
  return `is ${what}, not a regular file`;
}

/** A path that is there but is not a regular file: reading it could block for ever (a pipe) or never end (a device). */
export class NotRegularFileError extends Error {
  override readonly name = 'NotRegularFileError';
  readonly code = 'ENOTREG';
}

/**
 * Opens a regular file for reading, never blocking: the kind is checked with stat before the open
 * (opening a FIFO for reading waits for a writer), and the open itself is non-blocking, so a path
 * swapped for a pipe in between is still refused by the fstat that follows. Anything else throws
 * NotRegularFileError ("is a named pipe (FIFO), not a regular file"); missing files throw Node's ENOENT.
 */
export function openRegularFile(path: string): { fd: number; stats: FileStatus } {
  const before = notRegularFile(statSync(path));
  if (before) throw new NotRegularFileError(before);
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    const why = notRegularFile(stats);
    if (why) throw new NotRegularFileError(why);
    return { fd, stats };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/**
 * A regular file's bytes (see openRegularFile): up to `limit` leading ones, or, with `tooLarge`, the
 * whole file, refused by its size before anything is read when it has more than `limit`.
 */
export function readRegularFile(path: string, limit = Infinity, tooLarge?: (size: number) => Error): Uint8Array {
  const { fd, stats } = openRegularFile(path);
  try {
    if (tooLarge && stats.size > limit) throw tooLarge(stats.size);
    const bytes = new Uint8Array(Math.min(stats.size, limit));
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

/** The text (UTF-8) of a regular file (see openRegularFile); one too large for a JavaScript string is refused by its size. */
export function readRegularText(path: string): string {
  const bytes = readRegularFile(
    path,
    buffer.MAX_STRING_LENGTH,
    (size) =>
      new RangeError(
        `is ${(size / 2 ** 20).toFixed(0)} MiB, more than the ${(buffer.MAX_STRING_LENGTH / 2 ** 20).toFixed(0)} MiB a text file may have here`,
      ),
  );
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
}
