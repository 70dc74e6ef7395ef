import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tensor, randn, narrow, cat, where, type Tensor } from '../../src/tensor/index.ts';
import { incrementVersion } from '../../src/tensor/version.ts';
import { setDebug } from '../../src/tensor/debug.ts';
import { grad } from '../../src/tensor/grad.ts';
import { SGD, Momentum, AdaGrad, RMSProp, Adam, AdamW, Adamax, type Optimizer } from '../../src/optim/index.ts';
import { MLP } from '../../src/nn/mlp.ts';
import { applyWeights, modelToJson, parseModelFile } from '../../src/nn/serialize.ts';
import { loadCheckpoint, saveCheckpoint } from '../../src/checkpoint/index.ts';
import { crossEntropy } from '../../src/nn/losses.ts';

const MODIFIED = /one of the values needed for gradient computation has been modified by an in-place write/;

/** y = x·w·w at w = 2, x = 3: dy/dw = 2xw = 12. */
function repro(): { w: Tensor; y: Tensor } {
  const x = tensor([3]);
  const w = tensor([2], { requiresGrad: true });
  return { w, y: x.mul(w).mul(w).sum() };
}

describe('version counters: parameters changed between forward and backward', () => {
  afterEach(() => setDebug(false));

  it("the issue's example: a step moves w from 2 to 1.7 before backward — refused, naming op, tensor and versions, .grad untouched", () => {
    const { w, y } = repro();
    w.grad = tensor([12]);
    new SGD([w], { lr: 0.025 }).step();
    expect(w.item()).toBeCloseTo(1.7, 15);
    expect(w.version).toBe(1);
    expect(() => y.backward()).toThrow(MODIFIED);
    expect(() => y.backward()).toThrow(
      /a tensor of shape \[1\], input 1 of mul \(inputs \[1\], \[1\] → output \[1\]\), is at version 1; expected version 0 instead \(last written by SGD\.step\(\) on params\[0\]\)/,
    );
    expect(w.grad.item()).toBe(12); // nothing accumulated: checked before any gradient is computed
  });

  it('without the write the same graph gives 12, and a new forward pass after the step gives 2·3·1.7', () => {
    const { w, y } = repro();
    y.backward();
    expect(w.grad!.item()).toBe(12);
    new SGD([w], { lr: 0.025 }).step();
    w.grad = null;
    tensor([3]).mul(w).mul(w).sum().backward();
    expect(w.grad!.item()).toBeCloseTo(10.2, 14);
  });

  it.each<[string, (p: Tensor[]) => Optimizer]>([
    ['SGD', (p) => new SGD(p, { lr: 0.1 })],
    ['Momentum', (p) => new Momentum(p, { lr: 0.1 })],
    ['AdaGrad', (p) => new AdaGrad(p, { lr: 0.1 })],
    ['RMSProp', (p) => new RMSProp(p, { lr: 0.1 })],
    ['Adam', (p) => new Adam(p, { lr: 0.1 })],
    ['Adam (amsgrad)', (p) => new Adam(p, { lr: 0.1, amsgrad: true })],
    ['AdamW', (p) => new AdamW(p, { lr: 0.1 })],
    ['Adamax', (p) => new Adamax(p, { lr: 0.1 })],
  ])('%s.step() between forward and backward is refused', (_, make) => {
    const { w, y } = repro();
    const optimizer = make([w]);
    w.grad = tensor([1]);
    optimizer.step();
    expect(w.version).toBe(1);
    expect(() => y.backward()).toThrow(
      new RegExp(`${MODIFIED.source}.*last written by ${optimizer.name.replace(/[()]/g, '\\$&')}\\.step\\(\\)`),
    );
  });

  it('an input only the gradient of a data tensor would read is not saved (PyTorch): x·w with data x still backpropagates after a step', () => {
    const x = tensor([3, 4]);
    const w = tensor([2, 5], { requiresGrad: true });
    const y = x.mul(w).sum();
    w.grad = tensor([1, 1]);
    new SGD([w], { lr: 0.5 }).step();
    w.grad = null;
    y.backward();
    expect(Array.from(w.grad!.data)).toEqual([3, 4]); // dy/dw = x, which did not change
  });

  function modelLoss(): { model: MLP; loss: Tensor } {
    const model = new MLP([2, 3, 2], { seed: 4, activation: 'tanh' });
    const x = randn([5, 2], { seed: 9 });
    return { model, loss: crossEntropy(model.call(x), [0, 1, 1, 0, 1]) };
  }

  it('selection, joins, where and clamp save nothing (PyTorch): their gradient survives a step, and is exact', () => {
    const w = tensor([1, -2, 3], { requiresGrad: true });
    // d/dw of sum(narrow(w)·[5, 7]) + sum(cat([w, w])) + sum(where([1, 0, 1], w, 0)) + sum(clamp(w, −1, 2)).
    const y = narrow(w, 0, 1, 2)
      .mul(tensor([5, 7]))
      .sum()
      .add(cat([w, w]).sum())
      .add(where(tensor([1, 0, 1]), w, 0).sum())
      .add(w.clamp(-1, 2).sum());
    w.grad = tensor([0.5, 0.5, 0.5]);
    new SGD([w], { lr: 1 }).step();
    w.zeroGrad();
    y.backward();
    expect(Array.from(w.grad.data)).toEqual([2 + 1 + 1, 5 + 2 + 0 + 0, 7 + 2 + 1 + 0]);
    // A product does save its inputs: the same step before backward is refused.
    const z = w.mul(w).sum();
    new SGD([w], { lr: 1 }).step();
    expect(() => z.backward()).toThrow(MODIFIED);
  });

  it('Module.loadStateDict between forward and backward is refused, naming the parameter', () => {
    const { model, loss } = modelLoss();
    model.loadStateDict(new MLP([2, 3, 2], { seed: 5, activation: 'tanh' }).stateDict());
    expect(() => loss.backward()).toThrow(
      /\(parameter "layers\.\d\.(weight|bias)"\).*is at version 1; expected version 0 instead \(last written by loadStateDict\)/,
    );
    expect(model.parameters().every((p) => p.grad === null)).toBe(true);
  });

  it('applyWeights (a model file loaded into the model) between forward and backward is refused', () => {
    const { model, loss } = modelLoss();
    applyWeights(model, parseModelFile(modelToJson(new MLP([2, 3, 2], { seed: 6, activation: 'tanh' }))));
    expect(() => loss.backward()).toThrow(MODIFIED);
  });

  it('resuming a checkpoint between forward and backward is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradlab-version-'));
    try {
      const { model, loss } = modelLoss();
      const optimizer = new Adam(model.parameters(), { lr: 0.1 });
      const path = join(dir, 'ckpt.json');
      saveCheckpoint(path, { model, optimizer, epoch: 0, step: 0 });
      loadCheckpoint(path, { model, optimizer });
      expect(() => loss.backward()).toThrow(MODIFIED);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('zeroGrad and in-place gradient accumulation count as writes of .grad', () => {
    const w = tensor([2], { requiresGrad: true });
    const v = tensor([5], { requiresGrad: true });
    w.mul(w).sum().backward(); // w.grad = 4, a plain tensor
    const y = w.grad!.mul(v).sum(); // saves w.grad for v's gradient
    w.mul(w).sum().backward(); // accumulates in place: 8
    expect(() => y.backward(undefined, { retainGraph: true })).toThrow(
      /is at version 1; expected version 0 instead \(last written by gradient accumulation\)/,
    );
    const z = w.grad!.mul(v).sum();
    w.zeroGrad();
    expect(() => z.backward()).toThrow(/last written by zeroGrad/);
  });

  it("views (reshape, detach) share their base's count", () => {
    const w = tensor([2, 3], { requiresGrad: true });
    const r = w.reshape([2, 1]);
    const y = r.mul(r).sum();
    const d = w.detach();
    w.grad = tensor([1, 1]);
    new SGD([w], { lr: 0.1 }).step();
    expect([r.version, d.version]).toEqual([1, 1]);
    expect(() => y.backward()).toThrow(/a tensor of shape \[2, 1\], input 0 of mul/);
  });

  it('the check covers grad() and the second-order graph (createGraph)', () => {
    const w = tensor([2], { requiresGrad: true });
    const y = w.mul(w).mul(w).sum();
    const [g] = grad(y, [w], { createGraph: true }) as [Tensor]; // 3w², whose own graph reads w
    expect(g.item()).toBe(12);
    incrementVersion(w, 'a test');
    expect(() => g.backward()).toThrow(/last written by a test/);
    expect(() => grad(y, [w])).toThrow(MODIFIED);
  });

  it("raw writes into .data bypass the counter (as PyTorch's .data); incrementVersion or debug mode catch them", () => {
    let { w, y } = repro();
    w.data[0] = 1.7;
    y.backward();
    expect(w.grad!.item()).toBeCloseTo(11.1, 14); // the silent wrong answer the counter exists to refuse

    ({ w, y } = repro());
    w.data[0] = 1.7;
    incrementVersion(w);
    expect(() => y.backward()).toThrow(/last written by a write into \.data/);

    setDebug(true);
    ({ w, y } = repro());
    w.data[0] = 1.7;
    expect(() => y.backward()).toThrow(/still at version 0, but its values changed \(checked in debug mode\)/);
    expect(w.grad).toBeNull();
    w.data[0] = 2; // written back exactly: the saved values are intact again
    y.backward();
    expect(w.grad!.item()).toBe(12);
  });
});
