import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { MLP } from '../../src/nn/mlp.ts';
import { tensor } from '../../src/tensor/index.ts';
import { fit } from '../../src/train/fit.ts';
import { Rng } from '../../src/util/random.ts';

// A gc() for this process without starting node with --expose-gc (the flag only has to be set before the lookup).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MB = 1024 * 1024;

describe('long runs', () => {
  it('100,000 steps of a 2→8→1 MLP at batch 8: the heap after GC does not grow beyond the per-step loss history', () => {
    const rng = new Rng(0);
    const xs = Array.from({ length: 800 }, () => [2 * rng.uniform() - 1, 2 * rng.uniform() - 1]);
    const data = { x: tensor(xs), y: Float64Array.from(xs, ([a, b]) => Math.sin(3 * a!) * b!) };
    const model = new MLP([2, 8, 1], { seed: 1, activation: 'tanh' });
    const heap = new Map<number, number>();
    const history = fit(model, data, {
      optimizer: 'adam',
      lr: 0.01,
      loss: 'mse',
      batchSize: 8,
      epochs: 1000,
      quiet: true,
      callbacks: {
        onStepEnd: (step) => {
          if (step % 10_000 !== 0) return;
          gc();
          heap.set(step, process.memoryUsage().heapUsed);
        },
      },
    });
    expect(history.steps).toBe(100_000);
    expect(history.loss.at(-1)!).toBeLessThan(history.loss[0]! / 20); // it really trained
    // history.stepLoss keeps 8 bytes per step by design (~0.7 MB over 90k steps); anything that kept
    // a graph, a batch or a buffer per step would add tens of MB.
    const growth = heap.get(100_000)! - heap.get(10_000)!;
    expect(growth / MB, `heap after GC: ${[...heap].map(([s, b]) => `${s / 1000}k ${(b / MB).toFixed(2)} MB`).join(', ')}`).toBeLessThan(3);
  });
});
