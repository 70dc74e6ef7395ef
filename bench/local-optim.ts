import type { Tensor } from '../src/tensor/index.ts';

// TEMPORARY stand-ins while src/optim is being written: the bench switches to SGD, Momentum and
// Adam from src/optim as soon as they land. Same formulas (PyTorch's), in place over Float64Array.

export interface BenchOptimizer {
  step(): void;
  zeroGrad(): void;
}

abstract class LocalOptimizer implements BenchOptimizer {
  constructor(readonly params: readonly Tensor[]) {}
  abstract update(p: Float64Array, g: Float64Array, i: number): void;
  step(): void {
    this.params.forEach((p, i) => p.grad && this.update(p.data, p.grad, i));
  }
  zeroGrad(): void {
    for (const p of this.params) p.grad = null;
  }
}

export class LocalSGD extends LocalOptimizer {
  constructor(params: readonly Tensor[], readonly lr: number) {
    super(params);
  }
  update(p: Float64Array, g: Float64Array): void {
    for (let j = 0; j < p.length; j++) p[j]! -= this.lr * g[j]!;
  }
}

export class LocalMomentum extends LocalOptimizer {
  private readonly v: Float64Array[];
  constructor(params: readonly Tensor[], readonly lr: number, readonly momentum: number) {
    super(params);
    this.v = params.map((p) => new Float64Array(p.size));
  }
  update(p: Float64Array, g: Float64Array, i: number): void {
    const v = this.v[i]!, { lr, momentum } = this;
    for (let j = 0; j < p.length; j++) p[j]! -= lr * (v[j] = momentum * v[j]! + g[j]!);
  }
}

export class LocalAdam extends LocalOptimizer {
  private readonly m: Float64Array[];
  private readonly s: Float64Array[];
  private readonly t: number[];
  constructor(params: readonly Tensor[], readonly lr: number, readonly beta1 = 0.9, readonly beta2 = 0.999, readonly eps = 1e-8) {
    super(params);
    this.m = params.map((p) => new Float64Array(p.size));
    this.s = params.map((p) => new Float64Array(p.size));
    this.t = params.map(() => 0);
  }
  update(p: Float64Array, g: Float64Array, i: number): void {
    const m = this.m[i]!, s = this.s[i]!, t = ++this.t[i]!;
    const { lr, beta1, beta2, eps } = this;
    const c1 = 1 - beta1 ** t, c2 = Math.sqrt(1 - beta2 ** t);
    for (let j = 0; j < p.length; j++) {
      const gj = g[j]!;
      const mj = (m[j] = beta1 * m[j]! + (1 - beta1) * gj);
      const sj = (s[j] = beta2 * s[j]! + (1 - beta2) * gj * gj);
      p[j]! -= (lr * (mj / c1)) / (Math.sqrt(sj) / c2 + eps);
    }
  }
}
