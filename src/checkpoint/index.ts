export { saveCheckpoint, loadCheckpoint, type CheckpointContents, type CheckpointTargets, type TrainingState } from './checkpoint.ts';
export {
  readCheckpointFile,
  parseCheckpoint,
  CheckpointError,
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  type CheckpointFile,
} from './format.ts';
export type { HistoryRecord } from './history-record.ts';
export type { CheckpointOptions } from './options.ts';
