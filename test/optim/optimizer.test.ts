import { describe, expect, it } from 'vitest';
import {
  AdaGrad,
  Adam,
  Adamax,
  AdamW,
  Momentum,
  Optimizer,
  RMSProp,
  SGD,
  addDecayedWeights,
  chain,
  named,
  scaleByLr,
  type Transform,
} from '../../src/optim/index.ts';
import { tensor, Tensor } from '../../src/tensor/index.ts';
import { FixtureModel, fixture } from './fixture-model.ts';

const param = (values: number[]): Tensor => tensor(values, { requiresGrad: true });

describe('Optimizer base class', () => {
  it('rejects an empty params list, non-tensors, tensors without grad and duplicates', () => {
    expect(() => new Adam([])).toThrow('Adam: got an empty params list');
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- an object posing as a Tensor is the case under test
    expect(() => new Adam([{} as Tensor])).toThrow('Adam: params[0] is not a Tensor');
    expect(() => new SGD([param([1]), tensor([1, 2])], { lr: 0.1 })).toThrow('SGD: params[1] (shape [2]) does not require grad');
    const p = param([1]);
    expect(() => new RMSProp([p, p])).toThrow('RMSProp: params[1] appears more than once');
    expect(() => new Optimizer(null as never, [p])).toThrow('Optimizer: expected a Transform (see chain() and the scaleBy… transforms)');
  });

  it('skips params whose grad is null and creates state lazily', () => {
    const a = param([1, 2]),
      b = param([3]);
    const opt = new Adam([a, b], { lr: 0.1 });
    a.grad = new Tensor(new Float64Array([0.5, -0.5]), a.shape);
    opt.step();
    expect(Array.from(b.data)).toEqual([3]);
    expect(opt.stateOf(1)).toBeUndefined();
    expect(opt.stateOf(0)?.step).toBe(1);
    // First Adam step: m̂ = g, v̂ = g², so Δ = −lr·g/(|g| + eps).
    expect(a.data[0]).toBeCloseTo(1 - (0.1 * 0.5) / (0.5 + 1e-8), 15);
    expect(a.data[1]).toBeCloseTo(2 + (0.1 * 0.5) / (0.5 + 1e-8), 15);
  });

  it('counts steps per parameter, as PyTorch: a param first updated at global step 3 gets t = 1', () => {
    const a = param([1]),
      late = param([1]),
      alone = param([1]);
    const opt = new Adam([a, late], { lr: 0.1 });
    const solo = new Adam([alone], { lr: 0.1 });
    for (let s = 1; s <= 4; s++) {
      a.grad = new Tensor(new Float64Array([1]), a.shape);
      late.grad = s >= 3 ? tensor([2 * late.data[0]!]) : null;
      opt.step();
      if (s >= 3) {
        alone.grad = new Tensor(new Float64Array([2 * alone.data[0]!]), alone.shape);
        solo.step();
      }
    }
    expect(opt.stepCount).toBe(4);
    expect(opt.stateOf(1)?.step).toBe(2);
    expect(Array.from(late.data)).toEqual(Array.from(alone.data));
  });

  it('zeroGrad sets grads to null by default, or fills them with zeros', () => {
    const a = param([1, 2]);
    const opt = new SGD([a], { lr: 0.1 });
    a.grad = new Tensor(new Float64Array([1, 1]), a.shape);
    opt.zeroGrad(false);
    expect(Array.from(a.grad.data)).toEqual([0, 0]);
    opt.zeroGrad();
    expect(a.grad).toBeNull();
  });

  it('lr can be read and set; the setter accepts 0 (annealed) but not negative or non-finite values', () => {
    const a = param([1]);
    const opt = new SGD([a], { lr: 0.5 });
    expect(opt.lr).toBe(0.5);
    opt.lr = 0.25;
    a.grad = new Tensor(new Float64Array([2]), a.shape);
    opt.step();
    expect(a.data[0]).toBe(0.5);
    expect(opt.hyperparameters).toEqual({ lr: 0.25, weightDecay: 0 });
    opt.lr = 0;
    expect(() => {
      opt.lr = -1;
    }).toThrow('SGD: lr must be a finite number ≥ 0, got -1');
    expect(() => {
      opt.lr = NaN;
    }).toThrow('got NaN');
  });

  it('throws when a grad does not match its param', () => {
    const a = param([1, 2]);
    const opt = new SGD([a], { lr: 0.1 });
    a.grad = new Tensor(new Float64Array(3), [3]);
    expect(() => opt.step()).toThrow('SGD: params[0] has 2 elements but its grad has 3');
    (a as { grad: unknown }).grad = new Float64Array(2); // what an untyped caller of gradlab 0.1 wrote
    expect(() => opt.step()).toThrow("SGD: params[0].grad must be a Tensor of the parameter's shape (or null), e.g. tensor(values)");
  });

  it('a bad grad on a later param leaves earlier params and the step count untouched', () => {
    const a = param([1, 2]),
      b = param([3]);
    const opt = new SGD([a, b], { lr: 0.1 });
    a.grad = new Tensor(Float64Array.from([1, 1]), a.shape);
    b.grad = new Tensor(new Float64Array(2), [2]);
    expect(() => opt.step()).toThrow('SGD: params[1] has 1 elements but its grad has 2');
    expect(Array.from(a.data)).toEqual([1, 2]);
    expect(opt.stepCount).toBe(0);
  });
});

