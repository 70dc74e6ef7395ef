import { Tensor, type Gradient } from '../tensor/tensor.ts';
import { isGradEnabled } from '../tensor/autograd.ts';
import { formatShape, sameShape } from '../tensor/shape.ts';

export type Labels = readonly number[] | Int32Array | Tensor;

/** Mean squared error: mean((pred − target)²). Shapes must match exactly (no silent broadcasting). */
export function mse(pred: Tensor, target: Tensor): Tensor {
  if (!(target instanceof Tensor)) throw new TypeError('mse: target must be a Tensor of the same shape as pred; use tensor(values)');
  if (!sameShape(pred.shape, target.shape)) {
    throw new RangeError(`mse: pred shape ${formatShape(pred.shape)} and target shape ${formatShape(target.shape)} differ`);
  }
  return pred.sub(target).pow(2).mean();
}

/**
 * Binary cross-entropy on logits, mean over elements:
 * ℓ = max(x, 0) − x·y + log(1 + e^−|x|), ∂ℓ/∂x = (σ(x) − y)/n.
 * Fused: built from relu and abs, the kinks at x = 0 would give the wrong gradient there (and
 * zero-initialised logistic regression starts exactly at x = 0). The gradient is fused too, except
 * when it is recorded (createGraph): σ(x) − y is smooth, so tensor ops give it exactly.
 */
export function bceWithLogits(logits: Tensor, targets: Tensor): Tensor {
  if (!(targets instanceof Tensor))
    throw new TypeError('bceWithLogits: targets must be a Tensor of the same shape as logits; use tensor(values)');
  if (!sameShape(logits.shape, targets.shape)) {
    throw new RangeError(`bceWithLogits: logits shape ${formatShape(logits.shape)} and targets shape ${formatShape(targets.shape)} differ`);
  }
  const x = logits.data,
    y = targets.data,
    n = x.length;
  if (n === 0) throw new RangeError('bceWithLogits: empty batch');
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    total += Math.max(v, 0) - v * y[i]! + Math.log1p(Math.exp(-Math.abs(v)));
  }
  return Tensor.fromGradientOp('bceWithLogits', new Float64Array([total / n]), [], [logits, targets], bceGradient);
}

/** ∂ℓ/∂x = (σ(x) − y)·g/n and ∂ℓ/∂y = −x·g/n: fused loops, or tensor ops when the gradient is recorded (createGraph). */
const bceGradient: Gradient = (g, [logits, targets]) => {
  const x = logits!.data,
    y = targets!.data,
    n = x.length;
  if (isGradEnabled()) {
    const scale = g.div(n);
    return [() => logits!.sigmoid().sub(targets!).mul(scale), () => logits!.neg().mul(scale)];
  }
  const scale = g.data[0]! / n;
  const gx = (): Tensor => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      const s = v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
      out[i] = scale * (s - y[i]!);
    }
    return new Tensor(out, logits!.shape);
  };
  const gy = (): Tensor => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = -scale * x[i]!;
    return new Tensor(out, targets!.shape);
  };
  return [gx, gy];
};

/** Integer class labels as an Int32Array, checked against the batch size and class count. */
export function toClassLabels(op: string, labels: Labels, n: number, classes: number): Int32Array {
  const values = labels instanceof Tensor ? labels.data : labels;
  if (values.length !== n) throw new RangeError(`${op}: ${values.length} labels for a batch of ${n} rows`);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v)) throw new TypeError(`${op}: label at index ${i} is ${v}, expected an integer class index`);
    if (v < 0 || v >= classes) throw new RangeError(`${op}: label at index ${i} is ${v}, outside 0..${classes - 1} for ${classes} classes`);
    out[i] = v;
  }
  return out;
}

/**
 * Softmax cross-entropy with integer labels, mean over the batch:
 * ℓ = mean_i(logsumexp(xᵢ) − xᵢ,yᵢ), ∂ℓ/∂xᵢⱼ = (softmax(xᵢ)ⱼ − [j = yᵢ])/N.
 * Fused with log-softmax: one pass over the logits, no N×C intermediates, stable for logits of ±1000.
 * Its gradient is fused too, except when it is recorded (createGraph): then it is built from
 * softmax, so that it can be differentiated again.
 */
export function crossEntropy(logits: Tensor, labels: Labels): Tensor {
  if (logits.ndim !== 2) throw new RangeError(`crossEntropy: logits must be [N, C], got ${formatShape(logits.shape)}`);
  const n = logits.shape[0]!,
    c = logits.shape[1]!;
  if (n === 0) throw new RangeError('crossEntropy: empty batch');
  const y = toClassLabels('crossEntropy', labels, n, c);
  const x = logits.data;
  const probs = new Float64Array(n * c);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const row = i * c;
    let m = -Infinity;
    for (let j = 0; j < c; j++) m = Math.max(m, x[row + j]!);
    let z = 0;
    for (let j = 0; j < c; j++) z += probs[row + j] = Math.exp(x[row + j]! - m);
    for (let j = 0; j < c; j++) probs[row + j]! /= z;
    total += m + Math.log(z) - x[row + y[i]!]!;
  }
  return Tensor.fromGradientOp('crossEntropy', new Float64Array([total / n]), [], [logits], (g, [x]) => {
    if (isGradEnabled()) {
      const oneHot = new Float64Array(n * c);
      for (let i = 0; i < n; i++) oneHot[i * c + y[i]!] = 1;
      return [
        x!
          .softmax(1)
          .sub(new Tensor(oneHot, [n, c]))
          .mul(g.div(n)),
      ];
    }
    const scale = g.data[0]! / n;
    const gx = new Float64Array(n * c);
    for (let i = 0; i < n * c; i++) gx[i] = scale * probs[i]!;
    for (let i = 0; i < n; i++) gx[i * c + y[i]!]! -= scale;
    return [new Tensor(gx, [n, c])];
  });
}
