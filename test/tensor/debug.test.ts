import { afterEach, describe, expect, it } from 'vitest';
import { tensor, noGrad, setDebug, getDebug, debugMode, NonFiniteError, type Tensor } from '../../src/tensor/index.ts';
import { crossEntropy } from '../../src/nn/losses.ts';
import { thrown } from '../support/errors.ts';

afterEach(() => setDebug({ checkFinite: false }));

describe('debug mode: checkFinite', () => {
  it('is off by default, so non-finite values pass silently', () => {
    expect(getDebug()).toEqual({ checkFinite: false, checkSaved: false });
    expect(tensor([1, 0]).log().data[1]).toBe(-Infinity);
  });

  it('names the op, the bad value and index, and the shapes', () => {
    setDebug({ checkFinite: true });
    expect(getDebug().checkFinite).toBe(true);
    const err = thrown(NonFiniteError, () => tensor([1, 2, 0]).log());
    expect(err.message).toBe('log: produced -Infinity at index 2 of output [3]; inputs: [3]');
    expect(err.name).toBe('NonFiniteError');
    expect(err).toMatchObject({ op: 'log', phase: 'forward', index: 2, value: -Infinity, shape: [3], inputShapes: [[3]] });
  });

  it('reports binary ops with both input shapes (broadcasting)', () => {
    setDebug({ checkFinite: true });
    const err = thrown(NonFiniteError, () =>
      tensor([
        [1, 2],
        [3, 4],
      ]).div(tensor([1, 0])),
    );
    expect(err.message).toBe('div: produced Infinity at index 1 of output [2, 2]; inputs: [2, 2], [2]');
    const nan = thrown(NonFiniteError, () => tensor([0]).div(0));
    expect(nan.message).toBe('div: produced NaN at index 0 of output [1]; inputs: [1], []');
  });

  it('stops at the first op in a chain that produces a non-finite value', () => {
    setDebug({ checkFinite: true });
    const x = tensor(
      [
        [0.5, 1],
        [2, 3],
      ],
      { requiresGrad: true },
    );
    const err = thrown(NonFiniteError, () => x.mul(2).sub(1).log().mul(3).sum());
    expect(err.op).toBe('log');
    expect(err.message).toBe('log: produced -Infinity at index 0 of output [2, 2]; inputs: [2, 2]');
    expect(thrown(NonFiniteError, () => x.mul(1e200).mul(1e200)).message).toMatch(
      /^mul: produced Infinity at index 0 of output \[2, 2\]; inputs: \[2, 2\], \[\]$/,
    );
  });

  it('says when an input already held the bad value (it came from outside the graph)', () => {
    setDebug({ checkFinite: true });
    const err = thrown(NonFiniteError, () => tensor([1, Number.NaN, 3]).mul(2));
    expect(err.message).toBe('mul: produced NaN at index 1 of output [3]; inputs: [3], [] (input 0 already contains NaN at index 1)');
  });

  it('checks fused ops and matmul too, and runs inside noGrad', () => {
    setDebug({ checkFinite: true });
    expect(thrown(NonFiniteError, () => crossEntropy(tensor([[0, Number.NaN]]), [0])).op).toBe('crossEntropy');
    expect(thrown(NonFiniteError, () => noGrad(() => tensor([[1e300, 1e300]]).matmul(tensor([[1e300], [1]])))).message).toBe(
      'matmul: produced Infinity at index 0 of output [1, 1]; inputs: [1, 2], [2, 1]',
    );
    // finite extremes are fine: stable softmax of ±1000 produces no NaN/Inf
    expect(Array.from(tensor([1000, -1000]).logSoftmax().data)).toEqual([0, -2000]);
  });

  it('checks gradients in backward and names the op whose backward produced them', () => {
    setDebug({ checkFinite: true });
    const x = tensor([0, 4], { requiresGrad: true });
    const y = x.sqrt().sum(); // forward is finite (0 and 2); ∂√x at 0 = Infinity
    const err = thrown(NonFiniteError, () => y.backward());
    expect(err.message).toBe('sqrt (backward): produced Infinity at index 0 of the gradient for input 0 [2]; output [2]');
    expect(err).toMatchObject({ op: 'sqrt', phase: 'backward', index: 0, value: Infinity, shape: [2] });
  });

  it('says when the incoming gradient was already non-finite', () => {
    const x = tensor([1], { requiresGrad: true });
    const y = x.mul(2);
    setDebug({ checkFinite: true });
    const err = thrown(NonFiniteError, () => y.backward([Number.NaN]));
    expect(err.message).toBe(
      'mul (backward): produced NaN at index 0 of the gradient for input 0 [1]; output [1] (the incoming gradient was already non-finite)',
    );
  });

  it('debugMode turns checks on for one call only, restoring the previous setting even after a throw', () => {
    const x = tensor([-1]);
    expect(() => debugMode(() => x.sqrt())).toThrow(NonFiniteError);
    expect(getDebug().checkFinite).toBe(false);
    expect(Number.isNaN(x.sqrt().item())).toBe(true);
    expect(debugMode(() => x.abs().sqrt().item())).toBe(1);
    setDebug({ checkFinite: true });
    expect(debugMode(() => x.sqrt().item(), { checkFinite: false })).toBeNaN();
    expect(getDebug().checkFinite).toBe(true);
  });

  it('setDebug keeps options that are not given', () => {
    setDebug({ checkFinite: true });
    setDebug({});
    expect(getDebug().checkFinite).toBe(true);
    const copy = getDebug();
    copy.checkFinite = false; // a copy: changing it changes nothing
    expect(getDebug().checkFinite).toBe(true);
  });

  it('a healthy training step passes with checks on and gives the same numbers', () => {
    const run = (): number[] => {
      const w = tensor(
        [
          [0.5, -0.25],
          [0.1, 0.3],
        ],
        { requiresGrad: true },
      );
      const loss: Tensor = crossEntropy(
        tensor([
          [1, 2],
          [3, -1],
        ])
          .matmul(w)
          .tanh(),
        [1, 0],
      );
      loss.backward();
      return [loss.item(), ...Array.from(w.grad!.data)];
    };
    const plain = run();
    expect(debugMode(run)).toEqual(plain);
  });
});
