import { realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CheckpointStore } from '../platform.ts';
import { readRegularText } from './regular-file.ts';
import { checkOutputPath, writeOutputFile } from './safe-write.ts';
import { readStepLog, writeStepLog } from './step-log.ts';

/**
 * Checkpoints as files: written atomically through the safe-write rules (only a gradlab checkpoint
 * is replaced, unless `force`), with the per-step losses in a side file beside each that commits
 * with it (see writeStepLog). A symlinked checkpoint keeps its side files beside its target.
 */
export function fileCheckpointStore(): CheckpointStore {
  // The side file's name is shorter than the checkpoint's temporary sibling, so checking the checkpoint checks both.
  const check = (path: string, options?: { force?: boolean }): string => checkOutputPath(path, { ...options, kind: 'checkpoint' });
  return {
    read: (path) => readRegularText(path),
    write: (path, text, options) => {
      writeOutputFile(path, text, { ...options, kind: 'checkpoint' });
    },
    check: (path, options) => {
      check(path, options);
    },
    writeSteps: (path, losses, options) => writeStepLog(check(path, options), losses),
    readSteps: (path, name, count, fail) => readStepLog(join(dirname(realpathSync(path)), name), count, fail),
  };
}
