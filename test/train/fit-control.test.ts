import { describe, expect, it } from 'vitest';
import { tensor } from '../../src/tensor/index.ts';
import { LogisticRegression } from '../../src/nn/logistic.ts';
import { Adam, SGD, LRScheduler, stepDecay } from '../../src/optim/index.ts';
import { fit } from '../../src/train/fit.ts';
import type { StepLogs } from '../../src/train/callbacks.ts';
import { blobs, quiet } from './helpers.ts';

describe('fit: callbacks', () => {
  const data = blobs(12, 10);

  it('onStepEnd returning "stop" ends training after that step (the partial epoch is recorded)', () => {
    const seen: StepLogs[] = [];
    const events: string[] = [];
    const h = fit(new LogisticRegression(2), data, {
      optimizer: 'minibatch',
      batchSize: 4,
      epochs: 5,
      ...quiet,
      callbacks: [
        { onTrainBegin: () => void events.push('begin'), onTrainEnd: () => void events.push('end') },
        { onStepEnd: (step, logs) => (seen.push(logs), step === 5 ? 'stop' : undefined) },
      ],
    });
    expect([h.steps, h.epochs.length, h.epochs[1]!.steps, h.stopped]).toEqual([5, 2, 2, true]);
    expect(seen.map((s) => [s.epoch, s.step, s.batch, s.batchSize])).toEqual([
      [1, 1, 1, 4],
      [1, 2, 2, 4],
      [1, 3, 3, 4],
      [2, 4, 1, 4],
      [2, 5, 2, 4],
    ]);
    expect(seen[0]!.lr).toBe(0.05);
    expect(events).toEqual(['begin', 'end']);
  });

  it('setting control.stopTraining in onEpochEnd stops after that epoch', () => {
    const h = fit(new LogisticRegression(2), data, {
      optimizer: 'gd',
      epochs: 10,
      ...quiet,
      callbacks: { onEpochEnd: (epoch, logs, control) => void (control.stopTraining = epoch === 3 && logs.loss > 0) },
    });
    expect([h.epochs.length, h.stopped]).toEqual([3, true]);
  });
});

describe('fit: schedules and clipping', () => {
  const data = blobs(12, 11);

  it('a schedule function steps per epoch by default, or per step', () => {
    const perEpoch = fit(new LogisticRegression(2), data, { optimizer: 'gd', lr: 0.1, epochs: 4, scheduler: (t) => 0.5 ** t, ...quiet });
    expect(perEpoch.lr).toEqual([0.1, 0.05, 0.025, 0.0125]);
    const lrs: number[] = [];
    fit(new LogisticRegression(2), data, {
      optimizer: 'minibatch',
      batchSize: 6,
      lr: 0.1,
      epochs: 2,
      scheduler: (t) => 1 / (t + 1),
      schedulerInterval: 'step',
      ...quiet,
      callbacks: { onStepEnd: (_, logs) => void lrs.push(logs.lr) },
    });
    // the lr each step used: 0.1·1/(t + 1) for t = 0..3
    expect(lrs.map((v) => +v.toPrecision(12))).toEqual([0.1, 0.05, 0.0333333333333, 0.025]);
  });

  it('an LRScheduler must drive the optimizer fit uses', () => {
    const model = new LogisticRegression(2);
    const optimizer = new Adam(model.parameters(), { lr: 0.1 });
    const h = fit(model, data, {
      optimizer,
      epochs: 3,
      scheduler: new LRScheduler(optimizer, stepDecay({ stepSize: 2, gamma: 0.1 })),
      ...quiet,
    });
    expect(h.lr.map((v) => +v.toPrecision(12))).toEqual([0.1, 0.1, 0.01]);
    const other = new Adam(new LogisticRegression(2).parameters(), { lr: 0.1 });
    expect(() => fit(model, data, { optimizer, scheduler: new LRScheduler(other, () => 1), ...quiet })).toThrow(
      /the LRScheduler drives a different optimizer/,
    );
  });

  it('clipGradNorm bounds the update: one gd step moves the weights by lr·maxNorm', () => {
    const model = new LogisticRegression(2);
    const norms: number[] = [];
    fit(model, data, {
      optimizer: 'gd',
      lr: 1,
      epochs: 1,
      clipGradNorm: 1e-3,
      ...quiet,
      callbacks: { onStepEnd: (_, l) => void norms.push(l.gradNorm!) },
    });
    const moved = Math.hypot(...model.parameters().flatMap((p) => Array.from(p.data)));
    expect(norms[0]).toBeGreaterThan(1e-3);
    expect(moved).toBeCloseTo(1e-3 * (norms[0]! / (norms[0]! + 1e-6)), 12);
  });
});

