import { describe, expect, it, vi } from 'vitest';
import { lossCurveSpec } from '../../src/viz/loss-curve.ts';
import { lossCurveSvg } from '../../src/node/svg.ts';

// As in a project that installed gradlab without its optional picture packages.
vi.mock('vega', () => {
  throw new Error("Cannot find package 'vega'");
});

describe('pictures without vega installed', () => {
  it('the SVG functions say which packages to install; the specs need none', async () => {
    await expect(lossCurveSvg([{ name: 'adam', values: [1, 0.5] }])).rejects.toThrow(
      /^lossCurveSvg: drawing SVG needs the optional packages vega and vega-lite, which are not installed \(.+\); install them \(npm install vega vega-lite\), or use the Vega-Lite spec functions/,
    );
    const spec = lossCurveSpec([{ name: 'adam', values: [1, 0.5] }]);
    expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v6.json');
    expect(spec.data).toEqual({
      values: [
        { x: 0, y: 1, series: 'adam' },
        { x: 1, y: 0.5, series: 'adam' },
      ],
    });
  });
});
