import { accessSync, constants, lstatSync, readlinkSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { notRegularFile, type FileStatus } from './regular-file.ts';

/** Where a write really goes: a symlink's final target, and what is there now (null when nothing). */
export interface WriteTarget {
  path: string;
  existing: FileStatus | null;
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

/** The infix of temporary files: `.<name>.gradlab-tmp-<pid>-<random>`. */
export const TEMP = '.gradlab-tmp-';
/** The longest file name (one path component) Linux and macOS file systems take, in bytes. */
export const NAME_MAX = 255;
/** Bytes a temporary sibling adds to a name at most: ".", TEMP, a pid of up to 7 digits, "-", 8 random characters. */
export const TEMP_EXTRA = 1 + TEMP.length + 7 + 1 + 8;

/**
 * Follows symlinks (a dangling one too) to the file a write should replace, and refuses, before
 * anything is written, whatever would make the write fail or do harm: anything there that is not a
 * regular file, a read-only file (mode without any write bit; root would otherwise overwrite it
 * silently), and the folder problems `checkFolder` finds.
 */
export function resolveWriteTarget(path: string): WriteTarget {
  let target = resolve(path);
  let existing: FileStatus | null = null;
  for (let hops = 0; ; hops++) {
    let link: Stats;
    try {
      link = lstatSync(target);
    } catch {
      break;
    }
    if (!link.isSymbolicLink()) {
      existing = statSync(target);
      break;
    }
    if (hops === 40) throw new OutputPathError(path, 'has too many levels of symbolic links');
    target = resolve(dirname(target), readlinkSync(target));
  }
  if (existing) {
    const why = notRegularFile(existing);
    if (why) throw new OutputPathError(path, why);
    if ((existing.mode & 0o222) === 0) throw new OutputPathError(path, 'is read-only; make it writable or choose another path');
  }
  checkFolder(path, target);
  return { path: target, existing };
}

/**
 * Refuses a file that could never be written at `target`: a name whose temporary sibling is longer
 * than NAME_MAX, a folder on the way that is a file, or a folder that cannot take a new file (one
 * without any write bit, as with read-only files even for root, or that the process may not write).
 * Folders that do not exist yet are created by the write; their names are checked here.
 */
function checkFolder(path: string, target: string): void {
  const name = basename(target);
  const bytes = Buffer.byteLength(name);
  if (bytes + TEMP_EXTRA > NAME_MAX)
    throw new OutputPathError(
      path,
      `the file name is ${bytes} bytes long; it is written through a temporary file whose name is up to ${TEMP_EXTRA} bytes longer, and a name may have at most ${NAME_MAX} bytes`,
      `use a name of at most ${NAME_MAX - TEMP_EXTRA} bytes`,
    );
  let dir = dirname(target);
  for (;;) {
    let stats: Stats;
    try {
      stats = statSync(dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR')
        throw new OutputPathError(path, `its folder ${dir} cannot be reached (${code ?? String(error)})`);
      if (Buffer.byteLength(basename(dir)) > NAME_MAX)
        throw new OutputPathError(path, `the folder name ${basename(dir)} is longer than the ${NAME_MAX} bytes a name may have`);
      dir = dirname(dir);
      continue;
    }
    if (!stats.isDirectory()) throw new OutputPathError(path, `cannot be created: ${dir} is a file, not a folder`);
    if ((stats.mode & 0o222) === 0)
      throw new OutputPathError(path, `its folder ${dir} is read-only; make it writable or choose another path`);
    try {
      accessSync(dir, constants.W_OK | constants.X_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'EROFS' ? 'is on a read-only file system' : `may not be written by this process (${code ?? String(error)})`;
      throw new OutputPathError(path, `its folder ${dir} ${why}; choose another path`);
    }
    return;
  }
}
