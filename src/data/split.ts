import { resolveRng, type Rng } from '../util/random.ts';
import { classCounts, datasetSize, subset, type Dataset } from './dataset.ts';

export interface SplitOptions {
  /** Fraction of samples in (0, 1), or a whole number of samples, for the test part (default 0.2). */
  testSize?: number;
  /** Keep each class's proportion in both parts (default true for classification; ignored for regression). */
  stratify?: boolean;
  seed?: number | string;
  rng?: Rng;
}

/**
 * A seeded random train/test split, both parts shuffled. The test part has ⌈testSize·N⌉ samples (as
 * scikit-learn). Stratified, each class contributes its share of the test samples: ⌊n_c·n_test/N⌋,
 * with the remaining samples going to the classes with the largest fractional parts (ties broken at
 * random), the same per-class rounding as scikit-learn's StratifiedShuffleSplit.
 */
export function trainTestSplit<D extends Dataset>(dataset: D, options: SplitOptions = {}): { train: D; test: D } {
  const n = datasetSize(dataset);
  const nTest = testCount(n, options.testSize ?? 0.2);
  const rng = resolveRng(options);
  const stratify = (options.stratify ?? true) && dataset.task === 'classification';
  let trainIdx: number[];
  let testIdx: number[];
  if (stratify) {
    const counts = classCounts(dataset);
    const present = counts.filter((c) => c > 0).length;
    const smallest = counts.reduce((m, c) => (c > 0 ? Math.min(m, c) : m), Infinity);
    if (smallest < 2)
      throw new RangeError(
        `trainTestSplit: cannot stratify: the least populated class has only ${smallest} sample (each needs ≥ 2); pass stratify: false`,
      );
    if (nTest < present || n - nTest < present) {
      throw new RangeError(
        `trainTestSplit: cannot stratify ${present} classes into ${n - nTest} train and ${nTest} test samples (each part needs at least as many samples as there are classes); change testSize or pass stratify: false`,
      );
    }
    const perClassTest = apportion(counts, nTest, rng);
    const byClass: number[][] = counts.map(() => []);
    dataset.labels.forEach((label, i) => byClass[label]?.push(i));
    trainIdx = [];
    testIdx = [];
    byClass.forEach((members, c) => {
      rng.shuffle(members);
      const t = perClassTest[c]!;
      // Element by element: push(...members) overflows the call stack for a class of ~125k rows.
      for (let i = 0; i < members.length; i++) (i < t ? testIdx : trainIdx).push(members[i]!);
    });
    rng.shuffle(trainIdx);
    rng.shuffle(testIdx);
  } else {
    const order = Array.from(rng.permutation(n));
    testIdx = order.slice(0, nTest);
    trainIdx = order.slice(nTest);
  }
  return { train: subset(dataset, trainIdx) as D, test: subset(dataset, testIdx) as D };
}

function testCount(n: number, testSize: number): number {
  let nTest: number;
  if (testSize > 0 && testSize < 1) nTest = Math.ceil(testSize * n);
  else if (Number.isInteger(testSize) && testSize >= 1) nTest = testSize;
  else throw new RangeError(`trainTestSplit: testSize must be a fraction in (0, 1) or a whole number of samples ≥ 1, got ${testSize}`);
  if (nTest >= n) throw new RangeError(`trainTestSplit: testSize ${testSize} leaves no training samples out of ${n}`);
  return nTest;
}

/**
 * Splits `total` draws among classes in proportion to `counts`: floors first, then one more to the
 * largest remainders (ties in random order), like scikit-learn's _approximate_mode.
 */
export function apportion(counts: readonly number[], total: number, rng: Rng): number[] {
  const n = counts.reduce((a, b) => a + b, 0);
  const exact = counts.map((c) => (c * total) / n);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const remainders = [...new Set(exact.map((e, i) => e - out[i]!))].sort((a, b) => b - a);
  for (const r of remainders) {
    if (left <= 0) break;
    const tied = rng.shuffle(counts.map((_, i) => i).filter((i) => r === exact[i]! - out[i]!));
    for (const i of tied.slice(0, left)) out[i] = out[i]! + 1;
    left -= Math.min(left, tied.length);
  }
  return out;
}
