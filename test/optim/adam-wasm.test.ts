import { describe, expect, it } from 'vitest';
import {
  type AdamOptions,
  Adam,
  adamCoefficients,
  adamReference,
  adamReferenceState,
  adamRule,
  WASM_ADAM_MIN,
} from '../../src/optim/adam.ts';
import { wasmAdamAvailable, wasmHome } from '../../src/optim/adam-wasm.ts';
import { AdamW } from '../../src/optim/adamw.ts';
import { tensor, Tensor } from '../../src/tensor/index.ts';
import { Rng } from '../../src/util/random.ts';
import { jsonRoundTrip } from '../support/json.ts';

const randomArray = (rng: Rng, n: number, scale = 1): Float64Array => Float64Array.from({ length: n }, () => scale * rng.normal());
const bytes = (a: Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const adamDefaults = adamRule.defaults as AdamOptions;

/** `steps` updates through the optimizer (the WebAssembly path) and through `adamReference` on ordinary arrays. */
function compare(n: number, options: Partial<AdamOptions>, decoupled: boolean, steps: number, seed: number): void {
  const rng = new Rng(seed);
  const start = randomArray(rng, n);
  const p = tensor(start.slice(), { requiresGrad: true });
  const opt = decoupled ? new AdamW([p], options) : new Adam([p], options);
  const h = { ...adamDefaults, ...(decoupled ? { weightDecay: 0.01 } : {}), ...options };
  const ref = start.slice();
  const refState = adamReferenceState(n, h.amsgrad);
  for (let t = 1; t <= steps; t++) {
    const g = randomArray(rng, n, t % 2 === 0 ? 1e-3 : 10);
    p.grad = new Tensor(g.slice(), p.shape);
    opt.step();
    adamReference(ref, g, refState, adamCoefficients(h, t, decoupled));
  }
  const { expAvg, expAvgSq, maxExpAvgSq } = opt.stateOf(0)!.buffers;
  expect(wasmHome([expAvg, expAvgSq, maxExpAvgSq])).toBeDefined(); // the kernel really ran
  expect(bytes(p.data).equals(bytes(ref))).toBe(true);
  expect(bytes(expAvg).equals(bytes(refState.expAvg))).toBe(true);
  expect(bytes(expAvgSq).equals(bytes(refState.expAvgSq))).toBe(true);
  if (h.amsgrad) expect(bytes(maxExpAvgSq!).equals(bytes(refState.maxExpAvgSq!))).toBe(true);
  expect(p.data.some((x, i) => x !== start[i])).toBe(true);
}

describe.skipIf(!wasmAvailableOrSay())('Adam in WebAssembly (parameters ≥ WASM_ADAM_MIN elements)', () => {
  const sizes = [WASM_ADAM_MIN, 4097, 10001, 40001];
  const cases: [string, Partial<AdamOptions>, boolean][] = [
    ['defaults', {}, false],
    ['L2 weight decay', { weightDecay: 0.05, lr: 0.01 }, false],
    ['no bias correction', { biasCorrection: false, beta2: 0.99 }, false],
    ['amsgrad with weight decay', { amsgrad: true, weightDecay: 0.1 }, false],
    ['AdamW decoupled decay', { weightDecay: 0.2, lr: 0.05 }, true],
    ['AdamW amsgrad, no bias correction', { amsgrad: true, biasCorrection: false }, true],
  ];
  for (const [name, options, decoupled] of cases) {
    it(`is bit-identical to the TypeScript rule: ${name}`, () => {
      sizes.forEach((n, k) => compare(n, options, decoupled, 5, 100 * k + n));
    });
  }

  it('keeps stepping bit-identically after stateDict → JSON → loadStateDict (moments moved back into wasm memory)', () => {
    const rng = new Rng(7);
    const n = 10001;
    const start = randomArray(rng, n);
    const grads = [1, 2, 3, 4, 5, 6].map(() => randomArray(rng, n));
    const a = tensor(start.slice(), { requiresGrad: true });
    const b = tensor(start.slice(), { requiresGrad: true });
    const optA = new Adam([a], { amsgrad: true, weightDecay: 0.01 });
    const optB = new Adam([b], { amsgrad: true, weightDecay: 0.01 });
    for (const g of grads.slice(0, 3)) {
      a.grad = new Tensor(g.slice(), a.shape);
      optA.step();
      b.grad = new Tensor(g.slice(), b.shape);
      optB.step();
    }
    optB.loadStateDict(jsonRoundTrip(optA.stateDict()));
    const loaded = optB.stateOf(0)!.buffers;
    expect(wasmHome([loaded.expAvg, loaded.expAvgSq, loaded.maxExpAvgSq])).toBeUndefined();
    for (const g of grads.slice(3)) {
      a.grad = new Tensor(g.slice(), a.shape);
      optA.step();
      b.grad = new Tensor(g.slice(), b.shape);
      optB.step();
    }
    const { expAvg, expAvgSq, maxExpAvgSq } = optB.stateOf(0)!.buffers;
    expect(wasmHome([expAvg, expAvgSq, maxExpAvgSq])).toBeDefined();
    expect(bytes(b.data).equals(bytes(a.data))).toBe(true);
    expect(bytes(expAvgSq).equals(bytes(optA.stateOf(0)!.buffers.expAvgSq))).toBe(true);
    expect(optB.stateDict()).toEqual(optA.stateDict());
  });

  it('keeps small parameters on ordinary arrays', () => {
    const p = tensor(new Float64Array(WASM_ADAM_MIN - 1).fill(1), { requiresGrad: true });
    const opt = new Adam([p]);
    p.grad = new Tensor(new Float64Array(p.size).fill(0.5), p.shape);
    opt.step();
    const { expAvg, expAvgSq } = opt.stateOf(0)!.buffers;
    expect(wasmHome([expAvg, expAvgSq])).toBeUndefined();
    expect(expAvg[0]).toBeCloseTo(0.05, 15); // (1 − 0.9)·0.5
    expect(p.data[0]).toBeCloseTo(1 - 0.001, 9); // |Δθ| = lr on the first step
  });
});

function wasmAvailableOrSay(): boolean {
  if (!wasmAdamAvailable()) console.warn('adam-wasm.test.ts: skipped, WebAssembly SIMD unavailable or GRADLAB_WASM=0');
  return wasmAdamAvailable();
}
