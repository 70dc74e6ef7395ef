import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Adam, Optimizer, chain, scaleByAdam, scaleByLr, type Transform } from '../../src/optim/index.ts';
import { type AdamOptions, adamCoefficients, adamDirection, adamReference, adamReferenceState, adamRule } from '../../src/optim/adam.ts';
import { PendingStep } from '../../src/optim/pending-step.ts';
import { tensor, Tensor } from '../../src/tensor/index.ts';
import { Rng } from '../../src/util/random.ts';
import { FixtureModel, maxRelError } from './fixture-model.ts';
import { compareWithTextbook } from './textbook.ts';

/** Adam on hand-set gradients: returns θ after every step. */
function run(grads: number[][], options: ConstructorParameters<typeof Adam>[1], start = grads[0]!.map(() => 0)): number[][] {
  const p = tensor(start, { requiresGrad: true });
  const opt = new Adam([p], options);
  return grads.map((g) => {
    p.grad = new Tensor(Float64Array.from(g), p.shape);
    opt.step();
    return Array.from(p.data);
  });
}

describe('Adam', () => {
  it("reproduces the Adam lesson's table: f = x² + y² from (3, 4), lr 0.02, β 0.9/0.9999, no bias correction", () => {
    const printed: Record<number, [number, number]> = {
      0: [2.80000003, 3.80000002],
      30: [0.27175946, -0.35494334],
      60: [-0.07373187, -0.06706317],
      90: [-0.02001478, 0.0301726],
      120: [0.00082782, -0.0039881],
      150: [0.00094425, -0.00038352],
    };
    const p = tensor([3, 4], { requiresGrad: true });
    const opt = new Adam([p], { lr: 0.02, beta1: 0.9, beta2: 0.9999, eps: 1e-8, biasCorrection: false });
    for (let epoch = 0; epoch <= 150; epoch++) {
      p.grad = new Tensor(
        Float64Array.from(p.data, (x) => 2 * x),
        p.shape,
      );
      opt.step();
      const row = printed[epoch];
      if (row) row.forEach((v, i) => expect(p.data[i]!.toFixed(8), `epoch ${epoch}`).toBe(v.toFixed(8)));
    }
  });

  it('bias correction makes the first step −lr·g/(|g| + eps) for any β', () => {
    const [[a, b]] = run([[0.5, -2000]], { lr: 0.1, beta1: 0.5, beta2: 0.9 }) as [[number, number]];
    expect(a).toBeCloseTo((-0.1 * 0.5) / (0.5 + 1e-8), 15);
    expect(b).toBeCloseTo((0.1 * 2000) / (2000 + 1e-8), 15);
  });

  it('weight decay is L2: the same as adding wd·θ to the gradient by hand', () => {
    const p = tensor([2], { requiresGrad: true }),
      q = tensor([2], { requiresGrad: true });
    const withDecay = new Adam([p], { lr: 0.1, weightDecay: 0.3 }),
      plain = new Adam([q], { lr: 0.1 });
    for (const g of [0.5, -1, 0.25]) {
      p.grad = new Tensor(new Float64Array([g]), p.shape);
      q.grad = new Tensor(new Float64Array([g + 0.3 * q.data[0]!]), q.shape);
      withDecay.step();
      plain.step();
      expect(p.data[0]).toBe(q.data[0]);
    }
  });

  it('AMSGrad divides by the running max of v: a large then a small gradient', () => {
    const [, withMax] = run([[10], [0.01]], { lr: 0.1, amsgrad: true }) as [number[], number[]];
    const [first, plain] = run([[10], [0.01]], { lr: 0.1 }) as [number[], number[]];
    const m2 = 0.9 * 1 + 0.1 * 0.01,
      v1 = 0.001 * 100,
      v2 = 0.999 * v1 + 0.001 * 1e-4;
    const stepWith = ((0.1 / (1 - 0.81)) * m2) / (Math.sqrt(v1) / Math.sqrt(1 - 0.999 ** 2) + 1e-8);
    const stepPlain = ((0.1 / (1 - 0.81)) * m2) / (Math.sqrt(v2) / Math.sqrt(1 - 0.999 ** 2) + 1e-8);
    expect(withMax[0]).toBeCloseTo(first[0]! - stepWith, 14);
    expect(plain[0]).toBeCloseTo(first[0]! - stepPlain, 14);
  });

  it('agrees with the paper algorithm for amsgrad, weight decay, other betas and eps, no bias correction', () => {
    const options = [
      { lr: 0.01 },
      { lr: 0.01, amsgrad: true },
      { lr: 0.02, beta1: 0.8, beta2: 0.99, eps: 1e-6, weightDecay: 0.01 },
      { lr: 0.005, beta1: 0.95, beta2: 0.9, amsgrad: true, weightDecay: 0.1 },
      { lr: 0.01, biasCorrection: false },
    ];
    for (const o of options)
      expect(
        compareWithTextbook('Adam', o, (ps) => new Adam(ps, o)),
        JSON.stringify(o),
      ).toBeLessThan(1e-12);
  });
});

