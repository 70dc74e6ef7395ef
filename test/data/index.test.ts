import { describe, expect, it } from 'vitest';
import { StandardScaler, batches, classCounts, oneHot, trainTestSplit } from '../../src/data/index.ts';
import { loadDataset } from '../../src/node/bundled.ts';

describe('data pipeline through the public index', () => {
  it('load → stratified split → scale on train → shuffled batches → one-hot', () => {
    const { train, test } = trainTestSplit(loadDataset('iris'), { testSize: 0.2, seed: 0 });
    const scaler = new StandardScaler().fit(train.features);
    const x = scaler.transform(train.features);
    const loader = batches({ x, y: train.labels }, { batchSize: 16, shuffle: true, seed: 0 });
    expect(loader.length).toBe(8); // ⌈120 / 16⌉
    const seen = new Int32Array(120);
    for (const batch of loader) {
      batch.indices.forEach((i) => (seen[i] = seen[i]! + 1));
      const targets = oneHot(batch.y, 3);
      expect(targets.shape).toEqual([batch.indices.length, 3]);
      batch.y.forEach((label, k) => expect(targets.data[3 * k + label]).toBe(1));
    }
    expect(Array.from(seen).every((c) => c === 1)).toBe(true);
    expect(classCounts(test)).toEqual([10, 10, 10]);
  });
});
