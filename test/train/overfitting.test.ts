import { describe, expect, it } from 'vitest';
import { MLP } from '../../src/nn/index.ts';
import { evaluateLoss, fit } from '../../src/train/index.ts';
import { defaultPatience, watchValidation } from '../../src/train/overfitting.ts';
import type { EpochLogs, TrainingControl } from '../../src/train/callbacks.ts';
import { blobs, quiet } from './helpers.ts';

const logs = (epoch: number, valLoss: number): EpochLogs => ({ epoch, loss: 1, valLoss, lr: 0.1, steps: 1, timeMs: 0 });

describe('watchValidation', () => {
  it('says once that the val loss has risen, after `patience` epochs without a new lowest and 2 % above it, naming that epoch', () => {
    const notes: string[] = [];
    const watch = watchValidation({ patience: 3, note: (l) => notes.push(l), hint: 'stop earlier' });
    const control = { model: new MLP([2, 2]), stopTraining: false } as unknown as TrainingControl;
    [1, 0.5, 0.4, 0.405, 0.407, 0.407].forEach((v, i) => watch.onEpochEnd!(i + 1, logs(i + 1, v), control));
    expect(notes).toEqual([]); // 3 epochs on, but within 2 % of 0.4
    watch.onEpochEnd!(7, logs(7, 0.5), control);
    watch.onEpochEnd!(8, logs(8, 0.6), control);
    expect(notes).toEqual(['val loss has risen for 4 epochs: lowest 0.4000 at epoch 3, 0.5000 now, a sign of overfitting; stop earlier']);
    expect(watch.summary()).toEqual({ epoch: 3, valLoss: 0.4, lastValLoss: 0.6, rose: true, restored: false });
    watch.onEpochEnd!(9, logs(9, 0.3), control); // a new lowest: no longer "risen"
    expect(watch.summary()).toMatchObject({ epoch: 9, rose: false });
  });

  it('counts the epochs of a resumed run and scales its default patience with the run', () => {
    const watch = watchValidation({ patience: 2, earlier: [0.9, 0.2, 0.7] });
    expect(watch.summary()).toEqual({ epoch: 2, valLoss: 0.2, lastValLoss: 0.7, rose: false, restored: false });
    expect([10, 100, 500].map(defaultPatience)).toEqual([5, 5, 25]);
  });
});

describe('fit: the best epoch and restoreBest', () => {
  // 8 noisy training points, a wide MLP and a high lr: the val loss bottoms out early and climbs.
  const train = blobs(8, 1);
  const val = blobs(64, 2);
  const make = () => new MLP([2, 64, 64, 2], { seed: 3 });
  const options = { epochs: 150, lr: 0.03, batchSize: 8, validationData: val };

  it('records the epoch of the lowest val loss and reports the rise in its progress', () => {
    const lines: string[] = [];
    const h = fit(make(), train, { ...options, log: (l) => lines.push(l) });
    const lowest = Math.min(...h.valLoss);
    expect(h.best).toMatchObject({ epoch: h.valLoss.indexOf(lowest) + 1, valLoss: lowest, lastValLoss: h.valLoss.at(-1), restored: false });
    expect(h.best!.rose).toBe(true);
    expect(lines.some((l) => l.startsWith(`val loss has risen for `) && l.includes(`at epoch ${h.best!.epoch}`))).toBe(true);
    expect(lines.some((l) => l.includes("restoreBest: true keeps that epoch's weights"))).toBe(true);
    expect(lines.at(-1)).toBe(
      `lowest val loss ${lowest.toFixed(4)} at epoch ${h.best!.epoch} (last epoch: ${h.valLoss.at(-1)!.toFixed(4)})`,
    );
  });

  it('restoreBest puts back the weights of that epoch: their val loss is the lowest seen', () => {
    const model = make();
    const h = fit(model, train, { ...options, ...quiet, restoreBest: true });
    expect(h.best!.restored).toBe(true);
    expect(evaluateLoss(model, val)).toBeCloseTo(h.best!.valLoss, 12);
    expect(evaluateLoss(model, val)).toBeLessThan(h.valLoss.at(-1)!);
  });

  it('restoreBest needs validation data; without it History has no best epoch', () => {
    expect(() => fit(make(), train, { epochs: 1, restoreBest: true, ...quiet })).toThrow(
      'fit: restoreBest picks the epoch with the lowest val loss; pass validationData',
    );
    expect(() => fit(make(), train, { ...options, epochs: 1, restoreBest: 'yes' as unknown as boolean, ...quiet })).toThrow(
      'fit: restoreBest must be true or false, got yes',
    );
    expect(fit(make(), train, { epochs: 1, ...quiet }).best).toBeUndefined();
  });
});
