import { describe, expect, it } from 'vitest';
import { Tensor, hessian, hvp, jacobian, jvp, noGrad, randn, tensor, vjp } from '../../src/tensor/index.ts';

const A = tensor([
  [2, 1, 0],
  [-1, 3, 4],
]);
const values = (t: Tensor): number[] => Array.from(t.data);

describe('vjp, jvp, jacobian, hessian, hvp (torch.autograd.functional)', () => {
  it('a linear map: J = A, vᵀJ = vᵀA, J·u = A·u', () => {
    const f = (x: Tensor): Tensor => A.matmul(x);
    const x = tensor([1, 1, 1]);
    expect(jacobian(f, x).toArray()).toEqual(A.toArray());
    const [y, vj] = vjp(f, x, tensor([1, -1]));
    expect(values(y)).toEqual([3, 6]);
    expect(values(vj)).toEqual([3, -2, -4]);
    const [, ju] = jvp(f, x, tensor([1, 0, 2]));
    expect(values(ju)).toEqual([2, 7]);
  });

  it('a quadratic form ½xᵀMx has Hessian (M + Mᵀ)/2, and hvp is H·v without forming H', () => {
    const M = tensor([
      [2, 1],
      [3, 4],
    ]);
    const f = (x: Tensor): Tensor => x.matmul(M.matmul(x)).mul(0.5);
    const x = tensor([0.3, -0.7]);
    expect(hessian(f, x).toArray()).toEqual([
      [2, 2],
      [2, 4],
    ]);
    expect(values(hvp(f, x, tensor([1, -1])))).toEqual([0, -2]);
  });

  it('hvp agrees with hessian·v on a nonlinear function of a matrix, and the Hessian is symmetric', () => {
    const f = (x: Tensor): Tensor => x.matmul(x.T).tanh().sum().add(x.exp().mul(x).mean());
    const x = randn([2, 3], { seed: 4 }),
      v = randn([2, 3], { seed: 5 });
    const H = hessian(f, x);
    expect(H.shape).toEqual([2, 3, 2, 3]);
    const Hv = H.reshape(6, 6).matmul(v.reshape(6)).reshape(2, 3);
    values(hvp(f, x, v)).forEach((h, i) => expect(h).toBeCloseTo(Hv.data[i]!, 12));
    for (let i = 0; i < 6; i++) for (let j = 0; j < i; j++) expect(H.data[i * 6 + j]).toBeCloseTo(H.data[j * 6 + i]!, 12); // symmetric
  });

  it('x need not require grad, is not changed, and the results carry no graph; they work inside noGrad', () => {
    const x = tensor([0.5, 2]);
    const f = (t: Tensor): Tensor => t.pow(3).sum();
    const H = noGrad(() => hessian(f, x));
    expect(H.toArray()).toEqual([
      [3, 0],
      [0, 12],
    ]);
    expect(H.requiresGrad).toBe(false);
    expect(x.requiresGrad).toBe(false);
    expect(values(x)).toEqual([0.5, 2]);
    expect(x.grad).toBeNull();
  });

  it('an output that does not depend on x has zero derivatives (PyTorch’s non-strict mode)', () => {
    const x = tensor([1, 2]);
    expect(hessian((t) => t.sum().mul(3), x).toArray()).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(values(hvp((t) => t.sum(), x, tensor([1, 1])))).toEqual([0, 0]);
    expect(jacobian(() => tensor([1, 2, 3]), x).shape).toEqual([3, 2]);
    expect(values(jacobian(() => tensor([1, 2, 3]), x))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(values(vjp(() => tensor(5), x)[1])).toEqual([0, 0]);
    expect(values(jvp(() => tensor([5]), x, tensor([1, 1]))[1])).toEqual([0]);
  });

  it('bad input names the call and the shapes', () => {
    const x = tensor([1, 2, 3]);
    const square = (t: Tensor): Tensor => t.mul(t);
    expect(() => hessian(square, x)).toThrow('hessian: f must return a scalar (one element), but f(x) has shape [3]');
    expect(() => hvp(square, x, x)).toThrow('hvp: f must return a scalar (one element), but f(x) has shape [3]');
    expect(() => hvp((t) => t.sum(), x, tensor([1, 2]))).toThrow('hvp: v has shape [2] but x has shape [3]');
    expect(() => vjp(square, x, tensor([[1, 2, 3]]))).toThrow('vjp: v has shape [1, 3] but f(x) has shape [3]');
    expect(() => vjp(square, x)).toThrow('vjp: f must return a scalar (one element), but f(x) has shape [3]');
    expect(() => jvp(square, x, tensor([1]))).toThrow('jvp: v has shape [1] but x has shape [3]');
    expect(() => jacobian(() => [1, 2] as unknown as Tensor, x)).toThrow('jacobian: f must return a Tensor');
    expect(() => hessian(square, [1, 2] as unknown as Tensor)).toThrow('hessian: x must be a Tensor');
  });
});
