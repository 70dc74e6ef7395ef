import { resolveRng, type RandomOptions } from '../util/random.ts';
import { Activation, Linear, Sequential, type ActivationName } from './layers.ts';

export interface MLPOptions extends RandomOptions {
  /** Hidden-layer activation (default 'relu'); the output layer is linear (logits). */
  activation?: ActivationName;
}

export interface MLPConfig {
  type: 'MLP';
  sizes: number[];
  activation: ActivationName;
}

/**
 * Multi-layer perceptron: sizes [in, ...hidden, out] give Linear layers with the activation between
 * them. Weights use He initialisation for ReLU and Xavier for tanh/sigmoid; all layers draw from
 * one generator, so one seed fixes the whole network.
 */
export class MLP extends Sequential {
  readonly sizes: number[];
  readonly activation: ActivationName;

  constructor(sizes: readonly number[], options: MLPOptions = {}) {
    if (sizes.length < 2) throw new RangeError(`MLP: sizes must list at least [in, out], got [${sizes.join(', ')}]`);
    const activation = options.activation ?? 'relu';
    const rng = resolveRng(options);
    const init = activation === 'relu' ? 'he' : 'xavier';
    const layers = [];
    for (let i = 0; i + 1 < sizes.length; i++) {
      layers.push(new Linear(sizes[i]!, sizes[i + 1]!, { rng, init }));
      if (i + 2 < sizes.length) layers.push(new Activation(activation));
    }
    super(...layers);
    this.sizes = [...sizes];
    this.activation = activation;
  }

  config(): MLPConfig {
    return { type: 'MLP', sizes: [...this.sizes], activation: this.activation };
  }
}
