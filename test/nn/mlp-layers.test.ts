import { describe, expect, it } from 'vitest';
import { randn } from '../../src/tensor/index.ts';
import { MLP } from '../../src/nn/mlp.ts';
import { modelFromJson, modelToJson } from '../../src/nn/serialize.ts';
import { configOf } from '../../src/nn/model-codec.ts';

describe('MLP dropout and norm options', () => {
  it('puts the norm before each hidden activation and dropout after it', () => {
    const names = (m: MLP): string[] => m.layers.map((l) => l.constructor.name);
    expect(names(new MLP([4, 8, 6, 2], { norm: 'batch', dropout: 0.2 }))).toEqual([
      'Linear',
      'BatchNorm1d',
      'Activation',
      'Dropout',
      'Linear',
      'BatchNorm1d',
      'Activation',
      'Dropout',
      'Linear',
    ]);
    expect(names(new MLP([4, 8, 2], { norm: 'layer' }))).toEqual(['Linear', 'LayerNorm', 'Activation', 'Linear']);
    expect(names(new MLP([4, 8, 2], { dropout: 0.1 }))).toEqual(['Linear', 'Activation', 'Dropout', 'Linear']);
    expect(new MLP([4, 8, 2], { norm: 'layer' }).parameterCount()).toBe(4 * 8 + 8 + 8 + 8 + 8 * 2 + 2);
  });

  it('keeps the plain config (no dropout or norm keys) unless they are set', () => {
    expect(configOf(new MLP([2, 3, 1]))).toEqual({ type: 'MLP', sizes: [2, 3, 1], activation: 'relu' });
    expect(configOf(new MLP([2, 3, 1], { dropout: 0.25, norm: 'batch' }))).toEqual({
      type: 'MLP',
      sizes: [2, 3, 1],
      activation: 'relu',
      dropout: 0.25,
      norm: 'batch',
    });
  });

  it('saves and loads with its norm weights and running statistics: the same predictions in evaluation mode', () => {
    const model = new MLP([3, 5, 4, 2], { seed: 2, dropout: 0.3, norm: 'batch' });
    for (let i = 0; i < 3; i++) model.forward(randn([6, 3], { seed: i }).add(i));
    const { model: copy } = modelFromJson(modelToJson(model));
    expect(copy.stateDict()).toEqual(model.stateDict());
    expect(Object.keys(copy.stateDict())).toContain('layers.1.running_var');
    const x = randn([4, 3], { seed: 9 });
    expect(Array.from(copy.eval().forward(x).data)).toEqual(Array.from(model.eval().forward(x).data));
  });

  it('refuses a file whose stored weights lack the running statistics the config needs, before building the model', () => {
    const model = new MLP([3, 4, 2], { seed: 2, norm: 'batch' });
    const file = JSON.parse(modelToJson(model)) as { parameters: Record<string, unknown> };
    delete file.parameters['layers.1.running_var'];
    expect(() => modelFromJson(JSON.stringify(file), 'net.json')).toThrow(
      'missing parameter "layers.1.running_var" (the config needs shape [4])',
    );
  });

  it('refuses bad options, naming them', () => {
    expect(() => new MLP([2, 2], { dropout: 1 })).toThrow('MLP: dropout must be a probability in [0, 1), got 1');
    // @ts-expect-error -- checked at run time for JavaScript callers
    expect(() => new MLP([2, 2], { norm: 'group' })).toThrow(`MLP: norm must be 'layer' or 'batch', got "group"`);
  });
});
