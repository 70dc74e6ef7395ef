import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

/**
 * Writes `content` to `path` so that readers see either the old file or the complete new one:
 * the bytes go to a temporary file in the same folder, are flushed to disk, and then renamed over
 * `path` (rename is atomic within a file system). On any failure the temporary file is removed and
 * the previous file is left untouched.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number | null = null;
  try {
    mkdirSync(dir, { recursive: true });
    fd = openSync(temp, 'w');
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temp, path);
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