describe('fit: option errors', () => {
  const data = blobs(4, 12);
  const model = new LogisticRegression(2);
  it.each([
    [{ epochs: 0 }, 'fit: epochs must be a positive integer, got 0'],
    [{ batchSize: 2.5 }, 'fit: batchSize must be a positive integer, got 2.5'],
    [
      { optimizer: 'newton' as 'gd' },
      "unknown optimization method 'newton'; expected one of gd, sgd, minibatch, momentum, adagrad, rmsprop, adam",
    ],
    [{ metrics: ['auc' as 'f1'] }, 'fit: unknown metric "auc" (built in: accuracy, precision, recall, f1; or pass { name, fn })'],
    [{ clipGradNorm: 0 }, 'fit: clipGradNorm must be a positive finite number, got 0'],
    [{ lr: -1 }, "method 'adam': Adam: option lr must be a positive finite number, got -1"],
    [
      { optimizer: new SGD(model.parameters(), { lr: 1 }), optimizerOptions: { momentum: 0.9 } },
      'fit: optimizerOptions apply only when optimizer is a method name',
    ],
  ])('%# rejects bad options', (options, message) => {
    expect(() => fit(model, data, { ...options, ...quiet })).toThrow(message);
  });

  it('a loss that is not a scalar, or does not depend on the parameters', () => {
    expect(() => fit(model, data, { loss: (pred) => pred, ...quiet })).toThrow('fit: the loss must be a scalar, got shape [4, 1]');
    expect(() => fit(model, data, { loss: (pred) => pred.detach().sum(), ...quiet })).toThrow(
      'fit: the loss does not depend on any parameter that requires grad',
    );
  });

  it('mismatched data and validation data', () => {
    expect(() => fit(model, { x: tensor([[1, 2]]), y: Int32Array.from([0, 1]) }, quiet)).toThrow(
      'fit: x has 1 rows (shape [1, 2]) but y has 2',
    );
    expect(() => fit(model, data, { validationData: { x: tensor([[1, 2]]), y: new Int32Array(0) }, ...quiet })).toThrow(
      'fit (validationData): x has 1 rows',
    );
  });
});

describe('fit: progress output', () => {
  it('writes plain lines to an injected log, nothing when quiet', () => {
    const lines: string[] = [];
    fit(new LogisticRegression(2), blobs(8, 13), { optimizer: 'gd', epochs: 3, log: (line) => lines.push(line) });
    expect(lines.map((l) => l.split(' · ')[0])).toEqual([
      'epoch 1/3',
      'epoch 2/3',
      'epoch 3/3',
      expect.stringMatching(/^trained 3 epochs \(3 steps\) in /),
    ]);
    expect(lines[0]).toMatch(/^epoch 1\/3 · train loss \(epoch mean\) 0\.\d{4} · train accuracy \(epoch mean\) \d\.\d{4} · \d/);
    expect(lines[3]).toMatch(/; last epoch: train loss \(epoch mean\) 0\.\d{4} · train accuracy \(epoch mean\) \d\.\d{4}$/);
    const silent: string[] = [];
    fit(new LogisticRegression(2), blobs(8, 13), { optimizer: 'gd', epochs: 3, log: (l) => silent.push(l), quiet: true });
    fit(new LogisticRegression(2), blobs(8, 13), { optimizer: 'gd', epochs: 3, log: (l) => silent.push(l), verbose: 0 });
    expect(silent).toEqual([]);
  });
});
