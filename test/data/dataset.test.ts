import { describe, expect, it } from 'vitest';
import { tensor } from '../../src/tensor/index.ts';
import { classCounts, datasetSize, oneHot, subset, takeRows, type Dataset } from '../../src/data/dataset.ts';

const toy = (): Dataset => ({
  features: tensor([
    [1, 2],
    [3, 4],
    [5, 6],
  ]),
  labels: Int32Array.from([0, 1, 1]),
  featureNames: ['a', 'b'],
  classNames: ['no', 'yes'],
  labelName: 'answer',
  task: 'classification',
});

describe('takeRows / subset', () => {
  it('copies the chosen rows in order, for any rank', () => {
    expect(
      takeRows(
        tensor([
          [1, 2],
          [3, 4],
          [5, 6],
        ]),
        [2, 0, 2],
      ).toArray(),
    ).toEqual([
      [5, 6],
      [1, 2],
      [5, 6],
    ]);
    const images = tensor(
      Array.from({ length: 12 }, (_, i) => i),
      { shape: [3, 2, 2] },
    );
    const picked = takeRows(images, Int32Array.from([1]));
    expect(picked.shape).toEqual([1, 2, 2]);
    expect(Array.from(picked.data)).toEqual([4, 5, 6, 7]);
    expect(() => takeRows(images, [3])).toThrow('takeRows: row index 3 is out of range for 3 rows');
  });

  it('subsets features, labels and targets together without aliasing', () => {
    const ds = toy();
    const sub = subset(ds, [2, 0]);
    expect(sub.features.toArray()).toEqual([
      [5, 6],
      [1, 2],
    ]);
    expect(Array.from(sub.labels)).toEqual([1, 0]);
    expect(sub.classNames).toEqual(['no', 'yes']);
    sub.features.data[0] = 99;
    expect(ds.features.data[4]).toBe(5);
    const reg: Dataset = {
      ...ds,
      task: 'regression',
      labels: new Int32Array(0),
      classNames: [],
      targets: Float64Array.from([0.5, 1.5, 2.5]),
    };
    const rsub = subset(reg, [1, 2]);
    expect(Array.from(rsub.targets ?? [])).toEqual([1.5, 2.5]);
    expect(rsub.labels.length).toBe(0);
    expect(datasetSize(rsub)).toBe(2);
  });

  it('counts classes', () => {
    expect(classCounts(toy())).toEqual([1, 2]);
  });
});

describe('oneHot', () => {
  it('puts a 1 at each label', () => {
    expect(oneHot(Int32Array.from([2, 0, 1]), 3).toArray()).toEqual([
      [0, 0, 1],
      [1, 0, 0],
      [0, 1, 0],
    ]);
    expect(oneHot([1, 0]).shape).toEqual([2, 2]);
    expect(oneHot([1, 0], 4).toArray()).toEqual([
      [0, 1, 0, 0],
      [1, 0, 0, 0],
    ]);
  });

  it('rejects labels outside 0..C-1 and bad class counts', () => {
    expect(() => oneHot([0, 3, 1], 3)).toThrow('oneHot: label 3 at index 1 is out of range for 3 classes (expected an integer in 0..2)');
    expect(() => oneHot([0, -1], 2)).toThrow('oneHot: label -1 at index 1 is out of range for 2 classes (expected an integer in 0..1)');
    expect(() => oneHot([0, 1.5], 3)).toThrow('oneHot: label 1.5 at index 1 is out of range');
    expect(() => oneHot([0], 0)).toThrow('oneHot: numClasses must be a positive integer, got 0');
  });
});
