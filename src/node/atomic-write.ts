import {
  chmodSync,
  closeSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { dirname, basename, join, resolve } from 'node:path';

/** What gradlab reads of a file's status (Node's fs.Stats has it): a plain type, so the published types name no Node module. */
export interface FileStatus {
  mode: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
}

/** Where a write really goes: a symlink's final target, and what is there now (null when nothing). */
export interface WriteTarget {
  path: string;
  existing: FileStatus | null;
}

/** Why `stats` cannot be replaced by a file, or null for a regular file. */
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

/** An output path that must not be written; the message names the path, why, and what to do where there is a choice. */
export class OutputPathError extends Error {
  override readonly name = 'OutputPathError';
  constructor(
    readonly path: string,
    readonly reason: string,
    /** How to write there after all ("pass --force"), where that is allowed; callers with other flags word their own. */
    readonly remedy?: string,
  ) {
    super(`${path}: ${reason}${remedy === undefined ? '' : `; ${remedy}`} (nothing was written)`);
  }
}

/**
 * Follows symlinks (a dangling one too) to the file a write should replace, and refuses anything
 * there that is not a regular file, or a read-only file (mode without any write bit; root would
 * otherwise overwrite it silently).
 */
export function resolveWriteTarget(path: string): WriteTarget {
  let target = resolve(path);
  for (let hops = 0; ; hops++) {
    let link: Stats;
    try {
      link = lstatSync(target);
    } catch {
      return { path: target, existing: null };
    }
    if (!link.isSymbolicLink()) break;
    if (hops === 40) throw new OutputPathError(path, 'has too many levels of symbolic links');
    target = resolve(dirname(target), readlinkSync(target));
  }
  const existing = statSync(target);
  const why = notRegularFile(existing);
  if (why) throw new OutputPathError(path, why);
  if ((existing.mode & 0o222) === 0) throw new OutputPathError(path, 'is read-only; make it writable or choose another path');
  return { path: target, existing };
}

const TEMP = '.gradlab-tmp-';

/** The temporary file for `path`: `.<name>.gradlab-tmp-<pid>-<random>`, so stale ones can be found by name and owner. */
function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}${TEMP}${process.pid}-${Math.random().toString(36).slice(2, 10)}`);
}

function alive(pid: number): boolean {
  if (pid === process.pid) return false; // writes are synchronous: our own leftovers are from an earlier failure
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temporary files for `path` left by gradlab processes that died mid-write (this and the older `.name.pid.time.tmp` naming). */
export function removeStaleTemps(path: string): string[] {
  const dir = dirname(path);
  const prefix = `.${basename(path)}`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    const pid = Number((rest.startsWith(TEMP) ? /^\.gradlab-tmp-(\d+)-[a-z0-9]+$/ : /^\.(\d+)\.\d+\.tmp$/).exec(rest)?.[1] ?? NaN);
    if (!Number.isInteger(pid) || alive(pid)) continue;
    try {
      rmSync(join(dir, name), { force: true });
      removed.push(name);
    } catch {
      // Another process removed it, or the folder is read-only: the write below reports real problems.
    }
  }
  return removed;
}

/**
 * Writes `content` to `path` so that readers see either the old file or the complete new one:
 * the bytes go to a temporary file in the same folder, are flushed to disk, and then renamed over
 * `path` (rename is atomic within a file system). On any failure the temporary file is removed and
 * the previous file is left untouched. A symlink keeps pointing where it did (its target is
 * replaced); directories, devices, pipes and read-only files are refused; a replaced file keeps
 * its permission bits; stale temporary files of an earlier crashed write to `path` are removed.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const { path: target, existing } = resolveWriteTarget(path);
  const dir = dirname(target);
  const temp = tempName(target);
  let fd: number | null = null;
  try {
    mkdirSync(dir, { recursive: true });
    removeStaleTemps(target);
    fd = openSync(temp, 'wx', existing ? existing.mode & 0o7777 : 0o666);
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    // openSync's mode is filtered by the umask; the replaced file's bits are restored exactly.
    if (existing) chmodSync(temp, existing.mode & 0o7777);
    renameSync(temp, target);
  } catch (error) {
    if (fd !== null) closeSync(fd);
    try {
      rmSync(temp, { force: true });
    } catch {
      // No temporary file could exist (e.g. the folder is a file); report the original error.
    }
    throw new Error(`could not write ${path}: ${(error as Error).message}`, { cause: error });
  }
}
