import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../examples/surfaces.ts';

describe('examples/surfaces', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gradlab-surfaces-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const lines: string[] = [];
  const r = await main({ out: dir, log: (l) => lines.push(l) });
  const output = lines.join('\n');

  it('prints the distance table for all five surfaces and seven methods', () => {
    expect(output).toMatch(/surface\s+steps\s+gd\s+sgd\s+minibatch\s+momentum\s+adagrad\s+rmsprop\s+adam/);
    for (const name of ['bowl', 'valley', 'rosenbrock', 'saddle', 'beale']) expect(output).toMatch(new RegExp(`^${name}\\s+\\d+`, 'm'));
    expect(r.distances.bowl.gd).toBeLessThan(1e-10);
    expect(r.distances.rosenbrock.adam).toBeLessThan(1e-4);
    expect(r.distances.rosenbrock.gd).toBeGreaterThan(0.1); // GD crawls along the banana's floor
  });

  it('shows momentum accelerating in the valley: gd needs log(900)/0.009 ≈ 753 steps', () => {
    // along x, GD multiplies the error by 1 − 0.45·0.02 = 0.991 per step: 9·0.991ᵗ < 0.01 ⇔ t ≥ 753
    expect(r.accelerationSteps.gd).toBe(753);
    expect(r.accelerationSteps.momentum!).toBeLessThan(200);
    expect(output).toContain('gd (lr 0.45) needs 753 steps');
  });

  it('shows momentum cancelling noise by about √((1−μ)/(1+μ))', () => {
    const ratio = r.noise.momentumPath / r.noise.sgdPath;
    expect(ratio).toBeGreaterThan(0.15);
    expect(ratio).toBeLessThan(0.3);
    expect(Math.abs(r.noise.momentumDistance - r.noise.sgdDistance)).toBeLessThan(0.1);
  });

  it("shows RMSProp's per-parameter step sizes and Adam's step bound", () => {
    expect(r.rmspropLr.x / r.rmspropLr.y).toBeGreaterThan(10);
    for (const v of Object.values(r.adamMaxStepOverLr)) expect(v).toBeLessThan(1.2);
    expect(r.adamMaxStepOverLr.bowl).toBeCloseTo(1, 6);
  });

  it('shows adaptive methods escaping the saddle long before gd', () => {
    expect(r.saddleEscape.gd).toBeGreaterThan(80);
    expect(r.saddleEscape.adagrad!).toBeLessThan(15);
    expect(r.saddleEscape.rmsprop!).toBeLessThan(15);
    expect(r.saddleEscape.adam!).toBeLessThan(15);
  });

  it('writes one contour picture per surface plus the noisy one', () => {
    expect(r.figures.map((f) => f.slice(dir.length + 1))).toEqual(
      ['bowl', 'valley', 'rosenbrock', 'saddle', 'beale', 'noisy-bowl'].map((n) => join('surfaces', `${n}.svg`)),
    );
    for (const f of r.figures) expect(existsSync(f)).toBe(true);
    expect(readFileSync(r.figures[1]!, 'utf8')).toContain('momentum (lr 0.2)');
  });
});
