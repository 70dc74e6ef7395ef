// Correct models and models with one planted bug each, for the tests of checkModel and the assertions.
import { Linear, MLP, Module } from '../../src/nn/index.ts';
import { Tensor, randn } from '../../src/tensor/index.ts';
import { Rng } from '../../src/util/random.ts';

/** A small linearly separable batch: 32 rows, two balanced classes around (−1, −1) and (1, 1), every row at least 0.5 from the boundary x₀ + x₁ = 0. */
export function separable(): { x: Tensor; y: Int32Array } {
  const rng = new Rng(4);
  const x: number[] = [];
  const y: number[] = [];
  while (y.length < 32) {
    const label = y.length % 2;
    const a = (label ? 1 : -1) + 0.6 * rng.normal(),
      b = (label ? 1 : -1) + 0.6 * rng.normal();
    if ((label ? 1 : -1) * (a + b) < 0.5) continue;
    x.push(a, b);
    y.push(label);
  }
  return { x: new Tensor(Float64Array.from(x), [32, 2]), y: Int32Array.from(y) };
}

/** An MLP as it comes (its last layer starts small, so its loss at init is near log C). */
export const mlp = (seed = 1): MLP => new MLP([2, 16, 2], { seed });

/** softplus(x) = log(1 + eˣ) as a custom op; its derivative σ(x), or with the bug tanh(x). */
export function softplus(x: Tensor, broken = false): Tensor {
  const out = x.data.map((v) => Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))));
  return Tensor.fromOp('softplus', out, [...x.shape], [x], (g) => [
    g.map((gi, i) => gi * (broken ? Math.tanh(x.data[i]!) : 1 / (1 + Math.exp(-x.data[i]!)))),
  ]);
}

/** h = x·W₀; out = (h + softplus(h·W₁))·W₂: a residual block around a custom op. */
export class Residual extends Module {
  readonly inp: Linear;
  readonly block: Linear;
  readonly head: Linear;
  constructor(
    seed = 1,
    readonly bug: 'none' | 'backward' | 'detach' | 'unused' | 'batchNorm' | 'nan' | 'doubleSoftmax' | 'bigHead' | 'evalNoise' = 'none',
  ) {
    super();
    this.inp = new Linear(2, 8, { seed });
    this.block = new Linear(8, 8, { seed: seed + 1 });
    this.head = new Linear(8, 2, { seed: seed + 2 });
    if (bug === 'bigHead') this.head.weight.data.forEach((v, i, a) => (a[i] = v * 30));
    else this.head.weight.data.forEach((v, i, a) => (a[i] = v * 0.1));
    if (bug === 'unused') this.extra = new Tensor(new Float64Array(8), [8], true);
  }
  extra: Tensor | null = null;
  forward(x: Tensor): Tensor {
    let h = this.inp.forward(x).tanh();
    if (this.bug === 'detach') h = h.detach();
    if (this.bug === 'batchNorm') h = h.sub(h.mean(0, true));
    if (this.bug === 'nan') h = h.log();
    const out = this.head.forward(h.add(softplus(this.block.forward(h), this.bug === 'backward')));
    if (this.bug === 'doubleSoftmax') return out.softmax(1);
    if (this.bug === 'evalNoise') return out.add(randn(out.shape).mul(0.01));
    return out;
  }
}
