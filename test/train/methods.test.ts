import { describe, expect, it } from 'vitest';
import { AdaGrad, Adam, Momentum, RMSProp, SGD } from '../../src/optim/index.ts';
import { METHOD_NAMES, METHODS, batchSizeFor, createOptimizer, getMethod, isMethodName } from '../../src/train/index.ts';
import { FixtureModel, fixture } from '../optim/fixture-model.ts';

describe('methods registry', () => {
  it('lists the seven methods; GD, SGD and mini-batch are one SGD rule at batch sizes N, 1 and k', () => {
    expect(METHOD_NAMES).toEqual(['gd', 'sgd', 'minibatch', 'momentum', 'adagrad', 'rmsprop', 'adam']);
    expect(METHOD_NAMES.map((n) => METHODS[n].batchSize)).toEqual(['full', 1, 'k', 'k', 'k', 'k', 'k']);
    const model = new FixtureModel();
    const classes = [SGD, SGD, SGD, Momentum, AdaGrad, RMSProp, Adam];
    METHOD_NAMES.forEach((name, i) => {
      const info = METHODS[name];
      expect(info.name).toBe(name);
      expect(info.formula).toMatch(/θ ←/);
      expect(info.description.length).toBeGreaterThan(10);
      const opt = createOptimizer(name, model.params);
      expect(opt).toBeInstanceOf(classes[i]!);
      expect(opt.lr).toBe(info.lr);
    });
    expect(createOptimizer('momentum', model.params).hyperparameters.momentum).toBe(0.9);
  });

  it('batchSizeFor gives N, 1 or min(k, N), with k = 32 by default', () => {
    expect(batchSizeFor('gd', 150)).toBe(150);
    expect(batchSizeFor('sgd', 150)).toBe(1);
    expect(batchSizeFor('minibatch', 150)).toBe(32);
    expect(batchSizeFor('adam', 150, 16)).toBe(16);
    expect(batchSizeFor('minibatch', 10)).toBe(10);
    expect(() => batchSizeFor('gd', 0)).toThrow('batchSizeFor: datasetSize must be a positive integer, got 0');
    expect(() => batchSizeFor('sgd', 10, 0)).toThrow('batchSizeFor: k must be a positive integer, got 0');
  });

  it('overrides reach the optimizer; bad ones are rejected naming the method', () => {
    const { params } = new FixtureModel();
    const opt = createOptimizer('adam', params, { lr: 0.01, amsgrad: true });
    expect(opt.hyperparameters).toMatchObject({ lr: 0.01, amsgrad: true });
    expect(() => createOptimizer('gd', params, { momentum: 0.9 })).toThrow("method 'gd': SGD: unknown option 'momentum'");
    expect(() => createOptimizer('rmsprop', params, { beta: 2 })).toThrow(
      "method 'rmsprop': RMSProp: option beta must be in [0, 1), got 2",
    );
  });

  it('unknown names get an error listing the allowed ones', () => {
    expect(isMethodName('adam')).toBe(true);
    expect(isMethodName('lbfgs')).toBe(false);
    expect(() => getMethod('lbfgs')).toThrow(
      "unknown optimization method 'lbfgs'; expected one of gd, sgd, minibatch, momentum, adagrad, rmsprop, adam",
    );
    expect(() => createOptimizer('Adam', [])).toThrow('unknown optimization method');
  });

  it('every method at its default lr lowers the fixture loss over 50 full-batch steps', () => {
    for (const name of METHOD_NAMES) {
      const model = new FixtureModel();
      const opt = createOptimizer(name, model.params);
      for (let t = 0; t < 50; t++) {
        model.lossAndGrad();
        opt.step();
      }
      expect(model.loss().item(), name).toBeLessThan(fixture.initialLoss - 0.01);
    }
  });
});
