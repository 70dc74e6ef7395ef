import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADAM_REGRET_LIMIT, gradientAt, main as amsgrad, type HorizonRow } from '../../examples/amsgrad.ts';
import { main as adamwVsL2 } from '../../examples/adamw-vs-l2.ts';
import { main as adamSnr, PURE_NOISE_SNR } from '../../examples/adam-snr.ts';
import { formatNumber } from '../../src/util/format-number.ts';
import { main as lrDecay } from '../../examples/lr-decay.ts';
import { main as scaleInvariance } from '../../examples/scale-invariance.ts';

const out = mkdtempSync(join(tmpdir(), 'gradlab-lessons-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const quiet = { log: () => {}, out };

describe('examples: the lessons of the source documents, each printed claim checked', () => {
  it('amsgrad: Adam ends at +1 with R_T/T − 20/101 shrinking like 1/√T; AMSGrad and the β2 = 0.9999 control head for −1', async () => {
    expect([1, 2, 101, 102, 203, 204].map(gradientAt)).toEqual([1010, -10, -10, 1010, 1010, -10]);
    const lines: string[] = [];
    const r = await amsgrad({ log: (l) => lines.push(l), out });
    const text = lines.join('\n');
    expect(text).toContain('section 5 of their paper; not the three-step construction of section 3');
    // "Adam ends at 1.0000, the worst feasible point"; each period at +1 costs 20 regret
    expect(r.adam.finalX).toBe(1);
    expect(ADAM_REGRET_LIMIT).toBeCloseTo((1010 * 2 - 100 * 10 * 2) / 101, 15);
    const [h0, h1, h2] = r.horizons as [HorizonRow, HorizonRow, HorizonRow];
    // "still 0.3367": above the limit and falling, the excess × √T falling and levelling off
    expect(h2.adam.excess).toBeGreaterThan(0.1);
    expect(h2.adam.averageRegret).toBeLessThan(h1.adam.averageRegret);
    expect(h1.adam.excessTimesRootT).toBeLessThan(h0.adam.excessTimesRootT);
    expect(h2.adam.excessTimesRootT).toBeLessThan(h1.adam.excessTimesRootT);
    expect(h1.adam.excessTimesRootT - h2.adam.excessTimesRootT).toBeLessThan(h0.adam.excessTimesRootT - h1.adam.excessTimesRootT);
    // AMSGrad: x heads for −1 and R_T/T → 0 like 1/√T
    expect(h0.amsgrad.x).toBeGreaterThan(h1.amsgrad.x);
    expect(h1.amsgrad.x).toBeGreaterThan(h2.amsgrad.x);
    expect(r.amsgrad.finalX).toBeLessThan(-0.95);
    expect(h2.amsgrad.averageRegretTimesRootT).toBeLessThan(h1.amsgrad.averageRegretTimesRootT);
    // the control: long memory alone takes Adam to the optimum
    expect(r.control.finalX).toBeLessThan(-0.95);
    expect(0.99 ** 100).toBeCloseTo(0.366, 3);
    expect(text).toContain(`x_T = ${formatNumber(r.control.finalX)}`);
    expect(readFileSync(r.figure!, 'utf8')).toContain('AMSGrad');
  }, 60_000);

  it('adamw-vs-l2: Adam + L2 = ridge; AdamW acts as a penalty λ·√v̂ (predicted from √v̂), equal with uncorrelated features, fading with time', async () => {
    const lines: string[] = [];
    const r = await adamwVsL2({ log: (l) => lines.push(l), out });
    // Adam + L2 ends at the exact ridge solution, and gradient descent + L2 heads there too
    expect(r.l2.fromRidge).toBeLessThan(1e-10);
    expect(r.l2.large).toBeCloseTo(r.ridge.large, 9);
    expect(r.l2.small).toBeCloseTo(r.ridge.small, 9);
    expect(r.gd.fromRidge).toBeLessThan(1e-4);
    // the asymmetry is the loss's: ridge keeps nearly all of the × 10 weights, a small part of the × 0.1 ones; h/(h + λ) says about as much
    expect(r.ridge.large).toBeGreaterThan(0.999);
    expect(r.ridge.small).toBeLessThan(0.2);
    expect(Math.abs(r.ridgePredicted.large - r.ridge.large)).toBeLessThan(1e-3);
    expect(Math.abs(r.ridgePredicted.small - r.ridge.small)).toBeLessThan(0.05);
    // the unregularised Adam run is (nearly) at least squares by step 1500, so AdamW's gap is its decay
    expect(r.adam.large).toBeGreaterThan(0.999);
    expect(r.adam.small).toBeGreaterThan(0.97);
    // AdamW at 1500: small weights lose far more; √v̂/h much larger for them; h/(h + λ√v̂) predicts both within 0.03
    expect(r.adamw.small).toBeLessThan(r.adamw.large - 0.1);
    expect(r.rootVHatOverH.small / r.rootVHatOverH.large).toBeGreaterThan(5);
    expect(Math.abs(r.predicted.large - r.adamw.large)).toBeLessThan(0.03);
    expect(Math.abs(r.predicted.small - r.adamw.small)).toBeLessThan(0.03);
    // control: uncorrelated features → similar √v̂/h and the same fraction kept
    expect(r.uncorrelatedRootVHatOverH.small / r.uncorrelatedRootVHatOverH.large).toBeLessThan(1.5);
    expect(r.uncorrelatedRootVHatOverH.small / r.uncorrelatedRootVHatOverH.large).toBeGreaterThan(1 / 1.5);
    expect(Math.abs(r.uncorrelated.large - r.uncorrelated.small)).toBeLessThan(0.005);
    expect(r.uncorrelated.large).toBeLessThan(0.995);
    // by the long horizon the decay has faded: both groups back near the unregularised solution
    expect(r.adamwLong.small).toBeGreaterThan(r.adamw.small);
    expect(r.adamwLong.large).toBeGreaterThan(0.999);
    expect(r.adamwLong.small).toBeGreaterThan(0.99);
    expect(lines.join('\n')).toContain(
      `by step ${r.adamwLong.steps} AdamW is back at ${formatNumber(r.adamwLong.large)} and ${formatNumber(r.adamwLong.small)}`,
    );
  }, 60_000);

  it("scale-invariance: Adam's path moves by < 1e-5 when the loss is scaled by 10⁻³ or 10³; GD's crawls or diverges", async () => {
    const r = await scaleInvariance(quiet);
    expect(r.adamDeviation['0.001']).toBeLessThan(1e-5);
    expect(r.adamDeviation['1000']).toBeLessThan(1e-7);
    expect(r.adamFinalDistance['0.001']).toBeCloseTo(r.adamFinalDistance['1']!, 4);
    expect(r.sgdFinalDistance['1']).toBeLessThan(1e-6);
    expect(r.sgdFinalDistance['0.001']).toBeGreaterThan(2.5);
    expect(r.sgdFinalDistance['1000']).toBe(Infinity);
    // the control: with ε as good as none the gaps fall to rounding, so ε made them
    expect(r.adamDeviationNoEps['0.001']).toBeLessThan(1e-12);
    expect(r.adamDeviationNoEps['1000']).toBeLessThan(1e-12);
    expect(r.adamDeviation['0.001']).toBeGreaterThan(1e3 * r.adamDeviationNoEps['0.001']!);
    expect(1 - 2 * 0.05 * 1000 * 10).toBeLessThan(-1); // GD's step factor along y at c = 10³
  });

  it('adam-snr: ratio 1 at the start, dips while v̂ remembers the early gradients, then settles near the pure-noise 0.183 with v̂ → 1', async () => {
    const lines: string[] = [];
    const r = await adamSnr({ quick: true, log: (l) => lines.push(l), out });
    const row = (t: number) => r.rows.find((x) => x.step === t)!;
    expect(r.main.snr[0]).toBeCloseTo(1, 6); // m̂/√v̂ = sign(g) at t = 1
    r.main.snr.forEach((s, i) => expect(r.main.stepOverLr[i]).toBeCloseTo(s, 5)); // |Δθ| = lr·|m̂/(√v̂ + ε)|
    // v̂ well above σ² = 1 in the printed window, the ratio below the pure-noise value there
    expect(row(200).vHat).toBeGreaterThan(4);
    expect(row(600).vHat).toBeGreaterThan(1.8);
    expect(Math.min(row(400).snr, row(600).snr)).toBeLessThan(0.13);
    // later: v̂ → 1, ratio near 0.183
    expect(PURE_NOISE_SNR).toBeCloseTo(0.183, 3);
    expect(Math.abs(r.tail.vHat - 1)).toBeLessThan(0.1);
    expect(Math.abs(r.tail.snr - PURE_NOISE_SNR)).toBeLessThan(0.02);
    expect(r.tail.snr).toBeGreaterThan(Math.min(row(400).snr, row(600).snr) + 0.05);
    // control β2 = 0.99: v̂ already near 1 and the ratio higher over steps 501–600
    expect(r.window600.control.vHat).toBeLessThan(1.3);
    expect(r.window600.main.vHat).toBeGreaterThan(r.window600.control.vHat + 0.8);
    expect(r.window600.control.snr).toBeGreaterThan(r.window600.main.snr + 0.03);
    // θ does not settle at 0: ‖θ‖ wanders at a level above where it was at step 200
    expect(r.tail.distance).toBeGreaterThan(row(200).distance);
    expect(r.tail.distance).toBeGreaterThan(0.3);
    expect(lines.join('\n')).toContain(`ratio rises to ${formatNumber(r.tail.snr)}`);
  });

  it('lr-decay: constant-lr steps stop shrinking and set the floor (half lr, lower floor); with α/√t both keep shrinking', async () => {
    const r = await lrDecay({ ...quiet, quick: true });
    const rows = r.rows;
    const last = rows.at(-1)!;
    // steps "stop shrinking at about" the last value, far smaller than the noise (1)
    expect(Math.abs(rows.at(-2)!.constant.step - last.constant.step) / last.constant.step).toBeLessThan(0.2);
    expect(last.constant.step).toBeLessThan(0.2);
    expect(r.constantStep / 0.5).toBeGreaterThan(0.1);
    expect(r.constantStep / 0.5).toBeLessThan(0.25);
    // the floor is set by the steps: the half-lr control sits lower
    expect(r.halfLrFloor).toBeLessThan(0.85 * r.constantFloor);
    // decayed: steps and floor keep shrinking, row after row
    for (let i = 2; i < rows.length; i++) {
      expect(rows[i]!.decayed.step).toBeLessThan(rows[i - 1]!.decayed.step);
      expect(rows[i]!.decayed.distance).toBeLessThan(rows[i - 1]!.decayed.distance);
    }
    expect(r.decayedFloor).toBeLessThan(r.constantFloor / 3);
    // the price: a slower start
    expect(rows[0]!.decayed.distance).toBeGreaterThan(rows[0]!.constant.distance);
  });
});
