import { describe, expect, it } from 'vitest';
import { tensor } from '../../src/tensor/index.ts';
import { LogisticRegression } from '../../src/nn/logistic.ts';
import { MLP } from '../../src/nn/mlp.ts';
import { crossEntropy } from '../../src/nn/losses.ts';
import { SGD } from '../../src/optim/index.ts';
import { makeMoons } from '../../src/data/index.ts';
import { fit, type History } from '../../src/train/fit.ts';
import { evaluate } from '../../src/train/evaluate.ts';
import { blobs, quiet, weights } from './helpers.ts';

describe('fit: steps per epoch follow the method', () => {
  const data = blobs(10, 0);

  it('gd: one full-batch step per epoch', () => {
    const h = fit(new LogisticRegression(2), data, { optimizer: 'gd', epochs: 3, ...quiet });
    expect([h.steps, h.batchSize, h.stepLoss.length, h.epochs[0]!.steps]).toEqual([3, 10, 3, 1]);
  });

  it('sgd: N steps of one sample', () => {
    const h = fit(new LogisticRegression(2), data, { optimizer: 'sgd', epochs: 2, ...quiet });
    expect([h.steps, h.batchSize]).toEqual([20, 1]);
  });

  it('minibatch: ⌈N/k⌉ steps, k = batchSize (default 32, capped at N)', () => {
    expect(fit(new LogisticRegression(2), data, { optimizer: 'minibatch', batchSize: 4, epochs: 2, ...quiet }).steps).toBe(6);
    const h = fit(new LogisticRegression(2), blobs(100, 1), { optimizer: 'minibatch', epochs: 1, ...quiet });
    expect([h.steps, h.batchSize]).toEqual([4, 32]);
    expect(fit(new LogisticRegression(2), data, { optimizer: 'adam', epochs: 1, ...quiet }).batchSize).toBe(10);
  });

  it('batchSize overrides the method (gd with batchSize 5 takes 2 steps per epoch)', () => {
    expect(fit(new LogisticRegression(2), data, { optimizer: 'gd', batchSize: 5, epochs: 1, ...quiet }).steps).toBe(2);
  });

  it('an optimizer instance: batch size 32 by default, lr overridden, returned in the history', () => {
    const model = new LogisticRegression(2);
    const optimizer = new SGD(model.parameters(), { lr: 0.5 });
    const h = fit(model, blobs(40, 2), { optimizer, lr: 0.25, epochs: 1, ...quiet });
    expect([h.steps, h.batchSize, optimizer.lr, h.lr[0]]).toEqual([2, 32, 0.25, 0.25]);
    expect(h.optimizer).toBe(optimizer);
  });
});

describe('fit: numbers', () => {
  it('one gd epoch is θ ← θ − lr·∇L with the zero-start gradient (σ(0) − y)·x/N', () => {
    const x = tensor([
      [1, 2],
      [-1, 0.5],
      [3, -2],
      [0, 1],
    ]);
    const y = Int32Array.from([1, 0, 1, 0]);
    const model = new LogisticRegression(2);
    const h = fit(model, { x, y }, { optimizer: 'gd', lr: 0.1, epochs: 1, ...quiet });
    const [w0, w1] = model.linear.weight.data; // −0.1 · [−0.625, 0.1875]
    expect(w0).toBeCloseTo(0.0625, 16);
    expect(w1).toBeCloseTo(-0.01875, 16);
    expect(model.linear.bias!.data[0]).toBeCloseTo(0, 16); // mean(σ(0) − y) = 0
    expect(h.stepLoss[0]).toBeCloseTo(Math.LN2, 15);
    expect(h.loss[0]).toBe(h.stepLoss[0]);
  });

  it("uses the model's own loss by default (LogisticRegression's l2 penalty appears in the loss)", () => {
    const data = blobs(8, 3);
    const model = new LogisticRegression(2, { l2: 1 });
    model.linear.weight.data.set([3, 4]);
    const expected = model.loss(model.forward(data.x), data.y).item();
    expect(fit(model, data, { optimizer: 'gd', lr: 1e-9, epochs: 1, ...quiet }).stepLoss[0]).toBe(expected);
    expect(expected).toBeGreaterThan(12.5); // (1/2)·‖(3, 4)‖² = 12.5 plus the data term
  });

  it('crossEntropy for other models; a name or a function picks another loss', () => {
    const data = blobs(8, 4);
    const model = new MLP([2, 3, 2], { seed: 1 });
    const expected = crossEntropy(model.forward(data.x), data.y).item();
    expect(fit(model, data, { optimizer: 'gd', lr: 1e-12, epochs: 1, ...quiet }).stepLoss[0]).toBeCloseTo(expected, 12);
    const calls: number[] = [];
    fit(new MLP([2, 2], { seed: 2 }), data, {
      optimizer: 'gd',
      epochs: 2,
      ...quiet,
      loss: (pred, targets) => {
        calls.push((targets as Int32Array).length);
        return pred.pow(2).mean();
      },
    });
    expect(calls).toEqual([8, 8]);
    expect(() => fit(model, data, { loss: 'hinge' as 'mse', ...quiet })).toThrow(
      'loss: unknown loss "hinge" (allowed: crossEntropy, bce, mse, or a function (pred, targets) => Tensor)',
    );
  });

  it('regression with mse on real targets fits y = 3x − 1 (no accuracy metric)', () => {
    const xs = Array.from({ length: 20 }, (_, i) => i / 10 - 1);
    const model = new MLP([1, 1], { seed: 0 });
    const h = fit(
      model,
      { x: tensor(xs.map((v) => [v])), y: Float64Array.from(xs, (v) => 3 * v - 1) },
      { optimizer: 'gd', lr: 0.5, epochs: 200, loss: 'mse', ...quiet },
    );
    expect(model.parameters()[0]!.data[0]).toBeCloseTo(3, 6);
    expect(model.parameters()[1]!.data[0]).toBeCloseTo(-1, 6);
    expect(h.metrics).toEqual({});
    expect(() => fit(model, { x: tensor([[1]]), y: Float64Array.from([1]) }, { loss: 'mse', metrics: ['accuracy'], ...quiet })).toThrow(
      'fit: metric "accuracy" needs integer class labels, but the targets are real values',
    );
  });

  it('bce on one logit per row trains a separable problem', () => {
    const data = blobs(60, 5);
    const model = new MLP([2, 1], { seed: 3 });
    fit(model, data, { loss: 'bce', optimizer: 'adam', lr: 0.05, epochs: 30, ...quiet });
    expect(evaluate(model, data, { loss: 'bce' }).accuracy).toBeGreaterThan(0.9);
  });

  it('epoch loss is the sample-weighted mean of the step losses', () => {
    const h = fit(new LogisticRegression(2), blobs(10, 6), { optimizer: 'minibatch', batchSize: 4, epochs: 1, ...quiet });
    const [a, b, c] = h.stepLoss as [number, number, number];
    expect(h.loss[0]).toBeCloseTo((4 * a + 4 * b + 2 * c) / 10, 15);
  });
});

