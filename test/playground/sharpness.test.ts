import { describe, expect, it } from 'vitest';
import { Momentum, Rng, SGD, Tensor, topHessianEigenvalue } from 'gradlab';
import { type Split, Trainer, generate, prepare } from '../../playground/src/train/engine.ts';
import { SHARPNESS_EVERY, limitName, stabilityLimit } from '../../playground/src/train/sharpness.ts';
import { defaultSettings } from '../../playground/src/state/methods.ts';
import { type TrainState, defaultTrain } from '../../playground/src/state/schema.ts';

function trainer(change: Partial<TrainState>, steps: number): Trainer {
  const st = { ...defaultTrain(), ...change };
  const t = new Trainer(st, prepare(generate(st), st.dataSeed));
  for (let i = 0; i < steps; i++) t.step();
  return t;
}

/** The largest eigenvalue of a small symmetric positive semi-definite matrix, by many power steps. */
function topEigenvalue(h: number[][]): number {
  let v = h.map((_, i) => 1 + i / 10);
  let lambda = 0;
  for (let k = 0; k < 5000; k++) {
    const w = h.map((row) => row.reduce((s, x, j) => s + x * v[j]!, 0));
    const size = Math.hypot(...w);
    lambda = w.reduce((s, x, i) => s + x * v[i]!, 0) / v.reduce((s, x) => s + x * x, 0);
    v = w.map((x) => x / size);
  }
  return lambda;
}

describe('training view: sharpness', () => {
  it('plots, every SHARPNESS_EVERY steps, the λ_max of the whole training loss (softmax regression: by hand)', () => {
    // No hidden layer: logits = W·x + b, and the Hessian of the mean cross-entropy is
    // (1/n)·Σᵢ (diag(pᵢ) − pᵢpᵢᵀ) ⊗ x̃ᵢx̃ᵢᵀ with x̃ = (x₁, x₂, 1): its top eigenvalue, formed by hand.
    // Features of unequal spread, so that eigenvalue stands apart and power iteration settles.
    const rng = new Rng(3);
    const n = 60;
    const x = new Tensor(
      Float64Array.from({ length: 2 * n }, (_, k) => (k % 2 === 0 ? 2 : 0.5) * rng.normal()),
      [n, 2],
    );
    const y = Int32Array.from({ length: n }, (_, i) => (x.data[2 * i]! + x.data[2 * i + 1]! > 0 ? 1 : 0));
    const split: Split = { train: { x, y }, test: { x, y }, classes: 2, featureNames: ['a', 'b'], source: 'test' };
    const st = { ...defaultTrain(), hidden: [], optimizer: defaultSettings('gd', 0.2) };
    const t = new Trainer(st, split);
    for (let i = 0; i < 2 * SHARPNESS_EVERY; i++) t.step();
    const p = t.probabilities(x);
    const h = Array.from({ length: 6 }, () => new Array<number>(6).fill(0));
    for (let i = 0; i < n; i++) {
      const xt = [x.data[2 * i]!, x.data[2 * i + 1]!, 1];
      for (let a = 0; a < 2; a++)
        for (let b = 0; b < 2; b++) {
          const s = (a === b ? p[2 * i + a]! : 0) - p[2 * i + a]! * p[2 * i + b]!;
          for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) h[3 * a + j]![3 * b + k]! += (s * xt[j]! * xt[k]!) / n;
        }
    }
    const plotted = t.history.sharpness;
    expect(plotted.length).toBe(2 * SHARPNESS_EVERY);
    expect(plotted.filter((v) => v !== null).length).toBe(2);
    expect(plotted[SHARPNESS_EVERY - 1]).not.toBeNull();
    const byHand = topEigenvalue(h);
    expect(Math.abs(plotted[2 * SHARPNESS_EVERY - 1]! - byHand) / byHand).toBeLessThan(1e-4);
    expect(t.history.limit.every((v) => v === 2 / 0.2)).toBe(true);
  });

  it("matches topHessianEigenvalue at the trainer's state (MLP 2→16→16→2, Adam)", () => {
    const t = trainer({}, SHARPNESS_EVERY);
    const plotted = t.history.sharpness[SHARPNESS_EVERY - 1]!;
    const tight = topHessianEigenvalue(t.loss(t.split.train.x, t.split.train.y), t.model.parameters(), {
      iterations: 500,
      tolerance: 1e-12,
    });
    expect(tight.converged).toBe(true);
    expect(Math.abs(plotted - tight.eigenvalue) / tight.eigenvalue).toBeLessThan(1e-4);
    // Adam has no line on λ_max.
    expect(t.history.limit.every((v) => v === null)).toBe(true);
    expect(limitName(t.state.optimizer)).toBeNull();
  });

  it('draws the stability limit each method really has: a 1-D quadratic converges just below it and diverges just above', () => {
    const lambda = 4;
    const run = (make: (p: Tensor[]) => SGD | Momentum): number => {
      const w = new Tensor(Float64Array.of(1), [1], true);
      const opt = make([w]);
      for (let k = 0; k < 3000; k++) {
        opt.zeroGrad();
        w.mul(w)
          .mul(lambda / 2)
          .backward();
        opt.step();
      }
      return Math.abs(w.data[0]!);
    };
    const cases = [
      { s: defaultSettings('gd'), make: (lr: number) => (p: Tensor[]) => new SGD(p, { lr }) },
      {
        s: { ...defaultSettings('momentum'), momentum: 0.9 },
        make: (lr: number) => (p: Tensor[]) => new Momentum(p, { lr, momentum: 0.9 }),
      },
      {
        s: { ...defaultSettings('momentum'), momentum: 0.9, nesterov: true },
        make: (lr: number) => (p: Tensor[]) => new Momentum(p, { lr, momentum: 0.9, nesterov: true }),
      },
    ];
    for (const { s, make } of cases) {
      // The limit at η = 1, divided by λ: the η at which λ_max = limit.
      const edge = stabilityLimit(s, 1)! / lambda;
      expect(run(make(edge * 0.99))).toBeLessThan(1e-3);
      expect(run(make(edge * 1.01))).toBeGreaterThan(1e3);
    }
    expect(stabilityLimit({ ...defaultSettings('gd') }, 0.1)).toBeCloseTo(20, 12);
    expect(stabilityLimit({ ...defaultSettings('momentum'), momentum: 0.9 }, 0.1)).toBeCloseTo(38, 12);
    for (const m of ['adam', 'adamw', 'adamax', 'adagrad', 'rmsprop'] as const) expect(stabilityLimit(defaultSettings(m), 0.1)).toBeNull();
  });
});
