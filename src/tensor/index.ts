export { Tensor, type BackwardFn, type Gradient, type NestedArray, type Operand } from './tensor.ts';
export { tensor, zeros, ones, full, randn, rand, type TensorInput, type TensorOptions, type RandomTensorOptions } from './create.ts';
export { noGrad, enableGrad, isGradEnabled, backward, type BackwardOptions } from './autograd.ts';
export { grad, type GradOptions } from './grad.ts';
export { vjp, jvp, jacobian, hessian, hvp } from './functional.ts';
export { add, sub, mul, div } from './ops/binary.ts';
export { neg, pow, exp, log, sqrt, abs, tanh, sigmoid, relu } from './ops/unary.ts';
export { sum, mean, max, min, argmax, argmin } from './ops/reduce.ts';
export { reshape, transpose, permute, squeeze, unsqueeze, flatten } from './ops/movement.ts';
export { narrow, indexSelect, gather, cat, stack, split, chunk, type Indices } from './ops/select.ts';
export { gt, ge, lt, le, eq, where, maximum, minimum, clamp } from './ops/compare.ts';
export { logsumexp, variance, variance as var, std, type VarianceOptions } from './ops/statistics.ts';
export { log1p, expm1, sin, cos, softplus, leakyRelu, elu, gelu, silu, type SoftplusOptions, type GeluOptions } from './ops/activation.ts';
export { expand, sumTo } from './ops/broadcast.ts';
export { matmul } from './ops/matmul.ts';
export { softmax, logSoftmax } from './ops/softmax.ts';
export { type Shape, formatShape, sizeOf, broadcastShapes } from './shape.ts';
export {
  gradcheck,
  assertGradcheck,
  gradgradcheck,
  assertGradgradcheck,
  formatGradcheckReport,
  type CheckedFn,
  type GradcheckOptions,
  type GradcheckReport,
  type InputReport,
  type ElementMismatch,
} from './gradcheck.ts';
export { setDebug, getDebug, debugMode, NonFiniteError, type DebugOptions } from './debug.ts';
