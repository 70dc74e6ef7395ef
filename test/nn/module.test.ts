import { describe, expect, it } from 'vitest';
import { Tensor, tensor } from '../../src/tensor/index.ts';
import { Module } from '../../src/nn/module.ts';
import { Activation, Linear, Sequential } from '../../src/nn/layers.ts';
import { MLP } from '../../src/nn/mlp.ts';
import { LogisticRegression } from '../../src/nn/logistic.ts';
import { jsonRoundTrip } from '../support/json.ts';

/** A custom model: a raw parameter, a nested module, an array of modules and a non-trainable tensor. */
class Custom extends Module {
  readonly scale = tensor([2], { requiresGrad: true });
  readonly constant = tensor([5]);
  readonly encoder = new Linear(2, 3, { seed: 1 });
  readonly heads = [new Linear(3, 1, { seed: 2 }), new Linear(3, 1, { seed: 3, bias: false })];

  forward(x: Tensor): Tensor {
    return this.heads[0]!.forward(this.encoder.forward(x).mul(this.scale));
  }
}

describe('Module parameter discovery', () => {
  it('names MLP parameters by layer index, skipping activations', () => {
    const model = new MLP([2, 3, 1], { seed: 0 });
    const named = model.namedParameters().map(([name, p]) => [name, p.shape]);
    expect(named).toEqual([
      ['layers.0.weight', [2, 3]],
      ['layers.0.bias', [3]],
      ['layers.2.weight', [3, 1]],
      ['layers.2.bias', [1]],
    ]);
    expect(model.parameterCount()).toBe(2 * 3 + 3 + 3 * 1 + 1);
    expect(model.parameters().every((p) => p.requiresGrad)).toBe(true);
  });

  it('finds fields, nested modules and arrays of modules in declaration order; ignores non-trainable tensors', () => {
    const model = new Custom();
    expect(model.namedParameters().map(([name]) => name)).toEqual([
      'scale',
      'encoder.weight',
      'encoder.bias',
      'heads.0.weight',
      'heads.0.bias',
      'heads.1.weight',
    ]);
    expect(model.namedChildren().map(([name]) => name)).toEqual(['encoder', 'heads.0', 'heads.1']);
    expect(model.parameterCount()).toBe(1 + 6 + 3 + 3 + 1 + 3);
  });

  it('parameters() returns the live tensors (same objects as the fields)', () => {
    const model = new Custom();
    expect(model.parameters()[1]).toBe(model.encoder.weight);
  });

  it('LogisticRegression exposes linear.weight and linear.bias', () => {
    expect(new LogisticRegression(4, { classes: 3 }).namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
      ['linear.weight', [4, 3]],
      ['linear.bias', [3]],
    ]);
    expect(new LogisticRegression(4).parameterCount()).toBe(5);
  });

  it('zeroGrad clears every parameter gradient', () => {
    const model = new Custom();
    model
      .forward(tensor([[1, 2]]))
      .sum()
      .backward();
    expect(model.parameters().some((p) => p.grad?.data.some((g) => g !== 0) === true)).toBe(true);
    model.zeroGrad();
    for (const p of model.parameters()) if (p.grad) expect(Array.from(p.grad.data)).toEqual(new Array(p.size).fill(0));
  });

  it('call() is forward()', () => {
    const model = new Sequential(new Linear(2, 2, { seed: 4 }), new Activation('tanh'));
    const x = tensor([[0.5, -1]]);
    expect(Array.from(model.call(x).data)).toEqual(Array.from(model.forward(x).data));
  });
});

describe('Module.stateDict / loadStateDict', () => {
  it('round-trips values exactly into a differently seeded model', () => {
    const a = new MLP([3, 4, 2], { seed: 1 });
    const b = new MLP([3, 4, 2], { seed: 2 });
    expect(Array.from(b.parameters()[0]!.data)).not.toEqual(Array.from(a.parameters()[0]!.data));
    const state = jsonRoundTrip(a.stateDict());
    b.loadStateDict(state);
    a.parameters().forEach((p, i) => expect(Array.from(b.parameters()[i]!.data)).toEqual(Array.from(p.data)));
  });

  it('stateDict is a copy: later training does not change it', () => {
    const model = new Linear(2, 1, { seed: 0 });
    const state = model.stateDict();
    const before = [...state.weight!.data];
    model.weight.data[0] = 123;
    expect(state.weight!.data).toEqual(before);
  });

  it('names the mismatched parameter and both shapes, and changes nothing', () => {
    const model = new MLP([3, 4, 2], { seed: 1 });
    const before = model.parameters().map((p) => Array.from(p.data));
    const state = new MLP([3, 5, 2], { seed: 1 }).stateDict();
    let message = '';
    try {
      model.loadStateDict(state);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('parameter "layers.0.weight" has shape [3, 5] in the file, the model expects [3, 4]');
    expect(message).toContain('parameter "layers.0.bias" has shape [5] in the file, the model expects [4]');
    expect(message).toContain('parameter "layers.2.weight" has shape [5, 2] in the file, the model expects [4, 2]');
    expect(model.parameters().map((p) => Array.from(p.data))).toEqual(before);
  });

  it('reports missing and unexpected names', () => {
    const model = new MLP([2, 3, 1], { seed: 0 });
    const state = model.stateDict();
    const { ['layers.2.bias']: _removed, ...rest } = state;
    expect(() => model.loadStateDict(rest)).toThrow('missing parameter "layers.2.bias" (expected shape [1])');
    expect(() => model.loadStateDict({ ...state, extra: { shape: [1], data: [0] } })).toThrow(/unexpected parameter "extra"/);
  });

  it('rejects a wrong number of values or non-numbers', () => {
    const model = new Linear(2, 1, { seed: 0 });
    const state = model.stateDict();
    expect(() => model.loadStateDict({ ...state, bias: { shape: [1], data: [] } })).toThrow(
      'parameter "bias" needs 1 numbers, the file has 0',
    );
    expect(() => model.loadStateDict({ ...state, bias: { shape: [1], data: ['x' as unknown as number] } })).toThrow(
      'parameter "bias" needs 1 numbers, the file has "x" at index 0',
    );
  });
});
