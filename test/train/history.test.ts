import { describe, expect, it } from 'vitest';
import { recordEpoch, type History } from '../../src/train/history.ts';

describe('recordEpoch', () => {
  it('appends the per-epoch series and files every other value under metrics', () => {
    const history = { epochs: [], loss: [], stepLoss: [], valLoss: [], metrics: {}, lr: [] } as unknown as History;
    recordEpoch(history, { epoch: 1, loss: 0.5, lr: 0.1, steps: 4, timeMs: 3, accuracy: 0.75 });
    recordEpoch(history, { epoch: 2, loss: 0.25, lr: 0.05, steps: 4, timeMs: 2, accuracy: 0.875, valLoss: 0.3, valAccuracy: 0.8 });
    expect(history.loss).toEqual([0.5, 0.25]);
    expect(history.lr).toEqual([0.1, 0.05]);
    expect(history.valLoss).toEqual([0.3]);
    expect(history.metrics).toEqual({ accuracy: [0.75, 0.875], valAccuracy: [0.8] });
    expect(history.epochs.map((e) => e.epoch)).toEqual([1, 2]);
  });
});
