import { Tensor, noGrad } from '../../src/tensor/index.ts';
import { Rng } from '../../src/util/random.ts';
import { digits, gatherRows, initWeights, type Table } from '../data.ts';
import type { Workload } from '../harness.ts';
import { glModel, glTrainStep, tfModel, tfTrainStep, type ModelSpec } from '../models.ts';

const spec: ModelSpec = { sizes: [64, 64, 10], activation: 'relu', loss: 'ce', optimizer: { kind: 'adam', lr: 1e-3 } };
const EPOCHS = 20,
  BATCH = 32;

let table: Table | null = null;
const data = (): Table => (table ??= digits());

/**
 * Calls `trainBatch(x, y, rows)` for every mini-batch of every epoch, reshuffled each epoch by a
 * seeded generator; the last batch of an epoch is partial (1,797 = 56·32 + 5), as with PyTorch's DataLoader.
 */
function epochs(
  t: Table,
  makeBuffer: (rows: number) => Float64Array | Float32Array,
  trainBatch: (x: Float64Array | Float32Array, y: Int32Array, rows: number) => void,
): void {
  const rng = new Rng(70);
  for (let e = 0; e < EPOCHS; e++) {
    const order = rng.permutation(t.n);
    for (let start = 0; start < t.n; start += BATCH) {
      const rows = Math.min(BATCH, t.n - start);
      const x = makeBuffer(rows);
      const y = new Int32Array(rows);
      gatherRows(t, order, start, rows, x);
      for (let r = 0; r < rows; r++) y[r] = t.y[order[start + r]!]!;
      trainBatch(x, y, rows);
    }
  }
}

function accuracy(predicted: ArrayLike<number>, t: Table): string {
  let right = 0;
  for (let i = 0; i < t.n; i++) {
    let best = 0;
    for (let c = 1; c < t.classes; c++) if (predicted[i * t.classes + c]! > predicted[i * t.classes + best]!) best = c;
    if (best === t.y[i]) right++;
  }
  return `${((100 * right) / t.n).toFixed(1)}%`;
}

const accuracies: Record<string, string> = {};

export const digitsWorkload: Workload = {
  id: 7,
  title: `digits MLP 64→64→10 ReLU, Adam, batch ${BATCH}, ${EPOCHS} epochs`,
  unit: 'ms/run',
  target: { peer: 'wasm', factor: 1 },
  gradlab() {
    const t = data();
    return () => {
      const model = glModel(spec, initWeights(spec.sizes, 7));
      epochs(
        t,
        (rows) => new Float64Array(rows * t.features),
        (x, y, rows) => glTrainStep(model, new Tensor(x as Float64Array, [rows, t.features]), y),
      );
      accuracies.gradlab = accuracy(noGrad(() => model.forward(new Tensor(t.x, [t.n, t.features]))).data, t);
    };
  },
  tf(tf) {
    const t = data();
    return () => {
      const model = tfModel(tf, spec, initWeights(spec.sizes, 7));
      epochs(
        t,
        (rows) => new Float32Array(rows * t.features),
        (x, y, rows) => {
          const xs = tf.tensor2d(x as Float32Array, [rows, t.features]);
          const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(y, 'int32'), t.classes).toFloat());
          tfTrainStep(model, xs, ys);
          tf.dispose([xs, ys]);
        },
      );
      const logits = tf.tidy(() => model.forward(tf.tensor2d(Float32Array.from(t.x), [t.n, t.features])));
      accuracies[`tf-${tf.getBackend()}`] = accuracy(logits.dataSync(), t);
      tf.dispose([logits, ...model.vars]);
      model.optimizer.dispose();
    };
  },
  note: () =>
    `7: training accuracy after ${EPOCHS} epochs: ${Object.entries(accuracies)
      .map(([side, acc]) => `${side} ${acc}`)
      .join(', ')}`,
};
