import { describe, expect, it } from 'vitest';
import { tensor, Tensor } from '../../src/tensor/index.ts';
import { Adam } from '../../src/optim/adam.ts';
import { AdaGrad } from '../../src/optim/adagrad.ts';
import { SGD } from '../../src/optim/sgd.ts';
import { Momentum } from '../../src/optim/momentum.ts';
import { traceOptimizer } from '../../src/inspect/trace.ts';
import { formatSignificant, formatTrace, visibleLength } from '../../src/inspect/format-trace.ts';

/** Sets p.grad to `g` and steps. */
function stepWith(opt: { step(): void }, p: ReturnType<typeof tensor>, g: number[]): void {
  p.grad = new Tensor(Float64Array.from(g), p.shape);
  opt.step();
}

describe('traceOptimizer', () => {
  it("records Adam's first step as derived by hand: m = (1−β1)g, v = (1−β2)g², update ≈ −lr·sign(g)", () => {
    const p = tensor([1, -2, 3], { requiresGrad: true });
    const adam = new Adam([p], { lr: 0.1 });
    const trace = traceOptimizer(adam, { names: ['w'] });
    const g = [0.5, -4, 1e-3];
    stepWith(adam, p, g);
    const [e] = trace.entries;
    expect(trace.entries).toHaveLength(1);
    expect(e!.param).toBe('w');
    expect(e!.grad).toEqual(g);
    expect(e!.before).toEqual([1, -2, 3]);
    g.forEach((gi, i) => {
      expect(e!.state.expAvg![i]).toBeCloseTo(0.1 * gi, 15);
      expect(e!.state.expAvgSq![i]).toBeCloseTo(0.001 * gi * gi, 15);
      expect(e!.derived.mHat![i]).toBeCloseTo(gi, 12);
      expect(e!.derived.vHat![i]).toBeCloseTo(gi * gi, 12);
      // exactly lr·g/(|g| + eps): the step is lr in size whatever the gradient's scale
      expect(e!.update[i]).toBeCloseTo((-0.1 * gi) / (Math.abs(gi) + 1e-8), 12);
      expect(e!.effectiveLr[i]).toBeCloseTo(0.1 / (Math.abs(gi) + 1e-8), 6);
    });
  });

  it("shows SGD's effective learning rate is lr and AdaGrad's is lr/(√G + eps)", () => {
    const a = tensor([0, 0], { requiresGrad: true });
    const b = tensor([0, 0], { requiresGrad: true });
    const sgd = new SGD([a], { lr: 0.5 });
    const ada = new AdaGrad([b], { lr: 0.5 });
    const ts = traceOptimizer(sgd);
    const ta = traceOptimizer(ada);
    stepWith(sgd, a, [2, -1]);
    stepWith(ada, b, [2, -1]);
    stepWith(ada, b, [2, 0]);
    expect(ts.entries[0]!.effectiveLr).toEqual([0.5, 0.5]);
    expect(ta.entries[0]!.state.sum).toEqual([4, 1]);
    expect(ta.entries[1]!.state.sum).toEqual([8, 1]);
    expect(ta.entries[1]!.effectiveLr[0]).toBeCloseTo(0.5 / (Math.sqrt(8) + 1e-10), 12);
    expect(ta.entries[1]!.effectiveLr[1]).toBeNaN(); // no gradient, no learning rate
    expect(ta.entries[1]!.update[1]).toBe(0);
  });

  it('honours every, maxSteps, params and elements, and detach() restores step', () => {
    const p = tensor([1, 2, 3, 4], { requiresGrad: true });
    const q = tensor([5], { requiresGrad: true });
    const opt = new Momentum([p, q], { lr: 0.1, momentum: 0.9 });
    const trace = traceOptimizer(opt, { every: 2, maxSteps: 2, params: ['b'], names: ['a', 'b'] });
    for (let t = 0; t < 7; t++) {
      p.grad = new Tensor(Float64Array.from([1, 1, 1, 1]), p.shape);
      q.grad = new Tensor(Float64Array.from([1]), q.shape);
      opt.step();
    }
    expect(trace.entries.map((e) => [e.step, e.param])).toEqual([
      [1, 'b'],
      [3, 'b'],
    ]);
    // velocity after three steps of g = 1 with μ = 0.9: 1 + 0.9 + 0.81
    expect(trace.entries[1]!.state.velocity![0]).toBeCloseTo(2.71, 14);
    trace.detach();
    expect(Object.prototype.hasOwnProperty.call(opt, 'step')).toBe(false);
    const small = traceOptimizer(opt, { elements: 2 });
    opt.step();
    expect(small.entries[0]!.grad).toEqual([1, 1]);
    expect(opt.stepCount).toBe(8);
  });

  it('reads the state each transform declares: before the first step, the declared initial values; labels from the transforms', () => {
    const p = tensor([1, 1], { requiresGrad: true });
    const ada = new AdaGrad([p], { lr: 0.5, initialAccumulator: 0.25 });
    const trace = traceOptimizer(ada);
    stepWith(ada, p, [1, -2]);
    stepWith(ada, p, [0, 1]);
    const [first, second] = trace.entries;
    expect(first!.stateBefore).toEqual({ sum: [0.25, 0.25] });
    expect(first!.state).toEqual({ sum: [1.25, 4.25] });
    expect(second!.stateBefore).toEqual(first!.state);
    expect(first!.labels).toEqual({ sum: 'G' });
    expect(first!.after[0]).toBe(1 + (-0.5 * 1) / (Math.sqrt(1.25) + 1e-10)); // θ + (−lr·g)/(√G + eps)
    expect(formatTrace(trace).split('\n')[0]!.split(/\s+/)).toEqual(['step', 'param', 'i', 'grad', 'G', 'lr_eff', 'update']);
  });

  it('rejects bad options with the option named', () => {
    const opt = new SGD([tensor([1], { requiresGrad: true })], { lr: 1 });
    expect(() => traceOptimizer(opt, { every: 0 })).toThrow(/option every must be an integer ≥ 1, got 0/);
    expect(() => traceOptimizer(opt, { params: ['nope'] })).toThrow(/"nope".*params\[0\]/);
    expect(() => traceOptimizer(opt, { names: ['a', 'b'] })).toThrow(/2 labels but the optimizer has 1/);
  });
});

describe('formatTrace', () => {
  it("prints one aligned row per step and coordinate with the formulas' names", () => {
    const p = tensor([3, 4], { requiresGrad: true });
    const adam = new Adam([p], { lr: 0.02 });
    const trace = traceOptimizer(adam, { names: ['xy'] });
    stepWith(adam, p, [6, 8]);
    const lines = formatTrace(trace).split('\n');
    expect(lines[0]!.split(/\s+/)).toEqual(['step', 'param', 'i', 'grad', 'm', 'v', 'm̂', 'v̂', 'lr_eff', 'update']);
    expect(lines[1]!.split(/\s+/).slice(0, 8)).toEqual(['1', 'xy', '0', '6', '0.6', '0.036', '6', '36']);
    expect(new Set(lines.map(visibleLength)).size).toBe(1); // all columns line up
  });

  it('formats numbers with trimmed significant digits', () => {
    expect(formatSignificant(0.30000000000000004)).toBe('0.3');
    expect(formatSignificant(-0.0199964123, 4)).toBe('-0.02');
    expect(formatSignificant(1e-9)).toBe('1e-9');
    expect(formatSignificant(NaN)).toBe('—');
  });
});
