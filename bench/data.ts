import { readFileSync } from 'node:fs';
import { Rng } from '../src/util/random.ts';

/** A classification data set as flat row-major features [n, features] and integer labels. */
export interface Table {
  x: Float64Array;
  y: Int32Array;
  n: number;
  features: number;
  classes: number;
}

/**
 * Synthetic seeded data: Gaussian features; two classes are XOR-like (the sign of x₀·x₁), more
 * come from a random linear teacher (argmax of x·T), so the models have something real to learn.
 */
export function synthetic(n: number, features: number, classes: number, seed: number): Table {
  const rng = new Rng(seed);
  const x = new Float64Array(n * features);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  const teacher = new Float64Array(features * classes);
  for (let i = 0; i < teacher.length; i++) teacher[i] = rng.normal();
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * features;
    if (classes === 2) {
      y[i] = x[row]! * x[row + 1]! > 0 ? 1 : 0;
      continue;
    }
    let best = -Infinity;
    for (let c = 0; c < classes; c++) {
      let s = 0;
      for (let f = 0; f < features; f++) s += x[row + f]! * teacher[f * classes + c]!;
      if (s > best) [best, y[i]] = [s, c];
    }
  }
  return { x, y, n, features, classes };
}

/** The 1,797 8×8 digits (pixels 0–16, scaled to 0–1), parsed simply: a header, then numbers, label last. */
export function digits(): Table {
  const lines = readFileSync(new URL('../datasets/digits.csv', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  const features = lines[0]!.split(',').length - 1;
  const x = new Float64Array(lines.length * features);
  const y = new Int32Array(lines.length);
  lines.forEach((line, i) => {
    const cells = line.split(',');
    for (let f = 0; f < features; f++) x[i * features + f] = Number(cells[f]) / 16;
    y[i] = Number(cells[features]);
  });
  return { x, y, n: lines.length, features, classes: 10 };
}

/** Rows `indices` of a table's features, gathered into `out` (reused across batches). */
export function gatherRows(table: Table, indices: ArrayLike<number>, start: number, count: number, out: Float64Array | Float32Array): void {
  const f = table.features;
  for (let r = 0; r < count; r++) {
    const src = indices[start + r]! * f;
    for (let j = 0; j < f; j++) out[r * f + j] = table.x[src + j]!;
  }
}

/** Seeded initial weights, shared by both sides so gradlab and TF.js train the very same model. */
export function initWeights(sizes: readonly number[], seed: number): { w: Float64Array; b: Float64Array }[] {
  const rng = new Rng(seed);
  const layers = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l]!,
      fanOut = sizes[l + 1]!;
    const w = new Float64Array(fanIn * fanOut);
    const scale = Math.sqrt(2 / fanIn); // He initialisation
    for (let i = 0; i < w.length; i++) w[i] = rng.normal() * scale;
    layers.push({ w, b: new Float64Array(fanOut) });
  }
  return layers;
}
