import { describe, expect, it } from 'vitest';
import { assertModelGradcheck, crossEntropy, elementIndex, Linear, MLP, Module, modelGradcheck } from '../../src/nn/index.ts';
import { assertGradcheck } from '../../src/tensor/gradcheck.ts';
import { randn } from '../../src/tensor/create.ts';
import { Tensor } from '../../src/tensor/tensor.ts';

/** y = x·W as a custom op whose backward for W uses only the first row of the batch (forgets Σ over rows). */
function linearOp(x: Tensor, w: Tensor): Tensor {
  const [n, k] = x.shape as [number, number];
  const m = w.shape[1]!;
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) for (let t = 0; t < k; t++) out[i * m + j]! += x.data[i * k + t]! * w.data[t * m + j]!;
  return Tensor.fromOp('buggyLinear', out, [n, m], [x, w], (g) => {
    const dx = new Float64Array(n * k);
    const dw = new Float64Array(k * m);
    for (let i = 0; i < n; i++)
      for (let t = 0; t < k; t++) for (let j = 0; j < m; j++) dx[i * k + t]! += g[i * m + j]! * w.data[t * m + j]!;
    for (let t = 0; t < k; t++) for (let j = 0; j < m; j++) dw[t * m + j] = x.data[t]! * g[j]!; // the bug: row 0 only
    return [dx, dw];
  });
}

class BuggyLayer extends Module {
  readonly weight = randn([3, 2], { seed: 3, requiresGrad: true });
  forward(x: Tensor): Tensor {
    return linearOp(x, this.weight);
  }
}

class Stack extends Module {
  readonly layers = [new BuggyLayer(), new Linear(2, 2, { seed: 4 })];
  forward(x: Tensor): Tensor {
    return this.layers.reduce((h, l) => l.forward(h), x);
  }
}

/** A model of two inputs: a bilinear form aᵀ·W·b per row, scaled by a gate on b. */
class Bilinear extends Module<[Tensor, Tensor]> {
  readonly weight = randn([3, 2], { seed: 5, requiresGrad: true });
  readonly gate = randn([2, 1], { seed: 6, requiresGrad: true });
  forward(a: Tensor, b: Tensor): Tensor {
    return a.matmul(this.weight).mul(b).sum(1).reshape([-1, 1]).mul(b.matmul(this.gate).sigmoid());
  }
}

describe('modelGradcheck', () => {
  const x = randn([4, 3], { seed: 7 });

  it('checks a model of several inputs, each input by its position, typed by the model (no casts)', () => {
    const model = new Bilinear();
    const b = randn([4, 2], { seed: 8 });
    expect(model.call(x, b).shape).toEqual([4, 1]);
    const report = assertModelGradcheck(model, [x, b]);
    expect(report.tensors.map((t) => t.name)).toEqual(['input[0]', 'input[1]', 'weight', 'gate']);
    expect(report.tensors.every((t) => t.passed)).toBe(true);
    // @ts-expect-error -- a model of two inputs is not checked on one
    expect(() => modelGradcheck(model, x)).toThrow();
    // @ts-expect-error -- nor trained by code written for one-input models
    const single: Module = model;
    expect(single).toBe(model);
  });

  it('checks the input and every named parameter of a correct model', () => {
    const model = new MLP([3, 5, 2], { seed: 1, activation: 'tanh' });
    const labels = [0, 1, 1, 0];
    const report = assertModelGradcheck(model, x, (out) => crossEntropy(out, labels));
    expect(report.tensors.map((t) => t.name)).toEqual(['input', ...model.namedParameters().map(([n]) => n)]);
    expect(report.tensors.every((t) => t.passed && t.maxAbsError < 1e-6)).toBe(true);
    expect(x.requiresGrad).toBe(false); // checked on a copy
  });

  it("catches a parameter's wrong gradient that an input-only check lets through, by name and position", () => {
    const model = new Stack();
    const input = x.detach();
    input.requiresGrad = true;
    expect(() => assertGradcheck((t) => model.forward(t).sum(), [input])).not.toThrow();
    const report = modelGradcheck(model, x);
    expect(report.passed).toBe(false);
    const bad = report.tensors.filter((t) => !t.passed).map((t) => t.name);
    expect(bad).toEqual(['layers.0.weight']);
    expect(() => assertModelGradcheck(model, x)).toThrow(
      /^gradcheck of Stack failed for layers\.0\.weight:\n[\s\S]*layers\.0\.weight \[3, 2\]: MISMATCH in \d of 6 elements; worst layers\.0\.weight\[\d, \d\]: analytic/,
    );
  });

  it('refuses a model whose output depends on a tensor it does not register', () => {
    class Hidden extends Module {
      readonly blocks = new Set([1]);
      private readonly secret: { w: Tensor }[] = [{ w: randn([3, 2], { seed: 2, requiresGrad: true }) }];
      forward(t: Tensor): Tensor {
        return t.matmul(this.secret[0]!.w);
      }
    }
    expect(() => modelGradcheck(new Hidden(), x)).toThrow(/field "secret\.0" is a container inside a container/);
    const loose = randn([3, 2], { seed: 2, requiresGrad: true });
    class Closure extends Module {
      forward(t: Tensor): Tensor {
        return t.matmul(loose);
      }
    }
    expect(() => modelGradcheck(new Closure(), x)).toThrow(
      "modelGradcheck: Closure's output depends on 1 tensor(s) with requiresGrad that namedParameters() does not list (shapes [3, 2])",
    );
  });

  it('writes flat indices as positions', () => {
    expect(elementIndex(7, [4, 3])).toBe('[2, 1]');
    expect(elementIndex(5, [6])).toBe('[5]');
    expect(elementIndex(13, [2, 3, 4])).toBe('[1, 0, 1]');
  });
});
