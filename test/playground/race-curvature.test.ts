import { describe, expect, it } from 'vitest';
import { SURFACES } from 'gradlab';
import { compileSurface } from '../../playground/src/expr/compile.ts';
import { Racer, curvatureAlong } from '../../playground/src/race/racer.ts';
import { defaultSettings } from '../../playground/src/state/methods.ts';

describe('race inspector: curvature along the step', () => {
  it('is vᵀHv/vᵀv on a quadratic: f = 3x² + 2xy + y², H = [[6, 2], [2, 2]]', () => {
    const f = compileSurface('3*x^2 + 2*x*y + y^2');
    // v = (1, 2): vᵀHv = 6 + 2·2·1·2 + 2·4 = 22, vᵀv = 5.
    expect(curvatureAlong(f, [0.3, -0.7], [1, 2])).toBeCloseTo(22 / 5, 12);
    // Along the eigenvectors of H: 4 ± 2√2.
    const e = [1, Math.SQRT2 - 1] as const;
    expect(curvatureAlong(f, [5, 5], [e[0], e[1]])).toBeCloseTo(4 + 2 * Math.SQRT2, 12);
    expect(curvatureAlong(f, [0, 0], [0, 0])).toBeNaN();
  });

  it("is the step's own: Adam on Rosenbrock, H by hand where the step started", () => {
    const racer = new Racer({
      f: SURFACES.rosenbrock.f,
      start: [-1.2, 1],
      settings: defaultSettings('adam', 0.1),
      steps: 200,
      noise: 0,
      seed: 0,
    });
    racer.advanceTo(40);
    for (const t of [1, 17, 40]) {
      const d = racer.detail(t);
      const [x, y] = [racer.path[2 * (t - 1)]!, racer.path[2 * t - 1]!];
      const v = [d[0]!.update[0]!, d[1]!.update[0]!] as const;
      // (1 − x)² + 100(y − x²)²: fxx = 2 − 400(y − x²) + 800x², fxy = −400x, fyy = 200.
      const fxx = 2 - 400 * (y - x * x) + 800 * x * x,
        fxy = -400 * x;
      const expected = (fxx * v[0] ** 2 + 2 * fxy * v[0] * v[1] + 200 * v[1] ** 2) / (v[0] ** 2 + v[1] ** 2);
      expect(d.curvature).toBeCloseTo(expected, 8);
    }
  });
});
