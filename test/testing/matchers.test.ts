// The matchers as jest gets them: `expect.extend(matchers)` calls each as matcher.call(context, received, …args)
// and reads { pass, message(), actual, expected } from what it returns.
import { describe, expect, it } from 'vitest';
import { Linear } from '../../src/nn/index.ts';
import { Tensor, randn, tensor } from '../../src/tensor/index.ts';
import { matchers } from '../../src/testing/index.ts';
import { separable } from './planted.ts';

/** Jest's matcher context, as much of it as a matcher may read. */
const jest = { isNot: false, promise: '', equals: Object.is };

describe('the matchers exported for jest', () => {
  it('are the seven the issue names, each a plain function of the received value', () => {
    expect(Object.keys(matchers).sort()).toEqual([
      'toBeAllFinite',
      'toBeCloseToTensor',
      'toBeDeterministic',
      'toHaveCorrectGradients',
      'toHaveShape',
      'toPassGradcheck',
      'toPassModelChecks',
    ]);
  });

  it('return pass and the negated message when the assertion holds', () => {
    const r = matchers.toHaveShape.call(jest, randn([2, 5], { seed: 1 }), ['n', 5]);
    expect(r.pass).toBe(true);
    expect(r.message()).toBe('expected a shape other than [n, 5]');
    expect(matchers.toBeCloseToTensor.call(jest, tensor([1, 2]), [1, 2]).pass).toBe(true);
    expect(matchers.toBeAllFinite.call(jest, new Linear(2, 3, { seed: 1 })).pass).toBe(true);
  });

  it("return the assertion's message, actual and expected when it fails (jest prints the diff from them)", () => {
    const r = matchers.toBeCloseToTensor.call(jest, tensor([[1, 2]]), tensor([[1, 3]]));
    expect(r.pass).toBe(false);
    expect(r.message()).toContain('Greatest absolute difference: 1 at actual[0, 1] (actual 2, expected 3)');
    expect(r.actual).toEqual([[1, 2]]);
    expect(r.expected).toEqual([[1, 3]]);
    const s = matchers.toHaveShape.call(jest, randn([2, 5], { seed: 1 }), [2, 4]);
    expect([s.pass, s.message(), s.actual, s.expected]).toEqual([
      false,
      'received has shape [2, 5] but expected [2, 4]: dimension 1 is 5, not 4',
      [2, 5],
      ['2', '4'],
    ]);
  });

  it('toPassModelChecks fails with the formatted report; toPassGradcheck with the gradcheck report', () => {
    const { x, y } = separable();
    const head = new Linear(2, 2, { seed: 1 });
    head.weight.data.forEach((v, i, a) => (a[i] = v * 100)); // an output layer started far too large
    const r = matchers.toPassModelChecks.call(jest, head, x, y, { skip: ['overfits', 'usesInput', 'gradcheck'] });
    expect(r.pass).toBe(false);
    expect(r.message()).toMatch(/^✗ initialLoss +loss at init [\d.]+, chance 0\.693147 .*the output layer starts too large/m);
    expect(r.message()).toMatch(/\nFAILED: initialLoss$/);
    const z = new Tensor(Float64Array.of(0.3, -2), [2], true);
    const wrong = (t: Tensor): Tensor =>
      Tensor.fromOp(
        'double',
        t.data.map((v) => 2 * v),
        [2],
        [t],
        (g) => [g],
      ).sum();
    const g = matchers.toPassGradcheck.call(jest, wrong, [z]);
    expect(g.pass).toBe(false);
    expect(g.message()).toMatch(/^gradcheck failed:\ninput 0 \[2\]: MISMATCH .*analytic 1, numeric 2/);
  });
});
