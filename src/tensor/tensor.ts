// Tensor and the op files import each other, as in micrograd and PyTorch: the methods below
// (`x.mul(y)`) call the ops, and every op builds a Tensor and writes its gradient with Tensor methods
// (`g.mul(b)`), so that a gradient reads like its formula. The circle is safe because neither side
// touches the other while its module is being evaluated (only inside functions, once both are loaded);
// an op file must never create a Tensor at its top level. The alternative (tfjs-core's chained
// methods patched onto the prototype by a side-effect import) would make every file that calls a
// method depend on that import having run, and hide the methods from the class.
import { backward, type BackwardOptions, isGradEnabled } from './autograd.ts';
import { formatTensor, nestedArray, type NestedArray } from './format.ts';
import { checkOutputFinite, debugFlags } from './debug.ts';
import { type Shape, sizeOf } from './shape.ts';
import { onceDifferentiable } from './once-differentiable.ts';
import type { BackwardFn, Gradient } from './gradient.ts';
import * as binary from './ops/binary.ts';
import * as unary from './ops/unary.ts';
import * as reduce from './ops/reduce.ts';
import * as movement from './ops/movement.ts';
import * as broadcast from './ops/broadcast.ts';
import * as matmulOps from './ops/matmul.ts';
import * as softmaxOps from './ops/softmax.ts';
import * as select from './ops/select.ts';
import * as compare from './ops/compare.ts';
import * as statistics from './ops/statistics.ts';
import * as activation from './ops/activation.ts';

export type { BackwardFn, Gradient } from './gradient.ts';
export type { NestedArray } from './format.ts';

export type Operand = Tensor | number;

/**
 * An n-dimensional array of float64 values, stored row-major in `data`, that records the operations
 * applied to it so `backward()` can compute gradients.
 */
export class Tensor {
  readonly data: Float64Array;
  readonly shape: Shape;
  /**
   * d(root)/d(this) after `backward()`, for leaves that require grad: a Tensor of this tensor's
   * shape; accumulates until `zeroGrad()`. After `backward(seed, { createGraph: true })` it is itself
   * part of a graph and can be differentiated again.
   */
  grad: Tensor | null = null;
  /** Whether gradients flow to this tensor. Set it on leaves (parameters, inputs) only. */
  requiresGrad: boolean;
  /** The op that produced this tensor, or 'leaf'. */
  readonly op: string;
  readonly parents: readonly Tensor[];
  /** The local gradient of a recorded op (null on leaves); released after a backward that does not retain the graph. */
  gradFn: Gradient | null;
  /** Non-leaf tensors keep `.grad` only when asked to (`retainGrad()`), as in PyTorch. */
  retainsGrad = false;

  constructor(
    data: Float64Array,
    shape: Shape,
    requiresGrad = false,
    op = 'leaf',
    parents: readonly Tensor[] = [],
    gradFn: Gradient | null = null,
  ) {
    if (!(data instanceof Float64Array))
      throw new TypeError('Tensor: data must be a Float64Array; use tensor(values) to build one from numbers or nested arrays');
    if (data.length !== sizeOf(shape)) {
      throw new RangeError(`Tensor: data has ${data.length} elements but shape [${shape.join(', ')}] needs ${sizeOf(shape)}`);
    }
    this.data = data;
    this.shape = shape;
    this.requiresGrad = requiresGrad;
    this.op = op;
    this.parents = parents;
    this.gradFn = gradFn;
  }

  /**
   * Records an op whose gradient is written with tensor ops (see `Gradient`), so it can be
   * differentiated again, to any order. Every built-in op is made here: the graph edge is recorded
   * only when grad mode is on and some input requires grad. In debug mode
   * (`setDebug({ checkFinite: true })`) a NaN/±Infinity in the output throws `NonFiniteError` here.
   */
  static fromGradientOp(op: string, data: Float64Array, shape: Shape, inputs: readonly Tensor[], gradient: Gradient): Tensor {
    if (debugFlags.checkFinite) checkOutputFinite(op, data, shape, inputs);
    // An indexed loop: leaving a for…of early makes V8 look up the iterator's `return`, a site with so
    // little type feedback that the optimised callers deoptimised on it again and again.
    if (isGradEnabled())
      for (let i = 0; i < inputs.length; i++) if (inputs[i]!.requiresGrad) return new Tensor(data, shape, true, op, inputs, gradient);
    return new Tensor(data, shape, false, op);
  }

