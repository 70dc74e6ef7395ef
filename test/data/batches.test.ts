import { describe, expect, it } from 'vitest';
import { tensor } from '../../src/tensor/index.ts';
import { Rng } from '../../src/util/random.ts';
import { batches } from '../../src/data/batches.ts';
import { loadDataset } from '../../src/node/bundled.ts';
import type { Dataset } from '../../src/data/dataset.ts';

/** 10 samples: x row i is [i, 100 + i], label i mod 3. */
const x = tensor(Array.from({ length: 10 }, (_, i) => [i, 100 + i]));
const y = Int32Array.from({ length: 10 }, (_, i) => i % 3);

const epochIndices = (loader: Iterable<{ indices: Int32Array }>): number[] => [...loader].flatMap((b) => Array.from(b.indices));

describe('batches', () => {
  it('in order without shuffle: sizes 4, 4, 2 and rows matching indices', () => {
    const loader = batches({ x, y }, { batchSize: 4 });
    const list = [...loader];
    expect(loader.length).toBe(3);
    expect(loader.size).toBe(10);
    expect(list.map((b) => b.x.shape)).toEqual([
      [4, 2],
      [4, 2],
      [2, 2],
    ]);
    expect(list[2]?.x.toArray()).toEqual([
      [8, 108],
      [9, 109],
    ]);
    expect(Array.from(list[1]?.y ?? [])).toEqual([1, 2, 0, 1]); // labels of 4..7
    expect(list[1]?.y).toBeInstanceOf(Int32Array);
  });

  it('dropLast drops the short final batch', () => {
    const loader = batches({ x, y }, { batchSize: 4, dropLast: true });
    expect(loader.length).toBe(2);
    expect(epochIndices(loader)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(() => batches({ x, y }, { batchSize: 11, dropLast: true })).toThrow(
      'batches: batchSize 11 with dropLast leaves no batch of 10 samples; use batchSize ≤ 10 or dropLast: false',
    );
  });

  it('GD, SGD and mini-batch are batch sizes N (or more), 1 and k', () => {
    const full = [...batches({ x, y }, { batchSize: 50 })];
    expect(full.length).toBe(1);
    expect(full[0]?.x.shape).toEqual([10, 2]);
    expect([...batches({ x, y }, { batchSize: 1 })].length).toBe(10);
    expect([...batches({ x, y }, { batchSize: 3 })].map((b) => b.indices.length)).toEqual([3, 3, 3, 1]);
  });

  it('shuffled: each epoch covers every index once, with a new permutation each epoch', () => {
    const loader = batches({ x, y }, { batchSize: 3, shuffle: true, seed: 42 });
    const epochs = [epochIndices(loader), epochIndices(loader), epochIndices(loader)];
    for (const e of epochs) expect([...e].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(epochs[0]).not.toEqual(epochs[1]);
    expect(epochs[1]).not.toEqual(epochs[2]);
    for (const b of loader) {
      b.indices.forEach((i, k) => {
        expect(b.x.data[2 * k]).toBe(i);
        expect(b.y[k]).toBe(i % 3);
      });
    }
  });

  it('is deterministic: the same seed gives the same epochs; a shared Rng continues its stream', () => {
    const a = batches({ x, y }, { batchSize: 4, shuffle: true, seed: 7 });
    const b = batches({ x, y }, { batchSize: 4, shuffle: true, seed: 7 });
    expect([epochIndices(a), epochIndices(a)]).toEqual([epochIndices(b), epochIndices(b)]);
    const rng = new Rng(7);
    const first = epochIndices(batches({ x, y }, { batchSize: 4, shuffle: true, rng }));
    const second = epochIndices(batches({ x, y }, { batchSize: 4, shuffle: true, rng }));
    expect(first).toEqual(Array.from(new Rng(7).permutation(10)));
    expect(second).not.toEqual(first);
  });

  it('batches Float64Array targets, Tensor targets and datasets', () => {
    const targets = Float64Array.from({ length: 10 }, (_, i) => i / 2);
    const [fb] = [...batches({ x, y: targets }, { batchSize: 2 })];
    expect(fb?.y).toEqual(Float64Array.from([0, 0.5]));
    const yt = tensor(Array.from({ length: 10 }, (_, i) => [i, -i]));
    const [tb] = [...batches({ x, y: yt }, { batchSize: 2, shuffle: true, seed: 1 })];
    expect(tb?.y.shape).toEqual([2, 2]);
    tb?.indices.forEach((i, k) => expect(tb.y.data[2 * k + 1]).toBe(-i));
    const iris = loadDataset('iris');
    const irisBatches = [...batches(iris, { batchSize: 32 })];
    expect(irisBatches.map((b) => b.x.shape[0])).toEqual([32, 32, 32, 32, 22]);
    expect(Array.from(irisBatches[4]?.y ?? []).every((l) => l === 2)).toBe(true);
  });

  it('gives clear errors', () => {
    expect(() => batches({ x, y }, { batchSize: 0 })).toThrow('batches: batchSize must be a positive integer, got 0');
    expect(() => batches({ x, y }, { batchSize: 2.5 })).toThrow('batches: batchSize must be a positive integer, got 2.5');
    expect(() => batches({ x, y: new Int32Array(9) }, { batchSize: 2 })).toThrow('batches: x has 10 rows (shape [10, 2]) but y has 9');
    const reg: Dataset = {
      ...loadDataset('iris'),
      task: 'regression',
      labels: new Int32Array(0),
      targets: new Float64Array(150),
      classNames: [],
    };
    expect(() => batches(reg, { batchSize: 2 })).toThrow(
      'batches: a regression dataset has no labels; pass { x: dataset.features, y: dataset.targets }',
    );
  });
});
