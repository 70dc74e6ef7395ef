import { describe, expect, it } from 'vitest';
import { type Tensor } from '../../src/tensor/index.ts';
import { Module } from '../../src/nn/module.ts';
import { Linear } from '../../src/nn/layers.ts';
import { MLP } from '../../src/nn/mlp.ts';
import { fit } from '../../src/train/fit.ts';
import { evaluate, predict, predictProba } from '../../src/train/evaluate.ts';
import { withMode } from '../../src/nn/modes.ts';
import { blobs, quiet } from './helpers.ts';

/** Records the mode of every forward: 'train' or 'eval', with the number of rows. */
class Recorder extends Module {
  readonly linear = new Linear(2, 2, { seed: 1 });
  readonly log: string[] = [];
  forward(x: Tensor): Tensor {
    this.log.push(`${this.training ? 'train' : 'eval'} ${x.shape[0]!}`);
    return this.linear.forward(x);
  }
}

describe('fit and evaluate switch modes', () => {
  const train = blobs(8, 1),
    val = blobs(4, 2);

  it('fit steps in training mode and validates in evaluation mode, then restores the mode the model had', () => {
    for (const start of [true, false]) {
      const model = new Recorder().train(start);
      fit(model, train, { optimizer: 'minibatch', batchSize: 4, epochs: 2, validationData: val, ...quiet });
      // The label check's probe (1 row, eval), then per epoch two steps of 4 rows and one validation pass.
      expect(model.log).toEqual(['eval 1', 'train 4', 'train 4', 'eval 4', 'train 4', 'train 4', 'eval 4']);
      expect([model.training, model.linear.training]).toEqual([start, start]);
    }
  });

  it('evaluate, predict and predictProba run in evaluation mode and leave the model in training mode', () => {
    const model = new Recorder();
    evaluate(model, val);
    predict(model, val.x);
    predictProba(model, val.x);
    expect(model.log).toEqual(['eval 4', 'eval 4', 'eval 4']);
    expect(model.training).toBe(true);
  });

  it('gives every sub-module its own flag back, also when the run throws', () => {
    const model = new Recorder();
    model.linear.eval(); // frozen by the user
    expect(() =>
      withMode(model, false, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect([model.training, model.linear.training]).toEqual([true, false]);
    expect(() => fit(model, train, { epochs: 1, lr: Number.NaN, ...quiet })).toThrow();
    expect([model.training, model.linear.training]).toEqual([true, false]);
  });

  it('an MLP with dropout and BatchNorm1d predicts deterministically after fit, from its running statistics', () => {
    const model = new MLP([2, 8, 2], { seed: 3, dropout: 0.5, norm: 'batch' });
    fit(model, train, { optimizer: 'minibatch', batchSize: 4, epochs: 3, ...quiet });
    const bn = model.layers[1]!;
    expect(bn.stateDict().num_batches_tracked!.data).toEqual([6]);
    const a = Array.from(predictProba(model, val.x).data);
    expect(Array.from(predictProba(model, val.x).data)).toEqual(a);
    expect(bn.stateDict().num_batches_tracked!.data, 'evaluation does not move the running statistics').toEqual([6]);
    expect(model.training).toBe(true);
  });
});
