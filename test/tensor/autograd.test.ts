import { describe, expect, it } from 'vitest';
import { tensor, noGrad, isGradEnabled, backward, type Tensor } from '../../src/tensor/index.ts';

const grad = (t: Tensor): number[] => Array.from(t.grad?.data ?? []);

describe('backward', () => {
  it('from a scalar loss fills .grad of every leaf that requires grad', () => {
    const w = tensor(
        [
          [1, 2],
          [3, 4],
        ],
        { requiresGrad: true },
      ),
      x = tensor([1, -1]);
    const loss = w.matmul(x).pow(2).sum(); // (w·x)ᵢ = [-1, -1]; ∂/∂wᵢⱼ = 2(w·x)ᵢ xⱼ
    loss.backward();
    expect(loss.item()).toBe(2);
    expect(grad(w)).toEqual([-2, 2, -2, 2]);
    expect(x.grad).toBeNull(); // inputs that do not require grad get none
  });

  it('a non-scalar root needs an explicit seed gradient', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const y = x.mul(x);
    expect(() => y.backward()).toThrow(
      'backward: the output has shape [3]; only a scalar can be the implicit root — pass a seed gradient of shape [3]',
    );
    y.backward([1, 0, -1]);
    expect(grad(x)).toEqual([2, 0, -6]);
    expect(() => y.backward([1, 2])).toThrow('backward: seed gradient has 2 elements but the output has shape [3] (3 elements)');
    const seed = tensor([1, 1, 1]);
    x.add(x).reshape(3, 1).backward(seed); // add hands the seed's buffer to both inputs
    expect(grad(x)).toEqual([4, 2, -4]);
    expect(Array.from(seed.data)).toEqual([1, 1, 1]); // the caller's seed is never written
  });

  it('fails clearly on a tensor with no graph', () => {
    expect(() => tensor(1).backward()).toThrow(/backward: the tensor does not require grad/);
    const x = tensor([1], { requiresGrad: true });
    expect(() =>
      noGrad(() => x.mul(2))
        .sum()
        .backward(),
    ).toThrow(/does not require grad/);
  });

  it('the functional backward(root, seed) matches the method', () => {
    const x = tensor([3], { requiresGrad: true });
    backward(x.pow(2), new Float64Array([0.5]));
    expect(grad(x)).toEqual([3]);
  });
});

describe('graphs that reuse nodes', () => {
  it('b = a + a; c = b·b gives dc/da = 8a', () => {
    const a = tensor([1.5, -2], { requiresGrad: true });
    const b = a.add(a);
    b.mul(b).sum().backward();
    expect(grad(a)).toEqual([12, -16]);
  });

  it('a diamond sums both paths: d = (x·3)·(x + 1) → d′ = 6x + 3', () => {
    const x = tensor([2, -1], { requiresGrad: true });
    const left = x.mul(3),
      right = x.add(1);
    left.mul(right).sum().backward();
    expect(grad(x)).toEqual([15, -3]);
  });

  it('x·x, and a node feeding many ops', () => {
    const x = tensor([3], { requiresGrad: true });
    const y = x.mul(x).add(x.exp()).add(x.sub(x.neg())); // x² + eˣ + 2x
    y.backward();
    expect(grad(x)[0]).toBeCloseTo(6 + Math.exp(3) + 2, 12);
  });

  it('does not mutate shared gradient buffers (add passes g to both inputs)', () => {
    const a = tensor([1, 2], { requiresGrad: true }),
      b = tensor([3, 4], { requiresGrad: true });
    const s = a.add(b);
    s.add(s).add(a).sum().backward(); // d/da = 3, d/db = 2
    expect(grad(a)).toEqual([3, 3]);
    expect(grad(b)).toEqual([2, 2]);
  });
});

