import { appendFileSync, closeSync, fsyncSync, openSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic-write.ts';
import { decodeNumber, encodeNumber } from '../util/json-numbers.ts';

/**
 * The per-step losses of a checkpointed run live beside the checkpoint in `<checkpoint>.steps`, one
 * JSON number a line after a header line, and are appended to at each checkpoint: the checkpoint
 * itself stays O(model + optimizer state) and each write costs only the new steps. The
 * checkpoint records how many lines belong to it, so lines appended by a run that crashed before
 * its checkpoint was renamed into place are ignored on resume.
 */
export const STEP_LOG_FORMAT = 'gradlab-step-losses';
const HEADER = `{"format":"${STEP_LOG_FORMAT}","version":1}\n`;

/** The step-loss file of checkpoint `path`. */
export function stepLogPath(path: string): string {
  return join(dirname(path), `${basename(path)}.steps`);
}

// What this process last wrote to each log, from which array: if the file is still that size and the
// same (growing) array is written again, only its new entries are appended.
const written = new Map<string, { losses: readonly number[]; count: number; size: number }>();

const line = (v: number): string => `${JSON.stringify(encodeNumber(v))}\n`;

/** Makes the log at `path` hold exactly `losses` (appending when it holds a prefix this process wrote). */
export function writeStepLog(path: string, losses: readonly number[]): void {
  const known = written.get(path);
  let size = -1;
  try {
    size = statSync(path).size;
  } catch {
    // No log yet: written whole below.
  }
  if (known?.losses === losses && known.size === size && known.count <= losses.length) {
    let text = '';
    for (let i = known.count; i < losses.length; i++) text += line(losses[i]!);
    appendFileSync(path, text);
    const fd = openSync(path, 'r+');
    fsyncSync(fd);
    closeSync(fd);
    written.set(path, { losses, count: losses.length, size: size + Buffer.byteLength(text) });
    return;
  }
  let text = HEADER;
  for (const v of losses) text += line(v);
  writeFileAtomic(path, text);
  written.set(path, { losses, count: losses.length, size: Buffer.byteLength(text) });
}

/** The first `count` losses of the log at `path`; `fail` reports a missing, foreign or short file. */
export function readStepLog(path: string, count: number, fail: (reason: string) => never): number[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return fail(
      `cannot read its step-loss file ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); keep it beside the checkpoint`,
    );
  }
  if (!text.startsWith(HEADER)) fail(`${path} is not a gradlab step-loss file`);
  const values: number[] = [];
  let at = HEADER.length;
  while (values.length < count) {
    const end = text.indexOf('\n', at);
    if (end < 0) break;
    const v = decodeNumber(JSON.parse(text.slice(at, end)));
    if (typeof v !== 'number') fail(`${path} line ${values.length + 2}: expected a number`);
    values.push(v);
    at = end + 1;
  }
  if (values.length < count) fail(`${path} holds ${values.length} step losses, the checkpoint needs ${count}`);
  return values;
}
