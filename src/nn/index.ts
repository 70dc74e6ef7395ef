export { Module, type ModuleState } from './module.ts';
export { Linear, Activation, Sequential, type LinearOptions, type ActivationName } from './layers.ts';
export { MLP, type MLPOptions, type MLPConfig, type OutputInit } from './mlp.ts';
export { LogisticRegression, type LogisticRegressionOptions, type LogisticRegressionConfig } from './logistic.ts';
export { initWeight, type InitName } from './init.ts';
export { layerNorm, dropout, type DropoutOptions } from './functional.ts';
export { mse, bceWithLogits, crossEntropy, nllLoss, toClassLabels, type Labels, type CrossEntropyOptions } from './losses.ts';
export { l1Loss, huberLoss } from './regression-losses.ts';
export { Embedding, type EmbeddingOptions } from './embedding.ts';
export { Dropout } from './dropout.ts';
export { LayerNorm, BatchNorm1d, type LayerNormOptions, type BatchNormOptions } from './normalization.ts';
export { modelToJson, modelFromJson, parseModelFile, applyWeights, MODEL_FORMAT, MODEL_VERSION, type ModelFile } from './serialize.ts';
export { registerModel, registeredModels, type ModelCodec, type RegisteredConfig } from './registry.ts';
export { modelFromConfig, configOf, type ModelConfig } from './model-codec.ts';
export {
  modelGradcheck,
  assertModelGradcheck,
  formatModelGradcheckReport,
  elementIndex,
  type ModelGradcheckOptions,
  type ModelGradcheckReport,
  type ModelInputs,
  type NamedReport,
} from './gradcheck.ts';
export {
  lossHvp,
  hessianVectorProduct,
  topHessianEigenvalue,
  type HessianVectorProduct,
  type EigenvalueOptions,
  type EigenvalueResult,
} from './curvature.ts';
