import { describe, expect, it } from 'vitest';
import { Linear, MLP } from '../../src/nn/index.ts';
import { Momentum } from '../../src/optim/index.ts';
import { Tensor, randn, tensor } from '../../src/tensor/index.ts';
import {
  AssertionError,
  assertAllFinite,
  assertClose,
  assertDeterministic,
  assertEveryParameterGetsGradient,
  assertLossAtInit,
  assertParametersChange,
  assertShape,
  assertShapes,
  assertUsesInput,
  assertWithin,
  checkModel,
} from '../../src/testing/index.ts';
import { StandardScaler } from '../../src/data/index.ts';
import { loadDataset } from '../../src/node/bundled.ts';
import { Residual, mlp, separable } from './planted.ts';

/** The AssertionError `fn` throws. */
function thrown(fn: () => void): AssertionError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AssertionError);
    return e as AssertionError;
  }
  throw new Error('did not throw');
}

describe('assertClose', () => {
  it("passes within torch.testing's float64 defaults (rtol 1e-7, atol 1e-7) and fails just outside", () => {
    expect(() => assertClose(tensor([1, 2]), tensor([1 + 1e-7, 2 + 2.9e-7]))).not.toThrow();
    expect(() => assertClose(tensor([1, 2]), tensor([1, 2 + 3.1e-7]))).toThrow(AssertionError);
  });

  it("gives torch.testing's message: mismatched count, greatest absolute and relative difference with positions; actual and expected for the diff", () => {
    const e = thrown(() =>
      assertClose(
        tensor([
          [1, 2, 3],
          [4, 5, 3.5],
        ]),
        tensor([
          [1, 2, 3],
          [4, 5, 3],
        ]),
      ),
    );
    expect(e.message).toBe(
      [
        'Tensor-likes are not close!',
        '',
        'Mismatched elements: 1 / 6 (16.7%)',
        'Greatest absolute difference: 0.5 at actual[1, 2] (actual 3.5, expected 3) (up to 1e-7 allowed)',
        'Greatest relative difference: 0.166667 at actual[1, 2] (actual 3.5, expected 3) (up to 1e-7 allowed)',
      ].join('\n'),
    );
    expect(e.actual).toEqual([
      [1, 2, 3],
      [4, 5, 3.5],
    ]);
    expect(e.expected).toEqual([
      [1, 2, 3],
      [4, 5, 3],
    ]);
  });

  it('handles NaN (equalNaN), infinities, shapes, and one tolerance without the other', () => {
    expect(() => assertClose(tensor([NaN, 1]), tensor([NaN, 1]))).toThrow(/Mismatched elements: 1 \/ 2/);
    expect(() => assertClose(tensor([NaN, 1]), tensor([NaN, 1]), { equalNaN: true })).not.toThrow();
    expect(() => assertClose(tensor([Infinity]), tensor([Infinity]))).not.toThrow();
    expect(() => assertClose(tensor([Infinity]), tensor([-Infinity]))).toThrow(AssertionError);
    expect(() => assertClose(tensor([1, 2]), tensor([[1, 2]]))).toThrow("The values for attribute 'shape' do not match: [2] != [1, 2].");
    expect(() => assertClose(1, 1.1, { rtol: 0.2 })).toThrow(/give both rtol and atol/);
    expect(() => assertClose(1, 1.1, { rtol: 0.2, atol: 0 })).not.toThrow();
  });

  it('compares modules parameter by parameter, naming the parameter and element', () => {
    const a = new Linear(3, 2, { seed: 1 }),
      b = new Linear(3, 2, { seed: 1 });
    expect(() => assertClose(a, b)).not.toThrow();
    b.weight.data[3] = b.weight.data[3]! + 1e-3;
    expect(() => assertClose(a, b)).toThrow(/^weight: Tensor-likes are not close![\s\S]*at weight\[1, 1\]/);
  });
});

describe('assertShape and assertShapes', () => {
  const x = randn([4, 3], { seed: 1 });
  it('matches numbers, null, alternatives, ... and names, returning the named sizes', () => {
    expect(assertShape(x, [4, 3])).toEqual({});
    expect(assertShape(x, [null, [1, 3]])).toEqual({});
    expect(assertShape(randn([2, 5, 28, 28], { seed: 1 }), ['...', 28, 28])).toEqual({});
    expect(assertShape(x, ['batch', '...'])).toEqual({ batch: 4 });
  });

  it('fails with the tensor, its shape, the pattern and the dimension', () => {
    expect(() => assertShape(x, ['batch', 10], { name: 'logits' })).toThrow(
      'logits has shape [4, 3] but expected [batch, 10]: dimension 1 is 3, not 10',
    );
    expect(() => assertShape(x, [4])).toThrow('tensor has shape [4, 3] but expected [4]: rank 2, expected 1');
    expect(() => assertShape(x, [null, [1, 2]])).toThrow('dimension 1 is 3, not one of 1, 2');
    expect(thrown(() => assertShape(x, [4, 2])).actual).toEqual([4, 3]);
  });

  it('named dimensions agree across tensors', () => {
    const y = randn([5], { seed: 2 });
    expect(assertShapes({ x: [x, ['n', 3]], w: [randn([3, 2], { seed: 3 }), [3, 'k']] })).toEqual({ n: 4, k: 2 });
    expect(() => assertShapes({ x: [x, ['n', 3]], y: [y, ['n']] })).toThrow(
      'y has shape [5] but expected [n]: dimension 0 (n) is 5, but n is 4 in x (dimension 0)',
    );
  });
});

