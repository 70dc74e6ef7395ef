import { describe, expect, it } from 'vitest';
import { main } from '../../examples/adam-lesson.ts';

describe('examples/adam-lesson', () => {
  const lines: string[] = [];
  const result = main({ log: (l) => lines.push(l) });
  const output = lines.join('\n');

  it("prints the Adam lesson's six lines verbatim", () => {
    const lesson = [
      'Epoch 0, current state: [2.80000003 3.80000002]',
      'Epoch 30, current state: [ 0.27175946 -0.35494334]',
      'Epoch 60, current state: [-0.07373187 -0.06706317]',
      'Epoch 90, current state: [-0.02001478  0.0301726 ]',
      'Epoch 120, current state: [ 0.00082782 -0.0039881 ]',
      'Epoch 150, current state: [ 0.00094425 -0.00038352]',
    ];
    expect(result.lessonLines).toEqual(lesson);
    expect(output).toContain(lesson.join('\n'));
  });

  it('runs the bias-corrected version side by side (NumPy reference values)', () => {
    // NumPy: the lesson's loop with m_hat = m/(1-0.9**(epoch+1)), v_hat = v/(1-0.9999**(epoch+1)).
    expect(output).toContain('[2.98 3.98]');
    expect(output).toContain('[0.71867646 1.51063624]');
    expect(result.withCorrection.maxStep).toBeCloseTo(0.02, 9); // lr·|g|/(|g| + eps) < lr
    expect(result.withoutCorrection.maxStep).toBeGreaterThan(0.2);
  });

  it('traces the first step: m = (1−β1)g, v = (1−β2)g², update = −lr·m̂/(√v̂+eps)', () => {
    const first = result.withCorrection.trace[0]!;
    expect(first.step).toBe(1);
    expect(first.grad).toEqual([6, 8]);
    expect(first.state.expAvg![0]).toBeCloseTo(0.6, 15);
    expect(first.state.expAvgSq![1]).toBeCloseTo(0.0064, 14);
    expect(first.derived.mHat![1]).toBeCloseTo(8, 12);
    expect(first.update[0]).toBeCloseTo((-0.02 * 6) / (6 + 1e-8), 12);
    const uncorrected = result.withoutCorrection.trace[0]!;
    expect(uncorrected.update[1]).toBeCloseTo((-0.02 * 0.8) / (Math.sqrt(0.0064) + 1e-8), 12); // θ_after − θ_before rounds at |θ| ≈ 4;
    expect(result.withCorrection.trace.map((e) => e.step)).toEqual([1, 2, 3]);
    expect(output).toMatch(/peaks at 20\.72 at t = 12/);
  });
});