describe("Kingma & Ba's slides: properties of Adam's step (eps negligible)", () => {
  // Magnitudes in [1e-3, 1e3] or exactly 0, so that eps = 1e-300 stays negligible and g² never underflows.
  const gradient = fc.oneof(
    fc.constant(0),
    fc.tuple(fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.boolean()).map(([m, neg]) => (neg ? -m : m)),
  );
  const gradients = fc.array(gradient, { minLength: 1, maxLength: 60 });
  const beta = (max: number) => fc.double({ min: 0, max, noNaN: true });
  const config = { seed: 4, numRuns: 150 };

  it('invariance to rescaling: gradients × 2^k give a bit-identical trajectory, × any c > 0 the same to 1e-12', () => {
    fc.assert(
      fc.property(gradients, fc.integer({ min: -20, max: 20 }), fc.double({ min: 1e-4, max: 1e4, noNaN: true }), (gs, k, c) => {
        const options = { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-300 };
        const base = run(
          gs.map((g) => [g]),
          options,
          [1],
        );
        expect(
          run(
            gs.map((g) => [g * 2 ** k]),
            options,
            [1],
          ),
        ).toEqual(base);
        const scaled = run(
          gs.map((g) => [g * c]),
          options,
          [1],
        );
        expect(maxRelError(scaled.flat(), base.flat(), 1)).toBeLessThan(1e-12);
      }),
      config,
    );
  });

  it('the loss scaled by 1000 leaves the trajectory on the fixture model unchanged', () => {
    const a = new FixtureModel(),
      b = new FixtureModel();
    const optA = new Adam(a.params, { lr: 0.01, eps: 1e-300 }),
      optB = new Adam(b.params, { lr: 0.01, eps: 1e-300 });
    for (let t = 0; t < 20; t++) {
      a.lossAndGrad();
      for (const p of b.params) p.grad = null;
      b.loss().mul(1000).backward();
      optA.step();
      optB.step();
    }
    a.params.forEach((p, i) => expect(maxRelError(p.data, b.params[i]!.data, 1e-8)).toBeLessThan(1e-12));
  });

  /** Cauchy–Schwarz: |m̂_t|/√v̂_t ≤ √(Σ_i w_i²/u_i), w and u the normalized EWMA weights of m̂ and v̂; tight. */
  const tightBound = (b1: number, b2: number, t: number): number => {
    let s = 0;
    for (let i = 1; i <= t; i++) {
      const w = ((1 - b1) * b1 ** (t - i)) / (1 - b1 ** t),
        u = ((1 - b2) * b2 ** (t - i)) / (1 - b2 ** t);
      s += (w * w) / u;
    }
    return Math.sqrt(s);
  };

  it('|Δ_t| ≤ lr·√(Σ w_i²/u_i) for every step of random gradient sequences (= lr when t = 1 or β1 = β2)', () => {
    fc.assert(
      fc.property(gradients, beta(0.99), fc.double({ min: 0.01, max: 0.9999, noNaN: true }), fc.boolean(), (gs, b1, b2raw, same) => {
        const b2 = same ? b1 || 0.5 : b2raw;
        const beta1 = same ? b2 : b1;
        const path = run(
          gs.map((g) => [g]),
          { lr: 0.1, beta1, beta2: b2, eps: 1e-300 },
          [0],
        ).map((r) => r[0]!);
        path.forEach((theta, k) => {
          const delta = Math.abs(theta - (k === 0 ? 0 : path[k - 1]!));
          const bound = k === 0 || beta1 === b2 ? 0.1 : 0.1 * tightBound(beta1, b2, k + 1);
          expect(delta).toBeLessThanOrEqual(bound + 1e-13); // 1e-13: rounding of θ_k − θ_{k−1}
        });
      }),
      config,
    );
  });

  it('sparse case: one gradient after 1000 zero steps moves lr·(1−β1)/√(1−β2)·√(1−β2ᵗ)/(1−β1ᵗ), above lr when 1−β1 > √(1−β2)', () => {
    const grads = [...Array.from({ length: 1000 }, () => [0]), [5]];
    const last = run(grads, { lr: 0.1, eps: 1e-300 })[1000]![0]!;
    const t = 1001;
    const expected = 0.1 * (0.1 / Math.sqrt(0.001)) * (Math.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t));
    expect(-last).toBeCloseTo(expected, 13);
    expect(-last).toBeGreaterThan(0.1);
  });

  it('the paper\'s "|Δ| ≤ lr when 1−β1 ≤ √(1−β2)" is approximate: gradients growing by β2/β1 per step reach 1.248·lr at t = 30', () => {
    const b1 = 0.9,
      b2 = 0.99;
    const grads = Array.from({ length: 30 }, (_, i) => [(b2 / b1) ** (i + 1)]);
    const path = run(grads, { lr: 1, beta1: b1, beta2: b2, eps: 1e-300 }).map((r) => r[0]!);
    expect(path[28]! - path[29]!).toBeCloseTo(1.247963248419003, 12); // pure-Python float reference
    expect(tightBound(b1, b2, 30)).toBeCloseTo(1.247963248419003, 12); // g_i ∝ w_i/u_i attains the bound
  });
});

