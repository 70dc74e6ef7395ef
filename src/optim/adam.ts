import type { Tensor } from '../tensor/tensor.ts';
import type { OptionChecker } from './options.ts';
import { Optimizer, type UpdateRule } from './optimizer.ts';

export type AdamOptions = {
  lr: number; beta1: number; beta2: number; eps: number; weightDecay: number; amsgrad: boolean; biasCorrection: boolean;
};

export function validateAdamOptions(check: OptionChecker): void {
  check.unitInterval('beta1');
  check.unitInterval('beta2');
  check.positive('eps');
  check.nonNegative('weightDecay');
  check.flag('amsgrad');
  check.flag('biasCorrection');
}

/** maxExpAvgSq exists iff amsgrad (as in PyTorch's state). */
export type AdamState = { expAvg: Float64Array; expAvgSq: Float64Array; maxExpAvgSq?: Float64Array };

export function initAdamState(size: number, { amsgrad }: Readonly<AdamOptions>): AdamState {
  const state: AdamState = { expAvg: new Float64Array(size), expAvgSq: new Float64Array(size) };
  if (amsgrad) state.maxExpAvgSq = new Float64Array(size);
  return state;
}

/**
 * The Adam step shared by Adam and AdamW, in PyTorch's order of floating-point operations
 * (`_single_tensor_adam`): step_size = lr / bc1, denom = √v / √bc2 + eps, θ ← θ − step_size·m / denom.
 * `decoupled` selects AdamW's decay θ ← θ·(1 − lr·wd) instead of the L2 term g + wd·θ.
 */
export function adamUpdate(
  param: Float64Array, grad: Float64Array, state: AdamState, h: Readonly<AdamOptions>, t: number, decoupled: boolean,
): void {
  const m = state.expAvg, v = state.expAvgSq, vmax = state.maxExpAvgSq;
  const { lr, beta1, beta2, eps, weightDecay, amsgrad, biasCorrection } = h;
  const bc1 = biasCorrection ? 1 - beta1 ** t : 1;
  const bc2 = biasCorrection ? 1 - beta2 ** t : 1;
  const value = -(lr / bc1);
  const bc2Sqrt = Math.sqrt(bc2);
  const decay = decoupled ? 1 - lr * weightDecay : 1;
  const l2 = decoupled ? 0 : weightDecay;
  const oneMinusBeta1 = 1 - beta1, oneMinusBeta2 = 1 - beta2;
  for (let i = 0; i < param.length; i++) {
    let p = param[i]!;
    if (decoupled && weightDecay !== 0) p = p * decay; // param.mul_(1 − lr·wd)
    const g = l2 !== 0 ? grad[i]! + l2 * p : grad[i]!; // grad.add(param, alpha=wd)
    const mi = m[i]! * beta1 + oneMinusBeta1 * g; // exp_avg.mul_(β1).add_(g, alpha=1−β1)
    const vi = v[i]! * beta2 + oneMinusBeta2 * g * g; // exp_avg_sq.mul_(β2).addcmul_(g, g, value=1−β2)
    m[i] = mi;
    v[i] = vi;
    let second = vi;
    if (amsgrad) {
      second = Math.max(vmax![i]!, vi); // torch.maximum(max_exp_avg_sq, exp_avg_sq)
      vmax![i] = second;
    }
    const denom = Math.sqrt(second) / bc2Sqrt + eps;
    param[i] = p + (value * mi) / denom; // param.addcdiv_(m, denom, value=−step_size)
  }
}

/**
 * Adam (Kingma & Ba, 2015; PyTorch's `Adam`):
 *
 *     g ← ∇θ + wd·θ                                   (L2 weight decay, only when wd > 0)
 *     m ← β1·m + (1 − β1)·g,   v ← β2·v + (1 − β2)·g²
 *     m̂ = m / (1 − β1ᵗ),       v̂ = v / (1 − β2ᵗ)
 *     θ ← θ − lr·m̂ / (√v̂ + eps)
 *
 * amsgrad: v̂ uses vmax ← max(vmax, v) instead of v. biasCorrection false drops the two
 * divisions (θ ← θ − lr·m / (√v + eps), the lesson version in seed 001).
 * With eps ≈ 0 the step is invariant to rescaling g by c > 0, and |Δθ| ≤ lr when 1 − β1 ≤ √(1 − β2).
 */
export const adamRule: UpdateRule<AdamOptions, AdamState> = {
  name: 'Adam',
  defaults: { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, amsgrad: false, biasCorrection: true },
  validate: validateAdamOptions,
  init: initAdamState,
  update: (param, grad, state, hyper, t) => adamUpdate(param, grad, state, hyper, t, false),
};

/** `new Adam(params, { lr = 0.001, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0, amsgrad = false, biasCorrection = true })`. */
export class Adam extends Optimizer<AdamOptions, AdamState> {
  constructor(params: Iterable<Tensor>, options: Partial<AdamOptions> = {}) {
    super(adamRule, params, options);
  }
}
