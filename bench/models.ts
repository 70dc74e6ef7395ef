import { Tensor } from '../src/tensor/index.ts';
import { bceWithLogits, crossEntropy } from '../src/nn/losses.ts';
import { Adam, Momentum, SGD, type Optimizer } from '../src/optim/index.ts';
import type { TF, TfScalar, TfTensor, TfVariable } from './tf.ts';

/** One model description, built identically by both sides: y = act(x·W + b) per hidden layer. */
export interface ModelSpec {
  sizes: readonly number[];
  activation: 'tanh' | 'relu';
  loss: 'bce' | 'ce';
  optimizer: { kind: 'sgd' | 'momentum' | 'adam'; lr: number; momentum?: number };
}

export type Weights = { w: Float64Array; b: Float64Array }[];

/** gradlab: parameters as tensors (W [in,out], b [out]); the forward pass is matmul + add per layer. */
export function glModel(spec: ModelSpec, weights: Weights) {
  const layers = weights.map(({ w, b }, l) => ({
    w: new Tensor(Float64Array.from(w), [spec.sizes[l]!, spec.sizes[l + 1]!], true),
    b: new Tensor(Float64Array.from(b), [b.length], true),
  }));
  const params = layers.flatMap((l) => [l.w, l.b]);
  const forward = (x: Tensor): Tensor => {
    let h = x;
    layers.forEach((l, i) => {
      h = h.matmul(l.w).add(l.b);
      if (i < layers.length - 1) h = spec.activation === 'tanh' ? h.tanh() : h.relu();
    });
    return h;
  };
  const loss = (x: Tensor, y: Tensor | Int32Array): Tensor =>
    spec.loss === 'bce' ? bceWithLogits(forward(x), y as Tensor) : crossEntropy(forward(x), y);
  const { kind, lr, momentum = 0 } = spec.optimizer;
  const optimizer: Optimizer =
    kind === 'sgd' ? new SGD(params, { lr }) : kind === 'momentum' ? new Momentum(params, { lr, momentum }) : new Adam(params, { lr });
  return { params, forward, loss, optimizer };
}

/** One training step: clear gradients, forward, backward, update; returns the loss before the update. */
export function glTrainStep(model: ReturnType<typeof glModel>, x: Tensor, y: Tensor | Int32Array): number {
  model.optimizer.zeroGrad();
  const loss = model.loss(x, y);
  loss.backward();
  model.optimizer.step();
  return loss.item();
}

/**
 * TF.js: the same weights as float32 variables; each layer is `tf.fused.matMul` with the bias (and
 * ReLU) folded in, as `tf.layers.dense` does, which is TF.js's fastest path for these models.
 */
export function tfModel(tf: TF, spec: ModelSpec, weights: Weights) {
  const layers = weights.map(({ w, b }, l) => ({
    w: tf.variable(tf.tensor2d(Float32Array.from(w), [spec.sizes[l]!, spec.sizes[l + 1]!])),
    b: tf.variable(tf.tensor1d(Float32Array.from(b))),
  }));
  const vars: TfVariable[] = layers.flatMap((l) => [l.w, l.b]);
  const forward = (x: TfTensor): TfTensor => {
    let h = x;
    layers.forEach((l, i) => {
      const hidden = i < layers.length - 1;
      h = tf.fused.matMul({ a: h, b: l.w, bias: l.b, activation: hidden && spec.activation === 'relu' ? 'relu' : 'linear' });
      if (hidden && spec.activation === 'tanh') h = tf.tanh(h);
    });
    return h;
  };
  // Labels come one-hot [N, C] for 'ce' and as 0/1 [N, 1] for 'bce'.
  const loss = (x: TfTensor, y: TfTensor): TfTensor =>
    spec.loss === 'bce' ? tf.losses.sigmoidCrossEntropy(y, forward(x)) : tf.losses.softmaxCrossEntropy(y, forward(x));
  const { kind, lr, momentum = 0 } = spec.optimizer;
  const optimizer = kind === 'sgd' ? tf.train.sgd(lr) : kind === 'momentum' ? tf.train.momentum(lr, momentum) : tf.train.adam(lr);
  return { vars, forward, loss, optimizer };
}

/** One TF.js training step; reads the loss back, as the gradlab step does. */
export function tfTrainStep(model: ReturnType<typeof tfModel>, x: TfTensor, y: TfTensor): number {
  const cost = model.optimizer.minimize(() => model.loss(x, y) as TfScalar, true, model.vars)!;
  const value = cost.dataSync()[0]!;
  cost.dispose();
  return value;
}

/** Labels in each side's format: gradlab integer classes (or a [N,1] 0/1 tensor for BCE), TF.js float32 one-hot. */
export function labelsFor(spec: ModelSpec, y: Int32Array, classes: number) {
  const gl = spec.loss === 'bce' ? new Tensor(Float64Array.from(y), [y.length, 1]) : y;
  const tf = (t: TF): TfTensor =>
    spec.loss === 'bce' ? t.tensor2d(Float32Array.from(y), [y.length, 1]) : t.oneHot(t.tensor1d(y, 'int32'), classes).toFloat();
  return { gl, tf };
}
