import { Tensor } from '../tensor/tensor.ts';
import { formatShape } from '../tensor/shape.ts';
import { resolveRng, type RandomOptions } from '../util/random.ts';
import { Module } from './module.ts';
import { initWeight, type InitName } from './init.ts';

export interface LinearOptions extends RandomOptions {
  bias?: boolean;
  /** Default 'xavier'. */
  init?: InitName;
}

/** y = x·W + b with W of shape [in, out] and b of shape [out] (zero-initialised). */
export class Linear extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor | null;

  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    options: LinearOptions = {},
  ) {
    super();
    for (const [name, v] of [
      ['inFeatures', inFeatures],
      ['outFeatures', outFeatures],
    ] as const) {
      if (!Number.isInteger(v) || v < 1) throw new RangeError(`Linear: ${name} must be a positive integer, got ${v}`);
    }
    this.weight = initWeight(options.init ?? 'xavier', inFeatures, outFeatures, resolveRng(options));
    this.bias = options.bias === false ? null : new Tensor(new Float64Array(outFeatures), [outFeatures], true);
  }

  forward(x: Tensor): Tensor {
    if (x.shape[x.ndim - 1] !== this.inFeatures) {
      throw new RangeError(
        `Linear(${this.inFeatures}, ${this.outFeatures}): input has shape ${formatShape(x.shape)}, expected last dimension ${this.inFeatures}`,
      );
    }
    const y = x.matmul(this.weight);
    return this.bias ? y.add(this.bias) : y;
  }
}

export type ActivationName = 'relu' | 'tanh' | 'sigmoid';

/** An elementwise activation as a module, for `Sequential`. */
export class Activation extends Module {
  constructor(readonly kind: ActivationName) {
    super();
    if (!['relu', 'tanh', 'sigmoid'].includes(kind))
      throw new RangeError(`Activation: unknown activation "${String(kind)}" (allowed: relu, tanh, sigmoid)`);
  }

  forward(x: Tensor): Tensor {
    return this.kind === 'relu' ? x.relu() : this.kind === 'tanh' ? x.tanh() : x.sigmoid();
  }
}

/** Applies its modules in order. */
export class Sequential extends Module {
  readonly layers: Module[];

  constructor(...layers: Module[]) {
    super();
    this.layers = layers;
  }

  forward(x: Tensor): Tensor {
    return this.layers.reduce((h, layer) => layer.forward(h), x);
  }
}
