import { describe, expect, it } from 'vitest';
import { lossCurveSvg } from '../../src/node/svg.ts';
import { METHOD_COLORS } from '../../src/viz/palette.ts';
import { SERIES_COLORS } from '../../src/viz/render.ts';
import { assertBalancedTags, linePaths } from './svg-helpers.ts';

describe('lossCurveSvg', () => {
  it("draws one line per series, a method's in its palette colour, named in the legend in the given order", async () => {
    const svg = await lossCurveSvg(
      [
        { name: 'sgd', values: [4, 2, 1, 0.5, 0.25] },
        { name: 'adam', values: [4, 1, 0.25] },
      ],
      { width: 200, height: 100, title: 'Training loss', xLabel: 'epoch', yLabel: 'cross-entropy' },
    );
    expect(svg.startsWith('<svg')).toBe(true);
    assertBalancedTags(svg);
    const lines = linePaths(svg);
    expect(lines.map((l) => l.stroke)).toEqual([METHOD_COLORS.sgd, METHOD_COLORS.adam]);
    expect(svg).toContain('legend for fill color, stroke color, strokeWidth and strokeDash with 2 values: sgd, adam');
    const other = linePaths(
      await lossCurveSvg(
        [
          { name: 'train', values: [2, 1] },
          { name: 'validation', values: [3, 2] },
        ],
        { width: 200, height: 100 },
      ),
    );
    expect(other.map((l) => l.stroke)).toEqual([SERIES_COLORS[0], SERIES_COLORS[1]]);
    for (const text of ['Training loss', 'epoch', 'cross-entropy']) expect(svg).toContain(`>${text}</text>`);
  });

  it('maps steps and losses linearly onto the plot area (corners exact)', async () => {
    // x: steps 0..4 → 0..200 px; y: the nice domain [0, 4] → 100..0 px (SVG y grows downwards).
    const svg = await lossCurveSvg([{ name: 'sgd', values: [4, 2, 1, 0.5, 0.25] }], { width: 200, height: 100 });
    const [line] = linePaths(svg);
    expect(line!.points).toEqual([
      [0, 0],
      [50, 50],
      [100, 75],
      [150, 87.5],
      [200, 93.75],
    ]);
  });

  it('uses a log axis with logY: each decade takes the same height', async () => {
    const svg = await lossCurveSvg([{ name: 'run', values: [100, 10, 1] }], { width: 200, height: 100, logY: true });
    expect(linePaths(svg)[0]!.points).toEqual([
      [0, 0],
      [100, 50],
      [200, 100],
    ]);
    expect(svg).toContain('for a log scale');
  });

  it('starts x at xStart and leaves out non-finite values (a diverged run)', async () => {
    const svg = await lossCurveSvg([{ name: 'run', values: [3, 2, NaN, Infinity] }], { width: 200, height: 100, xStart: 1 });
    // Finite points are epochs 1 and 2, drawn across the x domain [1, 4].
    expect(linePaths(svg)[0]!.points.map(([x]) => x)).toEqual([0, 200 / 3].map((v) => Number(v.toFixed(3))));
  });

  it('puts thinned values at their real steps and labels the axis with them (not "step (×505)")', async () => {
    const svg = await lossCurveSvg([{ name: 'run', values: [4, 3, 2, 1], x: [0, 50_000, 100_000, 150_000] }], { width: 300, height: 100 });
    expect(linePaths(svg)[0]!.points.map(([x]) => x)).toEqual([0, 100, 200, 300]);
    const ticks = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(ticks).toEqual(expect.arrayContaining(['5e4', '1e5', '1.5e5']));
    await expect(lossCurveSvg([{ name: 'a', values: [1, 2], x: [3] }])).rejects.toThrow(/series 'a' has 1 x values for 2 values/);
    await expect(lossCurveSvg([{ name: 'a', values: [1, 2], x: [3, 3] }])).rejects.toThrow(/increasing/);
  });

  it('labels a log axis the way the examples do: 1, 0.01, 1e−4 … (once 1e+0, 1e-2 in the CLI plots)', async () => {
    const values = Array.from({ length: 200 }, (_, i) => 10 ** (-i / 40)); // 1 down to 1.06e−5
    const svg = await lossCurveSvg([{ name: 'rmsprop', values }], { width: 300, height: 300, logY: true, xStart: 1 });
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
    expect(texts).toEqual(expect.arrayContaining(['1', '0.1', '0.01', '0.001', '1e−4', '1e−5', '0', '200']));
    expect(texts.join(' ')).not.toMatch(/e[+-]/); // a real minus, never a plus
  });

  it('rejects bad input with the option and the offending value', async () => {
    await expect(lossCurveSvg([])).rejects.toThrow(/no series given/);
    await expect(
      lossCurveSvg([
        { name: 'a', values: [1] },
        { name: 'a', values: [2] },
      ]),
    ).rejects.toThrow(/'a' appears twice/);
    await expect(lossCurveSvg([{ name: 'a', values: [1, 0] }], { logY: true })).rejects.toThrow(/series 'a' has 0 at index 1/);
    await expect(lossCurveSvg([{ name: 'a', values: [NaN] }])).rejects.toThrow(/no finite values/);
    await expect(lossCurveSvg([{ name: 'a', values: [1] }], { width: 10 })).rejects.toThrow(/option width is 10/);
  });
});
