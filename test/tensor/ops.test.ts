import { describe, expect, it } from 'vitest';
import { tensor, add, sub, mul, div, permute, pow, type Tensor } from '../../src/tensor/index.ts';

const arr = (t: Tensor): number[] => Array.from(t.data);

/** Runs backward from sum(f(x)) and returns x.grad. */
function gradOf(x: Tensor, f: (x: Tensor) => Tensor): number[] {
  x.grad = null;
  f(x).sum().backward();
  return Array.from(x.grad!.data);
}

describe('binary ops: values', () => {
  const a = tensor([
      [1, 2],
      [3, 4],
    ]),
    b = tensor([
      [5, -6],
      [0.5, 8],
    ]);
  it('add, sub, mul, div elementwise', () => {
    expect(a.add(b).toArray()).toEqual([
      [6, -4],
      [3.5, 12],
    ]);
    expect(a.sub(b).toArray()).toEqual([
      [-4, 8],
      [2.5, -4],
    ]);
    expect(a.mul(b).toArray()).toEqual([
      [5, -12],
      [1.5, 32],
    ]);
    expect(a.div(b).toArray()).toEqual([
      [0.2, -1 / 3],
      [6, 0.5],
    ]);
  });

  it('take plain numbers on either side', () => {
    expect(a.add(1).toArray()).toEqual([
      [2, 3],
      [4, 5],
    ]);
    expect(a.sub(1).toArray()).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(a.mul(-2).toArray()).toEqual([
      [-2, -4],
      [-6, -8],
    ]);
    expect(a.div(4).toArray()).toEqual([
      [0.25, 0.5],
      [0.75, 1],
    ]);
    expect(add(1, a).toArray()).toEqual([
      [2, 3],
      [4, 5],
    ]);
    expect(sub(10, a).toArray()).toEqual([
      [9, 8],
      [7, 6],
    ]);
    expect(mul(3, a).toArray()).toEqual([
      [3, 6],
      [9, 12],
    ]);
    expect(div(12, a).toArray()).toEqual([
      [12, 6],
      [4, 3],
    ]);
    expect(sub(5, 2).item()).toBe(3);
  });

  it('gradients of number-on-the-left forms: d(c − x) = −1, d(c / x) = −c/x²', () => {
    expect(gradOf(tensor([1, 2], { requiresGrad: true }), (x) => sub(10, x))).toEqual([-1, -1]);
    expect(gradOf(tensor([1, 2], { requiresGrad: true }), (x) => div(8, x))).toEqual([-8, -2]);
    expect(gradOf(tensor([1, 2], { requiresGrad: true }), (x) => mul(3, x))).toEqual([3, 3]);
  });

  it('sub is one op, with gradients g and −g', () => {
    const x = tensor([3, 4], { requiresGrad: true }),
      y = tensor([1, 1], { requiresGrad: true });
    const z = x.sub(y);
    expect(z.op).toBe('sub');
    expect(z.parents).toEqual([x, y]);
    z.backward([2, 5]);
    expect(Array.from(x.grad!.data)).toEqual([2, 5]);
    expect(Array.from(y.grad!.data)).toEqual([-2, -5]);
  });
});

