import { Tensor } from '../tensor/tensor.ts';
import { randn } from '../tensor/create.ts';
import type { RandomOptions } from '../util/random.ts';
import { Module } from './module.ts';

export type EmbeddingOptions = RandomOptions;

/**
 * A lookup table of `count` vectors of size `dim` (PyTorch's nn.Embedding, weight initialised from
 * N(0, 1)): forward(indices) = weight.indexSelect(0, indices), shaped [...indices.shape, dim].
 * Rows used several times in a batch accumulate their gradient.
 */
export class Embedding extends Module {
  readonly weight: Tensor;

  constructor(
    readonly count: number,
    readonly dim: number,
    options: EmbeddingOptions = {},
  ) {
    super();
    for (const [name, v] of [
      ['count', count],
      ['dim', dim],
    ] as const)
      if (!Number.isInteger(v) || v < 1) throw new RangeError(`Embedding: ${name} must be a positive integer, got ${v}`);
    this.weight = randn([count, dim], { ...options, requiresGrad: true });
  }

  forward(indices: Tensor): Tensor {
    if (!(indices instanceof Tensor)) throw new TypeError('Embedding: indices must be a Tensor of integers');
    return this.weight.indexSelect(0, indices.reshape([indices.size])).reshape([...indices.shape, this.dim]);
  }
}
