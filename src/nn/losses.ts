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
 * Softmax cross-entropy with integer labels, mean over the batch (options: see `CrossEntropyOptions`):
 * ℓ = mean_i(logsumexp(xᵢ) − xᵢ,yᵢ), ∂ℓ/∂xᵢⱼ = (softmax(xᵢ)ⱼ − [j = yᵢ])/N.
 * Fused with log-softmax: one pass over the logits, no N×C intermediates, stable for logits of ±1000.
 * Its gradient is fused too, except when it is recorded (createGraph): then it is built from
 * softmax, so that it can be differentiated again.
 */
export function crossEntropy(logits: Tensor, labels: Labels, options?: CrossEntropyOptions): Tensor {
  if (logits.ndim !== 2) throw new RangeError(`crossEntropy: logits must be [N, C], got ${formatShape(logits.shape)}`);
  if (options !== undefined && hasOptions('crossEntropy', options, ['weight', 'labelSmoothing']))
    return weightedCrossEntropy(logits, labels, options);
  const n = logits.shape[0]!,
    c = logits.shape[1]!;
  if (n === 0) throw new RangeError('crossEntropy: empty batch');
  const y = toClassLabels('crossEntropy', labels, n, c);
  const x = logits.data;
  // exp(xᵢⱼ − mᵢ) and 1/zᵢ per row: the gradient's softmax without a second pass here.
  const inverse = new Float64Array(n),
    logSumExp = new Float64Array(n);
  let exps: Float64Array | null = softmaxRows(x, n, c, inverse, logSumExp);
  let total = 0;
  for (let i = 0; i < n; i++) total += logSumExp[i]! - x[i * c + y[i]!]!;
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
    // The first backward turns the saved exponentials into the gradient in place (no N×C allocation);
    // a second one (retainGraph) recomputes them from the logits.
    const gx = exps ?? softmaxRows(x!.data, n, c, inverse, null);
    exps = null;
    for (let i = 0, row = 0; i < n; i++, row += c) {
      const s = scale * inverse[i]!;
      for (let j = row; j < row + c; j++) gx[j]! *= s;
      gx[row + y[i]!]! -= scale;
    }
    return [new Tensor(gx, [n, c])];
  });
}

/**
 * exp(xᵢⱼ − mᵢ) for each row of x [n, c] (mᵢ its max, for stability), with 1/zᵢ (zᵢ = Σⱼ of the row)
 * written to `inverse` and, when given, mᵢ + log zᵢ to `logSumExp`.
 */
function softmaxRows(x: Float64Array, n: number, c: number, inverse: Float64Array, logSumExp: Float64Array | null): Float64Array {
  const out = new Float64Array(n * c);
  for (let i = 0, row = 0; i < n; i++, row += c) {
    let m = -Infinity;
    for (let j = row; j < row + c; j++) m = Math.max(m, x[j]!);
    let z = 0;
    for (let j = row; j < row + c; j++) z += out[j] = Math.exp(x[j]! - m);
    inverse[i] = 1 / z;
    if (logSumExp !== null) logSumExp[i] = m + Math.log(z);
  }
  return out;
}

export interface CrossEntropyOptions {
  /** Per-class weights [C]: the mean becomes Σᵢ w_{yᵢ}·ℓᵢ / Σᵢ w_{yᵢ}, as PyTorch. */
  weight?: Tensor;
  /** ε in [0, 1]: the target is (1 − ε)·onehot + ε/C, as PyTorch's label_smoothing. */
  labelSmoothing?: number;
}

/** Whether an options object sets anything; an unknown key is an error naming it. */
function hasOptions(op: string, options: object, allowed: readonly string[]): boolean {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- validates input from untyped (JavaScript or JSON) callers
  if (typeof options !== 'object' || options === null) throw new TypeError(`${op}: options must be an object`);
  const keys = Object.keys(options);
  for (const key of keys)
    if (!allowed.includes(key)) throw new TypeError(`${op}: unknown option "${key}" (allowed: ${allowed.join(', ')})`);
  return keys.some((k) => (options as Record<string, unknown>)[k] !== undefined);
}

function classWeight(op: string, weight: Tensor | undefined, classes: number): Tensor | undefined {
  if (weight !== undefined && (!(weight instanceof Tensor) || weight.ndim !== 1 || weight.shape[0] !== classes))
    throw new RangeError(
      `${op}: weight must be a Tensor of shape [${classes}] (one per class), got ${weight instanceof Tensor ? formatShape(weight.shape) : typeof weight}`,
    );
  return weight;
}

/**
 * Negative log-likelihood of log-probabilities [N, C] at integer labels: mean over rows of −x[i, yᵢ],
 * or with `weight`, Σᵢ −w_{yᵢ}·x[i, yᵢ] / Σᵢ w_{yᵢ} (PyTorch's nll_loss). ∂ = −g/N at the labels.
 */
export function nllLoss(logProbs: Tensor, labels: Labels, options: { weight?: Tensor } = {}): Tensor {
  if (!(logProbs instanceof Tensor) || logProbs.ndim !== 2)
    throw new RangeError(
      `nllLoss: log-probabilities must be [N, C], got ${logProbs instanceof Tensor ? formatShape(logProbs.shape) : typeof logProbs}`,
    );
  hasOptions('nllLoss', options, ['weight']);
  const [n, c] = logProbs.shape as [number, number];
  if (n === 0) throw new RangeError('nllLoss: empty batch');
  const y = toClassLabels('nllLoss', labels, n, c);
  const picked = logProbs.gather(1, new Tensor(Float64Array.from(y), [n, 1])).reshape([n]);
  const weight = classWeight('nllLoss', options.weight, c);
  if (weight === undefined) return picked.mean().neg();
  const w = weight.indexSelect(0, y);
  return picked.mul(w).sum().div(w.sum()).neg();
}

/**
 * Cross-entropy with class weights and label smoothing, PyTorch's definition:
 * (1 − ε)·nll(logSoftmax x, y; w) + (ε/C)·Σᵢ Σ_c −w_c·logSoftmax(xᵢ)_c / D, with D = Σᵢ w_{yᵢ} (N without weights).
 * Built from logSoftmax, gather and sums: these options are off the hot path, so no fused loop.
 */
function weightedCrossEntropy(logits: Tensor, labels: Labels, options: CrossEntropyOptions): Tensor {
  const [n, c] = logits.shape as [number, number];
  const weight = classWeight('crossEntropy', options.weight, c);
  const eps = options.labelSmoothing ?? 0;
  if (typeof eps !== 'number' || !(eps >= 0 && eps <= 1))
    throw new RangeError(`crossEntropy: labelSmoothing must be in [0, 1], got ${String(eps)}`);
  const logProbs = logits.logSoftmax(1);
  const nll = nllLoss(logProbs, labels, { weight });
  if (eps === 0) return nll;
  const y = toClassLabels('crossEntropy', labels, n, c);
  const smooth = (weight ? logProbs.mul(weight) : logProbs).sum().neg();
  const denominator = weight ? weight.indexSelect(0, y).sum() : n;
  return nll.mul(1 - eps).add(smooth.div(denominator).mul(eps / c));
}
