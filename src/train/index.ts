export { fit, type FitOptions, type History } from './fit.ts';
export { trainStep, type TrainStepOptions, type TrainBatch, type StepResult } from './step.ts';
export type { StepPosition } from './guard.ts';
export type { BestEpoch } from './history.ts';
export { watchValidation, defaultPatience, type ValidationWatchOptions } from './overfitting.ts';
export {
  evaluate,
  evaluateLoss,
  predict,
  predictProba,
  predictLogits,
  type Evaluation,
  type EvaluateOptions,
  type TrainingData,
} from './evaluate.ts';
export { formatReport, type ReportOptions } from './report.ts';
export {
  accuracy,
  confusionMatrix,
  classificationMetrics,
  predictClasses,
  METRIC_NAMES,
  type MetricName,
  type ClassMetrics,
  type ClassificationMetrics,
} from './metrics.ts';
export { resolveLoss, targetsLike, LOSS_NAMES, type LossFn, type LossName, type Targets, type HasLoss } from './losses.ts';
export {
  earlyStopping,
  type Callback,
  type CallbackResult,
  type EpochLogs,
  type StepLogs,
  type TrainingControl,
  type EarlyStoppingOptions,
} from './callbacks.ts';
export { TrainingError, NonFiniteLossError, type NonFiniteEntry, type NonFiniteLossDetails } from './errors.ts';
export {
  Progress,
  formatDuration,
  formatLogs,
  logLabel,
  type LogTarget,
  type Writer,
  type Verbosity,
  type ProgressOptions,
} from './progress.ts';
export type { Metric } from './setup.ts';
export {
  METHODS,
  METHOD_NAMES,
  EXTRA_METHODS,
  EXTRA_METHOD_NAMES,
  ALL_METHOD_NAMES,
  isAnyMethodName,
  type AnyMethodName,
  type ExtraMethodName,
  DEFAULT_BATCH_K,
  isMethodName,
  getMethod,
  createOptimizer,
  batchSizeFor,
  type MethodName,
  type MethodInfo,
  type BatchSize,
} from './methods.ts';