  /**
   * Records an op whose backward works on raw arrays (`BackwardFn`): differentiable once, as
   * PyTorch's `once_differentiable`. Its gradient can be used but not differentiated again:
   * a second backward through it throws, naming the op. Use `fromGradientOp` for higher orders.
   */
  static fromOp(op: string, data: Float64Array, shape: Shape, parents: readonly Tensor[], backwardFn: BackwardFn): Tensor {
    return Tensor.fromGradientOp(op, data, shape, parents, onceDifferentiable(op, backwardFn));
  }

  get size(): number {
    return this.data.length;
  }

  get ndim(): number {
    return this.shape.length;
  }

  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  /** The value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) throw new RangeError(`item: tensor has shape [${this.shape.join(', ')}]; only one-element tensors have an item`);
    return this.data[0]!;
  }

  /** Nested arrays (a number for a scalar). */
  toArray(): number | NestedArray {
    return nestedArray(this);
  }

  toString(): string {
    return formatTensor(this);
  }

  /** Reverse-mode autodiff from this tensor; see `backward` in autograd.ts for the options and accumulation rules. */
  backward(seed?: Tensor | Float64Array | readonly number[], options?: BackwardOptions): void {
    backward(this, seed, options);
  }

  /** Sets the accumulated gradient to zeros (in place; a gradient that is part of a graph is replaced). */
  zeroGrad(): void {
    if (this.grad === null) return;
    if (this.grad.requiresGrad) this.grad = new Tensor(new Float64Array(this.size), this.shape);
    else this.grad.data.fill(0);
  }

  /** The same values, cut from the graph: no gradient flows through the result. */
  detach(): Tensor {
    return new Tensor(this.data, this.shape, false);
  }

  /** Keep `.grad` on this non-leaf tensor during `backward()`. */
  retainGrad(): this {
    this.retainsGrad = true;
    return this;
  }

