import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Tensor, assertGradgradcheck, tensor } from '../../src/tensor/index.ts';
import { assertModelGradcheck } from '../../src/nn/gradcheck.ts';
import { BatchNorm1d, LayerNorm } from '../../src/nn/normalization.ts';
import { samples } from '../support/samples.ts';
import { assertClose } from '../../src/testing/index.ts';

interface Plain {
  shape: number[];
  data: number[];
}
interface ForwardRecord {
  x: Plain;
  r: Plain;
  y: Plain;
  gradX: Plain;
  gradWeight: Plain;
  gradBias: Plain;
}
interface TrainRecord extends ForwardRecord {
  runningMean: Plain;
  runningVar: Plain;
  numBatchesTracked: number;
}
interface Fixtures {
  layerNorm: Record<string, { features: number; eps: number; weight: Plain; bias: Plain; forwards: ForwardRecord[] }>;
  batchNorm1d: Record<
    string,
    { features: number; momentum: number | null; weight: Plain; bias: Plain; train: TrainRecord[]; eval: ForwardRecord[] }
  >;
}

const fixtures = JSON.parse(readFileSync(new URL('../fixtures/layers.json', import.meta.url), 'utf8')) as Fixtures;
const { normal } = samples(22);

/** Every element within 1e-9 + 1e-9·|reference| of PyTorch's (torch.testing's rule, by gradlab/testing). */
function expectClose(actual: ArrayLike<number> | null | undefined, expected: Plain, what: string): void {
  expect(actual, what).toBeDefined();
  assertClose(Array.from(actual!), expected.data, { rtol: 1e-9, atol: 1e-9, name: what });
}

/** Replays one recorded forward: output, then the gradients of Σ y·r. */
function replay(module: LayerNorm | BatchNorm1d, record: ForwardRecord, label: string): void {
  module.zeroGrad();
  const x = tensor(record.x.data, { shape: record.x.shape, requiresGrad: true });
  const y = module.forward(x);
  expect(y.shape).toEqual(record.y.shape);
  expectClose(y.data, record.y, `${label} y`);
  y.mul(tensor(record.r.data, { shape: record.r.shape }))
    .sum()
    .backward();
  expectClose(x.grad?.data, record.gradX, `${label} ∂x`);
  expectClose(module.weight.grad?.data, record.gradWeight, `${label} ∂weight`);
  expectClose(module.bias.grad?.data, record.gradBias, `${label} ∂bias`);
}

function withParameters<M extends LayerNorm | BatchNorm1d>(module: M, weight: Plain, bias: Plain): M {
  module.weight.data.set(weight.data);
  module.bias.data.set(bias.data);
  return module;
}

describe('LayerNorm matches PyTorch float64 (test/fixtures/layers.json)', () => {
  for (const [name, c] of Object.entries(fixtures.layerNorm)) {
    it(`${name}: output and gradients in x, weight and bias to 1e-9`, () => {
      const layer = withParameters(new LayerNorm(c.features, { eps: c.eps }), c.weight, c.bias);
      c.forwards.forEach((f, i) => replay(layer, f, `${name} forward ${i}`));
      layer.eval(); // no batch statistics: evaluation computes the same
      replay(layer, c.forwards[0]!, `${name} in eval mode`);
    });
  }

  it('starts at weight 1 and bias 0 and lists them as its parameters', () => {
    const layer = new LayerNorm(3);
    expect(layer.namedParameters().map(([n, p]) => [n, Array.from(p.data)])).toEqual([
      ['weight', [1, 1, 1]],
      ['bias', [0, 0, 0]],
    ]);
    expect(layer.namedBuffers()).toEqual([]);
  });

  it('passes gradcheck and gradgradcheck', () => {
    const layer = withParameters(new LayerNorm(4), { shape: [4], data: [0.5, 1.5, -1, 2] }, { shape: [4], data: [0.1, 0, -0.3, 1] });
    assertModelGradcheck(layer, normal([3, 4]));
    assertGradgradcheck((x) => layer.forward(x), [normal([2, 4])]);
  });

  it('names the layer and the shapes on bad input', () => {
    expect(() => new LayerNorm(3).forward(tensor([[1, 2]]))).toThrow('LayerNorm(3): input has shape [1, 2], expected last dimension 3');
    expect(() => new LayerNorm(0)).toThrow('LayerNorm: features must be a positive integer, got 0');
    expect(() => new LayerNorm(2, { eps: -1 })).toThrow('LayerNorm: eps must be a finite number ≥ 0, got -1');
  });
});

