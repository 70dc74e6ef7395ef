import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { choleskySolve } from '../../examples/lib/cholesky.ts';
import { formatNumber } from '../../src/util/format-number.ts';
import { extremeEigenvalues, FLOOR, main } from '../../examples/newton.ts';

const out = mkdtempSync(join(tmpdir(), 'gradlab-newton-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('examples/lib/cholesky', () => {
  it('solves a symmetric positive-definite system exactly and refuses one that is not positive definite', () => {
    // A = [[4, 2], [2, 3]], b = A·(1, −2) = (0, −4)
    const x = choleskySolve(Float64Array.from([4, 2, 2, 3]), Float64Array.from([0, -4]));
    expect(x[0]).toBeCloseTo(1, 14);
    expect(x[1]).toBeCloseTo(-2, 14);
    expect(() => choleskySolve(Float64Array.from([1, 2, 2, 1]), Float64Array.from([1, 1]))).toThrow(
      /choleskySolve: A is not positive definite \(pivot -3 at row 1\)/,
    );
    expect(() => choleskySolve(new Float64Array(3), new Float64Array(2))).toThrow(/A has 3 entries, expected 2² = 4/);
  });

  it('extremeEigenvalues finds both ends of a known spectrum', () => {
    // eigenvalues 1, 3 (of [[2, 1], [1, 2]]) and 10 on the diagonal
    const a = Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 10]);
    const { largest, smallest } = extremeEigenvalues(a, 3);
    expect(largest).toBeCloseTo(10, 10);
    expect(smallest).toBeCloseTo(1, 10);
  });
});

describe('examples/newton: every printed claim checked (quick)', () => {
  it('Newton doubles its digits per step, gradient descent gains a constant near −2·log10(1 − λ_min/λ_max), the controls do not double', async () => {
    const lines: string[] = [];
    const r = await main({ quick: true, log: (l) => lines.push(l), out });
    const text = lines.join('\n');
    // the table's rows are the gaps above the floor, then one step lands below it
    expect(r.newton.length).toBeGreaterThanOrEqual(6);
    expect(r.newton.every((row) => row.gap >= FLOOR)).toBe(true);
    expect(r.newton.at(-1)!.gap).toBeLessThan(1e-6);
    expect(r.newton.length).toBeLessThan(12); // the 12 Newton steps reach the floor
    // "each of the last three steps gains about twice the digits of the one before"
    expect(r.gainRatios).toHaveLength(3);
    for (const ratio of r.gainRatios) {
      expect(ratio).toBeGreaterThan(1.5);
      expect(ratio).toBeLessThan(2.2);
    }
    expect(text).toContain(`ratios ${r.gainRatios.map((x) => x.toFixed(2)).join(', ')}`);
    // gradient descent: nearly constant gains, falling towards the predicted rate from above, the last within 10 %
    const gd = r.gd.rates.map((x) => x.rate);
    expect(gd).toHaveLength(3);
    expect(gd[0]!).toBeGreaterThan(gd[1]!);
    expect(gd[1]!).toBeGreaterThan(gd[2]!);
    for (const g of gd) expect(g).toBeGreaterThan(r.gd.predictedRate);
    expect(gd[2]! / r.gd.predictedRate).toBeLessThan(1.1);
    expect(gd[0]! / gd[2]!).toBeLessThan(1.2);
    expect(r.curvature.lr).toBeCloseTo(1 / r.curvature.largest, 12);
    expect(r.curvature.largest / r.curvature.smallest).toBeGreaterThan(100);
    // the frozen-Hessian control: far fewer digits per step than Newton's last, gap still large at step 399
    for (const x of r.frozen.rates) expect(x.rate).toBeLessThan(0.005);
    expect(r.frozen.gaps[399]!).toBeGreaterThan(1e-4);
    expect(text).toContain(`its gap is still ${formatNumber(r.frozen.gaps[399]!)} at step 399`);
    // the no-L2 control: the loss keeps falling and every training row is classified correctly
    const losses = r.noL2.losses;
    for (let k = 1; k < losses.length; k++) expect(losses[k]!).toBeLessThan(losses[k - 1]!);
    expect(r.noL2.correct).toBe(r.noL2.rows);
    expect(text).toContain('455 of the 455 training rows correctly: all of them');
    // Adam's row is printed from its own run; the picture is written
    expect(r.adam.gaps[0]).toBeCloseTo(r.gd.gaps[0]!, 15);
    expect(readFileSync(r.figure!, 'utf8')).toContain('Newton, first Hessian kept');
  }, 60_000);
});
