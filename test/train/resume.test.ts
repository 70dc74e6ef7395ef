import { describe, expect, it } from 'vitest';
import { BatchNorm1d } from '../../src/nn/normalization.ts';
import { Sequential, Linear } from '../../src/nn/layers.ts';
import { SGD } from '../../src/optim/index.ts';
import { tensor } from '../../src/tensor/index.ts';
import { snapshotTargets } from '../../src/train/resume.ts';

describe('snapshotTargets: what a failed resume puts back', () => {
  it("restores parameters and buffers (BatchNorm's running statistics) bit for bit", () => {
    const norm = new BatchNorm1d(2);
    const model = new Sequential(new Linear(2, 2, { seed: 0 }), norm);
    const optimizer = new SGD(model.parameters(), { lr: 0.1 });
    const undo = snapshotTargets(model, optimizer, null);
    model.forward(
      tensor([
        [1, 2],
        [3, 5],
      ]),
    ); // training mode: the running statistics move
    expect(Array.from(norm.runningVar.data)).not.toEqual([1, 1]);
    model.parameters()[0]!.data[0] = 42;
    undo();
    expect(Array.from(norm.runningMean.data)).toEqual([0, 0]);
    expect(Array.from(norm.runningVar.data)).toEqual([1, 1]);
    expect(norm.numBatchesTracked.data[0]).toBe(0);
    expect(model.parameters()[0]!.data[0]).not.toBe(42);
  });
});
