import { describe, expect, it } from 'vitest';
import { Tensor } from '../../src/tensor/index.ts';
import { Module } from '../../src/nn/module.ts';
import { Activation, Linear, Sequential } from '../../src/nn/layers.ts';
import { MLP } from '../../src/nn/mlp.ts';

class Heads extends Module {
  readonly trunk = new Sequential(new Linear(2, 3, { seed: 1 }), new Activation('relu'));
  readonly heads = new Map([['left', new Linear(3, 1, { seed: 2 })]]);
  readonly extra = { right: new Linear(3, 1, { seed: 3 }) };
  forward(x: Tensor): Tensor {
    const h = this.trunk.forward(x);
    return this.heads.get('left')!.forward(h).add(this.extra.right.forward(h));
  }
}

/** Every module reachable from `m`, itself first. */
function allModules(m: Module<Tensor[]>): Module<Tensor[]>[] {
  return [m, ...m.namedChildren().flatMap(([, c]) => allModules(c))];
}

describe('Module.train() / eval()', () => {
  it('starts in training mode, as PyTorch', () => {
    expect(new Linear(2, 2).training).toBe(true);
    expect(allModules(new MLP([2, 4, 1])).every((m) => m.training)).toBe(true);
  });

  it('eval() and train() reach every sub-module, in fields, arrays, Maps and plain objects', () => {
    const model = new Heads();
    const modules = allModules(model);
    expect(modules).toHaveLength(6); // Heads, Sequential, Linear, Activation, left, right
    expect(model.eval()).toBe(model);
    expect(modules.map((m) => m.training)).toEqual([false, false, false, false, false, false]);
    expect(model.train()).toBe(model);
    expect(modules.every((m) => m.training)).toBe(true);
    model.train(false);
    expect(modules.some((m) => m.training)).toBe(false);
  });

  it('switching a sub-module leaves its parent alone', () => {
    const model = new Heads();
    model.trunk.eval();
    expect([model.training, model.trunk.training, model.extra.right.training]).toEqual([true, false, true]);
  });

  it('is not a parameter and leaves the state dict unchanged', () => {
    const model = new MLP([2, 3, 1], { seed: 4 });
    const before = model.stateDict();
    model.eval();
    expect(model.stateDict()).toEqual(before);
    expect(model.namedParameters().map(([n]) => n)).toEqual(['layers.0.weight', 'layers.0.bias', 'layers.2.weight', 'layers.2.bias']);
  });

  it('refuses a mode that is not a boolean', () => {
    // @ts-expect-error -- checked at run time for JavaScript callers
    expect(() => new Linear(2, 2).train('eval')).toThrow(/Linear\.train: mode must be a boolean, got eval/);
  });
});
