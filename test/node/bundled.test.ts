import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetPath, listDatasets, loadDataset, type BundledDatasetName } from '../../src/node/bundled.ts';
import { classCounts } from '../../src/data/dataset.ts';

const row = (name: BundledDatasetName, i: number): number[] => {
  const ds = loadDataset(name);
  const f = ds.features.shape[1]!;
  return Array.from(ds.features.data.subarray(i * f, (i + 1) * f));
};

describe('loadDataset', () => {
  it('iris: 150×4 in cm, species in order of appearance', () => {
    const ds = loadDataset('iris');
    expect(ds.features.shape).toEqual([150, 4]);
    expect(row('iris', 0)).toEqual([5.1, 3.5, 1.4, 0.2]);
    expect(row('iris', 149)).toEqual([5.9, 3, 5.1, 1.8]);
    expect(ds.labels[0]).toBe(0);
    expect(ds.labels[149]).toBe(2);
    expect(ds.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(ds.featureNames).toEqual(['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm']);
    expect(ds.labelName).toBe('species');
    expect(classCounts(ds)).toEqual([50, 50, 50]);
    expect(ds.name).toBe('iris');
  });

  it('wine: 178×13, cultivars 0, 1, 2 in numeric order', () => {
    const ds = loadDataset('wine');
    expect(ds.features.shape).toEqual([178, 13]);
    expect(row('wine', 0)).toEqual([14.23, 1.71, 2.43, 15.6, 127, 2.8, 3.06, 0.28, 2.29, 5.64, 1.04, 3.92, 1065]);
    expect(ds.classNames).toEqual(['0', '1', '2']);
    expect(classCounts(ds)).toEqual([59, 71, 48]);
    expect(ds.labelName).toBe('cultivar');
  });

  it('breast-cancer: 569×30, malignant first as in the file', () => {
    const ds = loadDataset('breast-cancer');
    expect(ds.features.shape).toEqual([569, 30]);
    expect(ds.labelName).toBe('diagnosis');
    expect(ds.classNames).toEqual(['malignant', 'benign']);
    expect(classCounts(ds)).toEqual([212, 357]);
    expect(row('breast-cancer', 0).slice(0, 4)).toEqual([17.99, 10.38, 122.8, 1001]);
    expect(ds.featureNames[2]).toBe('mean_perimeter');
  });

  it('digits: 1797×64 pixel counts 0–16, digits 0–9', () => {
    const ds = loadDataset('digits');
    expect(ds.features.shape).toEqual([1797, 64]);
    expect(ds.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(classCounts(ds)).toEqual([178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
    expect(Math.min(...ds.features.data)).toBe(0);
    expect(Math.max(...ds.features.data)).toBe(16);
    expect(row('digits', 0).slice(0, 8)).toEqual([0, 0, 5, 13, 9, 1, 0, 0]);
    expect(ds.featureNames[9]).toBe('pixel_1_1');
  });

  it('finds the files from any working directory and rejects unknown names', () => {
    expect(existsSync(datasetPath('iris'))).toBe(true);
    const cwd = process.cwd();
    try {
      process.chdir('/');
      expect(loadDataset('iris').features.shape).toEqual([150, 4]);
    } finally {
      process.chdir(cwd);
    }
    expect(() => loadDataset('mnist' as BundledDatasetName)).toThrow(
      'loadDataset: unknown dataset "mnist"; available: iris, wine, breast-cancer, digits',
    );
  });
});

describe('listDatasets', () => {
  it('lists each bundled set with metadata that matches the file', () => {
    const list = listDatasets();
    expect(list.map((d) => d.name)).toEqual(['iris', 'wine', 'breast-cancer', 'digits']);
    for (const info of list) {
      const ds = loadDataset(info.name);
      expect([info.rows, info.features, info.classes]).toEqual([ds.features.shape[0], ds.features.shape[1], ds.classNames.length]);
      expect(info.description.length).toBeGreaterThan(20);
      expect(info.source).toMatch(/UCI Machine Learning Repository, CC BY 4\.0/);
    }
  });
});
