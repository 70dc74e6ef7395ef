import {
  appendFileSync,
  closeSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { alive } from './atomic-write.ts';
import { readRegularText } from './regular-file.ts';
import { decodeNumber, encodeNumber } from '../util/json-numbers.ts';
import type { PendingSteps } from '../platform.ts';

/**
 * The per-step losses of a checkpointed run live beside the checkpoint in a side file, one JSON
 * number a line after a header line, so the checkpoint itself stays O(model + optimizer state).
 * The checkpoint and its side file commit together: each side file has its own name,
 * `<checkpoint>.<pid>-<random>.steps`, with that identity in its header too, and is complete on disk
 * before the checkpoint naming it (and how many of its lines belong to it) is renamed into place.
 * So a crash, a full disk or another process writing the same checkpoint leaves the old pair or the
 * new pair, never a checkpoint with another run's losses. Within a process, a later save of the same
 * run appends to the side file its checkpoint already names (lines past the recorded count are
 * ignored), so each save costs only the new steps.
 */
export const STEP_LOG_FORMAT = 'gradlab-step-losses';
const header = (id: string): string => `{"format":"${STEP_LOG_FORMAT}","version":2,"id":"${id}"}\n`;
/** Written by gradlab before side files had an identity: read, never written. */
const LEGACY_HEADER = `{"format":"${STEP_LOG_FORMAT}","version":1}\n`;
const SIDE_FILE = /^(\d+)-([a-z0-9]+)\.steps$/;

// What this process last wrote beside each checkpoint: the file, from which array, how many lines and bytes.
// If the file is still that size and the same (growing) array is saved again, only new entries are appended.
const written = new Map<string, { name: string; losses: readonly number[]; count: number; size: number }>();

const line = (v: number): string => `${JSON.stringify(encodeNumber(v))}\n`;

/**
 * Writes `losses` beside `checkpoint` (a resolved path) and returns the side file's name with what to
 * do once the checkpoint naming it has been written (`commit`: forget older side files) or has
 * failed (`abort`: undo, so the previous pair is exactly as it was).
 */
export function writeStepLog(checkpoint: string, losses: readonly number[]): PendingSteps {
  const known = written.get(checkpoint);
  const dir = dirname(checkpoint);
  if (known?.losses === losses && known.count <= losses.length && sizeOf(join(dir, known.name)) === known.size) {
    const file = join(dir, known.name);
    let text = '';
    for (let i = known.count; i < losses.length; i++) text += line(losses[i]!);
    const truncate = (): void => ftruncateIfThere(file, known.size);
    try {
      appendFileSync(file, text);
      fsync(file);
    } catch (error) {
      truncate();
      throw error;
    }
    return {
      name: known.name,
      commit: () => written.set(checkpoint, { ...known, count: losses.length, size: known.size + Buffer.byteLength(text) }),
      abort: truncate,
    };
  }
  const id = `${process.pid}-${Math.random().toString(36).slice(2, 8).padEnd(6, '0')}`;
  const name = `${basename(checkpoint)}.${id}.steps`;
  const file = join(dir, name);
  let text = header(id);
  for (const v of losses) text += line(v);
  const remove = (): void => rmSync(file, { force: true });
  let fd: number | null = null;
  try {
    mkdirSync(dir, { recursive: true });
    fd = openSync(file, 'wx', 0o666);
    const bytes = Buffer.from(text, 'utf8');
    for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
  } catch (error) {
    if (fd !== null) closeSync(fd);
    remove();
    throw error;
  }
  closeSync(fd);
  return {
    name,
    commit: () => {
      written.set(checkpoint, { name, losses, count: losses.length, size: Buffer.byteLength(text) });
      removeOldSideFiles(checkpoint, name);
    },
    abort: remove,
  };
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return -1;
  }
}

function fsync(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function ftruncateIfThere(file: string, size: number): void {
  try {
    const fd = openSync(file, 'r+');
    try {
      ftruncateSync(fd, size);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Gone or unwritable: the lines past the checkpoint's count are ignored on resume anyway.
  }
}

/**
 * After the checkpoint naming `keep` is in place: removes the side files of the same checkpoint that
 * this process wrote earlier or whose writer died (a crash before its checkpoint was renamed, or a
 * run since replaced). Side files of live processes are theirs: another writer's checkpoint may name them.
 */
function removeOldSideFiles(checkpoint: string, keep: string): void {
  const dir = dirname(checkpoint);
  const prefix = `${basename(checkpoint)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name === keep || !name.startsWith(prefix)) continue;
    const pid = Number(SIDE_FILE.exec(name.slice(prefix.length))?.[1] ?? NaN);
    if (!Number.isInteger(pid) || (pid !== process.pid && alive(pid))) continue;
    try {
      rmSync(join(dir, name), { force: true });
    } catch {
      // Removed by another process already, or the folder became read-only: only space is lost.
    }
  }
}

/** The first `count` losses of the side file `path`; `fail` reports a missing, foreign or short file. */
export function readStepLog(path: string, count: number, fail: (reason: string) => never): number[] {
  let text: string;
  try {
    text = readRegularText(path);
  } catch (error) {
    return fail(
      `cannot read its step-loss file ${path} (${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (error as Error).message}); keep it beside the checkpoint`,
    );
  }
  const id = /\.(\d+-[a-z0-9]+)\.steps$/.exec(basename(path))?.[1];
  const first = text.slice(0, text.indexOf('\n') + 1);
  if (first !== LEGACY_HEADER && (id === undefined || first !== header(id))) {
    if (first.startsWith(`{"format":"${STEP_LOG_FORMAT}"`))
      fail(
        `${path} is the step-loss file of another run (its header is ${first.trim()}); the checkpoint and its step losses do not belong together`,
      );
    fail(`${path} is not a gradlab step-loss file`);
  }
  const values: number[] = [];
  let at = first.length;
  while (values.length < count) {
    const end = text.indexOf('\n', at);
    if (end < 0) break;
    let v: unknown;
    try {
      v = decodeNumber(JSON.parse(text.slice(at, end)));
    } catch {
      v = undefined;
    }
    if (typeof v !== 'number')
      fail(`${path} line ${values.length + 2}: expected a number, got ${JSON.stringify(text.slice(at, end).slice(0, 40))}`);
    values.push(v);
    at = end + 1;
  }
  if (values.length < count) fail(`${path} holds ${values.length} step losses, the checkpoint needs ${count}`);
  return values;
}
