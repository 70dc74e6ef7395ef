import { Tensor, type Gradient } from '../tensor.ts';
import { SAVES_NOTHING } from '../version.ts';

/**
 * A tensor computed from x that is piecewise constant in x: a sign, a step, an argmax mask. Its
 * derivative is 0, but it is recorded with x as its input, so that under createGraph a gradient
 * that uses it stays connected to x and its derivative comes out as zeros rather than "unused"
 * (PyTorch's sign and threshold_backward behave alike).
 */
export function piecewiseConstant(op: string, data: Float64Array, x: Tensor): Tensor {
  return Tensor.fromGradientOp(op, data, x.shape, [x], zeroGradient, SAVES_NOTHING);
}
const zeroGradient: Gradient = () => [null];
