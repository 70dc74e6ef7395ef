import { describe, expect, it } from 'vitest';
import { describeCrossover, overtakes } from '../../bench/sweep-crossover.ts';

describe('overtakes (the crossover points of npm run bench:sweep)', () => {
  const xs = [16, 32, 64, 128];

  it('finds the size from which the challenger stays faster, interpolating the time ratio in log–log', () => {
    // Ratios 2, 1.5, 0.5, 0.25: slower at 32, faster from 64. log(1.5/0.95) / log(1.5/0.5) = 0.4158…, so 32 · 2^0.4158… = 42.68…
    const c = overtakes(xs, [2, 3, 2, 2], [1, 2, 4, 8]);
    expect(c).toMatchObject({ kind: 'from', before: 32, after: 64 });
    expect(c.kind === 'from' && c.at).toBeCloseTo(32 * 2 ** (Math.log(1.5 / 0.95) / Math.log(3)), 10);
    expect(describeCrossover(c, 'width')).toBe('from width ≈ 43 on (slower at 32, faster from 64)');
  });

  it('counts only the last crossing, and within the margin as not faster', () => {
    // Faster at 16, level (0.97, inside the 5 % margin) at 32, faster again from 64 on.
    expect(overtakes(xs, [0.5, 0.97, 0.5, 0.5], [1, 1, 1, 1])).toMatchObject({ kind: 'from', before: 32, after: 64 });
    expect(overtakes(xs, [0.5, 0.97, 0.5, 0.5], [1, 1, 1, 1], 0)).toEqual({ kind: 'always' });
  });

  it('says never when the challenger is not ahead at the largest size, always when it leads throughout', () => {
    expect(overtakes(xs, [0.5, 0.5, 0.5, 1.2], [1, 1, 1, 1])).toEqual({ kind: 'never' });
    expect(describeCrossover({ kind: 'never' }, 'batch')).toBe('not ahead at the largest batch measured');
    expect(overtakes(xs, [1, 1, 1, 1], [2, 2, 2, 2])).toEqual({ kind: 'always' });
  });

  it('skips sizes one side did not measure, and rejects a sweep with nothing to compare', () => {
    expect(overtakes(xs, [2, NaN, 0.5, 0.5], [1, 1, 1, 1])).toMatchObject({ kind: 'from', before: 16, after: 64 });
    expect(() => overtakes(xs, [NaN, NaN, NaN, NaN], [1, 1, 1, 1])).toThrow(/no size has a positive time on both sides/);
    expect(() => overtakes(xs, [1, 1, 1, 1], [1, 1, 1, 1], 1)).toThrow(/margin is 1; it must be in \[0, 1\)/);
  });
});
