import { describe, expect, it } from 'vitest';
import { tensor } from '../../src/tensor/index.ts';
import { LogisticRegression } from '../../src/nn/logistic.ts';
import { MLP } from '../../src/nn/mlp.ts';
import { crossEntropy } from '../../src/nn/losses.ts';
import type { Dataset } from '../../src/data/dataset.ts';
import { evaluate, evaluateLoss, predict, predictLogits, predictProba } from '../../src/train/evaluate.ts';
import { toArrays } from '../../src/data/batches.ts';

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

function dataset(features: number[][], labels: number[], classNames: string[]): Dataset {
  return {
    features: tensor(features),
    labels: Int32Array.from(labels),
    featureNames: features[0]!.map((_, j) => `f${j}`),
    classNames,
    labelName: 'y',
    task: 'classification',
  };
}

/** Binary model with logit z = 2·x₀ − x₁ + 0.5. */
function binaryModel(): LogisticRegression {
  const model = new LogisticRegression(2);
  model.linear.weight.data.set([2, -1]);
  model.linear.bias!.data.set([0.5]);
  return model;
}

/** Three-class model whose logits are the input itself (identity weights, zero bias). */
function identityModel(): LogisticRegression {
  const model = new LogisticRegression(3, { classes: 3 });
  model.linear.weight.data.set([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  return model;
}

describe('predict / predictProba', () => {
  const x = tensor([
    [0, 0],
    [-1, 0],
    [1, 3],
    [0, 0.5],
  ]); // logits 0.5, −1.5, −0.5, 0

  it('binary: class 1 when the logit is > 0 (a logit of exactly 0 is class 0)', () => {
    expect(Array.from(predict(binaryModel(), x))).toEqual([1, 0, 0, 0]);
  });

  it('binary probabilities are [1 − σ(z), σ(z)]', () => {
    const p = predictProba(binaryModel(), x);
    expect(p.shape).toEqual([4, 2]);
    [0.5, -1.5, -0.5, 0].forEach((z, i) => {
      expect(p.data[2 * i + 1]).toBeCloseTo(sigmoid(z), 15);
      expect(p.data[2 * i]! + p.data[2 * i + 1]!).toBeCloseTo(1, 15);
    });
  });

  it('multinomial: argmax and softmax rows', () => {
    const logits = [
      [1, 2, 3],
      [0, 0, -1],
      [5, 1, 1],
    ];
    expect(Array.from(predict(identityModel(), tensor(logits)))).toEqual([2, 0, 0]);
    const p = predictProba(identityModel(), tensor(logits));
    const z = Math.exp(1) + Math.exp(2) + Math.exp(3);
    expect(p.data[0]).toBeCloseTo(Math.exp(1) / z, 15);
    expect(p.data[3]! + p.data[4]! + p.data[5]!).toBeCloseTo(1, 15);
  });

  it('builds no graph: parameters get no gradient and outputs do not require grad', () => {
    const model = new MLP([2, 3, 2], { seed: 0 });
    const out = predictLogits(model, x);
    expect(out.requiresGrad).toBe(false);
    expect(predictProba(model, x).requiresGrad).toBe(false);
    expect(model.parameters().every((p) => p.grad === null)).toBe(true);
  });

  it('chunked forward passes concatenate to the whole-batch output', () => {
    const model = new MLP([2, 4, 3], { seed: 1 });
    const big = tensor(Array.from({ length: 11 }, (_, i) => [Math.sin(i), Math.cos(3 * i)]));
    const whole = predictLogits(model, big);
    const chunked = predictLogits(model, big, 4);
    expect(chunked.shape).toEqual([11, 3]);
    chunked.data.forEach((v, i) => expect(v).toBeCloseTo(whole.data[i]!, 14));
  });
});

describe('evaluate', () => {
  // identity logits: predictions 2, 0, 0, 1, 1 against labels 2, 0, 1, 1, 2
  const rows = [
    [1, 2, 3],
    [0, 0, -1],
    [5, 1, 1],
    [0, 2, 1],
    [1, 4, 2],
  ];
  const data = dataset(rows, [2, 0, 1, 1, 2], ['cat', 'dog', 'eel']);

  it('loss, accuracy, confusion matrix and class names', () => {
    const result = evaluate(identityModel(), data);
    const expectedLoss = crossEntropy(tensor(rows), [2, 0, 1, 1, 2]).item();
    expect(result.loss).toBeCloseTo(expectedLoss, 14);
    expect(result.accuracy).toBeCloseTo(3 / 5, 15);
    expect(result.confusion).toEqual([
      [1, 0, 0],
      [1, 1, 0],
      [0, 1, 1],
    ]);
    expect(result.classNames).toEqual(['cat', 'dog', 'eel']);
    expect(result.perClass[1]).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(result.macro.recall).toBeCloseTo((1 + 0.5 + 0.5) / 3, 15);
  });

  it('gives the same numbers in chunks (loss as a row-weighted mean)', () => {
    const whole = evaluate(identityModel(), data);
    const chunked = evaluate(identityModel(), data, { batchSize: 2 });
    expect(chunked.loss).toBeCloseTo(whole.loss, 14);
    expect(chunked.confusion).toEqual(whole.confusion);
  });

  it("uses the model's own loss (LogisticRegression with l2 includes the penalty)", () => {
    const model = new LogisticRegression(3, { classes: 3, l2: 2 });
    model.linear.weight.data.set([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const plain = evaluate(identityModel(), data).loss;
    expect(evaluate(model, data).loss).toBeCloseTo(plain + (2 / 2) * 3, 14);
    expect(evaluate(model, data, { loss: 'crossEntropy' }).loss).toBeCloseTo(plain, 14);
  });

  it('binary models report 2 classes; names default to "0", "1" for { x, y } data', () => {
    const x = tensor([
      [0, 0],
      [-1, 0],
      [1, 3],
      [0, 0.5],
    ]);
    const result = evaluate(binaryModel(), { x, y: Int32Array.from([1, 0, 1, 0]) });
    expect(result.classNames).toEqual(['0', '1']);
    expect(result.confusion).toEqual([
      [2, 0],
      [1, 1],
    ]);
    const z = [0.5, -1.5, -0.5, 0],
      y = [1, 0, 1, 0];
    const bce = z.reduce((s, v, i) => s - (y[i]! * Math.log(sigmoid(v)) + (1 - y[i]!) * Math.log(1 - sigmoid(v))), 0) / 4;
    expect(result.loss).toBeCloseTo(bce, 14);
  });

  it('rejects a wrong number of class names, regression targets and mismatched rows', () => {
    expect(() => evaluate(identityModel(), data, { classNames: ['a', 'b'] })).toThrow('evaluate: 2 class names for a model with 3 classes');
    expect(() => evaluate(binaryModel(), { x: tensor([[1, 2]]), y: Float64Array.from([0.5]) })).toThrow(
      'evaluate: needs integer class labels (an Int32Array); for regression use evaluateLoss',
    );
    expect(() =>
      toArrays(
        {
          x: tensor([
            [1, 2],
            [3, 4],
          ]),
          y: Int32Array.from([1]),
        },
        'fit',
      ),
    ).toThrow('fit: x has 2 rows (shape [2, 2]) but y has 1');
  });
});

describe('evaluateLoss', () => {
  it('mean squared error on real targets, in chunks', () => {
    const model = new LogisticRegression(1); // a linear model y = w·x + b, used here for regression
    model.linear.weight.data.set([2]);
    model.linear.bias!.data.set([1]);
    const x = tensor([[0], [1], [2]]); // predictions 1, 3, 5
    const y = Float64Array.from([1, 2, 7]); // errors 0, 1, −2
    expect(evaluateLoss(model, { x, y }, { loss: 'mse' })).toBeCloseTo(5 / 3, 15);
    expect(evaluateLoss(model, { x, y }, { loss: 'mse', batchSize: 2 })).toBeCloseTo(5 / 3, 15);
  });
});
