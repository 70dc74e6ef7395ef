import { readFileSync } from 'node:fs';
import { Tensor } from '../../src/tensor/index.ts';
import { bceWithLogits, crossEntropy, mse } from '../../src/nn/losses.ts';

// PyTorch float64 references from scripts/higher-order-fixtures.py (run with Debian's python3-torch).
export interface Constant {
  data: number[];
  shape: number[];
}
export interface Case {
  name: string;
  x: number[];
  shape: number[];
  constants: Record<string, Constant>;
  v: number[];
  u: number[];
}
export interface ScalarCase extends Case {
  value: number;
  grad: number[];
  hessian: number[];
  /** The Hessian's eigenvalues, ascending (torch.linalg.eigvalsh). */
  eigenvalues: number[];
  hvp: number[];
  third: number[];
}
export interface VectorCase extends Case {
  output: number[];
  outputShape: number[];
  jacobian: number[];
  vjp: number[];
  gradgradX: number[];
  gradgradV: number[];
}
export const fixture = JSON.parse(readFileSync(new URL('../fixtures/higher-order.json', import.meta.url), 'utf8')) as {
  scalar: ScalarCase[];
  vector: VectorCase[];
};

export type C = Record<string, Tensor>;
export type Fn = (x: Tensor, c: C) => Tensor;
const labels = (c: C): number[] => Array.from(c.labels!.data);

/** The same functions as the script's SCALAR table, op for op. */
export const SCALAR: Record<string, Fn> = {
  'add-mul-broadcast': (x) => x.mul(x.sum(0, true)).add(x.mean(1, true)).mul(x).sum(),
  'sub-div': (x) =>
    x
      .neg()
      .add(2)
      .div(x.mul(x).add(1))
      .sum()
      .add(x.sub(x.pow(-1)).sum()),
  'neg-pow': (x) => x.pow(3).neg().add(x.pow(0.5)).add(x.pow(-1.5)).add(x.pow(2)).add(x.pow(1)).add(x.pow(0)).sum(),
  'exp-log': (x) => x.exp().mul(x.log()).sum(),
  'sqrt-abs': (x) => x.abs().sqrt().mul(x).sum(),
  'tanh-sigmoid': (x) => x.tanh().mul(x.sigmoid()).sum(),
  relu: (x) => x.relu().pow(2).mul(x).sum(),
  matmul: (x, c) => {
    const a = x.reshape(2, 3);
    return a.matmul(a.T).tanh().sum().add(a.matmul(c.w!).exp().sum());
  },
  permute: (x, c) => x.permute(2, 0, 1).mul(c.c!).tanh().sum().mul(x.sum()),
  max: (x) => x.max(1).pow(2).sum().add(x.max().mul(0.1).exp()).add(x.max(0, true).mul(x).sum()),
  'expand-sumTo': (x, c) =>
    x
      .expand([4, 2, 3])
      .mul(c.c!)
      .tanh()
      .sum()
      .add(x.sumTo([1, 3]).pow(2).sum()),
  softmax: (x, c) => x.softmax(1).mul(c.c!).sum().add(x.logSoftmax(0).mul(c.d!).sum()),
  'cross-entropy': (x, c) => crossEntropy(x, labels(c)),
  'bce-with-logits': (x, c) => bceWithLogits(x, c.t!),
  mse: (x, c) => mse(x.tanh(), c.t!),
  mlp: (x, c) => {
    const h = c
      .X!.matmul(pick(x, 0, 6, [2, 3]))
      .add(pick(x, 6, 9, [3]))
      .tanh();
    return crossEntropy(h.matmul(pick(x, 9, 15, [3, 2])).add(pick(x, 15, 17, [2])), labels(c));
  },
};

/** x[from:to] reshaped, as a differentiable op: a product with a constant 0/1 selection matrix. */
function pick(x: Tensor, from: number, to: number, shape: number[]): Tensor {
  const select = new Float64Array((to - from) * x.size);
  for (let i = from; i < to; i++) select[(i - from) * x.size + i] = 1;
  return new Tensor(select, [to - from, x.size]).matmul(x).reshape(shape);
}

export const VECTOR: Record<string, Fn> = {
  elementwise: (x) =>
    x
      .tanh()
      .mul(x.sigmoid())
      .add(x.pow(2))
      .sub(x.exp().div(x.abs().add(1))),
  matmul: (x, c) => x.matmul(c.w!).tanh().matmul(x),
  softmax: (x) => x.softmax(1).mul(x.logSoftmax(0)),
  'log-div': (x) => x.log().div(x.add(1)).sub(x.sqrt()),
  reduce: (x) => x.sum(0).mul(x.mean(0)).add(x.max(0).relu()),
};

export const tensorOf = (data: number[], shape: number[], requiresGrad = false): Tensor =>
  new Tensor(Float64Array.from(data), shape, requiresGrad);
export const constants = (c: Case): C => Object.fromEntries(Object.entries(c.constants).map(([k, v]) => [k, tensorOf(v.data, v.shape)]));
