import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gradientAt, main as amsgrad, runOnline } from '../../examples/amsgrad.ts';
import { main as adamwVsL2 } from '../../examples/adamw-vs-l2.ts';
import { main as adamSnr } from '../../examples/adam-snr.ts';
import { main as lrDecay } from '../../examples/lr-decay.ts';
import { main as scaleInvariance } from '../../examples/scale-invariance.ts';

const out = mkdtempSync(join(tmpdir(), 'gradlab-lessons-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const quiet = { log: () => {}, out };

describe('examples: the lessons of the source documents, in numbers', () => {
  it("amsgrad: on Reddi, Kale & Kumar's problem Adam ends at +1, AMSGrad near the optimum −1 with less regret", async () => {
    expect([1, 2, 101, 102, 203, 204].map(gradientAt)).toEqual([1010, -10, -10, 1010, 1010, -10]);
    const r = await amsgrad({ ...quiet, quick: true });
    expect(r.adam.finalX).toBe(1);
    expect(r.amsgrad.finalX).toBeLessThan(-0.8);
    expect(r.amsgrad.averageRegret).toBeLessThan(r.adam.averageRegret);
    // Adam's regret per period at x = +1 is 10·(1 − (−1)) = 20 over 101 steps: the average tends to 0.198, not 0.
    const long = runOnline(false, 101 * 400);
    expect(long.xs.slice(-101).every((x) => x > 0.9)).toBe(true);
    expect(readFileSync(r.figure!, 'utf8')).toContain('AMSGrad');
  });

  it('adamw-vs-l2: L2 leaves large-gradient weights alone and crushes small-gradient ones; AdamW is far more even', async () => {
    const { ratio } = await adamwVsL2(quiet);
    expect(ratio.l2.large).toBeGreaterThan(0.995);
    expect(ratio.l2.small).toBeLessThan(0.2);
    expect(ratio.adamw.small).toBeGreaterThan(0.8);
    expect(ratio.adamw.large).toBeLessThan(0.995);
    expect((1 - ratio.adamw.large) / (1 - ratio.adamw.small)).toBeGreaterThan(20 * ((1 - ratio.l2.large) / (1 - ratio.l2.small)));
  });

  it("scale-invariance: Adam's path moves by < 1e-5 when the loss is scaled by 10⁻³ or 10³; GD's crawls or diverges", async () => {
    const r = await scaleInvariance(quiet);
    expect(r.adamDeviation['0.001']).toBeLessThan(1e-5);
    expect(r.adamDeviation['1000']).toBeLessThan(1e-7);
    expect(r.adamFinalDistance['0.001']).toBeCloseTo(r.adamFinalDistance['1']!, 4);
    expect(r.sgdFinalDistance['1']).toBeLessThan(1e-6);
    expect(r.sgdFinalDistance['0.001']).toBeGreaterThan(2.5);
    expect(r.sgdFinalDistance['1000']).toBe(Infinity);
  });

  it('adam-snr: |m̂/√v̂| starts at 1 (m̂/√v̂ = sign(g) at t = 1), falls below 0.2 near the optimum, and steps follow it', async () => {
    const r = await adamSnr(quiet);
    expect(r.snr[0]).toBeCloseTo(1, 6);
    expect(Math.max(...r.snr.slice(300))).toBeLessThan(0.25);
    r.snr.forEach((s, i) => expect(r.stepOverLr[i]).toBeCloseTo(s, 5)); // |Δθ| = lr·|m̂/(√v̂ + ε)|
  });

  it('lr-decay: with α/√t the noise floor is several times lower than at a constant lr', async () => {
    const r = await lrDecay({ ...quiet, quick: true });
    expect(r.decayedFloor).toBeLessThan(r.constantFloor / 3);
  });
});
