import { describe, expect, it } from 'vitest';
import { Lion, main } from '../../examples/custom-optimizer.ts';
import { traceOptimizer } from '../../src/inspect/trace.ts';
import { tensor, Tensor } from '../../src/tensor/index.ts';

describe('examples/custom-optimizer', () => {
  const lines: string[] = [];
  const r = main({ quick: true, log: (l) => lines.push(l) });
  const output = lines.join('\n');

  it('takes the hand-derived first Lion step', () => {
    expect(r.firstStep).toEqual([0.9, -1.9, 3]);
    expect(output).toContain('gradlab: θ = (0.9, -1.9, 3)');
  });

  it('validates options and trains with fit', () => {
    expect(output).toContain('Lion: option beta1 must be in [0, 1), got 1.5');
    expect(r.lionTrainLoss).toBeLessThan(Math.log(10) / 4); // a quarter of chance's loss after the quick run's 3 epochs
    expect(r.lionTestAccuracy).toBeGreaterThan(0.85);
    expect(r.adamTestAccuracy).toBeGreaterThan(0.85);
  });

  it('Lion: c mixes m and g with β1, m decays with β2, weight decay is decoupled', () => {
    const p = tensor([2], { requiresGrad: true });
    const lion = new Lion([p], { lr: 0.5, beta1: 0.9, beta2: 0.99, weightDecay: 0.1 });
    p.grad = new Tensor(Float64Array.of(1), p.shape);
    lion.step(); // c = 0.1 > 0: θ = 2 − 0.5·(1 + 0.1·2) = 1.4; m = 0.01
    expect(p.data[0]).toBeCloseTo(1.4, 15);
    p.grad = new Tensor(Float64Array.of(-0.05), p.shape);
    lion.step(); // c = 0.9·0.01 − 0.1·0.05 = 0.004 > 0: θ = 1.4 − 0.5·(1 + 0.14) = 0.83
    expect(p.data[0]).toBeCloseTo(0.83, 15);
    expect(lion.stateOf(0)!.buffers.expAvg![0]).toBeCloseTo(0.99 * 0.01 - 0.01 * 0.05, 15);
  });

  it('the trace of the user-written transform shows g, m before and after, and Δ = −lr·sign(c)', () => {
    const p = tensor([1, -2, 3], { requiresGrad: true });
    const lion = new Lion([p], { lr: 0.1 });
    const trace = traceOptimizer(lion, { names: ['θ'] });
    p.grad = new Tensor(Float64Array.of(0.5, -4, 0), p.shape);
    lion.step();
    p.grad = new Tensor(Float64Array.of(-0.5, -4, 1), p.shape);
    lion.step(); // c = 0.9·m + 0.1·g = (0.9·0.005 − 0.05, −0.036 − 0.4, 0.1) = (−0.0455, −0.436, 0.1)
    const [first, second] = trace.entries;
    expect(first!.stateBefore).toEqual({ expAvg: [0, 0, 0] });
    expect(first!.state.expAvg![0]).toBeCloseTo(0.005, 15); // m = (1 − 0.99)·g
    expect(first!.state.expAvg![1]).toBeCloseTo(-0.04, 15);
    expect(first!.labels).toEqual({ expAvg: 'm' });
    expect(first!.update.map((u) => +u.toFixed(15))).toEqual([-0.1, 0.1, 0]);
    expect(second!.stateBefore).toEqual(first!.state);
    expect(second!.grad).toEqual([-0.5, -4, 1]);
    expect(second!.state.expAvg![2]).toBeCloseTo(0.01, 15); // 0.99·0 + 0.01·1
    expect(second!.update.map((u) => +u.toFixed(15))).toEqual([0.1, 0.1, -0.1]);
    expect(second!.derived).toEqual({});
  });
});
