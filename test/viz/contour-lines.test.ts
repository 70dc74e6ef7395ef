import { describe, expect, it } from 'vitest';
import { chooseLevels, contourLines } from '../../src/viz/contour-lines.ts';

describe('contourLines', () => {
  it('places the level set of a linear f exactly, from domain edge to domain edge', () => {
    // f = x: the level set f = v is the vertical segment x = v, y ∈ [−1, 2].
    const { levels, lines } = contourLines((x) => x, [0, 1], [-1, 2], { levels: [0.5, 0.25], resolution: 11 });
    expect(levels).toEqual([0.25, 0.5]);
    expect(lines.map((l) => l.level)).toEqual([0.25, 0.5]);
    for (const line of lines) {
      for (const [x] of line.points) expect(x).toBeCloseTo(line.level, 12);
      const ys = line.points.map(([, y]) => y);
      expect(Math.min(...ys)).toBeCloseTo(-1, 12);
      expect(Math.max(...ys)).toBeCloseTo(2, 12);
    }
  });

  it('gives one closed ring per level for a bowl, on the circle of the right radius', () => {
    const { lines } = contourLines((x, y) => x * x + y * y, [-1, 1], [-1, 1], { levels: [0.04, 0.25], resolution: 101 });
    expect(lines.map((l) => l.level)).toEqual([0.04, 0.25]);
    for (const { level, points } of lines) {
      expect(points[0]).toEqual(points[points.length - 1]);
      // Interpolating x² linearly over a cell h = 0.02 is off by ≤ h²/4 in value; at slope 2r that is
      // ≤ h²/(8r) in position; allow twice that.
      const r = Math.sqrt(level),
        h = 0.02;
      for (const [x, y] of points) expect(Math.abs(Math.hypot(x, y) - r)).toBeLessThan((h * h) / (4 * r));
    }
  });

  it('orients y upwards: f = y puts level v at y = v', () => {
    const { lines } = contourLines((_, y) => y, [0, 1], [10, 20], { levels: [12], resolution: 21 });
    for (const [, y] of lines[0]!.points) expect(y).toBeCloseTo(12, 12);
  });

  it('counts levels: default 12 evenly spaced inside the range; n log-spaced above the minimum', () => {
    expect(contourLines((x, y) => x + y, [0, 1], [0, 1]).levels).toHaveLength(12);
    expect(chooseLevels(4, false, 0, 10)).toEqual([2, 4, 6, 8]);
    const log = chooseLevels(3, true, 5, 1005);
    expect(log[0]).toBeCloseTo(5 + 1, 12); // 1e-3 of the range above the minimum
    expect(log[1]).toBeCloseTo(5 + Math.sqrt(500), 10);
    expect(log[2]).toBeCloseTo(5 + 500, 10);
    expect(chooseLevels(5, false, 3, 3)).toEqual([3]);
  });

  it('lets a known minimum set the lowest level when the grid misses it', () => {
    const f = (x: number, y: number): number => (x - 0.05) ** 2 + y * y;
    const withMin = contourLines(f, [0.5, 1.5], [-1, 1], { levels: 1, logLevels: true, minimum: [0.05, 0] });
    const lo = 0,
      hi = f(1.5, 1); // the grid's highest value is at a corner
    expect(withMin.levels[0]).toBeCloseTo(lo + 0.5 * (hi - lo), 12);
  });

  it('treats overflowing samples as high ground instead of dropping lines', () => {
    const f = (x: number, y: number): number => (x > 0.9 ? Infinity : x + 0 * y);
    const { lines } = contourLines(f, [0, 1], [0, 1], { levels: [0.5], resolution: 21 });
    expect(lines).toHaveLength(1);
  });

  it('rejects bad domains and options, naming them', () => {
    const f = (x: number): number => x;
    expect(() => contourLines(f, [1, 0], [0, 1])).toThrow(/xDomain is \[1, 0\]/);
    expect(() => contourLines(f, [0, 1], [0, NaN])).toThrow(/yDomain/);
    expect(() => contourLines(f, [0, 1], [0, 1], { resolution: 2 })).toThrow(/option resolution is 2/);
    expect(() => contourLines(f, [0, 1], [0, 1], { levels: 0 })).toThrow(/option levels is 0/);
    expect(() => contourLines(f, [0, 1], [0, 1], { levels: [] })).toThrow(/non-empty list/);
    expect(() => contourLines(() => NaN, [0, 1], [0, 1])).toThrow(/not finite anywhere/);
  });
});
