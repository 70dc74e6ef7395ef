import { describe, expect, it } from 'vitest';
import { AdaGrad, Adam, Momentum, RMSProp, SGD, type Optimizer } from '../../src/optim/index.ts';
import type { Tensor } from '../../src/tensor/index.ts';
import { FixtureModel, PARAM_NAMES, type TrajectoryCase, fixture, flat, maxRelError } from './fixture-model.ts';

// Acceptance bar: every PyTorch float64 trajectory reproduced to 1e-10 relative (floor 1e-12).
const TOLERANCE = 1e-10;

function build(c: TrajectoryCase, params: Tensor[]): Optimizer {
  const o = c.options as Record<string, number>;
  switch (c.optimizer) {
    case 'SGD':
      return new SGD(params, { lr: o.lr!, ...o });
    case 'Momentum':
      return new Momentum(params, { lr: o.lr!, ...o });
    case 'AdaGrad':
      return new AdaGrad(params, o);
    case 'RMSProp':
      return new RMSProp(params, o);
    case 'Adam':
      return new Adam(params, o);
    default:
      throw new Error(`no optimizer for fixture case ${c.optimizer}`);
  }
}

describe('PyTorch parity on test/fixtures/optim-trajectories.json', () => {
  it('the model reproduces the initial loss and gradient', () => {
    const model = new FixtureModel();
    expect(maxRelError([model.lossAndGrad()], [fixture.initialLoss])).toBeLessThan(1e-14);
    PARAM_NAMES.forEach((name, i) => {
      expect(maxRelError(model.params[i]!.grad!.data, flat(fixture.initialGrad[name]))).toBeLessThan(1e-13);
    });
  });

  it('covers the five reference optimizers', () => {
    expect(fixture.cases.map((c) => c.optimizer)).toEqual(['SGD', 'Momentum', 'AdaGrad', 'RMSProp', 'Adam']);
  });

  for (const c of fixture.cases) {
    it(`${c.optimizer} ${JSON.stringify(c.options)}: ${c.steps} losses and final params within 1e-10`, () => {
      const model = new FixtureModel();
      const opt = build(c, model.params);
      const losses: number[] = [];
      for (let s = 0; s < c.steps; s++) {
        losses.push(model.lossAndGrad());
        opt.step();
      }
      expect(maxRelError(losses, c.losses)).toBeLessThan(TOLERANCE);
      PARAM_NAMES.forEach((name, i) => {
        expect(maxRelError(model.params[i]!.data, flat(c.final[name])), name).toBeLessThan(TOLERANCE);
      });
      expect(opt.stepCount).toBe(c.steps);
    });
  }
});
