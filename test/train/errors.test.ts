import { describe, expect, it } from 'vitest';
import { Tensor, tensor } from '../../src/tensor/index.ts';
import { MLP } from '../../src/nn/mlp.ts';
import { fit } from '../../src/train/fit.ts';
import { NonFiniteLossError, TrainingError, positionOf } from '../../src/train/errors.ts';
import { thrown } from '../support/errors.ts';

const weights = (m: MLP): number[][] => m.parameters().map((p) => Array.from(p.data));
const allFinite = (m: MLP): boolean => m.parameters().every((p) => p.data.every(Number.isFinite));

/** y = 3x − 1 on 20 points in [−1, 1): a linear regression that gradient descent solves for lr < 1/E[x²]. */
const line = (() => {
  const xs = Array.from({ length: 20 }, (_, i) => i / 10 - 1);
  return { x: tensor(xs.map((v) => [v])), y: Float64Array.from(xs, (v) => 3 * v - 1) };
})();

describe('fit stops on a non-finite loss and keeps the last finite weights', () => {
  it('a huge learning rate diverges until the loss overflows; the weights are those after the last good step', () => {
    const model = new MLP([1, 1], { seed: 0 });
    let lastGood: number[][] = weights(model);
    let lastStep = 0;
    const error = thrown(NonFiniteLossError, () =>
      fit(model, line, {
        optimizer: 'gd',
        lr: 50,
        epochs: 10_000,
        loss: 'mse',
        quiet: true,
        callbacks: { onStepEnd: (step) => void ((lastGood = weights(model)), (lastStep = step)) },
      }),
    );
    expect(error).toBeInstanceOf(TrainingError);
    expect(error.step).toBe(lastStep + 1);
    expect(error.epoch).toBe(error.step); // gd: one step per epoch
    expect(error.batch).toBe(1);
    expect(error.loss).toBe(Infinity);
    expect(error.restored).toBe(false);
    expect(allFinite(model)).toBe(true);
    expect(weights(model)).toEqual(lastGood);
    expect(error.message).toMatch(
      new RegExp(`^training diverged at epoch ${error.epoch}, step ${error.step} \\(batch 1 of the epoch\\): loss Infinity`),
    );
  });

  it('an update that overflows the weights is undone and the first broken parameter is named', () => {
    const model = new MLP([1, 1], { seed: 0 });
    model.parameters()[0]!.data[0] = 1;
    const before = weights(model);
    // pred = 10, d(mse)/dw = 2·10·10 = 200: w − 1e308·200 overflows to −Infinity.
    const error = thrown(NonFiniteLossError, () =>
      fit(model, { x: tensor([[10]]), y: Float64Array.from([0]) }, { optimizer: 'gd', lr: 1e308, epochs: 3, loss: 'mse', quiet: true }),
    );
    expect(weights(model)).toEqual(before);
    expect([error.epoch, error.step, error.restored]).toEqual([1, 1, true]);
    expect(error.culprit).toEqual({ parameter: 'layers.0.weight', where: 'value', index: 0, position: [0, 0], value: -Infinity });
    expect(error.message).toBe(
      'training diverged at epoch 1, step 1 (batch 1 of the epoch): the optimizer step made parameter layers.0.weight[0, 0] = -Infinity; ' +
        'the previous (finite) weights were restored. Try a smaller learning rate, gradient clipping (clipGradNorm) or standardised features.',
    );
  });

  it('a NaN gradient with a finite loss is caught before the update and named with its position', () => {
    const model = new MLP([2, 3], { seed: 1 });
    const before = weights(model);
    // sqrt at 0 has an infinite derivative; times the zero from mul(0) it is NaN in every gradient.
    const loss = (pred: Tensor): Tensor => pred.mul(0).sum().pow(0.5);
    const error = thrown(NonFiniteLossError, () =>
      fit(
        model,
        {
          x: tensor([
            [1, 2],
            [3, 4],
          ]),
          y: Int32Array.from([0, 1]),
        },
        { optimizer: 'sgd', epochs: 1, loss, quiet: true },
      ),
    );
    expect(error.loss).toBe(0);
    expect(error.culprit).toEqual({ parameter: 'layers.0.weight', where: 'gradient', index: 0, position: [0, 0], value: NaN });
    expect(error.message).toContain('loss 0; first non-finite gradient: layers.0.weight.grad[0, 0] = NaN; the update was not applied');
    expect(weights(model)).toEqual(before);
  });

  it('a NaN loss with finite gradients says so', () => {
    const model = new MLP([2, 1], { seed: 2 });
    const loss = (pred: Tensor): Tensor => pred.mean().mul(0).add(NaN);
    const error = thrown(NonFiniteLossError, () =>
      fit(model, { x: tensor([[1, 2]]), y: Int32Array.from([0]) }, { optimizer: 'gd', loss, quiet: true }),
    );
    expect(error.culprit).toBeNull();
    expect(error.message).toContain('loss NaN (every parameter and gradient is finite); the update was not applied');
  });

  it('a parameter that is already non-finite is named before any gradient', () => {
    const model = new MLP([2, 2, 2], { seed: 3 });
    model.parameters()[3]!.data[1] = NaN; // layers.2.bias[1]
    const error = thrown(NonFiniteLossError, () =>
      fit(model, { x: tensor([[1, 2]]), y: Int32Array.from([0]) }, { optimizer: 'gd', quiet: true }),
    );
    expect(error.culprit).toMatchObject({ parameter: 'layers.2.bias', where: 'value', position: [1] });
  });

  it('checkFinite: false skips the checks (the weights then become NaN)', () => {
    const model = new MLP([1, 1], { seed: 0 });
    fit(model, line, { optimizer: 'gd', lr: 50, epochs: 1000, loss: 'mse', quiet: true, checkFinite: false });
    expect(allFinite(model)).toBe(false);
  });

  it('a terminal progress bar ends its line before the error propagates', () => {
    let text = '';
    const log = { isTTY: true, write: (s: string) => (text += s) };
    expect(() => fit(new MLP([1, 1], { seed: 0 }), line, { optimizer: 'gd', lr: 50, epochs: 1000, loss: 'mse', log })).toThrow(
      NonFiniteLossError,
    );
    expect(text.startsWith('\repoch 1/1000')).toBe(true);
    expect(text.endsWith('\n')).toBe(true);
  });
});

describe('positionOf', () => {
  it('turns a flat row-major index into a multi-index', () => {
    expect(positionOf(5, [2, 3])).toEqual([1, 2]);
    expect(positionOf(0, [4])).toEqual([0]);
    expect(positionOf(23, [2, 3, 4])).toEqual([1, 2, 3]);
  });
});
