import { describe, expect, it } from 'vitest';
import { SURFACES, SURFACE_NAMES, distanceToMinimum, getSurface, gradientAt, surfaceValue } from '../../src/inspect/surfaces.ts';
import { defaultNoise, runOnSurface } from '../../src/inspect/surface-run.ts';
import { thinIndices, thinPath } from '../../src/inspect/surface-figure.ts';
import { surfaceContourSvg } from '../../src/node/svg.ts';
import { METHOD_NAMES } from '../../src/train/methods.ts';

/** Hand-derived gradients of the five surfaces. */
const analytic: Record<string, (x: number, y: number) => [number, number]> = {
  bowl: (x, y) => [2 * x, 2 * y],
  valley: (x, y) => [0.02 * x, 4 * y],
  rosenbrock: (x, y) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
  saddle: (x, y) => [2 * x, y ** 3 - y],
  beale: (x, y) => {
    const t = [1.5 - x + x * y, 2.25 - x + x * y * y, 2.625 - x + x * y ** 3];
    return [
      2 * t[0]! * (y - 1) + 2 * t[1]! * (y * y - 1) + 2 * t[2]! * (y ** 3 - 1),
      2 * t[0]! * x + 2 * t[1]! * 2 * x * y + 2 * t[2]! * 3 * x * y * y,
    ];
  },
};

