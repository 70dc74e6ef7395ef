// gradlab/testing: the checks that find bugs in a model, as assertions that throw an AssertionError with
// `actual` and `expected` set (so vitest, jest and node:test show a diff), and checkModel, which runs them all.
// Platform-free: it imports nothing of Node and no test runner (the vitest matchers are gradlab/testing/vitest).
export { AssertionError } from './assertion-error.ts';
export { assertClose, compareClose, type CloseOptions, type CloseResult } from './close.ts';
export type { TensorLike } from './values.ts';
export { assertShape, assertShapes, type DimPattern, type ShapePattern, type Dims } from './shape.ts';
export { assertAllFinite, assertWithin, type Inspectable } from './finite.ts';
export type { Batch, CheckOutcome, LossOptions } from './batch.ts';
export {
  assertEveryParameterGetsGradient,
  checkEveryParameterGetsGradient,
  assertParametersChange,
  checkParametersChange,
  type ParametersChangeOptions,
} from './gradients.ts';
export { assertLossAtInit, checkLossAtInit, type LossAtInitOptions } from './loss-at-init.ts';
export {
  assertOverfitsBatch,
  checkOverfitsBatch,
  assertUsesInput,
  checkUsesInput,
  type TrainingCheckOptions,
  type OverfitOptions,
  type UsesInputOptions,
} from './training.ts';
export { assertBatchIndependence, checkBatchIndependence, type BatchIndependenceOptions } from './independence.ts';
export {
  assertDeterministic,
  checkDeterministic,
  assertEvalDeterministic,
  checkEvalDeterministic,
  firstDifference,
  type RunResult,
} from './deterministic.ts';
export {
  checkModel,
  formatModelReport,
  CHECK_NAMES,
  type CheckName,
  type ModelCheck,
  type ModelReport,
  type CheckModelOptions,
} from './check-model.ts';
export { matchers, type GradlabMatchers } from './matchers.ts';
export { preserving } from './model-state.ts';
// The gradient checks, first and second order, by tensor and by named parameter.
export { assertGradcheck, gradcheck, assertGradgradcheck, gradgradcheck, type GradcheckOptions } from '../tensor/gradcheck.ts';
export { assertModelGradcheck, modelGradcheck, type ModelGradcheckOptions } from '../nn/gradcheck.ts';
