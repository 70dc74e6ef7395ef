/** `fit`'s `checkpoint` option: a path, or a path and how often to write. */
export interface CheckpointOptions {
  path: string;
  /** Write after every `every`-th epoch (default 1) and always after the last one. */
  every?: number;
  /** Replace an existing file at `path` that is not a gradlab checkpoint (default false: refused before training). */
  force?: boolean;
  /** Saved with every checkpoint (`loadCheckpoint` returns it): what the run was, for whoever resumes it. */
  metadata?: Record<string, unknown>;
}

/** Validates `fit`'s `checkpoint` option; errors name the option and the allowed values. */
export function resolveCheckpointOptions(spec: string | CheckpointOptions | undefined): Required<CheckpointOptions> | null {
  if (spec === undefined) return null;
  const given: Partial<CheckpointOptions> =
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- validates input from untyped (JavaScript or JSON) callers; null is possible
    typeof spec === 'string' ? { path: spec } : (spec ?? {});
  const { path, every = 1, force = false, metadata = {} } = given;
  if (typeof path !== 'string' || path === '')
    throw new TypeError(`fit: checkpoint must be a file path or { path, every }, got ${JSON.stringify(spec)}`);
  if (!(Number.isInteger(every) && every >= 1))
    throw new RangeError(`fit: checkpoint.every must be a positive integer (epochs), got ${String(every)}`);
  return { path, every, force, metadata };
}
