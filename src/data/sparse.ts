import { Tensor } from '../tensor/index.ts';
import { resolveRng, type Rng } from '../util/random.ts';
import type { Dataset } from './dataset.ts';

export interface SparseClassificationOptions {
  /** Vocabulary size F (default 1000). */
  features?: number;
  /** Non-zero features per sample, k (default 10). */
  activePerSample?: number;
  /** Zipf exponent s: feature j (0-based rank) is drawn with weight 1/(j+1)^s (default 1.1). */
  zipfExponent?: number;
  /** Probability of flipping each label after the teacher assigns it (default 0). */
  labelNoise?: number;
  seed?: number | string;
  rng?: Rng;
}

/** A sparse set with the hidden teacher that labelled it. */
export interface SparseDataset extends Dataset {
  /** label = [x·w + b > 0] before label noise; w_j ~ N(0, 1) for every feature, rare or common. */
  teacher: { weights: Float64Array; bias: number };
  /** Zipf sampling weights of the features, normalised to sum 1 (feature j has rank j + 1). */
  frequencies: Float64Array;
}

/**
 * A bag-of-words-like binary classification set: each sample has exactly k of F binary features set
 * to 1, drawn without replacement with Zipf weights 1/(j+1)^s, so a few features occur in most samples
 * and most occur in a handful. A hidden linear teacher with N(0, 1) weights on every feature labels it;
 * the bias is the negative median score, so the classes are balanced (⌊N/2⌋ positives).
 *
 * Why adaptive optimizers help here: for logistic regression ∂L/∂w_j = mean_i (p_i − y_i)·x_ij is
 * zero for every sample without feature j, so a rare feature's gradient is tiny and plain SGD barely
 * moves its weight, though the teacher weights rare and common features alike. AdaGrad and Adam divide
 * each coordinate by its own gradient history, so rare features get larger effective steps.
 */
export function makeSparseClassification(n: number, options: SparseClassificationOptions = {}): SparseDataset {
  const f = options.features ?? 1000;
  const k = options.activePerSample ?? 10;
  const s = options.zipfExponent ?? 1.1;
  const labelNoise = options.labelNoise ?? 0;
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`makeSparseClassification: n must be an integer ≥ 2, got ${n}`);
  if (!Number.isInteger(f) || f < 2) throw new RangeError(`makeSparseClassification: features must be an integer ≥ 2, got ${f}`);
  if (!Number.isInteger(k) || k < 1 || k > f)
    throw new RangeError(`makeSparseClassification: activePerSample must be an integer in 1..${f} (features), got ${k}`);
  if (!(Number.isFinite(s) && s >= 0)) throw new RangeError(`makeSparseClassification: zipfExponent must be a finite number ≥ 0, got ${s}`);
  if (!(labelNoise >= 0 && labelNoise <= 0.5))
    throw new RangeError(`makeSparseClassification: labelNoise must be in [0, 0.5], got ${labelNoise}`);
  const rng = resolveRng(options);

  const frequencies = new Float64Array(f);
  let total = 0;
  for (let j = 0; j < f; j++) total += frequencies[j] = (j + 1) ** -s;
  for (let j = 0; j < f; j++) frequencies[j] = frequencies[j]! / total;
  const weights = new Float64Array(f);
  for (let j = 0; j < f; j++) weights[j] = rng.normal();

  const x = new Float64Array(n * f);
  const scores = new Float64Array(n);
  const chosen = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    sampleWithoutReplacement(frequencies, k, rng, chosen);
    let score = 0;
    for (const j of chosen) {
      x[i * f + j] = 1;
      score += weights[j]!;
    }
    scores[i] = score;
  }
  const sorted = Float64Array.from(scores).sort();
  const median = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  const bias = -median;
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = scores[i]! + bias > 0 ? 1 : 0;
    labels[i] = labelNoise > 0 && rng.uniform() < labelNoise ? 1 - label : label;
  }
  return {
    features: new Tensor(x, [n, f]),
    labels,
    featureNames: Array.from({ length: f }, (_, j) => `feature_${j}`),
    classNames: ['0', '1'],
    labelName: 'class',
    task: 'classification',
    name: 'sparse',
    teacher: { weights, bias },
    frequencies,
  };
}

/**
 * Weighted sampling of k distinct indices (Efraimidis–Spirakis): index j gets key log(u_j)/w_j and
 * the k largest keys win, which equals drawing one at a time proportionally to w among those left.
 */
function sampleWithoutReplacement(weights: Float64Array, k: number, rng: Rng, out: Int32Array): void {
  const keys = new Float64Array(k).fill(-Infinity);
  out.fill(-1);
  for (let j = 0; j < weights.length; j++) {
    let u = rng.uniform();
    while (u === 0) u = rng.uniform();
    const key = Math.log(u) / weights[j]!;
    if (key <= keys[k - 1]!) continue;
    // Insert into the top-k list, kept sorted descending.
    let p = k - 1;
    while (p > 0 && keys[p - 1]! < key) {
      keys[p] = keys[p - 1]!;
      out[p] = out[p - 1]!;
      p--;
    }
    keys[p] = key;
    out[p] = j;
  }
}
