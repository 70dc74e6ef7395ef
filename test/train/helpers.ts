import { Tensor } from '../../src/tensor/index.ts';
import { Rng } from '../../src/util/random.ts';

/** Two Gaussian blobs in 2-D, class 1 shifted by (2, 2). */
export function blobs(n: number, seed: number): { x: Tensor; y: Int32Array } {
  const rng = new Rng(seed);
  const x = new Float64Array(2 * n);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 2;
    x[2 * i] = rng.normal() + 2 * y[i]!;
    x[2 * i + 1] = rng.normal() + 2 * y[i]!;
  }
  return { x: new Tensor(x, [n, 2]), y };
}

export const quiet = { quiet: true } as const;
export const weights = (m: { parameters(): Tensor[] }): number[][] => m.parameters().map((p) => Array.from(p.data));
