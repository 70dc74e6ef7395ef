// (b) A strict TypeScript consumer, checked against gradlab's .d.ts only (skipLibCheck off).
import { Adam, Linear, MLP, Module, fit, initKernels, makeMoons, memoryStore, tensor, type History, type KernelStatus, type Tensor } from 'gradlab';

class Affine extends Module {
  readonly layer = new Linear(2, 3, { seed: 1 });
  forward(x: Tensor): Tensor {
    return this.layer.forward(x).tanh();
  }
}

const data = makeMoons(32, { seed: 1 });
const model = new MLP([2, 8, 2], { seed: 2 });
const history: History = fit(model, data, { optimizer: new Adam(model.parameters(), { lr: 0.01 }), epochs: 2, checkpointStore: memoryStore() });
const last: number | undefined = history.loss.at(-1);
const out: Tensor = new Affine().forward(tensor([[1, 2]]));
const status: Promise<KernelStatus> = initKernels();
// @ts-expect-error epochs is a number: the .d.ts carry real types, not `any`
fit(model, data, { epochs: 'ten' });
export { last, out, status };
