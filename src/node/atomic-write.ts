import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { resolveWriteTarget, TEMP } from './write-target.ts';

export { notRegularFile, type FileStatus } from './regular-file.ts';
export { OutputPathError, resolveWriteTarget, type WriteTarget } from './write-target.ts';

/** The temporary file for `path`: `.<name>.gradlab-tmp-<pid>-<random>`, so stale ones can be found by name and owner. */
function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}${TEMP}${process.pid}-${Math.random().toString(36).slice(2, 10)}`);
}

/** Whether process `pid` (a writer named in a temporary or side file's name) may still be writing; never this process. */
export function alive(pid: number): boolean {
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
