import type { Tensor } from '../tensor/tensor.ts';
import { type AdamCoefficients, wasmAdam, wasmAdamAvailable, wasmHome, wasmMoments } from './adam-wasm.ts';
import { chain, named } from './chain.ts';
import { addL2 } from './decay.ts';
import { scaleByLr } from './learning-rate.ts';
import { Optimizer } from './optimizer.ts';
import type { Transform } from './transform.ts';
import { stepTransform, type PendingStep } from './pending-step.ts';

export type AdamOptions = {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  biasCorrection: boolean;
};

/** maxExpAvgSq exists iff amsgrad (as in PyTorch's state). */
export type AdamState = { expAvg: Float64Array; expAvgSq: Float64Array; maxExpAvgSq?: Float64Array };

/** Parameters from this many elements up keep their moments in WebAssembly memory and step there. */
export const WASM_ADAM_MIN = 4096;

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
    beta1,
    beta2,
    oneMinusBeta1: 1 - beta1,
    oneMinusBeta2: 1 - beta2,
    value: -(lr / bc1),
    rbc2: 1 / Math.sqrt(bc2),
    eps,
    decay: 1 - lr * weightDecay,
    l2: weightDecay,
    useDecay: decoupled && weightDecay !== 0,
    useL2: !decoupled && weightDecay !== 0,
    amsgrad,
  };
}

/** One whole Adam step of a parameter in place: `adamReference`, or its WebAssembly kernel for parameters of WASM_ADAM_MIN elements or more. */
function adamStep(param: Float64Array, grad: Float64Array, state: AdamState, c: Readonly<AdamCoefficients>): void {
  // The square root and division dominate the step: the kernel does two elements at a time (same arithmetic).
  const kernel = param.length >= WASM_ADAM_MIN ? homeOf(state) : undefined;
  if (kernel !== undefined) wasmAdam(kernel, param, grad, state.expAvg, state.expAvgSq, state.maxExpAvgSq, c);
  else adamReference(param, grad, state, c);
}

/** The kernel holding `state`'s moments; ordinary arrays (new, or after loadStateDict) are copied into a new one first. */
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

/**
 * THE Adam step, the one readable reference of its arithmetic: PyTorch's order of operations
 * (`_single_tensor_adam`) except that √v / √bc2 is computed as √v · (1/√bc2), equal within an ulp:
 * step_size = lr / bc1, denom = √v · (1/√bc2) + eps, θ ← θ − step_size·m / denom.
 *
 * Adam's arithmetic is written twice more, for speed and for chains, and both are tested bit for bit
 * against this function: the WebAssembly kernel (src/tensor/kernels/wasm/adam.as.ts, two elements at a
 * time; test/optim/adam-wasm.test.ts) and `adamDirection` below (the moments alone, the step left pending
 * for transforms that follow; test/optim/adam.test.ts). It runs itself for parameters below WASM_ADAM_MIN
 * elements when nothing but the learning rate and decoupled decay follow scaleByAdam in the chain.
 */
