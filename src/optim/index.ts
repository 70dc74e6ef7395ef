export { Optimizer, resolveHyperparameters, type UpdateRule, type StateRecord, type BaseOptions } from './optimizer.ts';
export { OptionChecker, resolveOptions, type Hyperparameters } from './options.ts';
export type { OptimizerStateDict, ParamStateDict } from './state-dict.ts';
export { SGD, sgdRule, type SGDOptions } from './sgd.ts';
export { Momentum, momentumRule, type MomentumOptions, type MomentumState } from './momentum.ts';
export { AdaGrad, adagradRule, type AdaGradOptions, type AdaGradState } from './adagrad.ts';
export { RMSProp, rmspropRule, type RMSPropOptions, type RMSPropState } from './rmsprop.ts';
export { Adam, adamRule, adamUpdate, type AdamOptions, type AdamState } from './adam.ts';
export { AdamW, adamwRule, type AdamWOptions } from './adamw.ts';
export { Adamax, adamaxRule, type AdamaxOptions, type AdamaxState } from './adamax.ts';
export { ewma, type EwmaOptions } from './ewma.ts';
export { type Schedule, constantSchedule, stepDecay, exponentialDecay, inverseSqrtDecay, cosineDecay, linearWarmup } from './schedules.ts';
export { LRScheduler, type LRSchedulerStateDict, type HasLearningRate } from './lr-scheduler.ts';
export { clipGradNorm } from './clip.ts';
export {
  METHODS, METHOD_NAMES, DEFAULT_BATCH_K, isMethodName, getMethod, createOptimizer, batchSizeFor,
  type MethodName, type MethodInfo, type BatchSize,
} from './methods.ts';
