// (h) The control: a failing matcher fails the consumer's run, with gradlab's report in vitest's output.
import { Linear, Module, tensor, type Tensor } from 'gradlab';
import { expect, it } from 'vitest';

class Detached extends Module {
  readonly hidden = new Linear(2, 8, { seed: 1 });
  readonly head = new Linear(8, 2, { seed: 2 });
  forward(x: Tensor): Tensor {
    return this.head.forward(this.hidden.forward(x).tanh().detach());
  }
}

it('a detached hidden layer fails the model checks', () => {
  expect(new Detached()).toPassModelChecks(
    tensor([
      [-1, -1],
      [1, 1],
      [-2, -1],
      [1, 2],
    ]),
    [0, 1, 0, 1],
  );
});
