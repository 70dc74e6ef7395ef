import { describe, expect, it } from 'vitest';
import { Tensor, grad, noGrad, tensor } from '../../src/tensor/index.ts';

const values = (t: Tensor | null | undefined): number[] => Array.from(t?.data ?? []);

describe('grad(outputs, inputs, options) — torch.autograd.grad', () => {
  it('returns d output / d input shaped like each input and leaves .grad alone', () => {
    const x = tensor([1, 2], { requiresGrad: true }),
      w = tensor([[3], [4]], { requiresGrad: true });
    const y = x.matmul(w).pow(2).sum(); // (x·w)² = 121
    const [gx, gw] = grad(y, [x, w]);
    expect(values(gx)).toEqual([66, 88]); // 2(x·w)·w
    expect(gw!.shape).toEqual([2, 1]);
    expect(values(gw)).toEqual([22, 44]);
    expect(x.grad).toBeNull();
    expect(w.grad).toBeNull();
    expect(gx!.requiresGrad).toBe(false);
  });

  it('sums over several outputs, each weighted by its gradOutputs, and takes intermediate tensors as inputs', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const h = x.mul(2);
    const [gx, gh] = grad([h.sum(), h.pow(2)], [x, h], { gradOutputs: [tensor(1), tensor([1, 0, -1])] });
    expect(values(gh)).toEqual([1 + 4, 1, 1 - 12]); // 1 + 2h·v
    expect(values(gx)).toEqual([10, 2, -22]); // 2·gh
  });

  it('with createGraph the gradient is differentiable again, to any order', () => {
    const x = tensor([2], { requiresGrad: true });
    let d: Tensor = x.pow(5); // x⁵
    const expected = [80, 160, 240, 240, 120]; // 5·4x³, 5·4·3·2x … at x = 2: 5x⁴ = 80, 20x³ = 160, 60x² = 240, 120x = 240, 120
    for (const e of expected) {
      [d] = grad(d, x, { createGraph: true }) as [Tensor];
      expect(d.item()).toBe(e);
    }
    expect(d.requiresGrad).toBe(false); // 120 is a constant: nothing is left to differentiate
  });

  it('allowUnused: an output that does not depend on an input throws, naming the call and the shapes, or gives null', () => {
    const x = tensor([1, 2], { requiresGrad: true }),
      z = tensor([[5]], { requiresGrad: true });
    const y = x.mul(3).sum();
    expect(() => grad(y, [x, z], { retainGraph: true })).toThrow(
      'grad: the output (shape []) does not depend on inputs[1] (shape [1, 1]); pass allowUnused: true to get null for it',
    );
    const [gx, gz] = grad(y, [x, z], { allowUnused: true });
    expect(values(gx)).toEqual([3, 3]);
    expect(gz).toBeNull();
  });

  it('an input the graph reaches but no gradient flows to (through abs′ = sign) gets zeros, as in PyTorch', () => {
    const x = tensor([-1, 2], { requiresGrad: true });
    const [g] = grad(x.abs().sum(), x, { createGraph: true });
    expect(values(g)).toEqual([-1, 1]);
    expect(values(grad(g!.sum(), x)[0])).toEqual([0, 0]);
  });

  it('rejects outputs and inputs that do not require grad, and mismatched gradOutputs', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(() => grad(tensor(3), x)).toThrow('grad: output (shape []) does not require grad');
    expect(() => grad(x.sum(), tensor([1]))).toThrow('grad: input (shape [1]) does not require grad; set requiresGrad: true');
    expect(() => grad(x.mul(2), x)).toThrow('grad: the output has shape [2]; only a scalar can be the implicit root');
    expect(() => grad(x.mul(2), x, { gradOutputs: tensor([1, 2, 3]) })).toThrow(
      'grad: seed gradient has 3 elements but the output has shape [2] (2 elements)',
    );
    expect(() => grad(x.mul(2), x, { gradOutputs: [] })).toThrow('grad: 0 gradOutputs for 1 outputs');
    expect(() => grad([x.sum(), 'y' as unknown as Tensor], x)).toThrow('grad: outputs must be a Tensor or an array of Tensors');
  });
});

describe('retainGraph and released graphs', () => {
  it('grad releases the graph unless asked to keep it; createGraph keeps it', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.exp().sum();
    grad(y, x, { retainGraph: true });
    grad(y, x);
    expect(() => grad(y, x)).toThrow('grad: cannot backpropagate through sum (output [], inputs [2]) a second time');
    const z = x.exp().sum();
    grad(z, x, { createGraph: true });
    expect(values(grad(z, x)[0])).toEqual([Math.E, Math.exp(2)]);
  });

  it('two losses sharing a released subgraph: the second backward throws before changing any .grad', () => {
    const a = tensor([1, 2], { requiresGrad: true }),
      b = tensor([3], { requiresGrad: true });
    const shared = a.tanh();
    shared.sum().backward();
    const before = values(a.grad);
    expect(() => b.mul(2).add(shared.sum()).backward()).toThrow(
      /backward: cannot backpropagate through tanh \(output \[2\], inputs \[2\]\)/,
    );
    expect(b.grad).toBeNull(); // the part of the graph that was still there was not swept either
    expect(values(a.grad)).toEqual(before);
  });
});

