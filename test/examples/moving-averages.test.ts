import { describe, expect, it } from 'vitest';
import { main } from '../../examples/moving-averages.ts';

describe('examples/moving-averages', () => {
  const lines: string[] = [];
  const r = main({ quick: true, log: (l) => lines.push(l) });
  const output = lines.join('\n');

  it("reproduces the Adam article's gradient averages 0.3, 0.67, 0.403, 0.4627", () => {
    [0.3, 0.67, 0.403, 0.4627].forEach((x, i) => expect(r.gradientAverages[i]).toBeCloseTo(x, 14));
    expect(output).toContain('v3 = 0.9 × 0.67 + 0.1 × (−2) = 0.403');
    expect(output).toContain('v4 = 0.9 × 0.403 + 0.1 × 1 = 0.4627');
  });

  it("shows the squared averages exactly and the seed's rounded 2.413", () => {
    [0.9, 2.41, 2.569, 2.4121].forEach((x, i) => expect(r.squaredAverages[i]).toBeCloseTo(x, 14));
    expect(r.seedRoundedS4).toBeCloseTo(2.413, 14);
    expect(output).toContain('s4 = 0.9 × 2.569 + 0.1 × 1 = 2.4121');
    expect(output).toContain('prints s4 = 0.9 × 2.57 + 0.1 × 1 = 2.413');
  });

  it('reads the same averages out of Adam and RMSProp', () => {
    expect(r.adamM).toEqual(r.gradientAverages);
    expect(r.rmspropS).toEqual(r.squaredAverages);
  });

  it('demonstrates E[m_t] = (1 − β1ᵗ)E[g] and the unbiased m̂_t', () => {
    expect(r.constantM[0]).toBeCloseTo(0.1, 15);
    expect(r.constantM[9]).toBeCloseTo(1 - 0.9 ** 10, 14);
    expect(r.constantMHat.every((x) => Math.abs(x - 1) < 1e-12)).toBe(true);
    for (const n of r.noisy) {
      // 2000 runs, σ = 2: the standard error of m̂_t is at most 2/√2000 ≈ 0.045
      expect(Math.abs(n.meanMHat - 1)).toBeLessThan(0.15);
      expect(Math.abs(n.meanM - n.predicted)).toBeLessThan(0.15 * (1 - 0.9 ** n.t) + 0.01);
    }
    expect(r.noisy[0]!.meanM).toBeLessThan(0.3); // far below E[g] = 1 at t = 1
  });

  it('is deterministic for a seed', () => {
    const again = main({ quick: true, log: () => {} });
    expect(again.noisy).toEqual(r.noisy);
  });
});
