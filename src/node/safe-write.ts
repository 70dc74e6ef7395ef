import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { describeKind, fileKind, HEAD_BYTES, kindNoun } from '../util/file-kind.ts';
import { OutputPathError, resolveWriteTarget, writeFileAtomic } from './atomic-write.ts';
import { readRegularFile } from './regular-file.ts';

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
  /**
   * The kind of gradlab file to be written ("model", "checkpoint", "picture", "onnx"; see fileKind): an
   * existing gradlab file of another kind is refused unless `force`. writeOutputFile reads it from the content.
   */
  kind?: string;
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
 * file or nothing, writable, in a folder that can take it (see resolveWriteTarget), and either
 * written by gradlab as the same kind of file (`options.kind`: a model over a model, a checkpoint
 * over a checkpoint) or `force`d. Returns the path the bytes will go to (a symlink's target).
 * Throws OutputPathError naming the path and why.
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
  if (target.existing && !options.force) {
    const how = `choose another path, or ${options.option ? 'pass --force' : 'pass { force: true }'} to replace it`;
    const found = fileKind(readRegularFile(target.path, HEAD_BYTES));
    if (found === null) throw new OutputPathError(label, 'exists and is not a file gradlab wrote (a model, checkpoint or picture)', how);
    if (options.kind !== undefined && found !== options.kind) {
      const noun = kindNoun(options.kind);
      const not = options.kind === '' ? '' : `, not ${/^[aeiouAEIOU]/.test(noun) ? 'an' : 'a'} ${noun}`;
      throw new OutputPathError(label, `is ${describeKind(found)}${not}; replacing it would lose it`, how);
    }
  }
  return target.path;
}

/**
 * `checkOutputPath`, then `writeFileAtomic` (to a symlink's target, keeping the replaced file's
 * permissions). The kind of file being written is read from `content` unless `options.kind` says.
 */
export function writeOutputFile(path: string, content: string | Uint8Array, options: OutputOptions = {}): void {
  const head = typeof content === 'string' ? new TextEncoder().encode(content.slice(0, HEAD_BYTES)) : content;
  checkOutputPath(path, { ...options, kind: options.kind ?? fileKind(head) ?? '' });
  writeFileAtomic(path, content);
}