describe('assertAllFinite and assertWithin', () => {
  it('fails on a single bad element, of the values or of the gradients, naming it', () => {
    expect(() => assertAllFinite(tensor([1, 2, 3]))).not.toThrow();
    expect(() =>
      assertAllFinite(
        tensor([
          [1, 2],
          [Infinity, 4],
        ]),
        { name: 'h' },
      ),
    ).toThrow('not all finite:\n  h[1, 0] is Infinity (1 infinite of 4 elements)');
    const model = new Linear(2, 2, { seed: 1 });
    expect(() => assertAllFinite(model)).not.toThrow();
    model.weight.grad = new Tensor(Float64Array.of(0, 0, NaN, 0), [2, 2]);
    expect(() => assertAllFinite(model)).toThrow('weight.grad[1, 0] is NaN (1 NaN of 4 elements)');
  });

  it('assertWithin names the worst element outside the range', () => {
    expect(() => assertWithin(tensor([0, 0.5, 1]), 0, 1)).not.toThrow();
    expect(() =>
      assertWithin(
        tensor([
          [0.2, 1.2],
          [1.05, NaN],
        ]),
        0,
        1,
        { name: 'p' },
      ),
    ).toThrow('p[1, 1] is NaN, outside [0, 1] (3 of 4 elements outside)');
  });
});

describe('the model checks', () => {
  const { x, y } = separable();

  it('leave the model exactly as found: weights, gradient objects and values, train/eval mode', () => {
    const model = new Residual();
    model.head.eval();
    const grad = new Tensor(Float64Array.of(1, 2), [2]);
    model.head.bias!.grad = grad;
    const before = JSON.stringify(model.stateDict());
    checkModel(model, x, y, { factory: (s) => new Residual(s) });
    expect(JSON.stringify(model.stateDict())).toBe(before);
    expect(model.head.bias!.grad).toBe(grad);
    expect(Array.from(grad.data)).toEqual([1, 2]);
    expect(model.inp.weight.grad).toBeNull();
    expect([model.training, model.inp.training, model.head.training]).toEqual([true, true, false]);
  }, 60_000);

  it('assertParametersChange: frozen parameters stay bit-identical; an optimizer that still holds them is caught, and its state restored', () => {
    const model = mlp();
    expect(() => assertParametersChange(model, { x, y }, { frozen: ['layers.0.weight'] })).not.toThrow();
    const optimizer = new Momentum(model.parameters(), { lr: 0.1 });
    const state = JSON.stringify(optimizer.stateDict());
    expect(() => assertParametersChange(model, { x, y }, { frozen: ['layers.0.weight'], optimizer })).toThrow(
      'one optimizer step: frozen but changed: layers.0.weight',
    );
    expect(JSON.stringify(optimizer.stateDict())).toBe(state);
  });

  it('assertEveryParameterGetsGradient passes a correct MLP and names an unused parameter', () => {
    expect(() => assertEveryParameterGetsGradient(mlp(), { x, y })).not.toThrow();
    expect(() => assertEveryParameterGetsGradient(new Residual(1, 'unused'), { x, y })).toThrow(/no gradient \(null\) for extra/);
  });

  it('assertLossAtInit: the default MLP passes; a loss summed over the batch is named', () => {
    expect(() => assertLossAtInit(mlp(), { x, y })).not.toThrow();
    const sum = (out: Tensor, t: unknown): Tensor =>
      out
        .logSoftmax(1)
        .mul(oneHot(t as Int32Array))
        .sum()
        .neg();
    expect(() => assertLossAtInit(mlp(), { x, y }, { loss: sum })).toThrow(/looks summed over the batch instead of averaged/);
  });

  it("assertLossAtInit passes the default MLP (gradlab train's 64, 32) on every bundled set, ReLU and tanh; the standard head fails it", () => {
    let standardFailures = 0;
    for (const name of ['iris', 'wine', 'breast-cancer', 'digits'] as const) {
      const d = loadDataset(name);
      const batch = { x: new StandardScaler().fit(d.features).transform(d.features), y: d.labels };
      const sizes = [d.features.shape[1]!, 64, 32, d.classNames.length];
      for (const activation of ['relu', 'tanh'] as const)
        for (const seed of [0, 1, 2, 3, 4]) {
          expect(() => assertLossAtInit(new MLP(sizes, { seed, activation }), batch)).not.toThrow();
          try {
            assertLossAtInit(new MLP(sizes, { seed, activation, outputInit: 'standard' }), batch);
          } catch (e) {
            expect((e as Error).message).toMatch(/the output layer starts too large/);
            standardFailures++;
          }
        }
    }
    expect(standardFailures).toBeGreaterThan(5);
  });

  it('assertUsesInput fails on a model that ignores its input', () => {
    expect(() => assertUsesInput(mlp(), { x, y })).not.toThrow();
    class Blind extends MLP {
      override forward(input: Tensor): Tensor {
        return super.forward(input.mul(0));
      }
    }
    expect(() => assertUsesInput(new Blind([2, 8, 2], { seed: 1 }), { x, y })).toThrow(/learns no more from its inputs than without them/);
  });

  it('assertDeterministic names the first difference', () => {
    expect(() => assertDeterministic(() => new MLP([2, 3, 2], { seed: 3 }))).not.toThrow();
    expect(() => assertDeterministic(() => ({ loss: 1, w: new MLP([2, 3, 2]) }))).toThrow(
      /^two runs differ: w\.layers\.0\.weight\[0\] is .*, then .*unseeded random call/,
    );
  });
});

function oneHot(labels: Int32Array): Tensor {
  const out = new Float64Array(labels.length * 2);
  labels.forEach((c, i) => (out[2 * i + c] = 1));
  return new Tensor(out, [labels.length, 2]);
}
