import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ABOVE, BELOW, CONTROL_ETA, ETA, main, rises } from '../../examples/sharpness.ts';

const out = mkdtempSync(join(tmpdir(), 'gradlab-sharpness-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('examples/sharpness: every printed claim checked (quick)', () => {
  it('the edge 2/λ_max on a quadratic and an MLP; the sharpness rises to 2/η and hovers there, the smaller-η control passes it', async () => {
    const lines: string[] = [];
    const r = await main({ quick: true, log: (l) => lines.push(l), out });
    const text = lines.join('\n');
    // 1. power iteration finds the quadratic's λ_max = 10; below the edge ‖x‖ shrinks as x₃'s factor predicts, above it grows as x₁'s
    expect(r.quadratic.power).toBeCloseTo(10, 5);
    const q = r.quadratic;
    expect(q.below[299]! / (1 - 2 * BELOW * 0.01) ** 300).toBeCloseTo(1, 1);
    expect(q.above[299]! / Math.abs(1 - 2 * ABOVE) ** 300).toBeGreaterThan(0.9);
    expect(q.above[299]! / Math.abs(1 - 2 * ABOVE) ** 300).toBeLessThan(1.1);
    expect(q.below[299]!).toBeLessThan(q.below[9]!);
    // 2. the MLP near a minimum: below, the loss falls at every step; above, it rises on most steps, by a large factor, to a place with lower λ_max
    expect(r.mlp.below[0]!).toBeLessThan(1e-4);
    expect(rises(r.mlp.below)).toBe(0);
    expect(rises(r.mlp.above)).toBeGreaterThan(100);
    expect(Math.max(...r.mlp.above) / r.mlp.above[0]!).toBeGreaterThan(100);
    expect(r.mlp.above.at(-1)!).toBeLessThan(Math.max(...r.mlp.above)); // it does not grow without end
    expect(r.mlp.aboveEndLambda).toBeLessThan(r.mlp.lambda);
    expect(2 / r.mlp.aboveEndLambda).toBeGreaterThan((ABOVE * 2) / r.mlp.lambda);
    expect(text).toContain('Below the edge the loss falls at every step');
    expect(text).toContain(`, above its η = `);
    // 3. edge of stability: starts below 2/η, reaches it, then stays within ±15 % of it with a mean within 5 %
    const limit = 2 / ETA;
    expect(r.edge.sharpness[0]!).toBeLessThan(0.6 * limit);
    expect(r.reached).toBeGreaterThan(0);
    expect(r.edge.sharpness[r.reached / r.edge.every]!).toBeGreaterThanOrEqual(limit);
    expect(r.hover.min).toBeGreaterThan(0.85 * limit);
    expect(r.hover.max).toBeLessThan(1.15 * limit + 0.1);
    expect(Math.abs(r.hover.mean / limit - 1)).toBeLessThan(0.05);
    expect(r.edge.losses.at(-1)!).toBeLessThan(r.edge.losses[r.reached]!);
    expect(rises(r.edge.losses)).toBeGreaterThan(0);
    // the control: the sharpness passes the edge run's 2/η, its loss never rises
    expect(r.control.sharpness.at(-1)!).toBeGreaterThan(limit);
    expect(r.control.sharpness.at(-1)!).toBeLessThan(2 / CONTROL_ETA);
    expect(rises(r.control.losses)).toBe(0);
    expect(text).toContain(`the loss rose on 0 steps`);
    expect(readFileSync(r.figure!, 'utf8')).toContain('(control)');
  }, 120_000);
});
