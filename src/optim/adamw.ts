import type { Tensor } from '../tensor/tensor.ts';
import { type AdamOptions, type AdamState, scaleByAdam } from './adam.ts';
import { chain, named } from './chain.ts';
import { addDecayedWeights } from './decay.ts';
import { scaleByLr } from './learning-rate.ts';
import { Optimizer } from './optimizer.ts';

export type AdamWOptions = AdamOptions;

/**
 * AdamW (Loshchilov & Hutter, 2019; PyTorch's `AdamW`): Adam's chain with the L2 term replaced by
 * decoupled decay, `chain(addDecayedWeights(), scaleByAdam(), scaleByLr())`:
 *
 *     θ ← θ·(1 − lr·wd)
 *     m ← β1·m + (1 − β1)·g,   v ← β2·v + (1 − β2)·g²
 *     θ ← θ − lr·m̂ / (√v̂ + eps)      (m̂, v̂ bias-corrected; amsgrad as in Adam)
 */
export const adamwRule = named<AdamWOptions>('AdamW', chain(addDecayedWeights(), scaleByAdam(), scaleByLr()), {
  lr: 0.001,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  weightDecay: 0.01,
  amsgrad: false,
  biasCorrection: true,
});

/** `new AdamW(params, { ...Adam's options, weightDecay = 0.01 })`. */
export class AdamW extends Optimizer<AdamWOptions, AdamState> {
  constructor(params: Iterable<Tensor>, options: Partial<AdamWOptions> = {}) {
    super(adamwRule, params, options);
  }
}
