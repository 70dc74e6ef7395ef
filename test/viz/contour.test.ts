import { describe, expect, it } from 'vitest';
import { contourSvg } from '../../src/node/svg.ts';
import { exitPoint, plotSize } from '../../src/viz/contour.ts';
import { METHOD_COLORS } from '../../src/viz/palette.ts';
import { contourLines } from '../../src/viz/contour-lines.ts';
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
        {
          name: 'SGD',
          points: [
            [-2, 1],
            [-1, 0.5],
            [0, 0],
          ],
        },
        {
          name: 'Adam',
          points: [
            [2, -1],
            [1, 0],
            [0, 0],
          ],
        },
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
    expect(pathLines.map((l) => [/name: (\w+)/.exec(l.label)![1], l.stroke])).toEqual([
      ['SGD', METHOD_COLORS.sgd],
      ['Adam', METHOD_COLORS.adam],
    ]);
    expect(svg).toContain('with 2 values: SGD, Adam'); // one legend for colour, width and dash
    expect(svg).toContain('with 2 values: start, minimum'); // one legend for the markers, shapes as drawn
    expect(svg).toContain('>bowl</text>');
  });

  it('maps domain corners onto plot corners and the centre onto the centre (within 1 px)', async () => {
    const svg = await contourSvg({
      f: bowl,
      xDomain: [-2, 2],
      yDomain: [-1, 3],
      width: 300,
      height: 200,
      levels: 2,
      resolution: 11,
      paths: [
        {
          name: 'p',
          points: [
            [-2, -1],
            [0, 1],
            [2, 3],
          ],
        },
      ],
    });
    const path = linePaths(svg).find((l) => l.label.includes('name: p'))!;
    const expected = [
      [0, 200],
      [150, 100],
      [300, 0],
    ];
    path.points.forEach(([x, y], i) => {
      expect(Math.abs(x - expected[i]![0]!)).toBeLessThanOrEqual(1);
      expect(Math.abs(y - expected[i]![1]!)).toBeLessThanOrEqual(1);
    });
  });

  it('leaves out non-finite path points and works without paths', async () => {
    const svg = await contourSvg({
      f: bowl,
      xDomain: [-1, 1],
      yDomain: [-1, 1],
      resolution: 21,
      paths: [
        {
          name: 'blown',
          points: [
            [0.5, 0.5],
            [NaN, 1],
            [Infinity, 0],
          ],
        },
      ],
    });
    expect(linePaths(svg).find((l) => l.label.includes('blown'))!.points).toHaveLength(1);
    const bare = await contourSvg({ f: bowl, xDomain: [-1, 1], yDomain: [-1, 1], resolution: 21, levels: 3 });
    assertBalancedTags(bare);
    expect(linePaths(bare).length).toBeGreaterThanOrEqual(3);
  });

  it('rejects duplicate names, a path named like the minimum marker, and bad sizes', async () => {
    const base = { f: bowl, xDomain: [-1, 1] as const, yDomain: [-1, 1] as const, resolution: 11 };
    await expect(
      contourSvg({
        ...base,
        paths: [
          { name: 'a', points: [] },
          { name: 'a', points: [] },
        ],
      }),
    ).rejects.toThrow(/'a' appears twice/);
    await expect(contourSvg({ ...base, minimum: [0, 0], paths: [{ name: 'minimum', points: [] }] })).rejects.toThrow(/rename the path/);
    await expect(contourSvg({ ...base, width: 100, height: 20000 })).rejects.toThrow(/option height is 20000/);
  });

  it('gives both axes the same scale unless both sizes are given', () => {
    expect(plotSize([-5, 5], [-5, 5])).toEqual({ width: 480, height: 480 });
    expect(plotSize([-10, 2], [-3, 3])).toEqual({ width: 480, height: 240 });
    expect(plotSize([-1, 1], [0, 4])).toEqual({ width: 240, height: 480 });
    expect(plotSize([-1, 1], [0, 4], 100)).toEqual({ width: 100, height: 200 });
    expect(plotSize([-1, 1], [0, 4], 300, 200)).toEqual({ width: 300, height: 200 });
  });

  it('marks where a diverged path leaves the frame and cuts the path there', async () => {
    expect(
      exitPoint(
        [
          [0, 0],
          [0.5, 0.5],
          [4, 1],
        ],
        [-1, 1],
        [-1, 1],
      ),
    ).toEqual([1, 0.5 + 0.5 / 7]);
    expect(
      exitPoint(
        [
          [0, 0],
          [0.5, -0.5],
        ],
        [-1, 1],
        [-1, 1],
      ),
    ).toEqual([0.5, -0.5]);
    const svg = await contourSvg({
      f: bowl,
      xDomain: [-1, 1],
      yDomain: [-1, 1],
      resolution: 21,
      paths: [
        {
          name: 'gd',
          points: [
            [0, 0],
            [0.5, 0.5],
            [4, 1],
            [1e7, 1e7],
          ],
          diverged: true,
        },
      ],
    });
    expect(linePaths(svg).find((l) => l.label.includes('gd'))!.points).toHaveLength(3);
    expect(svg).toContain('with 2 values: start, diverged');
  });
});
