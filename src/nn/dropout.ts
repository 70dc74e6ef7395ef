import type { Tensor } from '../tensor/tensor.ts';
import { resolveRng, type RandomOptions, type Rng } from '../util/random.ts';
import { Module } from './module.ts';
import { dropout } from './functional.ts';

/**
 * Inverted dropout as a layer (PyTorch's nn.Dropout): in training mode each element is zeroed with
 * probability p and the survivors are scaled by 1/(1 − p); in evaluation mode (`model.eval()`) it is
 * the identity. Masks come from the layer's generator: pass the model's `rng` (MLP does) so one seed
 * fixes both the initial weights and every mask, or a `seed` of its own.
 */
export class Dropout extends Module {
  /** The generator the masks are drawn from (it advances by one draw per element in each training forward). */
  readonly rng: Rng;

  constructor(
    readonly p = 0.5,
    options: RandomOptions = {},
  ) {
    super();
    if (!(typeof p === 'number' && p >= 0 && p <= 1)) throw new RangeError(`Dropout: p must be a probability in [0, 1], got ${String(p)}`);
    this.rng = resolveRng(options);
  }

  forward(x: Tensor): Tensor {
    return dropout(x, this.p, { training: this.training, rng: this.rng });
  }
}
