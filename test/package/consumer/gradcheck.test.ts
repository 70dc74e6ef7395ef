// (c) vitest in the consumer: gradcheck a custom Module built on gradlab's public API.
import { Module, assertGradcheck, randn, tensor, type Tensor } from 'gradlab';
import { describe, expect, it } from 'vitest';

/** y = softplus(x·W + b)·v, with its own parameters, no built-in layer. */
class SoftplusHead extends Module {
  readonly w = randn([3, 4], { seed: 1, requiresGrad: true });
  readonly b = randn([4], { seed: 2, requiresGrad: true });
  readonly v = randn([4, 1], { seed: 3, requiresGrad: true });
  forward(x: Tensor): Tensor {
    return x.matmul(this.w).add(this.b).exp().add(1).log().matmul(this.v);
  }
}

describe('a custom Module in a project that installed gradlab', () => {
  it('has gradients that match finite differences', () => {
    const head = new SoftplusHead();
    const x = randn([5, 3], { seed: 4, requiresGrad: true });
    // gradcheck nudges each element of each input in place; the parameters are inputs too.
    const report = assertGradcheck((input) => head.forward(input), [x, head.w, head.b, head.v]);
    expect(report.passed).toBe(true);
    expect(head.parameters()).toHaveLength(3);
    expect(tensor([[1, 2]]).matmul(tensor([[3], [4]])).item()).toBe(11);
  });
});
