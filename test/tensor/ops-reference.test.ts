import { describe, expect, it } from 'vitest';
import { Tensor, assertGradcheck, assertGradgradcheck } from '../../src/tensor/index.ts';
import { assertClose } from '../../src/testing/index.ts';
import { AT_KINKS, OPS, opsFixture } from '../support/ops.ts';

/** Every element within 1e-9 + 1e-9·|reference| of PyTorch's (torch.testing's rule, by gradlab/testing). */
function expectClose(actual: Tensor, expected: number[], what: string): void {
  assertClose(Array.from(actual.data), expected, { rtol: 1e-9, atol: 1e-9, name: what });
}

const inputsOf = (c: (typeof opsFixture.cases)[number], requiresGrad: boolean): Tensor[] =>
  c.inputs.map((x) => new Tensor(Float64Array.from(x.data), x.shape, requiresGrad));

describe('ops, functional layers and losses match PyTorch float64 (test/fixtures/ops.json)', () => {
  it('covers every function of the script', () => {
    expect(opsFixture.cases.map((c) => c.name).sort()).toEqual(Object.keys(OPS).sort());
  });
  for (const c of opsFixture.cases) {
    const f = OPS[c.name]!;
    it(`${c.name}: value${c.grads ? ', gradient, gradcheck and gradgradcheck' : ''}`, () => {
      const xs = inputsOf(c, c.grads !== undefined);
      const out = f(...xs);
      expect(out.shape).toEqual(c.outputShape);
      expectClose(out, c.output, 'value');
      if (!c.grads) {
        expect(out.requiresGrad).toBe(false);
        return;
      }
      out
        .mul(new Tensor(Float64Array.from(c.r), c.outputShape))
        .sum()
        .backward();
      xs.forEach((x, i) => expectClose(x.grad!, c.grads![i]!, `gradient of input ${i}`));
      if (AT_KINKS.has(c.name)) return;
      assertGradcheck(f, inputsOf(c, true));
      assertGradgradcheck(f, inputsOf(c, true));
    });
  }
});
