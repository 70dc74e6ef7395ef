import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { CheckpointStore } from '../platform.ts';
import { checkOutputPath, writeOutputFile } from './safe-write.ts';
import { readStepLog, stepLogPath, writeStepLog } from './step-log.ts';

/**
 * Checkpoints as files: written atomically through the safe-write rules (only a file gradlab wrote is
 * replaced, unless `force`), with the per-step losses appended to `<checkpoint>.steps` beside each.
 */
export function fileCheckpointStore(): CheckpointStore {
  return {
    read: (path) => readFileSync(path, 'utf8'),
    write: (path, text, options) => {
      writeOutputFile(path, text, options);
    },
    check: (path, options) => {
      for (const p of [path, stepLogPath(path)]) checkOutputPath(p, options);
    },
    writeSteps: (path, losses, options) => {
      const log = stepLogPath(path);
      writeStepLog(checkOutputPath(log, options), losses);
      return basename(log);
    },
    readSteps: (path, name, count, fail) => readStepLog(join(dirname(path), name), count, fail),
  };
}
