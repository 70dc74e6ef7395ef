import { describe, expect, it } from 'vitest';
import { Tensor, tensor, randn, gradcheck, assertGradcheck, formatGradcheckReport } from '../../src/tensor/index.ts';

/** x³ with a deliberately wrong derivative (2x² instead of 3x²). */
function wrongCube(x: Tensor): Tensor {
  const out = Float64Array.from(x.data, (v) => v ** 3);
  return Tensor.fromOp('wrongCube', out, x.shape, [x], (g) => [Float64Array.from(g, (gi, i) => gi * 2 * x.data[i]! ** 2)]);
}

/** x³ with the right derivative, built the same way. */
function cube(x: Tensor): Tensor {
  const out = Float64Array.from(x.data, (v) => v ** 3);
  return Tensor.fromOp('cube', out, x.shape, [x], (g) => [Float64Array.from(g, (gi, i) => gi * 3 * x.data[i]! ** 2)]);
}

describe('gradcheck', () => {
  it('passes a correct custom op and reports tiny errors per input', () => {
    const x = tensor([1, -2, 0.5], { requiresGrad: true });
    const report = gradcheck((t) => cube(t).sum(), [x]);
    expect(report.passed).toBe(true);
    expect(report.inputs).toHaveLength(1);
    const r = report.inputs[0]!;
    expect(r.shape).toEqual([3]);
    expect(r.passed).toBe(true);
    expect(r.maxAbsError).toBeLessThan(1e-8);
    expect(r.maxRelError).toBeLessThan(1e-8);
    expect(r.worst).not.toBeNull();
  });

  it('fails a wrong custom op and pinpoints the worst element with both derivatives', () => {
    const x = tensor([1, -2, 0.5], { requiresGrad: true });
    const report = gradcheck((t) => wrongCube(t).sum(), [x]);
    expect(report.passed).toBe(false);
    const r = report.inputs[0]!;
    expect(r.passed).toBe(false);
    // analytic 2x², numeric 3x²: errors x² = [1, 4, 0.25], relative error 1/3 everywhere
    expect(r.maxAbsError).toBeCloseTo(4, 6);
    expect(r.maxRelError).toBeCloseTo(1 / 3, 6);
    expect(r.worst!.index).toBe(1);
    expect(r.worst!.analytic).toBe(8);
    expect(r.worst!.numeric).toBeCloseTo(12, 6);
  });

  it('reports each input separately: only the wrong one fails', () => {
    const a = tensor([0.5, 1.5], { requiresGrad: true }),
      b = tensor([2, 3], { requiresGrad: true });
    const report = gradcheck((x, y) => wrongCube(x).add(cube(y)).sum(), [a, b]);
    expect(report.passed).toBe(false);
    expect(report.inputs.map((r) => r.passed)).toEqual([false, true]);
  });

  it('checks the whole Jacobian of a non-scalar output through a random projection', () => {
    const x = randn([2, 3], { seed: 3, requiresGrad: true });
    expect(gradcheck((t) => cube(t), [x]).passed).toBe(true);
    expect(gradcheck((t) => wrongCube(t), [x]).passed).toBe(false);
  });

  it('assertGradcheck throws a readable message naming the input, its shape and the worst element', () => {
    const x = tensor([1, -2, 0.5], { requiresGrad: true });
    expect(() => assertGradcheck((t) => wrongCube(t).sum(), [x])).toThrow(
      /gradcheck failed:\ninput 0 \[3\]: MISMATCH — max abs error 4\.00e\+0, max rel error 3\.33e-1; worst element 1: analytic 8, numeric 12\.0000/,
    );
    expect(assertGradcheck((t) => cube(t).sum(), [x]).passed).toBe(true);
  });

  it('formatGradcheckReport prints one line per input', () => {
    const a = tensor([1], { requiresGrad: true }),
      b = tensor([[2, 3]], { requiresGrad: true });
    const text = formatGradcheckReport(gradcheck((x, y) => x.mul(y).sum(), [a, b]));
    const lines = text.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^input 0 \[1\]: ok — max abs error/);
    expect(lines[1]).toMatch(/^input 1 \[1, 2\]: ok — /);
  });

  it('leaves the inputs’ data and accumulated .grad untouched', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    x.grad = new Tensor(new Float64Array([7, 8]), x.shape);
    gradcheck((t) => t.pow(2).sum(), [x]);
    expect(Array.from(x.data)).toEqual([1, 2]);
    expect(Array.from(x.grad.data)).toEqual([7, 8]);
  });

  it('respects tolerances: a loose rtol accepts the 1/3 relative error', () => {
    const x = tensor([1, -2, 0.5], { requiresGrad: true });
    expect(gradcheck((t) => wrongCube(t).sum(), [x], { rtol: 0.5 }).passed).toBe(true);
  });

  it('rejects inputs that do not require grad or are not leaves', () => {
    expect(() => gradcheck((t) => t.sum(), [tensor([1])])).toThrow('gradcheck: input 0 (shape [1]) must have requiresGrad: true');
    const nonLeaf = tensor([1], { requiresGrad: true }).mul(2);
    expect(() => gradcheck((t) => t.sum(), [nonLeaf])).toThrow(/must be a leaf tensor/);
  });

  it('flags NaN gradients as failures', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const nanGrad = (t: Tensor): Tensor =>
      Tensor.fromOp('nanGrad', Float64Array.from(t.data), t.shape, [t], (g) => [g.map(() => Number.NaN)]);
    const report = gradcheck((t) => nanGrad(t).sum(), [x]);
    expect(report.passed).toBe(false);
    expect(Number.isNaN(report.inputs[0]!.worst!.analytic)).toBe(true);
  });
});

describe('gradcheck leaves gradients as it found them', () => {
  it('does not accumulate into parameters the function closes over', () => {
    const w = tensor(
      [
        [0.5, -1],
        [2, 0.25],
      ],
      { requiresGrad: true },
    );
    w.grad = new Tensor(Float64Array.from([1, 2, 3, 4]), w.shape);
    const x = tensor([[1, 2]], { requiresGrad: true });
    const report = gradcheck((input) => input.matmul(w).tanh().sum(), [x]);
    expect(report.passed).toBe(true);
    expect(Array.from(w.grad.data)).toEqual([1, 2, 3, 4]);
    expect(x.grad).toBeNull();
  });
});
