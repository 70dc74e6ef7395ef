import { describe, expect, it } from 'vitest';
import { closeness, main, type SparseRun } from '../../examples/sparse-features.ts';
import { formatNumber } from '../../src/util/format-number.ts';
import { correlation, meanStepWhenSeen } from '../../examples/lib/sparse.ts';
import type { TraceEntry } from '../../src/inspect/trace.ts';

describe('examples/sparse-features (quick)', async () => {
  const lines: string[] = [];
  const r = await main({ quick: true, log: (l) => lines.push(l) });
  const output = lines.join('\n');

  it('compares sgd, adagrad and adam, each at its validation-best lr', () => {
    expect(r.best.map((b) => b.method)).toEqual(['sgd', 'adagrad', 'adam']);
    for (const b of r.best) {
      const candidates = r.grid[b.method];
      expect(b.valLoss).toBe(Math.min(...candidates.map((c) => c.valLoss)));
      expect(b.trainLoss.at(-1)!).toBeLessThan(b.trainLoss[0]!);
      expect(b.trainLoss[0]).toBeCloseTo(Math.log(2), 12); // a zero-initialised logistic model predicts ½
    }
    expect(output).toMatch(/method\s+lr\s+final train loss\s+test loss\s+test accuracy\s+rare-weight recovery/);
    expect(r.figure).toBeNull();
  });

  it("states the result the numbers give, not the paper's: the ranking and how close AdaGrad and SGD end", () => {
    const ranked = [...r.best].sort((a, b) => a.testLoss - b.testLoss);
    expect(output).toContain(`test loss ${ranked.map((b) => `${b.method} ${formatNumber(b.testLoss)}`).join(' < ')}`);
    const [sgd, adagrad] = r.best as [SparseRun, SparseRun];
    const gap = Math.abs(adagrad.testLoss - sgd.testLoss);
    expect(output).toContain(closeness(adagrad, sgd, gap, ranked[1]!.testLoss - ranked[0]!.testLoss, ranked[0]!.method));
    expect(output).toContain(gap < 0.02 ? 'AdaGrad and SGD end close' : `AdaGrad and SGD end ${formatNumber(gap)} apart`);
    expect(output).not.toContain("this is the paper's");
    expect(sgd.lr).toBeGreaterThan(10 * Math.max(adagrad.lr, r.best[2]!.lr)); // SGD's best lr is far larger
  });

  it('shows the mechanism: SGD barely moves rare weights, adaptive methods give them full steps', () => {
    expect(r.stepWhenSeen.sgd.rare / r.stepWhenSeen.sgd.common).toBeLessThan(0.5);
    expect(r.stepWhenSeen.adagrad.rare / r.stepWhenSeen.adagrad.common).toBeGreaterThan(1);
    expect(r.stepWhenSeen.adam.rare / r.stepWhenSeen.adam.common).toBeGreaterThan(0.8);
  });
});

describe('sparse helpers', () => {
  it("correlation is Pearson's r over the chosen indices", () => {
    expect(correlation([1, 2, 3, 99], [2, 4, 6, -5], [0, 1, 2])).toBeCloseTo(1, 15);
    expect(correlation([1, 2, 3], [3, 2, 1], [0, 1, 2])).toBeCloseTo(-1, 15);
  });
  it('meanStepWhenSeen averages |Δw| over steps with a non-zero gradient only', () => {
    const e = (grad: number[], update: number[]): TraceEntry => ({
      step: 1,
      index: 0,
      param: 'w',
      grad,
      update,
      before: [],
      after: [],
      state: {},
      derived: {},
      effectiveLr: [],
    });
    const trace = [e([1, 0], [-0.5, 0]), e([0, 2], [0, -0.2]), e([3, 0], [-0.1, 0])];
    expect(meanStepWhenSeen(trace, [0])).toBeCloseTo(0.3, 15);
    expect(meanStepWhenSeen(trace, [0, 1])).toBeCloseTo((0.3 + 0.2) / 2, 15);
  });
});
