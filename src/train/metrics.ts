import type { Tensor } from '../tensor/tensor.ts';
import { formatShape } from '../tensor/shape.ts';

/** Built-in classification metrics; precision, recall and f1 are macro averages over the classes. */
export type MetricName = 'accuracy' | 'precision' | 'recall' | 'f1';
export const METRIC_NAMES: readonly MetricName[] = ['accuracy', 'precision', 'recall', 'f1'];

/** Classes the model's output encodes: C for [N, C] logits (C > 1), 2 for one logit per row. */
export function classCountOf(logits: Tensor): number {
  if (logits.ndim === 1) return 2;
  if (logits.ndim !== 2) throw new RangeError(`predict: expected logits [N, C] or [N], got ${formatShape(logits.shape)}`);
  const c = logits.shape[1]!;
  return c === 1 ? 2 : c;
}

/**
 * Predicted classes: argmax of each row (the first maximum on ties), or for one logit per row
 * ([N] or [N, 1], binary logistic regression) class 1 exactly when the logit is > 0, i.e. σ(z) > ½.
 */
export function predictClasses(logits: Tensor): Int32Array {
  const n = logits.shape[0] ?? 0;
  const out = new Int32Array(n);
  const x = logits.data;
  const classes = classCountOf(logits);
  if (logits.size === n && classes === 2) {
    for (let i = 0; i < n; i++) out[i] = x[i]! > 0 ? 1 : 0;
    return out;
  }
  const c = classes;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < c; j++) if (x[i * c + j]! > x[i * c + best]!) best = j;
    out[i] = best;
  }
  return out;
}

/** A C×C matrix of counts: rows are true classes, columns predicted classes (as scikit-learn). */
export function confusionMatrix(labels: ArrayLike<number>, predictions: ArrayLike<number>, numClasses: number): number[][] {
  const matrix = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  addToConfusion(matrix, labels, predictions);
  return matrix;
}

/** Adds a batch's (label, prediction) pairs to `matrix` in place. */
export function addToConfusion(matrix: number[][], labels: ArrayLike<number>, predictions: ArrayLike<number>): void {
  const c = matrix.length;
  if (labels.length !== predictions.length)
    throw new RangeError(`confusionMatrix: ${labels.length} labels but ${predictions.length} predictions`);
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!,
      p = predictions[i]!;
    if (!(Number.isInteger(y) && y >= 0 && y < c))
      throw new RangeError(`confusionMatrix: label at index ${i} is ${y}, outside 0..${c - 1} for ${c} classes`);
    if (!(Number.isInteger(p) && p >= 0 && p < c))
      throw new RangeError(`confusionMatrix: prediction at index ${i} is ${p}, outside 0..${c - 1} for ${c} classes`);
    matrix[y]![p]!++;
  }
}

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** True samples of the class. */
  support: number;
}

export interface ClassificationMetrics {
  accuracy: number;
  perClass: ClassMetrics[];
  /** Unweighted mean over classes. */
  macro: Omit<ClassMetrics, 'support'>;
  /** Mean over classes weighted by support. */
  weighted: Omit<ClassMetrics, 'support'>;
  support: number;
}

/**
 * From a confusion matrix: precision = TP/(TP + FP), recall = TP/(TP + FN), F1 = 2PR/(P + R), each 0
 * when its denominator is 0 (scikit-learn's zero_division=0); accuracy = trace / total.
 */
export function classificationMetrics(confusion: readonly (readonly number[])[]): ClassificationMetrics {
  const c = confusion.length;
  let total = 0,
    correct = 0;
  const perClass: ClassMetrics[] = [];
  for (let k = 0; k < c; k++) {
    let predicted = 0,
      actual = 0;
    for (let j = 0; j < c; j++) {
      predicted += confusion[j]![k]!;
      actual += confusion[k]![j]!;
    }
    const tp = confusion[k]![k]!;
    const precision = predicted > 0 ? tp / predicted : 0;
    const recall = actual > 0 ? tp / actual : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perClass.push({ precision, recall, f1, support: actual });
    total += actual;
    correct += tp;
  }
  const average = (weight: (m: ClassMetrics) => number, norm: number) => {
    const sum = (key: 'precision' | 'recall' | 'f1') => perClass.reduce((s, m) => s + weight(m) * m[key], 0) / (norm || 1);
    return { precision: sum('precision'), recall: sum('recall'), f1: sum('f1') };
  };
  return {
    accuracy: total > 0 ? correct / total : 0,
    perClass,
    macro: average(() => 1, c),
    weighted: average((m) => m.support, total),
    support: total,
  };
}

/** The value of a built-in metric from a confusion matrix. */
export function metricFromConfusion(name: MetricName, confusion: readonly (readonly number[])[]): number {
  const m = classificationMetrics(confusion);
  return name === 'accuracy' ? m.accuracy : m.macro[name];
}

/** Fraction of predictions equal to the labels. */
export function accuracy(labels: ArrayLike<number>, predictions: ArrayLike<number>): number {
  if (labels.length !== predictions.length) throw new RangeError(`accuracy: ${labels.length} labels but ${predictions.length} predictions`);
  if (labels.length === 0) throw new RangeError('accuracy: no samples');
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === predictions[i]) correct++;
  return correct / labels.length;
}