describe('SURFACES', () => {
  it.each(SURFACE_NAMES)("%s: the engine's gradient matches the hand-derived one", (name) => {
    const s = SURFACES[name];
    for (const [x, y] of [s.start, [0.3, -0.7], [1.1, 0.4]] as const) {
      const { value, grad } = gradientAt(s, x, y);
      expect(value).toBeCloseTo(surfaceValue(s, x, y), 12);
      const [gx, gy] = analytic[name]!(x, y);
      expect(grad[0]).toBeCloseTo(gx, 9);
      expect(grad[1]).toBeCloseTo(gy, 9);
    }
    for (const m of s.minima) {
      const { grad } = gradientAt(s, m[0], m[1]);
      expect(Math.hypot(...grad)).toBeLessThan(1e-12);
      expect(distanceToMinimum(s, m)).toBe(0);
    }
    expect(Object.keys(s.defaultLr).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('knows the minimum values', () => {
    expect(surfaceValue(SURFACES.rosenbrock, 1, 1)).toBe(0);
    expect(surfaceValue(SURFACES.beale, 3, 0.5)).toBe(0);
    expect(surfaceValue(SURFACES.saddle, 0, 1)).toBe(-0.25);
    expect(surfaceValue(SURFACES.rosenbrock, -1.2, 1)).toBeCloseTo(24.2, 12);
  });

  it('rejects unknown names with the list', () => {
    expect(() => getSurface('himmelblau')).toThrow(/unknown surface 'himmelblau'; expected one of bowl, valley, rosenbrock, saddle, beale/);
    expect(() => runOnSurface('bowl', 'lbfgs')).toThrow(/unknown optimization method 'lbfgs'/);
    expect(() => runOnSurface('bowl', 'gd', { steps: 0 })).toThrow(/steps must be an integer ≥ 1, got 0/);
    expect(() => runOnSurface('bowl', 'gd', { noise: -1 })).toThrow(/noise must be a finite number ≥ 0/);
  });
});

describe('runOnSurface', () => {
  it('takes exact gradient-descent steps: θ ← θ − lr·∇f', () => {
    const run = runOnSurface('bowl', 'gd', { steps: 2, lr: 0.1 });
    expect(run.path[1]![0]).toBeCloseTo(3 * 0.8, 15);
    expect(run.path[2]![1]).toBeCloseTo(4 * 0.64, 15);
    expect(run.losses[0]).toBe(25);
    expect(run.losses).toHaveLength(3);
    expect(run.stepSizes[0]).toBeCloseTo(0.8, 15);
  });

  it('adds seeded noise for sgd and minibatch only, reproducibly', () => {
    expect(defaultNoise(SURFACES.bowl, 'sgd')).toBe(2);
    expect(defaultNoise(SURFACES.bowl, 'minibatch')).toBeCloseTo(2 / Math.sqrt(32), 15);
    expect(defaultNoise(SURFACES.bowl, 'adam')).toBe(0);
    const a = runOnSurface('bowl', 'sgd', { seed: 3, steps: 20 });
    const b = runOnSurface('bowl', 'sgd', { seed: 3, steps: 20 });
    const c = runOnSurface('bowl', 'sgd', { seed: 4, steps: 20 });
    expect(a.path).toEqual(b.path);
    expect(a.path).not.toEqual(c.path);
  });

  it('reports divergence and early stopping', () => {
    const div = runOnSurface('bowl', 'gd', { lr: 1.5, steps: 100 });
    expect(div.diverged).toBe(true);
    expect(div.finalDistance).toBeNaN();
    const stop = runOnSurface('bowl', 'gd', { lr: 0.5, tolerance: 1e-6 });
    expect(stop.stepsToTolerance).toBe(1); // lr 0.5 on x² + y² lands on the minimum in one step
  });

  it("converges with every method's default lr on the bowl", () => {
    for (const m of METHOD_NAMES) expect(runOnSurface('bowl', m).finalDistance).toBeLessThan(0.5);
  });

  it('traces the optimizer when asked', () => {
    const run = runOnSurface('valley', 'adam', { steps: 3, trace: true });
    expect(run.trace!.map((e) => e.param)).toEqual(['x', 'y', 'x', 'y', 'x', 'y']);
    expect(run.trace![0]!.update[0]).toBeCloseTo(0.3, 6); // Adam's first step is lr·sign(−g)
  });
});

describe('surfaceContourSvg', () => {
  it('thins long paths keeping both ends', () => {
    expect(thinPath([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4)).toEqual([0, 3, 6, 9]);
    expect(thinPath([1, 2], 5)).toEqual([1, 2]);
    expect(thinIndices(10, 4, [4, 5, 12])).toEqual([0, 3, 4, 5, 6, 9]);
  });

  it('draws the contours and each path into an SVG', async () => {
    const runs = ['gd', 'adam'].map((m) => runOnSurface('saddle', m, { steps: 30 }));
    const svg = await surfaceContourSvg(SURFACES.saddle, runs);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('gd (lr 0.1)');
    expect(svg).toContain('adam (lr 0.05)');
  });

  it("beale: momentum's path that leaves the frame gets an arrow and a note with the real steps, though thinned", async () => {
    const run = runOnSurface('beale', 'momentum');
    const { xDomain, yDomain } = SURFACES.beale;
    const inside = ([x, y]: readonly [number, number]): boolean => x >= xDomain[0] && x <= xDomain[1] && y >= yDomain[0] && y <= yDomain[1];
    const out = run.path.findIndex((p) => !inside(p));
    const back = run.path.findIndex((p, i) => i > out && inside(p));
    expect(out).toBeGreaterThan(0);
    expect(back).toBeGreaterThan(out);
    const svg = await surfaceContourSvg(SURFACES.beale, [run], { maxPoints: 40 }); // thinned hard: the crossing steps must survive
    expect(svg).toContain(`>momentum left the frame at step ${out}, back at step ${back}</text>`);
    expect(svg).toMatch(/<path[^>]*transform="translate\([\d.]+,[\d.]+\) rotate\(/); // the exit arrow, turned the way the path went
  });

  it("valley: ticks read −10 … 2 (not −1e+1), contour levels carry their values, each path's end its name", async () => {
    const runs = ['gd', 'momentum'].map((m) => runOnSurface('valley', m));
    const svg = await surfaceContourSvg(SURFACES.valley, runs);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
    for (const tick of ['−10', '−8', '−2', '0', '2', '−3', '3']) expect(texts).toContain(tick);
    expect(texts.join(' ')).not.toMatch(/e\+/);
    const levels = texts.filter((t) => /^\d+(\.\d+)?$/.test(t) && !['0', '1', '2', '3'].includes(t));
    expect(levels.length).toBeGreaterThanOrEqual(5);
    expect(texts.filter((t) => t === 'gd' || t === 'momentum').length).toBe(4); // a white halo and the text, per path
  });
});
