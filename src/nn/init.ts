import { Tensor } from '../tensor/tensor.ts';
import type { Rng } from '../util/random.ts';

export type InitName = 'xavier' | 'he' | 'zeros';

/**
 * Weight initialisation for a [fanIn, fanOut] matrix.
 * - xavier (Glorot uniform): U(−a, a), a = √(6 / (fanIn + fanOut)) — keeps tanh/sigmoid activations' variance.
 * - he (Kaiming normal): N(0, 2 / fanIn) — compensates ReLU zeroing half its inputs.
 * - zeros: all zero (fine for convex models such as logistic regression).
 */
export function initWeight(init: InitName, fanIn: number, fanOut: number, rng: Rng): Tensor {
  const data = new Float64Array(fanIn * fanOut);
  if (init === 'xavier') {
    const a = Math.sqrt(6 / (fanIn + fanOut));
    for (let i = 0; i < data.length; i++) data[i] = (2 * rng.uniform() - 1) * a;
  } else if (init === 'he') {
    const std = Math.sqrt(2 / fanIn);
    for (let i = 0; i < data.length; i++) data[i] = rng.normal() * std;
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- validates input from untyped (JavaScript or JSON) callers
  } else if (init !== 'zeros') {
    throw new RangeError(`init: unknown initialisation "${String(init)}" (allowed: xavier, he, zeros)`);
  }
  return new Tensor(data, [fanIn, fanOut], true);
}
