import { describe, expect, it } from 'vitest';
import { Linear, Module } from '../../src/nn/index.ts';
import { Tensor } from '../../src/tensor/tensor.ts';
import { randn } from '../../src/tensor/create.ts';

class Holders extends Module {
  readonly blocks = [new Linear(2, 3, { seed: 1 }), new Linear(3, 2, { seed: 2 })];
  readonly heads = new Map([['left', new Linear(2, 1, { seed: 3 })]]);
  readonly extra = { scale: randn([2], { seed: 4, requiresGrad: true }), shift: new Linear(2, 2, { seed: 5 }) };
  readonly biases = [randn([2], { seed: 6, requiresGrad: true }), randn([2], { seed: 7, requiresGrad: true })];
  readonly sizes = [2, 3, 2]; // plain data: ignored
  readonly config = { hidden: 3, name: 'x' }; // plain data: ignored
  readonly frozen = [new Tensor(Float64Array.from([1, 2]), [2])]; // no requiresGrad: not a parameter

  forward(x: Tensor): Tensor {
    return x;
  }
}

describe('Module containers (ModuleList / ModuleDict / ParameterList, as in PyTorch)', () => {
  it('registers modules and tensors in arrays, Maps and plain objects, named by key', () => {
    const m = new Holders();
    expect(m.namedParameters().map(([n, p]) => `${n} ${p.shape.join('x')}`)).toEqual([
      'extra.scale 2',
      'biases.0 2',
      'biases.1 2',
      'blocks.0.weight 2x3',
      'blocks.0.bias 3',
      'blocks.1.weight 3x2',
      'blocks.1.bias 2',
      'heads.left.weight 2x1',
      'heads.left.bias 1',
      'extra.shift.weight 2x2',
      'extra.shift.bias 2',
    ]);
    expect(m.parameterCount()).toBe(2 + 4 + 9 + 8 + 3 + 6);
    expect(m.namedChildren().map(([n]) => n)).toEqual(['blocks.0', 'blocks.1', 'heads.left', 'extra.shift']);
  });

  it('lists a shared layer once, under its first name', () => {
    class Tied extends Module {
      readonly a = new Linear(2, 2, { seed: 1 });
      readonly b = this.a;
      forward(x: Tensor): Tensor {
        return this.b.forward(this.a.forward(x));
      }
    }
    expect(new Tied().namedParameters().map(([n]) => n)).toEqual(['a.weight', 'a.bias']);
  });

  it('refuses containers it would not look into, naming the field', () => {
    class Nested extends Module {
      readonly grid = [[new Linear(2, 2)]];
      forward(x: Tensor): Tensor {
        return x;
      }
    }
    expect(() => new Nested().parameters()).toThrow('Nested: field "grid.0" is a container inside a container holding modules or tensors');
    class WithSet extends Module {
      readonly pool = new Set([new Linear(2, 2)]);
      forward(x: Tensor): Tensor {
        return x;
      }
    }
    expect(() => new WithSet().parameters()).toThrow(
      'WithSet: field "pool": a Set has no names or order for its members; use an array instead',
    );
  });
});
