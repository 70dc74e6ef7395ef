import { Tensor, randn } from '../../src/tensor/index.ts';
import type { Workload } from '../harness.ts';
import { Adam } from '../../src/optim/index.ts';

const ADAM_SIZE = 1 << 20;
const N = 512;

/** The same seeded values for both sides (TF.js gets them as float32). */
const values = (size: number, seed: number): Float64Array => randn([size], { seed }).data;

export const adamWorkload: Workload = {
  id: 5,
  title: 'one Adam step, 1,048,576-element parameter',
  unit: 'ms/step',
  target: { peer: 'wasm', factor: 1.5 },
  gradlab() {
    const p = new Tensor(values(ADAM_SIZE, 50), [ADAM_SIZE], true);
    p.grad = new Tensor(values(ADAM_SIZE, 51), [ADAM_SIZE]);
    const optimizer = new Adam([p], { lr: 1e-3 });
    return () => optimizer.step();
  },
  torch: () => ({ kind: 'adam', param: values(ADAM_SIZE, 50), grad: values(ADAM_SIZE, 51), lr: 1e-3 }),
  tf(tf) {
    const p = tf.variable(tf.tensor1d(Float32Array.from(values(ADAM_SIZE, 50))));
    const grad = tf.tensor1d(Float32Array.from(values(ADAM_SIZE, 51)));
    const optimizer = tf.train.adam(1e-3);
    return () => optimizer.applyGradients([{ name: p.name, tensor: grad }]);
  },
};

export const matmulWorkload: Workload = {
  id: 6,
  title: 'matmul 512×512 · 512×512',
  unit: 'GFLOP/s',
  flops: 2 * N ** 3,
  target: { peer: 'wasm', factor: 1 },
  gradlab() {
    const a = new Tensor(values(N * N, 60), [N, N]),
      b = new Tensor(values(N * N, 61), [N, N]);
    return () => a.matmul(b);
  },
  torch: () => ({ kind: 'matmul', a: values(N * N, 60), b: values(N * N, 61), n: N }),
  tf(tf) {
    const a = tf.tensor2d(Float32Array.from(values(N * N, 60)), [N, N]),
      b = tf.tensor2d(Float32Array.from(values(N * N, 61)), [N, N]);
    return () => tf.matMul(a, b).dispose();
  },
};
