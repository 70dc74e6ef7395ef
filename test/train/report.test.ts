import { describe, expect, it } from 'vitest';
import { tensor } from '../../src/tensor/index.ts';
import { LogisticRegression } from '../../src/nn/logistic.ts';
import { evaluate } from '../../src/train/evaluate.ts';
import { formatReport } from '../../src/train/report.ts';

// Identity logits: predictions 2, 0, 0, 1, 1 for labels 2, 0, 1, 1, 2.
// setosa P = 1/2, R = 1/1; versicolor P = 1/2, R = 1/2; virginica P = 1/1, R = 1/2.
function result() {
  const model = new LogisticRegression(3, { classes: 3 });
  model.linear.weight.data.set([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  return evaluate(model, {
    features: tensor([
      [1, 2, 3],
      [0, 0, -1],
      [5, 1, 1],
      [0, 2, 1],
      [1, 4, 2],
    ]),
    labels: Int32Array.from([2, 0, 1, 1, 2]),
    classNames: ['setosa', 'versicolor', 'virginica'],
    featureNames: ['a', 'b', 'c'],
    labelName: 'species',
    task: 'classification',
  });
}

describe('formatReport', () => {
  it('prints per-class rows, averages, accuracy, loss and the confusion matrix with class names', () => {
    expect(formatReport(result())).toBe(
      [
        '              precision  recall  f1-score  support',
        'setosa            0.500   1.000     0.667        1',
        'versicolor        0.500   0.500     0.500        2',
        'virginica         1.000   0.500     0.667        2',
        '',
        'accuracy                            0.600        5',
        'macro avg         0.667   0.667     0.611        5',
        'weighted avg      0.700   0.600     0.600        5',
        '',
        'loss 1.5766',
        '',
        'confusion matrix (rows: true class, columns: predicted class)',
        'true \\ predicted  setosa  versicolor  virginica',
        'setosa                 1           0          0',
        'versicolor             1           1          0',
        'virginica              0           1          1',
      ].join('\n'),
    );
  });

  it('honours digits and can leave out the confusion matrix', () => {
    const text = formatReport(result(), { digits: 2, confusion: false });
    expect(text).toContain('setosa             0.50    1.00      0.67        1');
    expect(text).not.toContain('confusion');
    expect(text.endsWith('loss 1.5766')).toBe(true);
  });
});
