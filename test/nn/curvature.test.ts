import { describe, expect, it } from 'vitest';
import { hessianVectorProduct, lossHvp, topHessianEigenvalue } from '../../src/nn/curvature.ts';
import { MLP } from '../../src/nn/mlp.ts';
import { crossEntropy } from '../../src/nn/losses.ts';
import { Tensor, grad, noGrad, randn, tensor } from '../../src/tensor/index.ts';
import { SCALAR, constants, fixture, tensorOf } from '../support/higher-order.ts';

/** ½θᵀMθ for a symmetric M: its Hessian is M everywhere. */
function quadratic(M: number[][], theta: Tensor): Tensor {
  return theta.matmul(tensor(M).matmul(theta)).mul(0.5);
}

describe('lossHvp: Hessian-vector products of a loss with respect to a model’s parameters', () => {
  const model = new MLP([3, 4, 2], { activation: 'tanh', seed: 3 });
  const x = randn([6, 3], { seed: 8 });
  const labels = [0, 1, 1, 0, 1, 0];
  const lossOf = (): Tensor => crossEntropy(model.forward(x), labels);
  const params = model.parameters();

  it('matches central differences of the gradient, (∇L(θ + εv) − ∇L(θ − εv)) / 2ε', () => {
    const v = params.map((p, i) => randn([...p.shape], { seed: 20 + i }));
    const hv = lossHvp(lossOf(), params, v);
    const gradientAt = (sign: number): Tensor[] => {
      const eps = 1e-5;
      params.forEach((p, i) => p.data.forEach((_, j) => (p.data[j]! += sign * eps * v[i]!.data[j]!)));
      const g = grad(lossOf(), params);
      params.forEach((p, i) => p.data.forEach((_, j) => (p.data[j]! -= sign * eps * v[i]!.data[j]!)));
      return g;
    };
    const [plus, minus] = [gradientAt(1), gradientAt(-1)];
    hv.forEach((h, i) => {
      expect(h.shape).toEqual(params[i]!.shape);
      h.data.forEach((value, j) => expect(value).toBeCloseTo((plus[i]!.data[j]! - minus[i]!.data[j]!) / 2e-5, 7));
    });
    expect(params.every((p) => p.grad === null)).toBe(true);
  });

  it('keeps the loss’s graph: backward still works after any number of products', () => {
    const loss = lossOf();
    const hv = hessianVectorProduct(loss, params);
    const v = params.map((p) => new Tensor(new Float64Array(p.size).fill(1), p.shape));
    expect(hv(v)).toEqual(hv(v));
    loss.backward();
    expect(params.every((p) => p.grad !== null)).toBe(true);
    model.zeroGrad();
  });

  it('bad input names the call and the shapes', () => {
    const loss = lossOf();
    expect(() => lossHvp(model.forward(x), params, [])).toThrow('lossHvp: the loss must be a scalar Tensor, got shape [6, 2]');
    expect(() => lossHvp(loss, params, [])).toThrow('lossHvp: got 0 tensors in v for 4 parameters');
    const v = params.map((p) => new Tensor(new Float64Array(p.size), p.shape));
    v[1] = tensor([1, 2]);
    expect(() => lossHvp(loss, params, v)).toThrow('lossHvp: v[1] has shape [2] but parameter 1 has shape [4]');
    expect(() => lossHvp(noGrad(lossOf), params, [])).toThrow('lossHvp: the loss does not require grad');
  });
});

describe('topHessianEigenvalue: λ_max by power iteration', () => {
  it('finds the top eigenvalue of a quadratic and its eigenvector', () => {
    // Eigenvalues 5 and 1, eigenvectors (1, 1)/√2 and (1, −1)/√2.
    const theta = tensor([0.2, -0.1], { requiresGrad: true });
    const result = topHessianEigenvalue(
      quadratic(
        [
          [3, 2],
          [2, 3],
        ],
        theta,
      ),
      [theta],
      { tolerance: 1e-12 },
    );
    expect(result.converged).toBe(true);
    expect(result.eigenvalue).toBeCloseTo(5, 10);
    const [u] = result.eigenvector;
    expect(Math.abs(u!.data[0]!)).toBeCloseTo(Math.SQRT1_2, 5);
    expect(u!.data[0]! * u!.data[1]!).toBeCloseTo(0.5, 5);
  });

  it('when the eigenvalue of largest magnitude is negative, shifts and still returns the largest one', () => {
    const theta = tensor([1, 1, 1], { requiresGrad: true });
    const M = [
      [1, 0, 0],
      [0, -6, 0],
      [0, 0, 0.5],
    ];
    const result = topHessianEigenvalue(quadratic(M, theta), [theta], { tolerance: 1e-12, iterations: 500 });
    expect(result.eigenvalue).toBeCloseTo(1, 8);
    expect(Math.abs(result.eigenvector[0]!.data[0]!)).toBeCloseTo(1, 4);
  });

  it('on an MLP: vᵀHv = λ·‖v‖² for the returned vector, and the same seed gives the same bits', () => {
    const model = new MLP([2, 5, 1], { activation: 'tanh', seed: 1 });
    const x = randn([8, 2], { seed: 2 });
    const loss = (): Tensor => model.forward(x).pow(2).mean();
    const a = topHessianEigenvalue(loss(), model.parameters(), { seed: 3, tolerance: 1e-10, iterations: 1000 });
    const b = topHessianEigenvalue(loss(), model.parameters(), { seed: 3, tolerance: 1e-10, iterations: 1000 });
    expect(a.eigenvalue).toBe(b.eigenvalue);
    const hv = lossHvp(loss(), model.parameters(), a.eigenvector);
    const rayleigh = hv.reduce((s, h, i) => s + h.data.reduce((t, value, j) => t + value * a.eigenvector[i]!.data[j]!, 0), 0);
    expect(rayleigh).toBeCloseTo(a.eigenvalue, 8);
    expect(a.eigenvalue).toBeGreaterThan(0);
  });

  it('equals the largest eigenvalue of PyTorch’s float64 Hessian on every function of test/fixtures/higher-order.json', () => {
    for (const c of fixture.scalar) {
      const x = tensorOf(c.x, c.shape, true);
      const result = topHessianEigenvalue(SCALAR[c.name]!(x, constants(c)), [x], { iterations: 5000, tolerance: 1e-14 });
      const top = c.eigenvalues[c.eigenvalues.length - 1]!;
      expect(Math.abs(result.eigenvalue - top) / Math.max(1, Math.abs(top)), c.name).toBeLessThan(1e-8);
    }
  });

  it('reports when it runs out of iterations, and checks its options', () => {
    const theta = tensor([0.2, -0.1], { requiresGrad: true });
    const r = topHessianEigenvalue(
      quadratic(
        [
          [1, 0],
          [0, 0.999],
        ],
        theta,
      ),
      [theta],
      { iterations: 3, tolerance: 0 },
    );
    expect(r).toMatchObject({ converged: false, iterations: 3 });
    expect(() => topHessianEigenvalue(theta.sum(), [theta], { iterations: 0 })).toThrow(
      'topHessianEigenvalue: iterations must be a positive integer, got 0',
    );
  });
});
