import { describe, expect, it } from 'vitest';
import { Tensor, tensor } from '../../src/tensor/index.ts';
import { LogisticRegression } from '../../src/nn/logistic.ts';
import { MLP } from '../../src/nn/mlp.ts';
import { Adam, SGD } from '../../src/optim/index.ts';
import { batches } from '../../src/data/batches.ts';
import { Rng } from '../../src/util/random.ts';
import { fit } from '../../src/train/fit.ts';
import { trainStep } from '../../src/train/step.ts';
import { NonFiniteLossError } from '../../src/train/errors.ts';
import { blobs, quiet, weights } from './helpers.ts';

describe('trainStep', () => {
  it('returns the loss before the update, the lr, the rows and the norm before clipping (by hand on logistic regression)', () => {
    // Zero weights: every p = σ(0) = ½, so the BCE loss is ln 2, ∂L/∂w = Xᵀ(½ − y)/N and ∂L/∂b = mean(½ − y).
    const x = tensor([
      [1, 2],
      [3, -1],
      [0, 4],
      [-1, 1],
    ]);
    const y = Int32Array.of(1, 0, 1, 0);
    const model = new LogisticRegression(2);
    const optimizer = new SGD(model.parameters(), { lr: 0.5 });
    const r = [-0.5, 0.5, -0.5, 0.5]; // ½ − y
    const gw = [0, 1].map((j) => r.reduce((s, ri, i) => s + ri * x.data[2 * i + j]!, 0) / 4); // [0.125, -0.75]
    const norm = Math.hypot(gw[0]!, gw[1]!, 0);
    const result = trainStep(model, { x, y }, { optimizer, clip: 0.5 });
    expect(result.loss).toBeCloseTo(Math.LN2, 15);
    expect([result.lr, result.batchSize]).toEqual([0.5, 4]);
    expect(result.gradNorm).toBeCloseTo(norm, 15);
    // Clipped to norm 0.5 (PyTorch's factor maxNorm / (total + 1e-6)), then θ ← θ − lr·g.
    const c = 0.5 / (norm + 1e-6);
    gw.forEach((g, j) => expect(model.linear.weight.data[j]).toBeCloseTo(-0.5 * g * c, 15));
    expect(result.output.shape).toEqual([4, 1]);
    expect(result.output.requiresGrad).toBe(false);
    expect(trainStep(model, { x, y }, { optimizer }).gradNorm).toBeUndefined();
  });

  it('a loop of trainStep over batches() trains exactly as fit does: the same step losses and weights, bit for bit', () => {
    const data = blobs(50, 3);
    const mine = new MLP([2, 6, 2], { seed: 4 });
    const optimizer = new Adam(mine.parameters(), { lr: 0.05 });
    const rng = new Rng(7);
    const losses: number[] = [];
    for (let epoch = 1; epoch <= 3; epoch++) {
      for (const batch of batches(data, { batchSize: 8, shuffle: true, rng }))
        losses.push(trainStep(mine, batch, { optimizer, clip: 1 }).loss);
    }
    const theirs = new MLP([2, 6, 2], { seed: 4 });
    const h = fit(theirs, data, {
      optimizer: new Adam(theirs.parameters(), { lr: 0.05 }),
      batchSize: 8,
      epochs: 3,
      seed: 7,
      clipGradNorm: 1,
      ...quiet,
    });
    expect(losses).toEqual(h.stepLoss);
    expect(weights(mine)).toEqual(weights(theirs));
  });

  it('refuses a non-finite loss before the update, naming the step, and leaves the weights as they were', () => {
    const model = new LogisticRegression(2);
    const optimizer = new SGD(model.parameters(), { lr: 0.1 });
    const data = blobs(4, 1);
    trainStep(model, data, { optimizer });
    const before = weights(model);
    const nanLoss = (pred: Tensor): Tensor => pred.sum().mul(Number.NaN);
    expect(() => trainStep(model, data, { optimizer, loss: nanLoss })).toThrow(NonFiniteLossError);
    expect(() => trainStep(model, data, { optimizer, loss: nanLoss })).toThrow(
      /^training diverged at step 2: loss NaN; first non-finite gradient: linear\.weight\.grad\[0, 0\] = NaN; the update was not applied/,
    );
    expect(weights(model)).toEqual(before);
    expect(() => trainStep(model, data, { optimizer, loss: nanLoss, at: { epoch: 3, step: 40, batch: 2 } })).toThrow(
      /^training diverged at epoch 3, step 40 \(batch 2 of the epoch\)/,
    );
    // Without the guard the update is applied, NaN and all.
    trainStep(model, data, { optimizer, loss: nanLoss, checkFinite: false });
    expect(Number.isNaN(model.linear.weight.data[0])).toBe(true);
  });

  it('says what is wrong with its options and the loss', () => {
    const model = new LogisticRegression(2);
    const optimizer = new SGD(model.parameters(), { lr: 0.1 });
    const data = blobs(4, 1);
    expect(() => trainStep(model, data, { optimizer, clip: 0 })).toThrow('trainStep: clip must be a positive finite number, got 0');
    expect(() => trainStep(model, data, { optimizer, loss: (pred) => pred })).toThrow(
      'trainStep: the loss must be a scalar, got shape [4, 1]',
    );
    expect(() => trainStep(model, data, { optimizer, loss: () => tensor(1) })).toThrow(
      'trainStep: the loss does not depend on any parameter that requires grad',
    );
    expect(() => trainStep(model, data, { optimizer, loss: 'hinge' as never })).toThrow('loss: unknown loss "hinge"');
  });
});