describe('fit: determinism and history', () => {
  const run = (seed: number): { model: MLP; h: History } => {
    const model = new MLP([2, 8, 2], { seed: 7 });
    const data = makeMoons(64, { seed: 1, noise: 0.1 });
    const h = fit(model, data, {
      optimizer: 'adam',
      lr: 0.01,
      batchSize: 8,
      epochs: 4,
      seed,
      validationData: makeMoons(32, { seed: 2, noise: 0.1 }),
      ...quiet,
    });
    return { model, h };
  };

  it('the same seed gives bit-identical weights and losses; another shuffling seed differs', () => {
    const a = run(1),
      b = run(1),
      c = run(2);
    expect(weights(a.model)).toEqual(weights(b.model));
    expect(a.h.stepLoss).toEqual(b.h.stepLoss);
    expect(a.h.stepLoss).not.toEqual(c.h.stepLoss);
  });

  it('records per-epoch train and validation values, steps and time', () => {
    const { model, h } = run(1);
    expect(h.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
    expect(h.loss).toHaveLength(4);
    expect(h.valLoss).toHaveLength(4);
    expect(Object.keys(h.metrics).sort()).toEqual(['accuracy', 'valAccuracy']);
    expect(h.metrics.accuracy).toHaveLength(4);
    expect([h.steps, h.stepLoss.length, h.stopped]).toEqual([32, 32, false]);
    expect(h.lr).toEqual([0.01, 0.01, 0.01, 0.01]);
    const final = evaluate(model, makeMoons(32, { seed: 2, noise: 0.1 }));
    expect(h.valLoss[3]).toBeCloseTo(final.loss, 14);
    expect(h.metrics.valAccuracy![3]).toBe(final.accuracy);
    expect(h.timeMs).toBeGreaterThan(0);
  });

  it('time comes from the injected clock; f1 / precision / recall on both train and validation', () => {
    let t = 0;
    const data = blobs(20, 8);
    const h = fit(new LogisticRegression(2), data, {
      epochs: 2,
      optimizer: 'gd',
      metrics: ['accuracy', 'f1', 'precision', 'recall'],
      validationData: data,
      now: () => (t += 10),
      ...quiet,
    });
    expect(Object.keys(h.metrics)).toEqual(['accuracy', 'f1', 'precision', 'recall', 'valAccuracy', 'valF1', 'valPrecision', 'valRecall']);
    expect(h.epochs[0]!.timeMs).toBe(10);
    expect(h.timeMs).toBe(60); // start, progress start, 2 × (epoch start, epoch end), end: 6 reads after the first
  });

  it('custom metrics are computed on the validation data', () => {
    const data = blobs(20, 9);
    const h = fit(new LogisticRegression(2), data, {
      epochs: 1,
      optimizer: 'gd',
      validationData: data,
      ...quiet,
      metrics: ['accuracy', { name: 'rows', fn: (pred) => pred.shape[0]! }],
    });
    expect(h.metrics.valRows).toEqual([20]);
    expect(() => fit(new LogisticRegression(2), data, { metrics: [{ name: 'rows', fn: () => 0 }], quiet: true })).toThrow(
      'fit: custom metric "rows" is computed on validationData; pass validationData',
    );
  });
});
