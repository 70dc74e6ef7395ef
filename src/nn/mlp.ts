import { resolveRng, type RandomOptions } from '../util/random.ts';
import { Activation, Linear, Sequential, type ActivationName } from './layers.ts';
import { registerModel } from './registry.ts';
import { isPositiveInteger } from '../util/guards.ts';

export interface MLPOptions extends RandomOptions {
  /** Hidden-layer activation (default 'relu'); the output layer is linear (logits). */
  activation?: ActivationName;
  /**
   * How the output layer starts (default 'default': the same initialisation as the hidden layers). 'small' scales
   * its weights by 0.01 and 'zeros' zeroes them, so the untrained network predicts near chance (loss ≈ log C) instead
   * of confidently wrong: the "loss at init" check of gradlab/testing. Hidden layers are unaffected.
   */
  outputInit?: 'default' | 'small' | 'zeros';
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
    const outputInit = options.outputInit ?? 'default';
    if (!['default', 'small', 'zeros'].includes(outputInit))
      throw new RangeError(`MLP: outputInit must be 'default', 'small' or 'zeros', got ${JSON.stringify(outputInit)}`);
    const head = layers.at(-1) as Linear;
    if (outputInit !== 'default') head.weight.data.forEach((v, i, w) => (w[i] = outputInit === 'small' ? v * 0.01 : 0));
    super(...layers);
    this.sizes = [...sizes];
    this.activation = activation;
  }

  config(): MLPConfig {
    return { type: 'MLP', sizes: [...this.sizes], activation: this.activation };
  }
}

const ACTIVATIONS: readonly string[] = ['relu', 'tanh', 'sigmoid'] satisfies ActivationName[];

registerModel('MLP', {
  type: MLP,
  toConfig: (m) => m.config(),
  fromConfig: (c) => new MLP(c.sizes as number[], { activation: c.activation as ActivationName }),
  checkConfig(c) {
    if (!Array.isArray(c.sizes) || c.sizes.length < 2 || !c.sizes.every(isPositiveInteger))
      return `MLP config "sizes" must list at least two positive integers, got ${JSON.stringify(c.sizes)}`;
    if (!ACTIVATIONS.includes(c.activation as string))
      return `MLP config "activation" must be one of ${ACTIVATIONS.join(', ')}, got ${JSON.stringify(c.activation)}`;
    return null;
  },
  parameterShapes(c) {
    const sizes = c.sizes as number[];
    const shapes: [string, number[]][] = [];
    for (let i = 0; i + 1 < sizes.length; i++) {
      // Activations sit between the Linear layers, so layer i is child 2i of the Sequential.
      shapes.push([`layers.${2 * i}.weight`, [sizes[i]!, sizes[i + 1]!]], [`layers.${2 * i}.bias`, [sizes[i + 1]!]]);
    }
    return shapes;
  },
});
