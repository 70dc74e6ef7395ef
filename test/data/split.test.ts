import { describe, expect, it } from 'vitest';
import { Tensor, tensor } from '../../src/tensor/index.ts';
import { Rng } from '../../src/util/random.ts';
import { loadDataset } from '../../src/node/bundled.ts';
import { classCounts, type Dataset } from '../../src/data/dataset.ts';
import { apportion, trainTestSplit } from '../../src/data/split.ts';

/** Row i of the features, as a string key, to match split rows back to the source. */
const rowKeys = (ds: Dataset): string[] => {
  const f = ds.features.shape[1]!;
  return Array.from(
    { length: ds.features.shape[0]! },
    (_, i) => `${Array.from(ds.features.data.subarray(i * f, (i + 1) * f)).join(',')}|${ds.labels[i]!}`,
  );
};

describe('trainTestSplit', () => {
  it('stratified iris 0.2: 120/30 with exactly 10 test samples per species', () => {
    const iris = loadDataset('iris');
    const { train, test } = trainTestSplit(iris, { testSize: 0.2, seed: 0, stratify: true });
    expect(train.features.shape).toEqual([120, 4]);
    expect(test.features.shape).toEqual([30, 4]);
    expect(classCounts(test)).toEqual([10, 10, 10]);
    expect(classCounts(train)).toEqual([40, 40, 40]);
    // Every original row lands in exactly one part, with its own label.
    expect([...rowKeys(train), ...rowKeys(test)].sort()).toEqual(rowKeys(iris).sort());
  });

  it('stratified wine 0.25 rounds per class: 59, 71, 48 → 15, 18, 12 of 45', () => {
    // Exact shares 14.916, 17.949, 12.135: floors 14, 17, 12 leave 2 for the largest remainders.
    const { test } = trainTestSplit(loadDataset('wine'), { testSize: 0.25, seed: 5 });
    expect(test.features.shape[0]).toBe(45);
    expect(classCounts(test)).toEqual([15, 18, 12]);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const iris = loadDataset('iris');
    const a = trainTestSplit(iris, { seed: 1 });
    const b = trainTestSplit(iris, { seed: 1 });
    const c = trainTestSplit(iris, { seed: 2 });
    expect(a.test.features.data).toEqual(b.test.features.data);
    expect(a.train.labels).toEqual(b.train.labels);
    expect(a.test.features.data).not.toEqual(c.test.features.data);
  });

  it('unstratified: ⌈testSize·N⌉ test rows, or a whole count; regression sets split targets', () => {
    const reg: Dataset = {
      features: tensor(Array.from({ length: 10 }, (_, i) => [i])),
      labels: new Int32Array(0),
      targets: Float64Array.from({ length: 10 }, (_, i) => 10 * i),
      featureNames: ['x'],
      classNames: [],
      labelName: 'y',
      task: 'regression',
    };
    const { train, test } = trainTestSplit(reg, { testSize: 0.25, seed: 4 });
    expect(test.features.shape[0]).toBe(3); // ⌈2.5⌉
    expect(train.features.shape[0]).toBe(7);
    for (const part of [train, test]) part.features.data.forEach((x, i) => expect(part.targets?.[i]).toBe(10 * x));
    const seen = [...train.features.data, ...test.features.data].sort((p, q) => p - q);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(trainTestSplit(reg, { testSize: 4, seed: 4 }).test.features.shape[0]).toBe(4);
    expect(trainTestSplit(loadDataset('iris'), { stratify: false, seed: 0, testSize: 0.1 }).test.features.shape[0]).toBe(15);
  });

  it('rejects bad sizes and unstratifiable data', () => {
    const iris = loadDataset('iris');
    expect(() => trainTestSplit(iris, { testSize: 1.5 })).toThrow(
      'trainTestSplit: testSize must be a fraction in (0, 1) or a whole number of samples ≥ 1, got 1.5',
    );
    expect(() => trainTestSplit(iris, { testSize: 0 })).toThrow('got 0');
    expect(() => trainTestSplit(iris, { testSize: 150 })).toThrow('trainTestSplit: testSize 150 leaves no training samples out of 150');
    expect(() => trainTestSplit(iris, { testSize: 2 })).toThrow(
      'trainTestSplit: cannot stratify 3 classes into 148 train and 2 test samples',
    );
    const lonely: Dataset = {
      ...iris,
      labels: Int32Array.from(iris.labels, (l, i) => (i === 0 ? 3 : l)),
      classNames: [...iris.classNames, 'rare'],
    };
    expect(() => trainTestSplit(lonely)).toThrow('trainTestSplit: cannot stratify: the least populated class has only 1 sample');
  });
});

describe('apportion', () => {
  it('floors then gives the leftovers to the largest remainders', () => {
    expect(apportion([50, 50, 50], 30, new Rng(0))).toEqual([10, 10, 10]);
    expect(apportion([59, 71, 48], 45, new Rng(0))).toEqual([15, 18, 12]);
    // Shares 0.8, 1.2, 2.0: floors 0, 1, 2 leave one draw for the largest remainder (0.8).
    expect(apportion([2, 3, 5], 4, new Rng(0))).toEqual([1, 1, 2]);
    // Ties (four equal remainders of 0.5 for 2 draws) are broken at random but still sum to the total.
    const tied = apportion([1, 1, 1, 1], 2, new Rng(9));
    expect(tied.reduce((a, b) => a + b, 0)).toBe(2);
    expect(tied.every((t) => t === 0 || t === 1)).toBe(true);
  });
});

describe('trainTestSplit on large data', () => {
  it('a class of 300,000 rows splits (no array is spread into a call)', () => {
    const n = 300_000;
    const data: Dataset = {
      features: new Tensor(new Float64Array(n), [n, 1]),
      labels: new Int32Array(n).map((_, i) => (i % 10 === 0 ? 1 : 0)),
      featureNames: ['x'],
      classNames: ['a', 'b'],
      labelName: 'y',
      task: 'classification',
    };
    const { train, test } = trainTestSplit(data, { seed: 1 });
    expect([train.labels.length, test.labels.length]).toEqual([240_000, 60_000]);
    expect(classCounts(test)).toEqual([54_000, 6_000]);
  });
});
