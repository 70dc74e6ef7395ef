// (h) The README's "Unit-test your model" file, in a project that installed gradlab: the matchers come from
// setupFiles (vitest.config.js), the arbitraries drive a property test.
import fc from 'fast-check';
import { MLP, Module, Linear, tensor, type Tensor } from 'gradlab';
import { checkModel } from 'gradlab/testing';
import { tensors } from 'gradlab/testing/arbitraries';
import { describe, expect, it } from 'vitest';

/** A model with a planted bug: its hidden layer is detached, so the first layer never learns. */
class Detached extends Module {
  readonly hidden = new Linear(2, 8, { seed: 1 });
  readonly head = new Linear(8, 2, { seed: 2 });
  forward(x: Tensor): Tensor {
    return this.head.forward(this.hidden.forward(x).tanh().detach());
  }
}

const x = tensor([
  [-1, -1],
  [-1.5, -0.5],
  [1, 1],
  [0.5, 1.5],
  [-1, -2],
  [2, 1],
  [-2, -1],
  [1, 2],
]);
const y = [0, 0, 1, 1, 0, 1, 0, 1];

describe('a model under the testing kit', () => {
  it('passes the model checks', () => {
    expect(new MLP([2, 8, 2], { seed: 1 })).toPassModelChecks(x, y, { factory: (seed: number) => new MLP([2, 8, 2], { seed }) });
  });
  it('has the shape and gradients it should, on any input away from the kinks', () => {
    fc.assert(
      fc.property(tensors([3, 2]), (input) => {
        const model = new MLP([2, 4, 2], { seed: 1 });
        expect(model.forward(input)).toHaveShape([3, 2]);
        expect(model).toHaveCorrectGradients(input);
      }),
      { seed: 1, numRuns: 5 },
    );
  });
  it('catches a detached hidden layer', () => {
    expect(checkModel(new Detached(), x, y).checks.find((c) => c.name === 'gradientsFlow')?.passed).toBe(false);
    expect(new Detached()).not.toPassModelChecks(x, y);
  });
});
