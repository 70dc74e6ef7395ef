import { Tensor } from '../tensor/tensor.ts';
import { noGrad } from '../tensor/autograd.ts';
import type { Module } from '../nn/module.ts';
import { withMode } from '../nn/modes.ts';
import { toArrays, type TrainingData } from '../data/batches.ts';
import { resolveLoss, type LossFn, type LossName, type Targets } from './losses.ts';
import { addToConfusion, classCountOf, classificationMetrics, predictClasses, type ClassificationMetrics } from './metrics.ts';

/** What `fit` and `evaluate` accept (defined beside `batches`, which takes the same). */
export type { TrainingData };

/** Rows [start, end) of a row-major tensor, sharing its memory. */
export function rowSlice(x: Tensor, start: number, end: number): Tensor {
  const row = x.size / x.shape[0]!;
  return new Tensor(x.data.subarray(start * row, end * row), [end - start, ...x.shape.slice(1)]);
}

function targetSlice(y: Targets, start: number, end: number): Targets {
  return y instanceof Tensor ? rowSlice(y, start, end) : y.subarray(start, end);
}

/** Forward passes in evaluation mode without a graph over chunks of `chunk` rows; `visit` sees each chunk's output. */
export function forwardInChunks(model: Module, x: Tensor, chunk: number, visit: (out: Tensor, start: number, end: number) => void): void {
  if (!(Number.isInteger(chunk) && chunk >= 1)) throw new RangeError(`evaluate: batchSize must be a positive integer, got ${chunk}`);
  const n = x.shape[0]!;
  // Evaluation mode: dropout off, BatchNorm1d on its running statistics (restored afterwards).
  withMode(model, false, () =>
    noGrad(() => {
      for (let start = 0; start < n; start += chunk) {
        const end = Math.min(n, start + chunk);
        visit(model.forward(start === 0 && end === n ? x : rowSlice(x, start, end)), start, end);
      }
    }),
  );
}

/** Model output for every row of x (no graph is built). */
export function predictLogits(model: Module, x: Tensor, batchSize = 4096): Tensor {
  const parts: Tensor[] = [];
  forwardInChunks(model, x, batchSize, (out) => parts.push(out));
  if (parts.length === 1) return parts[0]!;
  const data = new Float64Array(parts.reduce((s, p) => s + p.size, 0));
  let offset = 0;
  for (const p of parts) {
    data.set(p.data, offset);
    offset += p.size;
  }
  return new Tensor(data, [x.shape[0]!, ...parts[0]!.shape.slice(1)]);
}

/** Predicted class of each row: argmax of the logits, or logit > 0 for one-logit binary models. */
export function predict(model: Module, x: Tensor): Int32Array {
  return predictClasses(predictLogits(model, x));
}

/** Class probabilities [N, C]: softmax of the logits, or [1 − σ(z), σ(z)] for one logit per row. */
export function predictProba(model: Module, x: Tensor): Tensor {
  const logits = predictLogits(model, x);
  if (classCountOf(logits) === 2 && logits.size === logits.shape[0]) {
    const n = logits.size;
    const out = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const z = logits.data[i]!;
      const p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
      out[2 * i] = 1 - p;
      out[2 * i + 1] = p;
    }
    return new Tensor(out, [n, 2]);
  }
  return noGrad(() => logits.softmax(-1));
}

export interface EvaluateOptions {
  /** As in `fit`: a function, a built-in name, or (default) the model's own loss / cross-entropy. */
  loss?: LossFn | LossName;
  /** Rows per forward pass (default 4096); the loss is the row-weighted mean over chunks. */
  batchSize?: number;
  /** Names for the report (default: the dataset's classNames, else "0", "1", …). */
  classNames?: readonly string[];
}

export interface Evaluation extends ClassificationMetrics {
  loss: number;
  /** Rows are true classes, columns predicted ones. */
  confusion: number[][];
  classNames: string[];
}

/** Mean loss over all rows of `data` (regression or classification), without building a graph. */
export function evaluateLoss(model: Module, data: TrainingData, options: Pick<EvaluateOptions, 'loss' | 'batchSize'> = {}): number {
  const { x, y } = toArrays(data, 'evaluateLoss');
  const lossFn = resolveLoss(model, options.loss);
  let total = 0;
  forwardInChunks(model, x, options.batchSize ?? 4096, (out, start, end) => {
    total += lossFn(out, targetSlice(y, start, end)).item() * (end - start);
  });
  return total / x.shape[0]!;
}

/** Loss, accuracy, confusion matrix and per-class precision / recall / F1 on labelled data. */
export function evaluate(model: Module, data: TrainingData, options: EvaluateOptions = {}): Evaluation {
  const { x, y, classNames } = toArrays(data, 'evaluate');
  if (!(y instanceof Int32Array))
    throw new TypeError('evaluate: needs integer class labels (an Int32Array); for regression use evaluateLoss');
  const lossFn = resolveLoss(model, options.loss);
  let total = 0;
  let confusion: number[][] = [];
  forwardInChunks(model, x, options.batchSize ?? 4096, (out, start, end) => {
    const labels = y.subarray(start, end);
    total += lossFn(out, labels).item() * (end - start);
    if (start === 0) confusion = Array.from({ length: classCountOf(out) }, () => new Array<number>(classCountOf(out)).fill(0));
    addToConfusion(confusion, labels, predictClasses(out));
  });
  const names = [...(options.classNames ?? classNames ?? [])];
  if (names.length !== confusion.length) {
    if (options.classNames) throw new RangeError(`evaluate: ${names.length} class names for a model with ${confusion.length} classes`);
    names.splice(0, names.length, ...confusion.map((_, k) => String(k)));
  }
  return { loss: total / x.shape[0]!, ...classificationMetrics(confusion), confusion, classNames: names };
}
