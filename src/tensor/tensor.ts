import { backward, isGradEnabled } from './autograd.ts';
import { formatTensor } from './format.ts';
import { checkOutputFinite, debugFlags } from './debug.ts';
import { type Shape, sizeOf } from './shape.ts';
import * as binary from './ops/binary.ts';
import * as unary from './ops/unary.ts';
import * as reduce from './ops/reduce.ts';
import * as movement from './ops/movement.ts';
import * as matmulOps from './ops/matmul.ts';
import * as softmaxOps from './ops/softmax.ts';

/** Receives d(root)/d(output) and returns d(root)/d(parent) for each parent (null where none flows). */
export type BackwardFn = (grad: Float64Array) => readonly (Float64Array | null)[];

export type Operand = Tensor | number;

/**
 * An n-dimensional array of float64 values, stored row-major in `data`, that records the operations
 * applied to it so `backward()` can compute gradients.
 */
export class Tensor {
  readonly data: Float64Array;
  readonly shape: Shape;
  /** d(root)/d(this) after `backward()`, for leaves that require grad; accumulates until `zeroGrad()`. */
  grad: Float64Array | null = null;
  /** Whether gradients flow to this tensor. Set it on leaves (parameters, inputs) only. */
  requiresGrad: boolean;
  /** The op that produced this tensor, or 'leaf'. */
  readonly op: string;
  readonly parents: readonly Tensor[];
  readonly backwardFn: BackwardFn | null;
  /** Non-leaf tensors keep `.grad` only when asked to (`retainGrad()`), as in PyTorch. */
  retainsGrad = false;

  constructor(
    data: Float64Array,
    shape: Shape,
    requiresGrad = false,
    op = 'leaf',
    parents: readonly Tensor[] = [],
    backwardFn: BackwardFn | null = null,
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
    this.backwardFn = backwardFn;
  }

  /**
   * The single place every op creates its output: the graph edge (parents + local gradient) is
   * recorded only when grad mode is on and some input requires grad. In debug mode
   * (`setDebug({ checkFinite: true })`) a NaN/±Infinity in the output throws `NonFiniteError` here.
   */
  static fromOp(op: string, data: Float64Array, shape: Shape, parents: readonly Tensor[], backwardFn: BackwardFn): Tensor {
    if (debugFlags.checkFinite) checkOutputFinite(op, data, shape, parents);
    const tracked = isGradEnabled() && parents.some((p) => p.requiresGrad);
    return tracked ? new Tensor(data, shape, true, op, parents, backwardFn) : new Tensor(data, shape, false, op);
  }

  get size(): number {
    return this.data.length;
  }

  get ndim(): number {
    return this.shape.length;
  }

  get isLeaf(): boolean {
    return this.backwardFn === null;
  }

  /** The value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) throw new RangeError(`item: tensor has shape [${this.shape.join(', ')}]; only one-element tensors have an item`);
    return this.data[0]!;
  }

  /** Nested arrays (a number for a scalar). */
  toArray(): number | NestedArray {
    if (this.ndim === 0) return this.data[0]!;
    const build = (dim: number, offset: number, stride: number): NestedArray => {
      const n = this.shape[dim]!;
      const inner = stride / n;
      const out: NestedArray = [];
      for (let i = 0; i < n; i++) {
        out.push(dim === this.ndim - 1 ? this.data[offset + i]! : build(dim + 1, offset + i * inner, inner));
      }
      return out;
    };
    return build(0, 0, this.size);
  }

  toString(): string {
    return formatTensor(this);
  }

  /** Reverse-mode autodiff from this tensor; see `backward` in autograd.ts for the accumulation rules. */
  backward(seed?: Tensor | Float64Array | number[]): void {
    const s = seed === undefined ? undefined : seed instanceof Tensor ? seed.data : Float64Array.from(seed);
    backward(this, s);
  }

  /** Clears the accumulated gradient (keeps the buffer, filled with zeros). */
  zeroGrad(): void {
    this.grad?.fill(0);
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
  reshape(...shape: number[] | [number[]]): Tensor {
    const dims = Array.isArray(shape[0]) ? shape[0] : (shape as number[]);
    return movement.reshape(this, dims);
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
}

export type NestedArray = (number | NestedArray)[];
