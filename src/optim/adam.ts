import type { Tensor } from '../tensor/tensor.ts';
import type { OptionChecker } from './options.ts';
import { type AdamCoefficients, wasmAdam, wasmAdamAvailable, wasmHome, wasmMoments } from './adam-wasm.ts';
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

/** Parameters from this many elements up keep their moments in WebAssembly memory and step there. */
export const WASM_ADAM_MIN = 4096;

export function initAdamState(size: number, { amsgrad }: Readonly<AdamOptions>): AdamState {
  if (size >= WASM_ADAM_MIN && wasmAdamAvailable()) {
    const [expAvg, expAvgSq, maxExpAvgSq] = wasmMoments(size, amsgrad ? 3 : 2) as [Float64Array, Float64Array, Float64Array?];
    return amsgrad ? { expAvg, expAvgSq, maxExpAvgSq: maxExpAvgSq! } : { expAvg, expAvgSq };
  }
  return adamReferenceState(size, amsgrad);
}

/** Zeroed moments as ordinary arrays (those `adamReference` is tested with against the kernel). */
export function adamReferenceState(size: number, amsgrad: boolean): AdamState {
  const state: AdamState = { expAvg: new Float64Array(size), expAvgSq: new Float64Array(size) };
  if (amsgrad) state.maxExpAvgSq = new Float64Array(size);
  return state;
}

/** The per-step constants of the Adam rule (√(1 − β2ᵗ) inverted once, so each element divides once). */
export function adamCoefficients(h: Readonly<AdamOptions>, t: number, decoupled: boolean): AdamCoefficients {
  const { lr, beta1, beta2, eps, weightDecay, amsgrad, biasCorrection } = h;
  const bc1 = biasCorrection ? 1 - beta1 ** t : 1;
  const bc2 = biasCorrection ? 1 - beta2 ** t : 1;
  return {
    beta1, beta2, oneMinusBeta1: 1 - beta1, oneMinusBeta2: 1 - beta2, value: -(lr / bc1), rbc2: 1 / Math.sqrt(bc2), eps,
    decay: 1 - lr * weightDecay, l2: weightDecay, useDecay: decoupled && weightDecay !== 0, useL2: !decoupled && weightDecay !== 0, amsgrad,
  };
}

/**
 * The Adam step shared by Adam and AdamW, in PyTorch's order of operations (`_single_tensor_adam`)
 * except that √v / √bc2 is computed as √v · (1/√bc2), equal within an ulp: step_size = lr / bc1,
 * denom = √v · (1/√bc2) + eps, θ ← θ − step_size·m / denom. `decoupled` selects AdamW's decay
 * θ ← θ·(1 − lr·wd) instead of the L2 term g + wd·θ.
 */
export function adamUpdate(
  param: Float64Array, grad: Float64Array, state: AdamState, h: Readonly<AdamOptions>, t: number, decoupled: boolean,
): void {
  const c = adamCoefficients(h, t, decoupled);
  // The square root and division dominate the step: the kernel does two elements at a time (same arithmetic).
  const kernel = param.length >= WASM_ADAM_MIN ? homeOf(state) : undefined;
  if (kernel !== undefined) wasmAdam(kernel, param, grad, state.expAvg, state.expAvgSq, state.maxExpAvgSq, c);
  else adamReference(param, grad, state, c);
}

/** The kernel holding `state`'s moments; ordinary arrays (after loadStateDict) are copied into a new one first. */
function homeOf(state: AdamState): ReturnType<typeof wasmHome> {
  const home = wasmHome([state.expAvg, state.expAvgSq, state.maxExpAvgSq]);
  if (home !== undefined || !wasmAdamAvailable()) return home;
  const moved = wasmMoments(state.expAvg.length, state.maxExpAvgSq === undefined ? 2 : 3) as [Float64Array, Float64Array, Float64Array?];
  moved[0].set(state.expAvg);
  moved[1].set(state.expAvgSq);
  if (state.maxExpAvgSq !== undefined) moved[2]!.set(state.maxExpAvgSq);
  [state.expAvg, state.expAvgSq] = moved;
  if (moved[2] !== undefined) state.maxExpAvgSq = moved[2];
  return wasmHome(moved);
}

/** The readable rule (the reference for the WebAssembly kernel): one parameter's update in place. */
export function adamReference(param: Float64Array, grad: Float64Array, state: AdamState, c: Readonly<AdamCoefficients>): void {
  const m = state.expAvg, v = state.expAvgSq, vmax = state.maxExpAvgSq;
  const { beta1, beta2, oneMinusBeta1, oneMinusBeta2, value, rbc2, eps, decay, l2, useDecay, useL2, amsgrad } = c;
  for (let i = 0; i < param.length; i++) {
    let p = param[i]!;
    if (useDecay) p = p * decay; // param.mul_(1 − lr·wd)
    const g = useL2 ? grad[i]! + l2 * p : grad[i]!; // grad.add(param, alpha=wd)
    const mi = m[i]! * beta1 + oneMinusBeta1 * g; // exp_avg.mul_(β1).add_(g, alpha=1−β1)
    const vi = v[i]! * beta2 + oneMinusBeta2 * g * g; // exp_avg_sq.mul_(β2).addcmul_(g, g, value=1−β2)
    m[i] = mi;
    v[i] = vi;
    let second = vi;
    if (amsgrad) {
      second = Math.max(vmax![i]!, vi); // torch.maximum(max_exp_avg_sq, exp_avg_sq)
      vmax![i] = second;
    }
    const denom = Math.sqrt(second) * rbc2 + eps;
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
 * divisions (θ ← θ − lr·m / (√v + eps), the version the Adam lesson ("Understanding and Implementing ADAM") uses).
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
