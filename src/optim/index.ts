export { Optimizer, resolveHyperparameters, type UpdateRule, type StateRecord, type BaseOptions, type StepObserver } from './optimizer.ts';
export { ParamUpdate, type Transform, type BufferSpec } from './transform.ts';
export { chain, named } from './chain.ts';
export { fromUpdateRule } from './update-rule.ts';
export { addL2, addDecayedWeights } from './decay.ts';
export { scaleByLr } from './learning-rate.ts';
export { OptionChecker, resolveOptions, type Hyperparameters } from './options.ts';
export type { OptimizerStateDict, ParamStateDict } from './state-dict.ts';
export { SGD, sgdRule, type SGDOptions } from './sgd.ts';
export { Momentum, momentumRule, scaleByMomentum, type MomentumOptions, type MomentumState } from './momentum.ts';
export { AdaGrad, adagradRule, scaleByAdaGrad, type AdaGradOptions, type AdaGradState } from './adagrad.ts';
export { RMSProp, rmspropRule, scaleByRms, type RMSPropOptions, type RMSPropState } from './rmsprop.ts';
export { Adam, adamRule, adamUpdate, scaleByAdam, type AdamOptions, type AdamState } from './adam.ts';
export { AdamW, adamwRule, type AdamWOptions } from './adamw.ts';
export { Adamax, adamaxRule, scaleByAdamax, type AdamaxOptions, type AdamaxState } from './adamax.ts';
export { ewma, type EwmaOptions } from './ewma.ts';
export { type Schedule, constantSchedule, stepDecay, exponentialDecay, inverseSqrtDecay, cosineDecay, linearWarmup } from './schedules.ts';
export { LRScheduler, type LRSchedulerStateDict, type HasLearningRate } from './lr-scheduler.ts';
export { clipGradNorm, clipByGlobalNorm } from './clip.ts';
export {
  METHODS, METHOD_NAMES, DEFAULT_BATCH_K, isMethodName, getMethod, createOptimizer, batchSizeFor,
  type MethodName, type MethodInfo, type BatchSize,
} from './methods.ts';
