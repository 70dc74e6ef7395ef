import { describe, expect, it } from 'vitest';
import { Tensor, tensor } from '../../src/tensor/index.ts';
import { StandardScaler } from '../../src/data/scaler.ts';
import { loadDataset } from '../../src/node/bundled.ts';
import { trainTestSplit } from '../../src/data/split.ts';
import { jsonRoundTrip } from '../support/json.ts';

describe('StandardScaler', () => {
  it('uses the population std (ddof 0) and maps a constant column to 0, not NaN', () => {
    // Column 0: 1, 3, 5 → mean 3, variance (4 + 0 + 4)/3 = 8/3. Column 1 is constant.
    const x = tensor([
      [1, 10],
      [3, 10],
      [5, 10],
    ]);
    const scaler = new StandardScaler().fit(x);
    expect(Array.from(scaler.mean ?? [])).toEqual([3, 10]);
    expect(scaler.scale?.[0]).toBeCloseTo(Math.sqrt(8 / 3), 15);
    expect(scaler.scale?.[1]).toBe(1);
    const z = scaler.transform(x).toArray() as number[][];
    const s = Math.sqrt(8 / 3);
    expect(z.map((r) => r[0])).toEqual([-2 / s, 0, 2 / s]);
    expect(z.map((r) => r[1])).toEqual([0, 0, 0]);
  });

  it('treats rounding-level variance of a constant column as zero', () => {
    // 0.1 summed 3 times is 0.30000000000000004, so the computed mean is off by one ulp.
    const z = new StandardScaler().fitTransform(tensor([[0.1], [0.1], [0.1]]));
    expect(Array.from(z.data).every((v) => Math.abs(v) < 1e-15)).toBe(true);
  });

  it('standardises iris to the known column means and stds', () => {
    const iris = loadDataset('iris');
    const scaler = new StandardScaler().fit(iris.features);
    // Column sums of the 150 iris rows: 876.5, 458.6, 563.7, 179.9.
    const mean = Array.from(scaler.mean ?? []);
    [876.5, 458.6, 563.7, 179.9].forEach((sum, j) => expect(mean[j]).toBeCloseTo(sum / 150, 12));
    const std = Array.from(scaler.scale ?? []);
    [0.82530129, 0.43441097, 1.75940407, 0.75969263].forEach((s, j) => expect(std[j]).toBeCloseTo(s, 7));
    const z = scaler.transform(iris.features);
    const again = new StandardScaler().fit(z);
    for (let j = 0; j < 4; j++) {
      expect(again.mean?.[j]).toBeCloseTo(0, 12);
      expect(again.scale?.[j]).toBeCloseTo(1, 12);
    }
  });

  it('fits on the training part only and reuses μ, σ on the test part', () => {
    const { train, test } = trainTestSplit(loadDataset('wine'), { seed: 3 });
    const scaler = new StandardScaler().fit(train.features);
    const f = 13;
    const n = train.features.shape[0]!;
    const col0 = Array.from({ length: n }, (_, i) => train.features.data[i * f]!);
    const mean0 = col0.reduce((a, b) => a + b, 0) / n;
    const std0 = Math.sqrt(col0.reduce((a, v) => a + (v - mean0) ** 2, 0) / n);
    expect(scaler.mean?.[0]).toBeCloseTo(mean0, 12);
    expect(scaler.scale?.[0]).toBeCloseTo(std0, 12);
    const full = new StandardScaler().fit(loadDataset('wine').features);
    expect(Math.abs((full.mean?.[0] ?? 0) - mean0)).toBeGreaterThan(1e-4);
    const z = scaler.transform(test.features);
    expect(z.data[5 * f]).toBeCloseTo((test.features.data[5 * f]! - mean0) / std0, 12);
  });

  it('round-trips through JSON and inverts', () => {
    const x = tensor([
      [1, -2],
      [4, 0],
      [7, 5],
    ]);
    const scaler = new StandardScaler().fit(x);
    const restored = StandardScaler.fromJSON(jsonRoundTrip(scaler.toJSON()));
    expect(restored.transform(x).data).toEqual(scaler.transform(x).data);
    const back = scaler.inverseTransform(scaler.transform(x));
    back.data.forEach((v, i) => expect(v).toBeCloseTo(x.data[i]!, 12));
  });

  it('gives clear errors', () => {
    const scaler = new StandardScaler();
    expect(() => scaler.transform(tensor([[1]]))).toThrow('StandardScaler.transform: the scaler is not fitted; call fit(x) first');
    expect(() => scaler.fit(tensor([1, 2]))).toThrow('StandardScaler.fit: expected a 2-D tensor [samples, features], got shape [2]');
    expect(() => scaler.fit(tensor([[1], [NaN]]))).toThrow('StandardScaler.fit: column 0 contains NaN or infinite values (row 1: NaN)');
    scaler.fit(
      tensor([
        [1, 2],
        [3, 4],
      ]),
    );
    expect(() => scaler.transform(tensor([[1, 2, 3]]))).toThrow('StandardScaler.transform: x has 3 columns but the scaler was fitted on 2');
    expect(() => StandardScaler.fromJSON({ mean: [0], scale: [] })).toThrow(
      'StandardScaler.fromJSON: expected { mean: number[], scale: number[] }',
    );
    expect(() => StandardScaler.fromJSON({ mean: [0], scale: [0] })).toThrow('StandardScaler.fromJSON: every scale must be > 0');
  });
});

describe('StandardScaler.transformInPlace', () => {
  it('gives the same bits as transform, written over the input', () => {
    const x = new Tensor(Float64Array.from([1, 10, 2, 20, 4, 70, 0.1, -3]), [4, 2]);
    const scaler = new StandardScaler().fit(x);
    const copy = new Tensor(x.data.slice(), [4, 2]);
    const expected = Array.from(scaler.transform(x).data);
    expect(scaler.transformInPlace(copy)).toBe(copy);
    expect(Array.from(copy.data)).toEqual(expected);
  });

  it('standardises values near the float64 limit (1e308) without overflow, and ordinary data as (x − μ) / σ exactly', () => {
    // The sum of 1e308 and 1e308 overflows; the scaler measures such a column in units of its largest value.
    const x = tensor([[1e308], [1e308], [-1e308], [-1e308]]);
    const scaler = new StandardScaler().fit(x);
    expect(scaler.mean![0]).toBe(0);
    expect(scaler.scale![0]).toBe(1e308);
    expect(Array.from(scaler.transform(x).data)).toEqual([1, 1, -1, -1]);
    // Here x − μ itself overflows (1.5e308 + 1e308): x/σ − μ/σ does not.
    const skewed = new StandardScaler().fit(tensor([[1.5e308], [-1e308], [-1e308], [-1e308]]));
    const z = skewed.transform(tensor([[1.5e308], [-1e308]])).data;
    expect(z[0]).toBeCloseTo(Math.sqrt(3), 12);
    expect(z[1]).toBeCloseTo(-1 / Math.sqrt(3), 12);
    expect(new StandardScaler().fit(tensor([[1e308], [1e308]])).scale![0]).toBe(1); // constant: σ = 1
    const plain = tensor([[1], [2], [4]]);
    const mean = 7 / 3;
    const sd = Math.sqrt(((1 - mean) ** 2 + (2 - mean) ** 2 + (4 - mean) ** 2) / 3);
    expect(Array.from(new StandardScaler().fitTransform(plain).data)).toEqual([1, 2, 4].map((v) => (v - mean) / sd));
  });
});
