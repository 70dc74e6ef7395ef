import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '../../src/tensor/index.ts';
import { crossEntropy } from '../../src/nn/losses.ts';

/** PyTorch float64 reference (see `about` in the fixture): h = tanh(X@W1+b1); logits = h@W2+b2; mean softmax CE. */
interface Fixture {
  about: string;
  X: number[][];
  y: number[];
  init: Record<'W1' | 'b1' | 'W2' | 'b2', number[] | number[][]>;
  initialLoss: number;
  initialGrad: Record<'W1' | 'b1' | 'W2' | 'b2', number[] | number[][]>;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/optim-trajectories.json', import.meta.url), 'utf8')) as Fixture;
const names = ['W1', 'b1', 'W2', 'b2'] as const;

/** Largest elementwise |ours − ref| / |ref|. */
function maxRelError(ours: Float64Array, ref: number[]): number {
  return ref.reduce((m, r, i) => Math.max(m, Math.abs(ours[i]! - r) / Math.abs(r)), 0);
}

function forward(params: Record<(typeof names)[number], Tensor>): Tensor {
  const h = tensor(fixture.X).matmul(params.W1).add(params.b1).tanh();
  return crossEntropy(h.matmul(params.W2).add(params.b2), fixture.y);
}

describe('PyTorch reference: the two-layer tanh MLP in optim-trajectories.json', () => {
  it('reproduces the initial loss and every gradient to 1e-12 relative', () => {
    const params = Object.fromEntries(names.map((n) => [n, tensor(fixture.init[n], { requiresGrad: true })])) as Record<
      (typeof names)[number],
      Tensor
    >;
    const loss = forward(params);
    expect(Math.abs(loss.item() - fixture.initialLoss) / fixture.initialLoss).toBeLessThan(1e-12);
    loss.backward();
    for (const n of names) {
      const ref = (fixture.initialGrad[n] as (number | number[])[]).flat();
      expect(params[n].grad!.size).toBe(ref.length);
      expect(maxRelError(params[n].grad!.data, ref), `gradient of ${n}`).toBeLessThan(1e-12);
    }
  });

  it('gets the same numbers when cross-entropy is composed from logSoftmax', () => {
    const params = Object.fromEntries(names.map((n) => [n, tensor(fixture.init[n], { requiresGrad: true })])) as Record<
      (typeof names)[number],
      Tensor
    >;
    const h = tensor(fixture.X).matmul(params.W1).add(params.b1).tanh();
    const logp = h.matmul(params.W2).add(params.b2).logSoftmax();
    const onehot = tensor(fixture.y.map((c) => [c === 0 ? 1 : 0, c === 1 ? 1 : 0]));
    const loss = logp.mul(onehot).sum(1).mean().neg();
    expect(Math.abs(loss.item() - fixture.initialLoss) / fixture.initialLoss).toBeLessThan(1e-12);
    loss.backward();
    for (const n of names)
      expect(maxRelError(params[n].grad!.data, (fixture.initialGrad[n] as (number | number[])[]).flat()), n).toBeLessThan(1e-12);
  });
});