describe('unary ops: values and hand-derived gradients', () => {
  const x = () => tensor([0.5, 1, 2], { requiresGrad: true });
  it('neg', () => {
    expect(arr(x().neg())).toEqual([-0.5, -1, -2]);
    expect(gradOf(x(), (t) => t.neg())).toEqual([-1, -1, -1]);
  });
  it('pow', () => {
    expect(arr(x().pow(2))).toEqual([0.25, 1, 4]);
    expect(arr(x().pow(3))).toEqual([0.125, 1, 8]);
    expect(arr(x().pow(-1))).toEqual([2, 1, 0.5]);
    expect(gradOf(x(), (t) => t.pow(3))).toEqual([0.75, 3, 12]);
    expect(gradOf(x(), (t) => t.pow(0.5))).toEqual([0.5 / Math.sqrt(0.5), 0.5, 0.5 / Math.SQRT2]);
    expect(() => pow(x(), Number.NaN)).toThrow('pow: exponent must be a number, got NaN');
  });
  it('pow(0) is 1 with zero gradient, even at x = 0', () => {
    const z = tensor([0, 2], { requiresGrad: true });
    expect(arr(z.pow(0))).toEqual([1, 1]);
    expect(gradOf(z, (t) => t.pow(0))).toEqual([0, 0]);
  });
  it('exp and log', () => {
    expect(arr(x().exp())).toEqual([Math.exp(0.5), Math.E, Math.exp(2)]);
    expect(gradOf(x(), (t) => t.exp())).toEqual([Math.exp(0.5), Math.E, Math.exp(2)]);
    expect(arr(x().log())).toEqual([Math.log(0.5), 0, Math.LN2]);
    expect(gradOf(x(), (t) => t.log())).toEqual([2, 1, 0.5]);
  });
  it('sqrt and abs', () => {
    expect(arr(tensor([4, 9, 0.25]).sqrt())).toEqual([2, 3, 0.5]);
    expect(gradOf(tensor([4, 9, 0.25], { requiresGrad: true }), (t) => t.sqrt())).toEqual([0.25, 1 / 6, 1]);
    const y = tensor([-2, 0, 3], { requiresGrad: true });
    expect(arr(y.abs())).toEqual([2, 0, 3]);
    expect(gradOf(y, (t) => t.abs())).toEqual([-1, 0, 1]);
  });
  it('tanh and sigmoid', () => {
    const t = Math.tanh(0.5);
    expect(arr(x().tanh())).toEqual([t, Math.tanh(1), Math.tanh(2)]);
    expect(gradOf(x(), (v) => v.tanh())[0]).toBeCloseTo(1 - t * t, 15);
    const s = tensor([0, 2, -2, 1000, -1000], { requiresGrad: true });
    const sig = arr(s.sigmoid());
    expect(sig.slice(0, 3)).toEqual([0.5, 1 / (1 + Math.exp(-2)), Math.exp(-2) / (1 + Math.exp(-2))]);
    expect(sig.slice(3)).toEqual([1, 0]); // no overflow to NaN at ±1000
    expect(gradOf(s, (v) => v.sigmoid())[0]).toBe(0.25);
  });
  it('relu (gradient 0 at and below 0) and NaN propagation', () => {
    const r = tensor([-1, 0, 2], { requiresGrad: true });
    expect(arr(r.relu())).toEqual([0, 0, 2]);
    expect(gradOf(r, (v) => v.relu())).toEqual([0, 0, 1]);
    expect(Number.isNaN(tensor([Number.NaN]).relu().item())).toBe(true);
  });
});

describe('matmul', () => {
  const A = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]),
    B = tensor([
      [7, 8],
      [9, 10],
      [11, 12],
    ]);
  it('2-D × 2-D', () => {
    expect(A.matmul(B).toArray()).toEqual([
      [58, 64],
      [139, 154],
    ]);
  });
  it('all 1-D cases follow NumPy', () => {
    const v = tensor([1, 0, -1]),
      w = tensor([2, 3]);
    expect(v.matmul(tensor([4, 5, 6])).shape).toEqual([]);
    expect(v.matmul(tensor([4, 5, 6])).item()).toBe(-2);
    expect(A.matmul(v).toArray()).toEqual([-2, -2]); // [2,3]·[3] → [2]
    expect(w.matmul(A).toArray()).toEqual([14, 19, 24]); // [2]·[2,3] → [3]
  });
  it('gradients: dA = G·Bᵀ, dB = Aᵀ·G', () => {
    const a = tensor(
        [
          [1, 2],
          [3, 4],
        ],
        { requiresGrad: true },
      ),
      b = tensor(
        [
          [5, 6],
          [7, 8],
        ],
        { requiresGrad: true },
      );
    a.matmul(b).backward([1, 0, 0, 1]); // G = I
    expect(Array.from(a.grad!.data)).toEqual([5, 7, 6, 8]); // Bᵀ
    expect(Array.from(b.grad!.data)).toEqual([1, 3, 2, 4]); // Aᵀ
    const u = tensor([1, 2], { requiresGrad: true }),
      m = tensor(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        { requiresGrad: true },
      );
    u.matmul(m).sum().backward();
    expect(Array.from(u.grad!.data)).toEqual([6, 15]);
    expect(Array.from(m.grad!.data)).toEqual([1, 1, 1, 2, 2, 2]);
  });
});

