import { describe, expect, it } from 'vitest';
import { Tensor, grad, hessian, hvp, jacobian, jvp, vjp } from '../../src/tensor/index.ts';
import { assertClose } from '../../src/testing/index.ts';
import { SCALAR, VECTOR, constants, fixture, tensorOf } from '../support/higher-order.ts';

/** Every element within 1e-9 + 1e-9·|reference| of PyTorch's (torch.testing's rule, by gradlab/testing). */
function expectClose(actual: Tensor | number, expected: number[] | number, what: string): void {
  const a = typeof actual === 'number' ? [actual] : Array.from(actual.data);
  assertClose(a, typeof expected === 'number' ? [expected] : expected, { rtol: 1e-9, atol: 1e-9, name: what });
}

describe('higher-order gradients match PyTorch float64 (test/fixtures/higher-order.json)', () => {
  it('covers every function of the script', () => {
    expect(fixture.scalar.map((c) => c.name).sort()).toEqual(Object.keys(SCALAR).sort());
    expect(fixture.vector.map((c) => c.name).sort()).toEqual(Object.keys(VECTOR).sort());
  });

  for (const c of fixture.scalar) {
    it(`${c.name}: value, gradient, Hessian, Hessian-vector product and a third derivative`, () => {
      const f = (x: Tensor): Tensor => SCALAR[c.name]!(x, constants(c));
      const x0 = tensorOf(c.x, c.shape);
      const v = tensorOf(c.v, c.shape),
        u = tensorOf(c.u, c.shape);
      const H = hessian(f, x0);
      expect(H.shape).toEqual([...c.shape, ...c.shape]);
      expectClose(H, c.hessian, 'hessian');
      expectClose(hvp(f, x0, v), c.hvp, 'hvp');
      const x = tensorOf(c.x, c.shape, true);
      const y = f(x);
      expectClose(y.item(), c.value, 'value');
      const [g] = grad(y, x, { createGraph: true });
      expectClose(g!, c.grad, 'grad');
      const [hv] = grad(g!, x, { gradOutputs: v, createGraph: true });
      expectClose(hv!, c.hvp, 'hvp by grad of grad');
      const [third] = grad(hv!, x, { gradOutputs: u });
      expectClose(third!, c.third, 'third derivative');
    });
  }

  for (const c of fixture.vector) {
    it(`${c.name}: Jacobian, vjp, jvp and the gradient of a vjp with respect to x and v`, () => {
      const f = (x: Tensor): Tensor => VECTOR[c.name]!(x, constants(c));
      const x0 = tensorOf(c.x, c.shape);
      const J = jacobian(f, x0);
      expect(J.shape).toEqual([...c.outputShape, ...c.shape]);
      expectClose(J, c.jacobian, 'jacobian');
      const [out, vj] = vjp(f, x0, tensorOf(c.v, c.outputShape));
      expectClose(out, c.output, 'output');
      expectClose(vj, c.vjp, 'vjp');
      // J·u, the gradient of vᵀJu with respect to v.
      expectClose(jvp(f, x0, tensorOf(c.u, c.shape))[1], c.gradgradV, 'jvp');
      const x = tensorOf(c.x, c.shape, true),
        v = tensorOf(c.v, c.outputShape, true);
      const [first] = grad(f(x), x, { gradOutputs: v, createGraph: true });
      const [ggx, ggv] = grad(first!, [x, v], { gradOutputs: tensorOf(c.u, c.shape) });
      expectClose(ggx!, c.gradgradX, 'd(vᵀJu)/dx');
      expectClose(ggv!, c.gradgradV, 'd(vᵀJu)/dv');
    });
  }
});