describe('BatchNorm1d matches PyTorch float64 (test/fixtures/layers.json)', () => {
  for (const [name, c] of Object.entries(fixtures.batchNorm1d)) {
    it(`${name}: training steps (output, gradients, running statistics), then evaluation with the running statistics`, () => {
      const layer = withParameters(new BatchNorm1d(c.features, { momentum: c.momentum }), c.weight, c.bias);
      c.train.forEach((step, i) => {
        replay(layer, step, `${name} training step ${i}`);
        expectClose(layer.runningMean.data, step.runningMean, `${name} running_mean after step ${i}`);
        expectClose(layer.runningVar.data, step.runningVar, `${name} running_var after step ${i}`);
        expect(layer.numBatchesTracked.item()).toBe(step.numBatchesTracked);
      });
      layer.eval();
      const state = layer.stateDict();
      c.eval.forEach((f, i) => replay(layer, f, `${name} evaluation ${i}`));
      expect(layer.stateDict(), 'evaluation leaves the running statistics alone').toEqual(state);
    });
  }

  it('keeps running_mean, running_var and num_batches_tracked as buffers: in stateDict, not in parameters', () => {
    const layer = new BatchNorm1d(2);
    expect(layer.namedParameters().map(([n]) => n)).toEqual(['weight', 'bias']);
    expect(layer.namedBuffers().map(([n, b]) => [n, Array.from(b.data)])).toEqual([
      ['running_mean', [0, 0]],
      ['running_var', [1, 1]],
      ['num_batches_tracked', [0]],
    ]);
    expect(Object.keys(layer.stateDict())).toEqual(['weight', 'bias', 'running_mean', 'running_var', 'num_batches_tracked']);
    layer.forward(
      tensor([
        [1, 2],
        [3, 6],
      ]),
    );
    // Hand-derived: batch means [2, 4], unbiased variances [2, 8]; 0.9·0 + 0.1·mean, 0.9·1 + 0.1·var.
    expect(Array.from(layer.runningMean.data)).toEqual([0.2, 0.4]);
    expect(Array.from(layer.runningVar.data)).toEqual([0.9 + 0.1 * 2, 0.9 + 0.1 * 8]);
    const copy = new BatchNorm1d(2);
    copy.loadStateDict(layer.stateDict());
    expect(copy.stateDict()).toEqual(layer.stateDict());
  });

  it('passes gradcheck in training mode (through the batch statistics) and in evaluation mode', () => {
    const layer = withParameters(new BatchNorm1d(3), { shape: [3], data: [0.5, 1.5, -1] }, { shape: [3], data: [0.1, 0, -0.3] });
    assertModelGradcheck(layer, normal([5, 3]));
    assertGradgradcheck((x) => layer.forward(x), [normal([4, 3])]);
    layer.runningVar.data.set([0.5, 2, 1.5]);
    layer.eval();
    assertModelGradcheck(layer, normal([5, 3]));
  });

  it('names the layer and the shapes on bad input', () => {
    const layer = new BatchNorm1d(3);
    expect(() => layer.forward(tensor([[1, 2]]))).toThrow(
      'BatchNorm1d(3): input has shape [1, 2], expected [batch, 3] or [batch, 3, length]',
    );
    expect(() => layer.forward(tensor([[1, 2, 3]]))).toThrow(
      'BatchNorm1d(3): training mode needs more than one value per feature, got input [1, 3]',
    );
    expect(layer.eval().forward(tensor([[1, 2, 3]])).shape).toEqual([1, 3]);
    expect(() => new BatchNorm1d(2, { momentum: 2 })).toThrow('BatchNorm1d: momentum must be a number in [0, 1] or null, got 2');
  });
});

describe('Module buffers', () => {
  it('are refused when they require grad, naming the module', () => {
    class Bad extends BatchNorm1d {
      constructor() {
        super(1);
        this.registerBuffer('oops', new Tensor(new Float64Array(1), [1], true));
      }
    }
    expect(() => new Bad()).toThrow('Bad.registerBuffer: buffer "oops" requires grad; a trained tensor is a parameter');
  });
});