describe('matmul with non-finite values', () => {
  it('0 · NaN is NaN: zero entries of the left operand do not hide a NaN or ∞ on the right', () => {
    const out = tensor([
      [0, 1],
      [0, 0],
    ]).matmul(
      tensor([
        [Number.NaN, 1],
        [2, 3],
      ]),
    );
    expect(Array.from(out.data).map(String)).toEqual(['NaN', '3', 'NaN', '0']);
    expect(
      Number.isNaN(
        tensor([0, 0])
          .matmul(tensor([Infinity, 1]))
          .item(),
      ),
    ).toBe(true);
    const b = tensor([[1], [2]], { requiresGrad: true });
    tensor([[0, 1]])
      .matmul(b)
      .backward([Infinity]); // ∂/∂b = aᵀ·g = [0·∞, 1·∞]
    expect(Array.from(b.grad!.data).map(String)).toEqual(['NaN', 'Infinity']);
  });
});

describe('movement ops', () => {
  it('transpose and .T', () => {
    const a = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(a.T.toArray()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(a.transpose().shape).toEqual([3, 2]);
    expect(tensor([1, 2]).T.toArray()).toEqual([1, 2]);
    const c = tensor([
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
    ]); // [1,3,2] → reversed axes [2,3,1]
    expect(c.T.toArray()).toEqual([
      [[1], [3], [5]],
      [[2], [4], [6]],
    ]);
  });
  it('permute, including the identity and 3-D reorders', () => {
    const x = tensor([
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [
        [7, 8, 9],
        [10, 11, 12],
      ],
    ]); // [2,2,3]
    expect(permute(x, [0, 1, 2]).toArray()).toEqual(x.toArray());
    expect(permute(x, [2, 0, 1]).toArray()).toEqual([
      [
        [1, 4],
        [7, 10],
      ],
      [
        [2, 5],
        [8, 11],
      ],
      [
        [3, 6],
        [9, 12],
      ],
    ]);
    const p = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { requiresGrad: true },
    );
    permute(p, [0, 1]).backward([1, 2, 3, 4]);
    expect(Array.from(p.grad!.data)).toEqual([1, 2, 3, 4]);
    const q = tensor(
      [
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
      ],
      { requiresGrad: true },
    ); // [1,2,3]
    permute(q, [2, 0, 1]).backward([10, 20, 30, 40, 50, 60]); // out [3,1,2]: out[k][0][j] = q[0][j][k]
    expect(Array.from(q.grad!.data)).toEqual([10, 30, 50, 20, 40, 60]);
  });
  it('reshape, with -1 inferred and an array argument', () => {
    const x = tensor([1, 2, 3, 4, 5, 6]);
    expect(x.reshape(2, 3).toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(x.reshape(-1, 2).shape).toEqual([3, 2]);
    expect(x.reshape([3, -1]).shape).toEqual([3, 2]);
    expect(x.reshape(1, -1, 1).shape).toEqual([1, 6, 1]);
    expect(tensor([[5]]).reshape([]).shape).toEqual([]);
    const g = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { requiresGrad: true },
    );
    g.reshape(-1).backward([1, 2, 3, 4]);
    expect(Array.from(g.grad!.data)).toEqual([1, 2, 3, 4]);
  });
});
