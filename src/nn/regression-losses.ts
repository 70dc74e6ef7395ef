import { Tensor } from '../tensor/tensor.ts';
import { formatShape, sameShape } from '../tensor/shape.ts';

function checkPair(op: string, pred: Tensor, target: Tensor): void {
  if (!(pred instanceof Tensor) || !(target instanceof Tensor))
    throw new TypeError(`${op}: pred and target must be Tensors; use tensor(values)`);
  if (!sameShape(pred.shape, target.shape))
    throw new RangeError(`${op}: pred shape ${formatShape(pred.shape)} and target shape ${formatShape(target.shape)} differ`);
  if (pred.size === 0) throw new RangeError(`${op}: empty input`);
}

/** Mean absolute error: mean|pred − target|; ∂ = sign(pred − target)/n (0 at 0, as PyTorch). */
export function l1Loss(pred: Tensor, target: Tensor): Tensor {
  checkPair('l1Loss', pred, target);
  return pred.sub(target).abs().mean();
}

/**
 * Huber loss, mean over elements: ½d² where |d| < δ, δ(|d| − ½δ) elsewhere (d = pred − target).
 * Written as ½q² + δ(|d| − q) with q = min(|d|, δ): quadratic inside, linear outside, one formula.
 */
export function huberLoss(pred: Tensor, target: Tensor, delta = 1): Tensor {
  checkPair('huberLoss', pred, target);
  if (typeof delta !== 'number' || !(delta > 0)) throw new RangeError(`huberLoss: delta must be > 0, got ${String(delta)}`);
  const a = pred.sub(target).abs();
  const q = a.clamp(null, delta);
  return q.mul(q).mul(0.5).add(a.sub(q).mul(delta)).mean();
}