describe('deep graphs', () => {
  it('a chain 100,000 ops deep does not overflow the stack (multiplicative)', () => {
    const x = tensor([2], { requiresGrad: true });
    let y: Tensor = x;
    for (let i = 0; i < 100_000; i++) y = y.mul(1.0000001);
    y.backward();
    let expected = 1;
    for (let i = 0; i < 100_000; i++) expected *= 1.0000001; // the same products, in the same order
    expect(x.grad!.data[0]).toBe(expected);
    expect(expected).toBeCloseTo(Math.exp(0.01), 6);
  });

  it('a chain 100,000 additions deep has gradient exactly 1', () => {
    const x = tensor([0], { requiresGrad: true });
    let y: Tensor = x;
    for (let i = 0; i < 100_000; i++) y = y.add(1e-6);
    y.backward();
    expect(grad(x)).toEqual([1]);
    expect(y.item()).toBeCloseTo(0.1, 9);
  });
});

describe('gradient accumulation', () => {
  it('accumulates into .grad across backward calls until zeroGrad', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    w.mul(3).sum().backward();
    w.pow(2).sum().backward();
    expect(grad(w)).toEqual([3 + 2, 3 + 4]);
    w.zeroGrad();
    expect(grad(w)).toEqual([0, 0]);
    w.mul(5).sum().backward();
    expect(grad(w)).toEqual([5, 5]);
  });

  it('a second backward() through a retained graph adds the same gradients again', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const loss = w.pow(3).sum();
    loss.backward(undefined, { retainGraph: true });
    expect(grad(w)).toEqual([3, 12]);
    loss.backward();
    expect(grad(w)).toEqual([6, 24]);
  });

  it('a backward through a released graph throws, naming the call, the op and its shapes (PyTorch retain_graph)', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const loss = w.pow(3).sum();
    loss.backward();
    expect(() => loss.backward()).toThrow(
      'backward: cannot backpropagate through sum (output [], inputs [2]) a second time: an earlier backward released its saved values; pass { retainGraph: true } to that earlier call to go through the graph again',
    );
    expect(grad(w)).toEqual([3, 12]); // nothing was added by the failed call
    // A new forward pass builds a new graph.
    w.pow(3).sum().backward();
    expect(grad(w)).toEqual([6, 24]);
  });

  it('zeroGrad on a tensor without a gradient is a no-op', () => {
    const w = tensor([1], { requiresGrad: true });
    w.zeroGrad();
    expect(w.grad).toBeNull();
  });
});

describe('non-leaf gradients', () => {
  it('are not kept by default; retainGrad() keeps them', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const h = x.mul(3);
    const kept = x.mul(2).retainGrad();
    h.mul(kept).sum().backward(); // 6x²: dL/dkept = h = 3x, dL/dx = 12x
    expect(h.grad).toBeNull();
    expect(grad(kept)).toEqual([3, 6]);
    expect(grad(x)).toEqual([12, 24]);
    expect(kept.isLeaf).toBe(false);
  });
});

describe('noGrad and detach', () => {
  it('noGrad builds no graph and restores grad mode, even after a throw', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const y = noGrad(() => {
      expect(isGradEnabled()).toBe(false);
      return w.mul(2).add(1);
    });
    expect(isGradEnabled()).toBe(true);
    expect(y.requiresGrad).toBe(false);
    expect(y.parents).toEqual([]);
    expect(y.gradFn).toBeNull();
    expect(Array.from(y.data)).toEqual([3, 5]);
    expect(() =>
      noGrad(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(isGradEnabled()).toBe(true);
    expect(noGrad(() => noGrad(() => 1) + (isGradEnabled() ? 10 : 0))).toBe(1);
  });

  it('detach() cuts the graph: no gradient flows through the detached branch', () => {
    const x = tensor([2], { requiresGrad: true });
    const d = x.mul(x).detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.isLeaf).toBe(true);
    expect(d.item()).toBe(4);
    x.mul(d).backward(); // d is a constant 4
    expect(grad(x)).toEqual([4]);
  });

  it('ops on tensors that do not require grad are untracked', () => {
    const y = tensor([1]).add(tensor([2]));
    expect(y.requiresGrad).toBe(false);
    expect(y.parents).toEqual([]);
  });
});