  add(other: Operand): Tensor {
    return binary.add(this, other);
  }
  sub(other: Operand): Tensor {
    return binary.sub(this, other);
  }
  mul(other: Operand): Tensor {
    return binary.mul(this, other);
  }
  div(other: Operand): Tensor {
    return binary.div(this, other);
  }
  neg(): Tensor {
    return unary.neg(this);
  }
  pow(exponent: number): Tensor {
    return unary.pow(this, exponent);
  }
  exp(): Tensor {
    return unary.exp(this);
  }
  log(): Tensor {
    return unary.log(this);
  }
  sqrt(): Tensor {
    return unary.sqrt(this);
  }
  abs(): Tensor {
    return unary.abs(this);
  }
  tanh(): Tensor {
    return unary.tanh(this);
  }
  sigmoid(): Tensor {
    return unary.sigmoid(this);
  }
  relu(): Tensor {
    return unary.relu(this);
  }
  matmul(other: Tensor): Tensor {
    return matmulOps.matmul(this, other);
  }
  transpose(): Tensor {
    return movement.transpose(this);
  }
  get T(): Tensor {
    return movement.transpose(this);
  }
  reshape(...shape: number[] | [readonly number[]]): Tensor {
    const dims = Array.isArray(shape[0]) ? (shape[0] as readonly number[]) : (shape as number[]);
    return movement.reshape(this, dims);
  }
  permute(...axes: number[] | [readonly number[]]): Tensor {
    return movement.permute(this, Array.isArray(axes[0]) ? (axes[0] as readonly number[]) : (axes as number[]));
  }
  expand(shape: readonly number[]): Tensor {
    return broadcast.expand(this, shape);
  }
  sumTo(shape: readonly number[]): Tensor {
    return broadcast.sumTo(this, shape);
  }
  sum(axis?: number, keepDims = false): Tensor {
    return reduce.sum(this, axis, keepDims);
  }
  mean(axis?: number, keepDims = false): Tensor {
    return reduce.mean(this, axis, keepDims);
  }
  max(axis?: number, keepDims = false): Tensor {
    return reduce.max(this, axis, keepDims);
  }
  softmax(axis = -1): Tensor {
    return softmaxOps.softmax(this, axis);
  }
  logSoftmax(axis = -1): Tensor {
    return softmaxOps.logSoftmax(this, axis);
  }
  min(axis?: number, keepDims = false): Tensor {
    return reduce.min(this, axis, keepDims);
  }
  argmax(axis?: number, keepDims = false): Tensor {
    return reduce.argmax(this, axis, keepDims);
  }
  argmin(axis?: number, keepDims = false): Tensor {
    return reduce.argmin(this, axis, keepDims);
  }
  logsumexp(axis: number, keepDims = false): Tensor {
    return statistics.logsumexp(this, axis, keepDims);
  }
  var(axis?: number, options?: statistics.VarianceOptions): Tensor {
    return statistics.variance(this, axis, options);
  }
  std(axis?: number, options?: statistics.VarianceOptions): Tensor {
    return statistics.std(this, axis, options);
  }
  narrow(axis: number, start: number, length: number): Tensor {
    return select.narrow(this, axis, start, length);
  }
  indexSelect(axis: number, indices: select.Indices): Tensor {
    return select.indexSelect(this, axis, indices);
  }
  gather(axis: number, index: Tensor): Tensor {
    return select.gather(this, axis, index);
  }
  split(sizeOrSizes: number | readonly number[], axis = 0): Tensor[] {
    return select.split(this, sizeOrSizes, axis);
  }
  chunk(chunks: number, axis = 0): Tensor[] {
    return select.chunk(this, chunks, axis);
  }
  squeeze(axis?: number): Tensor {
    return movement.squeeze(this, axis);
  }
  unsqueeze(axis: number): Tensor {
    return movement.unsqueeze(this, axis);
  }
  flatten(start = 0, end = -1): Tensor {
    return movement.flatten(this, start, end);
  }
  gt(other: Operand): Tensor {
    return compare.gt(this, other);
  }
  ge(other: Operand): Tensor {
    return compare.ge(this, other);
  }
  lt(other: Operand): Tensor {
    return compare.lt(this, other);
  }
  le(other: Operand): Tensor {
    return compare.le(this, other);
  }
  eq(other: Operand): Tensor {
    return compare.eq(this, other);
  }
  /** this where `cond` ≠ 0, else `other` (PyTorch's x.where(cond, y)). */
  where(cond: Operand, other: Operand): Tensor {
    return compare.where(cond, this, other);
  }
  maximum(other: Operand): Tensor {
    return compare.maximum(this, other);
  }
  minimum(other: Operand): Tensor {
    return compare.minimum(this, other);
  }
  clamp(min?: number | null, max?: number | null): Tensor {
    return compare.clamp(this, min, max);
  }
  log1p(): Tensor {
    return activation.log1p(this);
  }
  expm1(): Tensor {
    return activation.expm1(this);
  }
  sin(): Tensor {
    return activation.sin(this);
  }
  cos(): Tensor {
    return activation.cos(this);
  }
  softplus(options?: activation.SoftplusOptions): Tensor {
    return activation.softplus(this, options);
  }
  leakyRelu(slope = 0.01): Tensor {
    return activation.leakyRelu(this, slope);
  }
  elu(alpha = 1): Tensor {
    return activation.elu(this, alpha);
  }
  gelu(options?: activation.GeluOptions): Tensor {
    return activation.gelu(this, options);
  }
  silu(): Tensor {
    return activation.silu(this);
  }
}
