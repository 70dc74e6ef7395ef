// The matchers as a user gets them: one side-effect import of gradlab/testing/vitest (what `setupFiles` does)
// registers them on vitest's own `expect`, with their types.
import '../../src/testing/vitest.ts';
import { describe, expect, it } from 'vitest';
import { Linear, MLP } from '../../src/nn/index.ts';
import { Tensor, randn, tensor } from '../../src/tensor/index.ts';
import { Residual, mlp, separable } from './planted.ts';

/** What vitest threw for a failing `expect(…)`: its message, and the actual/expected it diffs. */
function failure(fn: () => void): { message: string; actual?: unknown; expected?: unknown } {
  try {
    fn();
  } catch (e) {
    return e as { message: string; actual?: unknown; expected?: unknown };
  }
  throw new Error('the matcher passed');
}

describe('gradlab/testing/vitest registers the matchers on expect', () => {
  it('toBeCloseToTensor: torch.testing defaults, options, and the diff of actual against expected', () => {
    expect(tensor([1, 2])).toBeCloseToTensor(tensor([1 + 1e-7, 2]));
    expect(tensor([1, 2])).not.toBeCloseToTensor(tensor([1, 2.001]));
    expect(tensor([1, 2])).toBeCloseToTensor([1, 2.001], { rtol: 1e-3, atol: 0 });
    const e = failure(() => expect(tensor([1, 2])).toBeCloseToTensor(tensor([1, 2.5])));
    expect(e.message).toMatch(
      /^Tensor-likes are not close!\n\nMismatched elements: 1 \/ 2 \(50%\)\nGreatest absolute difference: 0\.5 at actual\[1\]/,
    );
    expect(e.actual).toEqual([1, 2]);
    expect(e.expected).toEqual([1, 2.5]);
    expect(failure(() => expect(tensor([1])).not.toBeCloseToTensor(tensor([1]))).message).toBe(
      'expected the values not to be close, but they are',
    );
  });

  it('toHaveShape: wildcards, alternatives, ... and names; the message names the dimension', () => {
    const x = randn([4, 3], { seed: 1 });
    expect(x).toHaveShape([4, 3]);
    expect(x).toHaveShape([null, [1, 3]]);
    expect(x).toHaveShape(['batch', '...']);
    expect(x).not.toHaveShape([4, 2]);
    const e = failure(() => expect(x).toHaveShape(['batch', 10]));
    expect(e.message).toBe('received has shape [4, 3] but expected [batch, 10]: dimension 1 is 3, not 10');
    expect(e.actual).toEqual([4, 3]);
    expect(e.expected).toEqual(['batch', '10']);
    expect(failure(() => expect(x).not.toHaveShape([null, [2, 3]])).message).toBe('expected a shape other than [_, {2 | 3}]');
  });

  it('toBeAllFinite: values and gradients, naming the element', () => {
    expect(tensor([1, 2])).toBeAllFinite();
    expect(
      failure(() =>
        expect(
          tensor([
            [0, 1],
            [NaN, 2],
          ]),
        ).toBeAllFinite(),
      ).message,
    ).toBe('not all finite:\n  received[1, 0] is NaN (1 NaN of 4 elements)');
    const model = new Linear(2, 2, { seed: 1 });
    expect(model).toBeAllFinite();
    model.bias!.grad = new Tensor(Float64Array.of(0, Infinity), [2]);
    expect(model).not.toBeAllFinite();
    expect(failure(() => expect(model).toBeAllFinite()).message).toContain('bias.grad[1] is Infinity');
  });

  it('toPassGradcheck and toHaveCorrectGradients: the report on a wrong backward; bad arguments still throw', () => {
    const z = new Tensor(Float64Array.of(-1, 0.5, 2), [3], true);
    expect((t: Tensor) => t.tanh().sum()).toPassGradcheck([z]);
    const wrong = (t: Tensor): Tensor =>
      Tensor.fromOp(
        'cube',
        t.data.map((v) => v ** 3),
        [...t.shape],
        [t],
        (g) => [g.map((gi, i) => gi * 2 * t.data[i]! ** 2)],
      ).sum();
    expect(wrong).not.toPassGradcheck([z]);
    expect(failure(() => expect(wrong).toPassGradcheck([z])).message).toMatch(
      /^gradcheck failed:\ninput 0 \[3\]: MISMATCH .*worst element 2: analytic 8, numeric 12\.0000/,
    );
    // A misuse is not a failed check: gradcheck's own error comes through.
    expect(() => expect((t: Tensor) => t.sum()).toPassGradcheck([tensor([1, 2])])).toThrow(
      /input 0 \(shape \[2\]\) must have requiresGrad: true/,
    );

    const x = randn([4, 2], { seed: 3 });
    expect(new Residual()).toHaveCorrectGradients(x);
    expect(failure(() => expect(new Residual(1, 'backward')).toHaveCorrectGradients(x)).message).toMatch(
      /^gradcheck of Residual failed for input, inp\.weight, inp\.bias, block\.weight, block\.bias:/,
    );
  });

  it('toPassModelChecks: the report of every check, the failing one marked', () => {
    const { x, y } = separable();
    expect(mlp()).toPassModelChecks(x, y, { factory: (s: number) => mlp(s) });
    const e = failure(() => expect(new Residual(1, 'unused')).toPassModelChecks(x, y, { skip: ['overfits', 'usesInput'] }));
    expect(e.message).toMatch(/^✓ finite +output, loss, parameters and gradients are finite$/m);
    expect(e.message).toMatch(/^✗ gradientsFlow +6 of 7 parameters get a gradient; no gradient \(null\) for extra/m);
    expect(e.message).toMatch(/\nFAILED: gradientsFlow, paramsUpdate$/);
  }, 60_000);

  it('toBeDeterministic: names the first difference', () => {
    expect(() => new MLP([2, 3, 2], { seed: 3 })).toBeDeterministic();
    let calls = 0;
    const drifting = (): number => ++calls;
    expect(failure(() => expect(drifting).toBeDeterministic()).message).toMatch(/^two runs differ: result is 1, then 2/);
    expect(drifting).not.toBeDeterministic();
  });
});
