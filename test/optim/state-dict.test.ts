import { describe, expect, it } from 'vitest';
import {
  AdaGrad,
  Adam,
  Adamax,
  AdamW,
  LRScheduler,
  Momentum,
  type Optimizer,
  RMSProp,
  SGD,
  cosineDecay,
  linearWarmup,
  type OptimizerStateDict,
} from '../../src/optim/index.ts';
import { tensor, Tensor } from '../../src/tensor/index.ts';
import { FixtureModel } from './fixture-model.ts';

type Make = (ps: Tensor[]) => Optimizer;
const configs: [string, Make][] = [
  ['SGD', (ps) => new SGD(ps, { lr: 0.1 })],
  ['SGD wd', (ps) => new SGD(ps, { lr: 0.1, weightDecay: 0.01 })],
  ['Momentum', (ps) => new Momentum(ps, { lr: 0.05 })],
  ['Momentum nesterov wd', (ps) => new Momentum(ps, { lr: 0.05, nesterov: true, weightDecay: 0.01 })],
  ['AdaGrad', (ps) => new AdaGrad(ps, { lr: 0.1, initialAccumulator: 0.1 })],
  ['RMSProp', (ps) => new RMSProp(ps)],
  ['RMSProp momentum centered', (ps) => new RMSProp(ps, { momentum: 0.9, centered: true, weightDecay: 0.01 })],
  ['Adam', (ps) => new Adam(ps, { lr: 0.01 })],
  ['Adam amsgrad', (ps) => new Adam(ps, { lr: 0.01, amsgrad: true, weightDecay: 0.01 })],
  ['Adam no bias correction', (ps) => new Adam(ps, { lr: 0.01, biasCorrection: false })],
  ['AdamW', (ps) => new AdamW(ps, { lr: 0.01, amsgrad: true })],
  ['Adamax', (ps) => new Adamax(ps)],
];

/** Full-batch training on the fixture model; b2 gets no gradient for the first 3 steps (per-param step counts). */
function train(model: FixtureModel, opt: Optimizer, sched: LRScheduler, from: number, to: number): void {
  for (let t = from; t < to; t++) {
    model.lossAndGrad();
    if (t < 3) model.params[3]!.grad = null;
    opt.step();
    sched.step();
  }
}
const schedule = () => linearWarmup({ warmupSteps: 3, after: cosineDecay({ totalSteps: 10, minFactor: 0.1 }) });
const snapshot = (ps: Tensor[]) => ps.map((p) => Array.from(p.data));

describe('stateDict round trip through JSON is bit-identical to an uninterrupted run', () => {
  for (const [label, make] of configs) {
    it(label, () => {
      const straight = new FixtureModel();
      const opt = make(straight.params);
      train(straight, opt, new LRScheduler(opt, schedule()), 0, 12);

      const first = new FixtureModel();
      const opt1 = make(first.params),
        sched1 = new LRScheduler(opt1, schedule());
      train(first, opt1, sched1, 0, 5);
      const saved = JSON.stringify({ params: snapshot(first.params), opt: opt1.stateDict(), sched: sched1.stateDict() });

      const restored = JSON.parse(saved) as { params: number[][]; opt: OptimizerStateDict; sched: { baseLr: number; count: number } };
      const second = new FixtureModel();
      second.params.forEach((p, i) => p.data.set(restored.params[i]!));
      const opt2 = make(second.params),
        sched2 = new LRScheduler(opt2, schedule());
      opt2.loadStateDict(restored.opt);
      sched2.loadStateDict(restored.sched);
      expect(opt2.stateDict()).toEqual(opt1.stateDict());
      train(second, opt2, sched2, 5, 12);

      expect(snapshot(second.params)).toEqual(snapshot(straight.params));
      expect(opt2.stateDict()).toEqual(opt.stateDict());
      expect(opt2.lr).toBe(opt.lr);
    });
  }
});

describe('stateDict format and validation', () => {
  const fresh = () => {
    const a = tensor([1, 2], { requiresGrad: true }),
      b = tensor([3], { requiresGrad: true });
    const opt = new Adam([a, b], { lr: 0.1 });
    a.grad = new Tensor(new Float64Array([0.5, -1]), a.shape);
    opt.step();
    return opt;
  };

  it('is plain JSON: type, step count, hyperparameters, per-param state keyed by index', () => {
    expect(fresh().stateDict()).toEqual({
      optimizer: 'Adam',
      stepCount: 1,
      paramCount: 2,
      hyperparameters: { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, amsgrad: false, biasCorrection: true },
      state: { 0: { step: 1, buffers: { expAvg: [0.5 * (1 - 0.9), -1 * (1 - 0.9)], expAvgSq: [0.25 * (1 - 0.999), 1 * (1 - 0.999)] } } },
    });
  });

  const mutate = (change: (d: OptimizerStateDict) => void): OptimizerStateDict => {
    const d = JSON.parse(JSON.stringify(fresh().stateDict())) as OptimizerStateDict;
    change(d);
    return d;
  };
  const cases: [string, (d: OptimizerStateDict) => void, string][] = [
    [
      'another optimizer',
      (d) => {
        d.optimizer = 'SGD';
      },
      "Adam.loadStateDict: the state dict was saved by optimizer 'SGD', not Adam",
    ],
    [
      'param count',
      (d) => {
        d.paramCount = 3;
      },
      'Adam.loadStateDict: the state dict has 3 params but this optimizer has 2',
    ],
    [
      'buffer length',
      (d) => {
        d.state['0']!.buffers.expAvg!.pop();
      },
      'Adam.loadStateDict: state[0].expAvg has 1 values but params[0] has 2 elements',
    ],
    [
      'missing buffer',
      (d) => {
        delete d.state['0']!.buffers.expAvgSq;
      },
      'Adam.loadStateDict: state[0] has buffers [expAvg] but Adam keeps [expAvg, expAvgSq]',
    ],
    [
      'amsgrad buffer missing',
      (d) => {
        d.hyperparameters.amsgrad = true;
      },
      'but Adam keeps [expAvg, expAvgSq, maxExpAvgSq]',
    ],
    [
      'bad index',
      (d) => {
        d.state['5'] = d.state['0']!;
      },
      "Adam.loadStateDict: state key '5' is not a param index in [0, 2)",
    ],
    [
      'bad hyperparameter',
      (d) => {
        d.hyperparameters.beta1 = 2;
      },
      'Adam: option beta1 must be in [0, 1), got 2',
    ],
    [
      'missing hyperparameter',
      (d) => {
        delete d.hyperparameters.eps;
      },
      'Adam.loadStateDict: hyperparameter eps is missing',
    ],
    [
      'NaN became null',
      (d) => {
        (d.state['0']!.buffers.expAvg as unknown[])[1] = null;
      },
      'Adam.loadStateDict: state[0].expAvg[1] is null, not a number',
    ],
    [
      'step count',
      (d) => {
        d.stepCount = -1;
      },
      'Adam.loadStateDict: stepCount must be an integer ≥ 0, got -1',
    ],
  ];
  for (const [label, change, message] of cases) {
    it(`rejects ${label} and leaves the optimizer as it was`, () => {
      const opt = fresh();
      const before = opt.stateDict();
      expect(() => opt.loadStateDict(mutate(change))).toThrow(message);
      expect(opt.stateDict()).toEqual(before);
    });
  }
});