export function adamReference(param: Float64Array, grad: Float64Array, state: AdamState, c: Readonly<AdamCoefficients>): void {
  const m = state.expAvg,
    v = state.expAvgSq,
    vmax = state.maxExpAvgSq;
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
 * Adam's scaling (Kingma & Ba, 2015):
 *
 *     m ← β1·m + (1 − β1)·g,   v ← β2·v + (1 − β2)·g²
 *     u ← m̂ / (√v̂ + eps),     m̂ = m / (1 − β1ᵗ),  v̂ = v / (1 − β2ᵗ)
 *
 * amsgrad: v̂ uses vmax ← max(vmax, v) instead of v; biasCorrection false drops both divisions.
 * When only scaleByLr and decoupled decay follow (Adam, AdamW), it does the whole step itself in
 * one pass (`adamReference`, or the WebAssembly kernel for large parameters), as PyTorch orders it.
 */
export function scaleByAdam({
  beta1 = 0.9,
  beta2 = 0.999,
  eps = 1e-8,
  amsgrad = false,
  biasCorrection = true,
}: Partial<AdamOptions> = {}): Transform<AdamOptions> {
  return stepTransform({
    name: 'scaleByAdam',
    defaults: { beta1, beta2, eps, amsgrad, biasCorrection },
    validate(check) {
      check.unitInterval('beta1');
      check.unitInterval('beta2');
      check.positive('eps');
      check.flag('amsgrad');
      check.flag('biasCorrection');
    },
    buffers: (h) => [
      { name: 'expAvg', initial: 0, label: 'm' },
      { name: 'expAvgSq', initial: 0, label: 'v' },
      ...(h.amsgrad ? [{ name: 'maxExpAvgSq', initial: 0, label: 'vmax' }] : []),
    ],
    update(p, h) {
      const c = adamCoefficients({ ...h, lr: 0, weightDecay: 0 }, p.t, false);
      p.div *= h.biasCorrection ? 1 - h.beta1 ** p.t : 1;
      const state = p.state as AdamState;
      if (p.fusable) p.fuse((q) => adamStep(q.param, q.u, state, { ...c, ...pendingStep(q) }));
      else adamDirection(p, state, c);
    },
    inspect(state, h, t): Record<string, number[]> {
      if (!h.biasCorrection) return {}; // the update uses m and v as they are
      const v = h.amsgrad ? state.maxExpAvgSq! : state.expAvgSq!;
      return { mHat: state.expAvg!.map((x) => x / (1 - h.beta1 ** t)), vHat: v.map((x) => x / (1 - h.beta2 ** t)) };
    },
  });
}

/** The kernel's step constants from what the transforms after scaleByAdam left pending. */
function pendingStep(q: PendingStep): Pick<AdamCoefficients, 'value' | 'decay' | 'useDecay'> {
  return { value: q.scale / q.div, decay: 1 - q.lr * q.decoupled, useDecay: q.decoupled !== 0 };
}

/**
 * `adamReference`'s arithmetic without the write to θ, for chains that transform Adam's direction further:
 * the moments, and u = m with ÷bc1 and ÷denom left pending, so that once the learning rate is applied the
 * step rounds as the reference's does (test/optim/adam.test.ts checks it bit for bit).
 */
export function adamDirection(p: PendingStep, state: AdamState, c: AdamCoefficients): void {
  const g = p.u,
    m = state.expAvg,
    v = state.expAvgSq,
    vmax = state.maxExpAvgSq,
    den = p.denominator();
  for (let i = 0; i < m.length; i++) {
    const gi = g[i]!;
    m[i] = m[i]! * c.beta1 + c.oneMinusBeta1 * gi;
    v[i] = v[i]! * c.beta2 + c.oneMinusBeta2 * gi * gi;
    if (vmax !== undefined) vmax[i] = Math.max(vmax[i]!, v[i]!);
    den[i] = Math.sqrt(vmax === undefined ? v[i]! : vmax[i]!) * c.rbc2 + c.eps;
  }
  p.use(m);
}

/**
 * Adam (PyTorch's `Adam`): `chain(addL2(), scaleByAdam(), scaleByLr())`,
 *
 *     g ← ∇θ + wd·θ                                   (L2 weight decay, only when wd > 0)
 *     m ← β1·m + (1 − β1)·g,   v ← β2·v + (1 − β2)·g²
 *     θ ← θ − lr·m̂ / (√v̂ + eps)
 *
 * biasCorrection false gives θ ← θ − lr·m / (√v + eps), the version the Adam lesson ("Understanding and Implementing ADAM") uses.
 * With eps ≈ 0 the step is invariant to rescaling g by c > 0, and |Δθ| ≤ lr when 1 − β1 ≤ √(1 − β2).
 */
export const adamRule = named<AdamOptions>('Adam', chain(addL2(), scaleByAdam(), scaleByLr()), {
  lr: 0.001,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  weightDecay: 0,
  amsgrad: false,
  biasCorrection: true,
});

/** `new Adam(params, { lr = 0.001, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0, amsgrad = false, biasCorrection = true })`. */
export class Adam extends Optimizer<AdamOptions, AdamState> {
  constructor(params: Iterable<Tensor>, options: Partial<AdamOptions> = {}) {
    super(adamRule, params, options);
  }
}
