import type { Tensor } from '../tensor/tensor.ts';
import { chain, named } from './chain.ts';
import { addL2 } from './decay.ts';
import { scaleByLr } from './learning-rate.ts';
import { Optimizer } from './optimizer.ts';

export type SGDOptions = { lr: number; weightDecay: number };

/**
 * Stochastic gradient descent (PyTorch's `SGD` with momentum 0): `chain(addL2(), scaleByLr())`,
 *
 *     g ← ∇θ + wd·θ        (L2 weight decay, only when wd > 0)
 *     θ ← θ − lr·g
 *
 * Gradient descent, SGD and mini-batch SGD are this one rule fed batches of N, 1 or k samples
 * (see train/methods.ts).
 */
export const sgdRule = named<SGDOptions>('SGD', chain(addL2(), scaleByLr()), { weightDecay: 0 }, ['lr']);

/** `new SGD(params, { lr, weightDecay = 0 })`; lr has no default, as in PyTorch ≤ 2.1. */
export class SGD extends Optimizer<SGDOptions, Record<string, never>> {
  constructor(params: Iterable<Tensor>, options: Partial<SGDOptions> & { lr: number }) {
    super(sgdRule, params, options);
  }
}
