import { type Tensor, rand, randn, tensor } from '../../src/tensor/index.ts';
import { Rng } from '../../src/util/random.ts';

/** Seeded leaf tensors that require grad, shaped for checking gradients away from each op's trouble spots. */
export function samples(seed: number) {
  const rng = new Rng(seed);
  const uniform = (shape: number[], low: number, high: number): Tensor => {
    const t = rand(shape, { rng, low, high });
    t.requiresGrad = true;
    return t;
  };
  return {
    /** Standard normal. */
    normal: (shape: number[]): Tensor => randn(shape, { rng, requiresGrad: true }),
    /** Uniform in [low, high): keeps log/sqrt/pow inputs positive. */
    uniform,
    /** |x| ≥ 0.2 with random signs: away from the kinks of relu and abs at 0. */
    awayFromZero: (shape: number[]): Tensor => {
      const t = uniform(shape, 0.2, 2);
      for (let i = 0; i < t.size; i++) if (rng.uniform() < 0.5) t.data[i] = -t.data[i]!;
      return t;
    },
    /** Distinct, well separated values (a shuffled ramp) so max has no near-ties. */
    distinct: (shape: number[]): Tensor => {
      const n = shape.reduce((a, b) => a * b, 1);
      return tensor(
        Float64Array.from(rng.permutation(n), (v) => v * 0.5 - n / 4),
        { shape, requiresGrad: true },
      );
    },
  };
}
