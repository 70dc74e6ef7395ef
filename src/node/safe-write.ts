import { closeSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { HEAD_BYTES, isGradlabFile } from '../util/file-kind.ts';
import { OutputPathError, resolveWriteTarget, writeFileAtomic } from './atomic-write.ts';

export { OutputPathError } from './atomic-write.ts';

/** How a writer may treat what is already at its output path. */
export interface OutputOptions {
  /** Replace an existing file that gradlab did not write (never the input data). */
  force?: boolean;
  /** Files the run reads (the training CSV): never replaced, even with force. */
  inputs?: readonly string[];
  /** The flag or option that named the path, for messages ("--save"). */
  option?: string;
  /** The path as the user typed it, for messages (default: `path`). */
  shownAs?: string;
}

function head(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const bytes = new Uint8Array(HEAD_BYTES);
    return bytes.subarray(0, readSync(fd, bytes, 0, HEAD_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

function sameFile(a: string, b: string): boolean {
  try {
    const [x, y] = [statSync(a), statSync(b)];
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    try {
      return realpathSync(a) === realpathSync(b);
    } catch {
      return resolve(a) === resolve(b);
    }
  }
}

/**
 * Checks, before any work is done, that `path` may be written: not an input of the run, a regular
 * file or nothing, writable, and either written by gradlab (a model, checkpoint, step-loss log or
 * picture) or `force`d. Returns the path the bytes will go to (a symlink's target). Throws
 * OutputPathError naming the path and why.
 */
export function checkOutputPath(path: string, options: OutputOptions = {}): string {
  const shown = options.shownAs ?? path;
  const label = options.option ? `${options.option} ${shown}` : shown;
  const target = (() => {
    try {
      return resolveWriteTarget(path);
    } catch (error) {
      if (error instanceof OutputPathError) throw new OutputPathError(label, error.reason, error.remedy);
      throw error;
    }
  })();
  for (const input of options.inputs ?? []) {
    if (sameFile(target.path, input)) throw new OutputPathError(label, `is the input data (${input}); writing there would destroy it`);
  }
  if (target.existing && !options.force && !isGradlabFile(head(target.path))) {
    const how = options.option ? 'pass --force' : 'pass { force: true }';
    throw new OutputPathError(
      label,
      'exists and is not a file gradlab wrote (a model, checkpoint or picture)',
      `choose another path, or ${how} to replace it`,
    );
  }
  return target.path;
}

/** `checkOutputPath`, then `writeFileAtomic` (to a symlink's target, keeping the replaced file's permissions). */
export function writeOutputFile(path: string, content: string | Uint8Array, options: OutputOptions = {}): void {
  checkOutputPath(path, options);
  writeFileAtomic(path, content);
}
