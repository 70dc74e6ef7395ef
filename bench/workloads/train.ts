import { Tensor } from '../../src/tensor/index.ts';
import { Rng } from '../../src/util/random.ts';
import { digits, initWeights, synthetic, type Table } from '../data.ts';
import type { Target, Workload } from '../harness.ts';
import { glModel, glTrainStep, labelsFor, tfModel, tfTrainStep, type ModelSpec } from '../models.ts';

export const POOL = 8; // distinct batches cycled through, so no step sees the same data twice in a row

/** Seeded batches of `batch` rows (the whole table when `batch` is 'full'), as row indices. */
function batchIndices(table: Table, batch: number | 'full'): Int32Array[] {
  if (batch === 'full') return [Int32Array.from({ length: table.n }, (_, i) => i)];
  const order = new Rng(7).permutation(table.n);
  return Array.from({ length: Math.min(POOL, Math.floor(table.n / batch)) }, (_, k) => order.subarray(k * batch, (k + 1) * batch));
}

function gather(table: Table, rows: Int32Array): { x: Float64Array; y: Int32Array } {
  const f = table.features,
    x = new Float64Array(rows.length * f),
    y = new Int32Array(rows.length);
  rows.forEach((r, i) => {
    x.set(table.x.subarray(r * f, (r + 1) * f), i * f);
    y[i] = table.y[r]!;
  });
  return { x, y };
}

/** A workload that times one training step of `spec` on a cycle of prepared batches. */
export function trainWorkload(
  id: number,
  title: string,
  spec: ModelSpec,
  data: () => Table,
  batch: number | 'full',
  target: Target,
): Workload {
  let cached: { table: Table; batches: { x: Float64Array; y: Int32Array }[] } | null = null;
  const prepared = () => {
    if (cached === null) {
      const table = data();
      cached = { table, batches: batchIndices(table, batch).map((rows) => gather(table, rows)) };
    }
    return cached;
  };
  const weights = () => initWeights(spec.sizes, id);
  return {
    id,
    title,
    unit: 'ms/step',
    target,
    gradlab() {
      const { table, batches } = prepared();
      const model = glModel(spec, weights());
      const pool = batches.map(({ x, y }) => ({ x: new Tensor(x, [y.length, table.features]), y: labelsFor(spec, y, table.classes).gl }));
      let i = 0;
      return () => {
        const b = pool[i++ % pool.length]!;
        return glTrainStep(model, b.x, b.y);
      };
    },
    torch() {
      return { kind: 'train', spec, weights: weights(), batches: prepared().batches };
    },
    tf(tf) {
      const { table, batches } = prepared();
      const model = tfModel(tf, spec, weights());
      const pool = batches.map(({ x, y }) => ({
        x: tf.tensor2d(Float32Array.from(x), [y.length, table.features]),
        y: labelsFor(spec, y, table.classes).tf(tf),
      }));
      let i = 0;
      return () => {
        const b = pool[i++ % pool.length]!;
        return tfTrainStep(model, b.x, b.y);
      };
    },
  };
}

export const tinyMlpSpec: ModelSpec = {
  sizes: [2, 16, 16, 1],
  activation: 'tanh',
  loss: 'bce',
  optimizer: { kind: 'momentum', lr: 0.1, momentum: 0.9 },
};
export const tinyMlpData = (): Table => synthetic(32 * POOL, 2, 2, 1);

export const trainWorkloads: Workload[] = [
  trainWorkload(1, 'tiny MLP 2→16→16→1 tanh, BCE, Momentum, batch 32', tinyMlpSpec, tinyMlpData, 32, { peer: 'best', factor: 4 }),
  trainWorkload(
    2,
    'softmax regression 64→10, digits, full-batch GD',
    { sizes: [64, 10], activation: 'relu', loss: 'ce', optimizer: { kind: 'sgd', lr: 0.1 } },
    digits,
    'full',
    { peer: 'wasm', factor: 1 },
  ),
  trainWorkload(
    3,
    'MLP 784→128→10 ReLU, CE, Adam, batch 128',
    { sizes: [784, 128, 10], activation: 'relu', loss: 'ce', optimizer: { kind: 'adam', lr: 1e-3 } },
    () => synthetic(128 * POOL, 784, 10, 3),
    128,
    { peer: 'wasm', factor: 1 },
  ),
  trainWorkload(
    4,
    'MLP 784→256→256→10 ReLU, CE, Adam, batch 64',
    { sizes: [784, 256, 256, 10], activation: 'relu', loss: 'ce', optimizer: { kind: 'adam', lr: 1e-3 } },
    () => synthetic(64 * POOL, 784, 10, 4),
    64,
    { peer: 'wasm', factor: 1 },
  ),
];
