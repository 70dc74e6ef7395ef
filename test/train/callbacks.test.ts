import { describe, expect, it } from 'vitest';
import { tensor } from '../../src/tensor/index.ts';
import { LogisticRegression } from '../../src/nn/logistic.ts';
import { fit } from '../../src/train/fit.ts';
import { earlyStopping, type EpochLogs, type TrainingControl } from '../../src/train/callbacks.ts';

/** Feeds a sequence of values to an earlyStopping callback as if they were epochs' logs. */
function drive(callback: ReturnType<typeof earlyStopping>, key: string, values: number[]): number {
  const control = { model: new LogisticRegression(2), stopTraining: false } as unknown as TrainingControl;
  for (let i = 0; i < values.length; i++) {
    const logs: EpochLogs = { epoch: i + 1, loss: 0, lr: 0.1, steps: 1, timeMs: 0, [key]: values[i] };
    if (callback.onEpochEnd!(i + 1, logs, control) === 'stop') return i + 1;
  }
  return -1;
}

describe('earlyStopping', () => {
  it('stops after `patience` epochs in a row without a lower valLoss', () => {
    const cb = earlyStopping({ patience: 2 });
    expect(drive(cb, 'valLoss', [1, 0.8, 0.9, 0.7, 0.75, 0.71, 0.5])).toBe(6);
    expect([cb.best, cb.bestEpoch]).toEqual([0.7, 4]);
  });

  it('maximises accuracy-like keys, and minDelta sets the smallest improvement', () => {
    expect(drive(earlyStopping({ monitor: 'valAccuracy', patience: 1 }), 'valAccuracy', [0.5, 0.6, 0.6])).toBe(3);
    expect(drive(earlyStopping({ monitor: 'valAccuracy', patience: 2, minDelta: 0.05 }), 'valAccuracy', [0.5, 0.52, 0.54, 0.9])).toBe(3);
    expect(drive(earlyStopping({ monitor: 'score', mode: 'max', patience: 1 }), 'score', [1, 2, 3])).toBe(-1);
  });

  it('restores the best weights when asked', () => {
    const x = tensor([
      [1, 0],
      [0, 1],
      [1, 1],
      [0, 0],
    ]);
    const y = Int32Array.from([1, 0, 1, 0]);
    const model = new LogisticRegression(2);
    const snapshots: number[][] = [];
    // A fake monitor: best at epoch 2, then worse; stop after 2 more epochs.
    const score = [0.5, 0.9, 0.8, 0.7, 0.6];
    const history = fit(
      model,
      { x, y },
      {
        optimizer: 'gd',
        lr: 0.5,
        epochs: 5,
        quiet: true,
        callbacks: [
          { onEpochEnd: (epoch, logs) => void ((logs.score = score[epoch - 1]), snapshots.push(Array.from(model.linear.weight.data))) },
          earlyStopping({ monitor: 'score', mode: 'max', patience: 2, restoreBestWeights: true }),
        ],
      },
    );
    expect([history.epochs.length, history.stopped]).toEqual([4, true]);
    expect(Array.from(model.linear.weight.data)).toEqual(snapshots[1]);
    expect(snapshots[1]).not.toEqual(snapshots[3]);
  });

  it('names a missing key and rejects bad options', () => {
    expect(() => drive(earlyStopping(), 'loss', [1])).toThrow(
      'earlyStopping: the epoch logs have no "valLoss" (they have: epoch, loss, lr, steps, timeMs); pass validationData to monitor val* values',
    );
    expect(() => earlyStopping({ patience: -1 })).toThrow('earlyStopping: patience must be an integer ≥ 0, got -1');
    expect(() => earlyStopping({ minDelta: -0.1 })).toThrow('earlyStopping: minDelta must be ≥ 0, got -0.1');
    expect(() => earlyStopping({ mode: 'up' as 'max' })).toThrow("earlyStopping: mode must be 'min' or 'max', got up");
  });
});