describe('option validation names the optimizer, option, value and allowed range', () => {
  const p = () => [param([1])];
  const cases: [string, () => unknown, string][] = [
    ['lr missing', () => new SGD(p(), {} as { lr: number }), 'SGD: option lr is required (a positive finite number)'],
    ['lr 0', () => new SGD(p(), { lr: 0 }), 'SGD: option lr must be a positive finite number, got 0'],
    ['lr Infinity', () => new Adam(p(), { lr: Infinity }), 'Adam: option lr must be a positive finite number, got Infinity'],
    ['lr NaN', () => new Momentum(p(), { lr: NaN }), 'Momentum: option lr must be a positive finite number, got NaN'],
    ['lr string', () => new Adam(p(), { lr: '0.1' as unknown as number }), 'Adam: option lr must be a number, got string 0.1'],
    ['beta1 1', () => new Adam(p(), { beta1: 1 }), 'Adam: option beta1 must be in [0, 1), got 1'],
    ['beta2 -0.1', () => new AdamW(p(), { beta2: -0.1 }), 'AdamW: option beta2 must be in [0, 1), got -0.1'],
    ['beta 1.5', () => new RMSProp(p(), { beta: 1.5 }), 'RMSProp: option beta must be in [0, 1), got 1.5'],
    ['eps 0', () => new Adam(p(), { eps: 0 }), 'Adam: option eps must be a positive finite number, got 0'],
    ['eps negative', () => new AdaGrad(p(), { eps: -1e-10 }), 'AdaGrad: option eps must be a positive finite number, got -1e-10'],
    ['momentum 1', () => new Momentum(p(), { lr: 0.1, momentum: 1 }), 'Momentum: option momentum must be in [0, 1), got 1'],
    ['RMSProp momentum', () => new RMSProp(p(), { momentum: -0.5 }), 'RMSProp: option momentum must be in [0, 1), got -0.5'],
    ['weightDecay', () => new Adamax(p(), { weightDecay: -1 }), 'Adamax: option weightDecay must be a finite number ≥ 0, got -1'],
    [
      'accumulator',
      () => new AdaGrad(p(), { initialAccumulator: -1 }),
      'AdaGrad: option initialAccumulator must be a finite number ≥ 0, got -1',
    ],
    [
      'nesterov without momentum',
      () => new Momentum(p(), { lr: 0.1, momentum: 0, nesterov: true }),
      'Momentum: option nesterov requires momentum > 0, got momentum 0',
    ],
    ['flag type', () => new Adam(p(), { amsgrad: 1 as unknown as boolean }), 'Adam: option amsgrad must be a boolean, got number 1'],
    [
      'unknown option',
      () => new Adam(p(), { beta: 0.9 } as object),
      "Adam: unknown option 'beta'; allowed options are lr, beta1, beta2, eps, weightDecay, amsgrad, biasCorrection",
    ],
    [
      'SGD has no momentum',
      () => new SGD(p(), { lr: 0.1, momentum: 0.9 } as { lr: number }),
      "SGD: unknown option 'momentum'; allowed options are weightDecay, lr",
    ],
  ];
  for (const [label, make, message] of cases) {
    it(label, () => expect(make).toThrow(message));
  }
});

describe('a custom optimizer in under 20 lines', () => {
  // Lion (Chen et al., 2023): θ ← θ − lr·(sign(β1·m + (1 − β1)·g) + wd·θ), m ← β2·m + (1 − β2)·g.
  type LionOptions = { lr: number; beta1: number; beta2: number; weightDecay: number };
  const scaleByLion: Transform<LionOptions> = {
    name: 'scaleByLion',
    defaults: { beta1: 0.9, beta2: 0.99 },
    validate(check) {
      check.unitInterval('beta1');
      check.unitInterval('beta2');
    },
    buffers: () => [{ name: 'm', initial: 0 }],
    update(p, { beta1, beta2 }) {
      const m = p.state.m!,
        u = p.writable();
      for (let i = 0; i < u.length; i++) {
        const g = u[i]!;
        u[i] = Math.sign(beta1 * m[i]! + (1 - beta1) * g);
        m[i] = beta2 * m[i]! + (1 - beta2) * g;
      }
    },
  };
  const lionRule = named<LionOptions>('Lion', chain(addDecayedWeights(), scaleByLion, scaleByLr()), {
    lr: 1e-4,
    beta1: 0.9,
    beta2: 0.99,
    weightDecay: 0,
  });

  it('trains the fixture model: loss 0.5835 → below 0.05 (−90%) in 60 steps', () => {
    const model = new FixtureModel();
    const opt = new Optimizer(lionRule, model.params, { lr: 0.01 });
    const losses: number[] = [];
    for (let s = 0; s < 60; s++) {
      losses.push(model.lossAndGrad());
      opt.step();
    }
    expect(losses[0]).toBeCloseTo(fixture.initialLoss, 14);
    expect(model.loss().item()).toBeLessThan(0.05); // measured 0.0457
    for (let s = 1; s < losses.length; s++) expect(losses[s]).toBeLessThan(losses[s - 1]!);
  });

  it('gets the shared validation, stateDict and hand-checkable first step', () => {
    const a = param([1, -1]);
    expect(() => new Optimizer(lionRule, [a], { beta1: 2 })).toThrow('Lion: option beta1 must be in [0, 1), got 2');
    const opt = new Optimizer(lionRule, [a], { lr: 0.1 });
    a.grad = new Tensor(new Float64Array([3, -0.001]), a.shape);
    opt.step();
    expect(Array.from(a.data)).toEqual([0.9, -0.9]);
    expect(opt.stateDict().state['0']?.buffers.m).toEqual([(1 - 0.99) * 3, (1 - 0.99) * -0.001]);
  });
});
