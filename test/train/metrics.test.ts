import { describe, expect, it } from 'vitest';
import { tensor } from '../../src/tensor/index.ts';
import {
  accuracy,
  classCountOf,
  classificationMetrics,
  confusionMatrix,
  metricFromConfusion,
  predictClasses,
} from '../../src/train/metrics.ts';

// y_true / y_pred worked by hand (and matching scikit-learn's classification_report).
const yTrue = [0, 0, 1, 1, 2, 2, 2];
const yPred = [0, 1, 1, 1, 2, 0, 2];

describe('confusionMatrix', () => {
  it('counts (true, predicted) pairs with true classes as rows', () => {
    expect(confusionMatrix(yTrue, yPred, 3)).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 2],
    ]);
  });

  it('rejects out-of-range labels and predictions, and length mismatches', () => {
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow('confusionMatrix: label at index 1 is 3, outside 0..2 for 3 classes');
    expect(() => confusionMatrix([0, 1], [0, -1], 3)).toThrow('confusionMatrix: prediction at index 1 is -1, outside 0..2 for 3 classes');
    expect(() => confusionMatrix([0, 1], [0], 3)).toThrow('confusionMatrix: 2 labels but 1 predictions');
  });
});

describe('classificationMetrics', () => {
  const m = classificationMetrics(confusionMatrix(yTrue, yPred, 3));

  it('per-class precision TP/(TP+FP), recall TP/(TP+FN), F1 and support', () => {
    expect(m.perClass[0]).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(m.perClass[1]!.precision).toBeCloseTo(2 / 3, 15);
    expect(m.perClass[1]!.recall).toBe(1);
    expect(m.perClass[1]!.f1).toBeCloseTo(0.8, 15);
    expect(m.perClass[2]!.precision).toBe(1);
    expect(m.perClass[2]!.recall).toBeCloseTo(2 / 3, 15);
    expect(m.perClass[2]!.f1).toBeCloseTo(0.8, 15);
    expect(m.perClass.map((c) => c.support)).toEqual([2, 2, 3]);
  });

  it('accuracy, macro and support-weighted averages', () => {
    expect(m.accuracy).toBeCloseTo(5 / 7, 15);
    expect(m.macro.precision).toBeCloseTo((0.5 + 2 / 3 + 1) / 3, 15);
    expect(m.macro.recall).toBeCloseTo((0.5 + 1 + 2 / 3) / 3, 15);
    expect(m.macro.f1).toBeCloseTo(0.7, 15);
    expect(m.weighted.f1).toBeCloseTo((2 * 0.5 + 2 * 0.8 + 3 * 0.8) / 7, 15);
    expect(m.weighted.recall).toBeCloseTo(m.accuracy, 15); // weighted recall is always the accuracy
    expect(m.support).toBe(7);
  });

  it('a class never predicted and never present scores 0 (zero_division=0), not NaN', () => {
    const z = classificationMetrics(confusionMatrix([0, 1], [0, 1], 3));
    expect(z.perClass[2]).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(z.macro.f1).toBeCloseTo(2 / 3, 15);
  });

  it('metricFromConfusion picks accuracy or a macro average', () => {
    const c = confusionMatrix(yTrue, yPred, 3);
    expect(metricFromConfusion('accuracy', c)).toBeCloseTo(5 / 7, 15);
    expect(metricFromConfusion('f1', c)).toBeCloseTo(0.7, 15);
    expect(metricFromConfusion('recall', c)).toBeCloseTo(m.macro.recall, 15);
  });
});

describe('predictClasses', () => {
  it('argmax per row, the first maximum on ties', () => {
    expect(
      Array.from(
        predictClasses(
          tensor([
            [0.1, 2, -1],
            [3, 3, 1],
            [-5, -6, -4],
          ]),
        ),
      ),
    ).toEqual([1, 0, 2]);
  });

  it('one logit per row: class 1 exactly when the logit is > 0', () => {
    expect(Array.from(predictClasses(tensor([[-0.5], [0], [1e-12], [7]])))).toEqual([0, 0, 1, 1]);
    expect(Array.from(predictClasses(tensor([2, -2])))).toEqual([1, 0]);
    expect(classCountOf(tensor([[1], [2]]))).toBe(2);
    expect(classCountOf(tensor([[1, 2, 3]]))).toBe(3);
  });

  it('rejects logits of rank 3', () => {
    expect(() => predictClasses(tensor([[[1, 2]]]))).toThrow('predict: expected logits [N, C] or [N], got [1, 1, 2]');
  });
});

describe('accuracy', () => {
  it('is the fraction of equal entries', () => {
    expect(accuracy(yTrue, yPred)).toBeCloseTo(5 / 7, 15);
    expect(accuracy(new Int32Array([1, 1]), new Int32Array([1, 1]))).toBe(1);
    expect(() => accuracy([], [])).toThrow('accuracy: no samples');
    expect(() => accuracy([1], [1, 2])).toThrow('accuracy: 1 labels but 2 predictions');
  });
});
