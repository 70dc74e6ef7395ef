export { saveCheckpoint, loadCheckpoint, type CheckpointContents, type CheckpointTargets, type TrainingState } from './checkpoint.ts';
export { readCheckpointFile, CheckpointError, CHECKPOINT_FORMAT, CHECKPOINT_VERSION, type CheckpointFile, type HistoryRecord } from './format.ts';
export { resolveCheckpointOptions, type CheckpointOptions } from './options.ts';
