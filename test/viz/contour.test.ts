import { describe, expect, it } from 'vitest';
import { contourSvg } from '../../src/viz/svg.ts';
import { contourLines } from '../../src/viz/contour-lines.ts';
import { SERIES_COLORS } from '../../src/viz/render.ts';
import { assertBalancedTags, linePaths } from './svg-helpers.ts';

const bowl = (x: number, y: number): number => x * x + 4 * y * y;

describe('contourSvg', () => {
  it('draws every contour line and one coloured line per path, with the paths and the minimum in the legend', async () => {
    const options = { f: bowl, xDomain: [-2, 2] as const, yDomain: [-1, 1] as const, levels: [0.5, 1, 2, 3, 6], resolution: 41 };
    const svg = await contourSvg({
      ...options,
      title: 'bowl',
      minimum: [0, 0],
      paths: [
        { name: 'SGD', points: [[-2, 1], [-1, 0.5], [0, 0]] },
        { name: 'Adam', points: [[2, -1], [1, 0], [0, 0]] },
      ],
    });
    expect(svg.startsWith('<svg')).toBe(true);
    assertBalancedTags(svg);
    const lines = linePaths(svg);
    const pathLines = lines.filter((l) => l.label.includes('name: '));
    const contourPaths = lines.filter((l) => !l.label.includes('name: '));
    expect(contourPaths).toHaveLength(contourLines(bowl, options.xDomain, options.yDomain, options).lines.length);
    // f ≥ 4 on the frame, so levels 0.5…3 are closed ellipses; f = 6 meets the frame near each corner and is
    // cut into one arc per corner.
    expect(contourPaths).toHaveLength(4 + 4);
    expect(pathLines.map((l) => [l.label.match(/name: (\w+)/)![1], l.stroke])).toEqual([['SGD', SERIES_COLORS[0]], ['Adam', SERIES_COLORS[1]]]);
    expect(svg).toContain('with 3 values: SGD, Adam, minimum');
    expect(svg).toContain('>bowl</text>');
  });

  it('maps domain corners onto plot corners and the centre onto the centre (within 1 px)', async () => {
    const svg = await contourSvg({
      f: bowl, xDomain: [-2, 2], yDomain: [-1, 3], width: 300, height: 200, levels: 2, resolution: 11,
      paths: [{ name: 'p', points: [[-2, -1], [0, 1], [2, 3]] }],
    });
    const path = linePaths(svg).find((l) => l.label.includes('name: p'))!;
    const expected = [[0, 200], [150, 100], [300, 0]];
    path.points.forEach(([x, y], i) => {
      expect(Math.abs(x - expected[i]![0]!)).toBeLessThanOrEqual(1);
      expect(Math.abs(y - expected[i]![1]!)).toBeLessThanOrEqual(1);
    });
  });

  it('leaves out non-finite path points and works without paths', async () => {
    const svg = await contourSvg({ f: bowl, xDomain: [-1, 1], yDomain: [-1, 1], resolution: 21, paths: [{ name: 'diverged', points: [[0.5, 0.5], [NaN, 1], [Infinity, 0]] }] });
    expect(linePaths(svg).find((l) => l.label.includes('diverged'))!.points).toHaveLength(1);
    const bare = await contourSvg({ f: bowl, xDomain: [-1, 1], yDomain: [-1, 1], resolution: 21, levels: 3 });
    assertBalancedTags(bare);
    expect(linePaths(bare).length).toBeGreaterThanOrEqual(3);
  });

  it('rejects duplicate names, a path named like the minimum marker, and bad sizes', async () => {
    const base = { f: bowl, xDomain: [-1, 1] as const, yDomain: [-1, 1] as const, resolution: 11 };
    await expect(contourSvg({ ...base, paths: [{ name: 'a', points: [] }, { name: 'a', points: [] }] })).rejects.toThrow(/'a' appears twice/);
    await expect(contourSvg({ ...base, minimum: [0, 0], paths: [{ name: 'minimum', points: [] }] })).rejects.toThrow(/rename the path/);
    await expect(contourSvg({ ...base, height: 20000 })).rejects.toThrow(/option height is 20000/);
  });
});
