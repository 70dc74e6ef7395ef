import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Tensor, grad, hessian, hvp, jacobian, jvp, vjp } from '../../src/tensor/index.ts';
import { bceWithLogits, crossEntropy, mse } from '../../src/nn/losses.ts';

// PyTorch float64 references from scripts/higher-order-fixtures.py (run with Debian's python3-torch).
interface Constant {
  data: number[];
  shape: number[];
}
interface Case {
  name: string;
  x: number[];
  shape: number[];
  constants: Record<string, Constant>;
  v: number[];
  u: number[];
}
interface ScalarCase extends Case {
  value: number;
  grad: number[];
  hessian: number[];
  hvp: number[];
  third: number[];
}
interface VectorCase extends Case {
  output: number[];
  outputShape: number[];
  jacobian: number[];
  vjp: number[];
  gradgradX: number[];
  gradgradV: number[];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/higher-order.json', import.meta.url), 'utf8')) as {
  scalar: ScalarCase[];
  vector: VectorCase[];
};

type C = Record<string, Tensor>;
type Fn = (x: Tensor, c: C) => Tensor;
const labels = (c: C): number[] => Array.from(c.labels!.data);

/** The same functions as the script's SCALAR table, op for op. */
const SCALAR: Record<string, Fn> = {
  'add-mul-broadcast': (x) => x.mul(x.sum(0, true)).add(x.mean(1, true)).mul(x).sum(),
  'sub-div': (x) =>
    x
      .neg()
      .add(2)
      .div(x.mul(x).add(1))
      .sum()
      .add(x.sub(x.pow(-1)).sum()),
  'neg-pow': (x) => x.pow(3).neg().add(x.pow(0.5)).add(x.pow(-1.5)).add(x.pow(2)).add(x.pow(1)).add(x.pow(0)).sum(),
  'exp-log': (x) => x.exp().mul(x.log()).sum(),
  'sqrt-abs': (x) => x.abs().sqrt().mul(x).sum(),
  'tanh-sigmoid': (x) => x.tanh().mul(x.sigmoid()).sum(),
  relu: (x) => x.relu().pow(2).mul(x).sum(),
  matmul: (x, c) => {
    const a = x.reshape(2, 3);
    return a.matmul(a.T).tanh().sum().add(a.matmul(c.w!).exp().sum());
  },
  permute: (x, c) => x.permute(2, 0, 1).mul(c.c!).tanh().sum().mul(x.sum()),
  max: (x) => x.max(1).pow(2).sum().add(x.max().mul(0.1).exp()).add(x.max(0, true).mul(x).sum()),
  'expand-sumTo': (x, c) =>
    x
      .expand([4, 2, 3])
      .mul(c.c!)
      .tanh()
      .sum()
      .add(x.sumTo([1, 3]).pow(2).sum()),
  softmax: (x, c) => x.softmax(1).mul(c.c!).sum().add(x.logSoftmax(0).mul(c.d!).sum()),
  'cross-entropy': (x, c) => crossEntropy(x, labels(c)),
  'bce-with-logits': (x, c) => bceWithLogits(x, c.t!),
  mse: (x, c) => mse(x.tanh(), c.t!),
  mlp: (x, c) => {
    const h = c
      .X!.matmul(pick(x, 0, 6, [2, 3]))
      .add(pick(x, 6, 9, [3]))
      .tanh();
    return crossEntropy(h.matmul(pick(x, 9, 15, [3, 2])).add(pick(x, 15, 17, [2])), labels(c));
  },
};

/** x[from:to] reshaped, as a differentiable op: a product with a constant 0/1 selection matrix. */
function pick(x: Tensor, from: number, to: number, shape: number[]): Tensor {
  const select = new Float64Array((to - from) * x.size);
  for (let i = from; i < to; i++) select[(i - from) * x.size + i] = 1;
  return new Tensor(select, [to - from, x.size]).matmul(x).reshape(shape);
}

const VECTOR: Record<string, Fn> = {
  elementwise: (x) =>
    x
      .tanh()
      .mul(x.sigmoid())
      .add(x.pow(2))
      .sub(x.exp().div(x.abs().add(1))),
  matmul: (x, c) => x.matmul(c.w!).tanh().matmul(x),
  softmax: (x) => x.softmax(1).mul(x.logSoftmax(0)),
  'log-div': (x) => x.log().div(x.add(1)).sub(x.sqrt()),
  reduce: (x) => x.sum(0).mul(x.mean(0)).add(x.max(0).relu()),
};

const tensorOf = (data: number[], shape: number[], requiresGrad = false): Tensor =>
  new Tensor(Float64Array.from(data), shape, requiresGrad);
const constants = (c: Case): C => Object.fromEntries(Object.entries(c.constants).map(([k, v]) => [k, tensorOf(v.data, v.shape)]));

/** Every element within 1e-9 of PyTorch's, relative to max(1, |reference|). */
function expectClose(actual: Tensor | number, expected: number[] | number, what: string): void {
  const a = typeof actual === 'number' ? [actual] : Array.from(actual.data);
  const e = typeof expected === 'number' ? [expected] : expected;
  expect(a.length, what).toBe(e.length);
  const worst = Math.max(0, ...a.map((v, i) => Math.abs(v - e[i]!) / Math.max(1, Math.abs(e[i]!))));
  expect(worst, what).toBeLessThan(1e-9);
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