describe('backward with createGraph', () => {
  it('leaves a .grad that is itself differentiable; a second backward accumulates into it, as in PyTorch', () => {
    const x = tensor([1, 3], { requiresGrad: true });
    x.pow(3).sum().backward(undefined, { createGraph: true });
    expect(values(x.grad)).toEqual([3, 27]); // 3x²
    expect(x.grad!.requiresGrad).toBe(true);
    x.grad!.sum().backward();
    expect(values(x.grad)).toEqual([3 + 6, 27 + 18]); // 3x² + 6x
    x.zeroGrad();
    expect(values(x.grad)).toEqual([0, 0]);
    expect(x.grad!.requiresGrad).toBe(false);
  });

  it('records the gradient even when called inside noGrad; without it nothing is recorded', () => {
    const x = tensor([2], { requiresGrad: true });
    const y0 = x.mul(x);
    noGrad(() => y0.backward());
    expect(x.grad!.requiresGrad).toBe(false);
    x.grad = null;
    const y = x.mul(x);
    noGrad(() => y.backward(undefined, { createGraph: true }));
    expect(x.grad!.requiresGrad).toBe(true);
  });

  it('a chain 15,000 ops deep differentiates twice without overflowing the stack', () => {
    const x = tensor([0.5], { requiresGrad: true });
    let y: Tensor = x;
    let v = 0.5,
      dv = 1,
      d2v = 0; // the same recurrence by hand: y ← y + 1e-6·y²
    for (let i = 0; i < 5_000; i++) {
      y = y.add(y.mul(y).mul(1e-6));
      d2v = d2v * (1 + 2e-6 * v) + 2e-6 * dv * dv;
      dv = dv * (1 + 2e-6 * v);
      v = v + 1e-6 * v * v;
    }
    const [g] = grad(y, x, { createGraph: true });
    expect(g!.item()).toBeCloseTo(dv, 12);
    expect(grad(g!, x)[0]!.item()).toBeCloseTo(d2v, 12);
  });
});

describe('custom ops', () => {
  /** x³ written with Tensor.fromOp: a Float64Array backward, differentiable once. */
  const cube = (x: Tensor): Tensor =>
    Tensor.fromOp(
      'cube',
      x.data.map((v) => v ** 3),
      x.shape,
      [x],
      (g) => [g.map((gi, i) => gi * 3 * x.data[i]! ** 2)],
    );

  it('Tensor.fromOp works under createGraph for the first derivative; the second throws, naming the op', () => {
    const x = tensor([2], { requiresGrad: true });
    const [g] = grad(cube(x).sum(), x, { createGraph: true });
    expect(g!.item()).toBe(12);
    expect(() => grad(g!, x)).toThrow(
      'cube: cannot differentiate its gradient: it was written with Tensor.fromOp, whose backward works on Float64Arrays and is differentiable once; ' +
        'write it with Tensor.fromGradientOp (a gradient built from tensor ops) for second derivatives',
    );
  });

  it('Tensor.fromGradientOp: a gradient built from tensor ops differentiates again', () => {
    const cube2 = (x: Tensor): Tensor =>
      Tensor.fromGradientOp(
        'cube',
        x.data.map((v) => v ** 3),
        x.shape,
        [x],
        (g, [input]) => [g.mul(input!.pow(2).mul(3))],
      );
    const x = tensor([2], { requiresGrad: true });
    const [g] = grad(cube2(x).sum(), x, { createGraph: true });
    expect(g!.item()).toBe(12);
    expect(grad(g!, x)[0]!.item()).toBe(12); // 6x
  });

  it('a gradient in the output’s broadcast shape is summed down by the engine; one that cannot be is an error naming the op', () => {
    const scaleBy = (x: Tensor, s: Tensor): Tensor =>
      Tensor.fromGradientOp(
        'scaleBy',
        x.data.map((v) => v * s.data[0]!),
        x.shape,
        [x, s],
        (g, [a, b]) => [g.mul(b!), g.mul(a!)],
      );
    const x = tensor([1, 2, 3], { requiresGrad: true }),
      s = tensor([2], { requiresGrad: true });
    scaleBy(x, s).sum().backward();
    expect(values(s.grad)).toEqual([6]);
    const bad = Tensor.fromGradientOp('bad', new Float64Array(2), [2], [x], (g) => [g]);
    expect(() => bad.sum().backward()).toThrow(
      "bad (backward): the gradient for input 0 has shape [2], which does not sum down to the input's shape [3]",
    );
  });
});
