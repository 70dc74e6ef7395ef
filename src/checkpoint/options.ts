/** `fit`'s `checkpoint` option: a path, or a path and how often to write. */
export interface CheckpointOptions {
  path: string;
  /** Write after every `every`-th epoch (default 1) and always after the last one. */
  every?: number;
  /** Replace an existing file at `path` that gradlab did not write (default false: refused before training). */
  force?: boolean;
}

/** Validates `fit`'s `checkpoint` option; errors name the option and the allowed values. */
export function resolveCheckpointOptions(spec: string | CheckpointOptions | undefined): Required<CheckpointOptions> | null {
  if (spec === undefined) return null;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- validates input from untyped (JavaScript or JSON) callers; null is possible
  const { path, every = 1, force = false } = typeof spec === 'string' ? { path: spec } : (spec ?? ({} as Partial<CheckpointOptions>));
  if (typeof path !== 'string' || path === '')
    throw new TypeError(`fit: checkpoint must be a file path or { path, every }, got ${JSON.stringify(spec)}`);
  if (!(Number.isInteger(every) && every >= 1))
    throw new RangeError(`fit: checkpoint.every must be a positive integer (epochs), got ${String(every)}`);
  return { path, every, force: force };
}
