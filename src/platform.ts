/** Where progress goes: a stream such as process.stdout (redrawn in place when `isTTY`), or a line callback. */
export interface Writer {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}
export type LogTarget = Writer | ((line: string) => void);

/**
 * Text files by name: where checkpoints go. Node's is the file system (with atomic writes); in a
 * browser use `memoryStore()` or your own (IndexedDB, localStorage). `read` throws when there is
 * nothing under `path`; `write` replaces what is there, all or nothing.
 */
export interface CheckpointStore {
  read(path: string): string;
  write(path: string, text: string, options?: WriteOptions): void;
  /** Refuses, before a run starts, a path that a later `write` would refuse (Node: not a regular file, read-only, not gradlab's). */
  check?(path: string, options?: WriteOptions): void;
  /**
   * Keeps a checkpoint's per-step losses beside it, so each checkpoint write stays O(model + optimizer
   * state) however long the run, and returns the side file's name, to be committed once the checkpoint
   * naming it is written. A store without it keeps the losses inline.
   */
  writeSteps?(path: string, losses: readonly number[], options?: WriteOptions): PendingSteps;
  /** The first `count` losses from the side file `name` of checkpoint `path`; `fail` reports a missing or short file. */
  readSteps?(path: string, name: string, count: number, fail: (reason: string) => never): number[];
}

/**
 * A side file written by `writeSteps` that no checkpoint names yet. `commit` after the checkpoint naming
 * it was written (older side files may then go); `abort` if that write failed, which puts back exactly
 * what was there, so the previous checkpoint and its side file still belong together.
 */
export interface PendingSteps {
  name: string;
  commit(): void;
  abort(): void;
}

/** `force`: replace an existing file that gradlab did not write. */
export interface WriteOptions {
  force?: boolean;
}

/** The defaults that need a platform, registered from outside the core (src/node/index.ts in Node). */
export interface Platform {
  /** Where `fit` reports progress when no `log` is given (Node: process.stdout). */
  log?: LogTarget;
  /** Where checkpoints are written and read when no store is given (Node: files). */
  checkpoints?: CheckpointStore;
}

const platform: Platform = {};

/** Milliseconds from `performance.now()` where the runtime has it (Node, browsers), else `Date.now()`. */
export function defaultClock(): number {
  const performance = (globalThis as { performance?: { now(): number } }).performance;
  return performance === undefined ? Date.now() : performance.now();
}

/** Registers platform defaults (merged into those already set). */
export function setPlatform(defaults: Platform): void {
  Object.assign(platform, defaults);
}

export function getPlatform(): Readonly<Platform> {
  return platform;
}

/** The store to use: `given`, else the platform's, else an error naming `where` and the way out. */
export function checkpointStore(where: string, given?: CheckpointStore): CheckpointStore {
  const store = given ?? platform.checkpoints;
  if (store === undefined) {
    throw new Error(
      `${where}: no checkpoint store here (no file system); pass one, e.g. memoryStore(), or import gradlab in Node, where checkpoints are files`,
    );
  }
  return store;
}

/** Checkpoints kept in memory (a Map), for browsers and tests. */
export function memoryStore(files = new Map<string, string>()): CheckpointStore & { files: Map<string, string> } {
  return {
    files,
    read(path) {
      const text = files.get(path);
      if (text === undefined) throw new Error(`no such checkpoint in memory: ${path}`);
      return text;
    },
    write(path, text) {
      files.set(path, text);
    },
  };
}