describe("Adam's three forms agree with the one reference, adamReference", () => {
  // The WebAssembly kernel is held to it in adam-wasm.test.ts; here the chain form (adamDirection), whose
  // step stays pending for the transforms after it, once the learning rate and decoupled decay are applied.
  const cases: [string, Partial<AdamOptions>, boolean][] = [
    ['defaults', {}, false],
    ['amsgrad, no bias correction', { amsgrad: true, biasCorrection: false, beta2: 0.99 }, false],
    ['decoupled decay (AdamW)', { weightDecay: 0.2, lr: 0.05 }, true],
  ];
  for (const [name, options, decoupled] of cases) {
    it(`adamDirection then the pending step is bit-identical to adamReference: ${name}`, () => {
      const h = { ...(adamRule.defaults as AdamOptions), ...options };
      const rng = new Rng(3);
      const n = 257;
      const start = Float64Array.from({ length: n }, () => rng.normal());
      const [viaChain, viaReference] = [start.slice(), start.slice()];
      const state = adamReferenceState(n, h.amsgrad);
      const refState = adamReferenceState(n, h.amsgrad);
      for (let t = 1; t <= 6; t++) {
        const g = Float64Array.from({ length: n }, () => (t % 2 ? 10 : 1e-3) * rng.normal());
        const step = new PendingStep(0, viaChain, g, state, t, t, {});
        adamDirection(step, state, adamCoefficients({ ...h, lr: 0, weightDecay: 0 }, t, false));
        step.div = h.biasCorrection ? 1 - h.beta1 ** t : 1; // as scaleByAdam leaves it
        Object.assign(step, { scale: -h.lr, lr: h.lr, decoupled: decoupled ? h.weightDecay : 0 }); // scaleByLr, addDecayedWeights
        step.apply();
        adamReference(viaReference, g, refState, adamCoefficients(h, t, decoupled));
      }
      expect(Array.from(viaChain)).toEqual(Array.from(viaReference));
      expect(Array.from(state.expAvgSq)).toEqual(Array.from(refState.expAvgSq));
      expect(viaChain.some((x, i) => x !== start[i])).toBe(true);
    });
  }

  it('an unfused chain (a transform that reads the update after scaleByAdam) steps as the reference to 1e-15', () => {
    // The update is settled before the transform that reads it, so lr multiplies (m/bc1)/denom: one rounding apart.
    const identity: Transform = { name: 'identity', defaults: {}, update: (p) => void p.writable() };
    const p = tensor([0.5, -1, 2], { requiresGrad: true });
    const opt = new Optimizer(chain(scaleByAdam(), identity, scaleByLr()), [p], { lr: 0.1 });
    const ref = Float64Array.of(0.5, -1, 2);
    const refState = adamReferenceState(3, false);
    for (let t = 1; t <= 4; t++) {
      const g = Float64Array.of(0.3 * t, -2, 1e-4);
      p.grad = tensor(Array.from(g));
      opt.step();
      adamReference(ref, g, refState, adamCoefficients({ ...(adamRule.defaults as AdamOptions), lr: 0.1 }, t, false));
    }
    p.data.forEach((x, i) => expect(Math.abs(x - ref[i]!)).toBeLessThan(1e-15 * Math.max(1, Math.abs(ref[i]!))));
  });
});
