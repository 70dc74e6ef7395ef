import { Tensor } from '../tensor/tensor.ts';
import { formatShape } from '../tensor/shape.ts';
import { incrementVersion } from '../tensor/version.ts';
import { Module } from './module.ts';
import { layerNorm } from './functional.ts';

function checkFeatures(layer: string, features: number, eps: number): void {
  if (!Number.isInteger(features) || features < 1) throw new RangeError(`${layer}: features must be a positive integer, got ${features}`);
  if (!(typeof eps === 'number' && eps >= 0 && Number.isFinite(eps)))
    throw new RangeError(`${layer}: eps must be a finite number ≥ 0, got ${String(eps)}`);
}

const filled = (n: number, v: number, requiresGrad = false): Tensor => new Tensor(new Float64Array(n).fill(v), [n], requiresGrad);

export interface LayerNormOptions {
  /** Added to the variance before the square root (default 1e-5, as PyTorch). */
  eps?: number;
}

/**
 * Layer normalization over the last axis (PyTorch's nn.LayerNorm(features)):
 * y = (x − μ) / √(σ² + eps) · weight + bias, μ and the biased σ² over each row's last axis; weight starts
 * at 1 and bias at 0. It uses no batch statistics, so training and evaluation modes compute the same.
 */
export class LayerNorm extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor;
  readonly eps: number;

  constructor(
    readonly features: number,
    options: LayerNormOptions = {},
  ) {
    super();
    this.eps = options.eps ?? 1e-5;
    checkFeatures('LayerNorm', features, this.eps);
    this.weight = filled(features, 1, true);
    this.bias = filled(features, 0, true);
  }

  forward(x: Tensor): Tensor {
    if (x.shape[x.ndim - 1] !== this.features)
      throw new RangeError(
        `LayerNorm(${this.features}): input has shape ${formatShape(x.shape)}, expected last dimension ${this.features}`,
      );
    return layerNorm(x, this.weight, this.bias, this.eps);
  }
}

export interface BatchNormOptions {
  /** Weight of the newest batch in the running statistics (default 0.1); null averages all batches equally. */
  momentum?: number | null;
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
}

/**
 * Batch normalization over the batch axis (PyTorch's nn.BatchNorm1d) of [N, C] or [N, C, L] inputs.
 * Training mode: y = (x − μ_B) / √(σ²_B + eps) · weight + bias with the batch's mean and biased variance
 * per feature (over N, and L), and the running statistics move toward them:
 * running ← (1 − momentum) · running + momentum · batch, using the unbiased variance Σ(x − μ_B)²/(n − 1).
 * Evaluation mode: the same formula with running_mean and running_var. The running statistics and
 * num_batches_tracked are buffers: saved in `stateDict` and model files, never trained.
 */
export class BatchNorm1d extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor;
  readonly runningMean: Tensor;
  readonly runningVar: Tensor;
  readonly numBatchesTracked: Tensor;
  readonly momentum: number | null;
  readonly eps: number;

  constructor(
    readonly features: number,
    options: BatchNormOptions = {},
  ) {
    super();
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum === undefined ? 0.1 : options.momentum;
    checkFeatures('BatchNorm1d', features, this.eps);
    if (this.momentum !== null && !(typeof this.momentum === 'number' && this.momentum >= 0 && this.momentum <= 1))
      throw new RangeError(`BatchNorm1d: momentum must be a number in [0, 1] or null, got ${String(this.momentum)}`);
    this.weight = filled(features, 1, true);
    this.bias = filled(features, 0, true);
    this.runningMean = this.registerBuffer('running_mean', filled(features, 0));
    this.runningVar = this.registerBuffer('running_var', filled(features, 1));
    this.numBatchesTracked = this.registerBuffer('num_batches_tracked', new Tensor(new Float64Array(1), []));
  }

  forward(x: Tensor): Tensor {
    const c = this.features;
    if ((x.ndim !== 2 && x.ndim !== 3) || x.shape[1] !== c)
      throw new RangeError(`BatchNorm1d(${c}): input has shape ${formatShape(x.shape)}, expected [batch, ${c}] or [batch, ${c}, length]`);
    // Per-feature tensors broadcast against [N, C] as [C], against [N, C, L] as [C, 1].
    const perFeature = (t: Tensor): Tensor => (x.ndim === 3 ? t.reshape([c, 1]) : t);
    const overBatch = (t: Tensor): Tensor => (x.ndim === 3 ? t.mean(0, true).mean(2, true) : t.mean(0, true));
    let mean: Tensor, variance: Tensor;
    if (this.training) {
      const n = x.size / c;
      if (n < 2)
        throw new RangeError(`BatchNorm1d(${c}): training mode needs more than one value per feature, got input ${formatShape(x.shape)}`);
      mean = overBatch(x);
      variance = overBatch(x.sub(mean).pow(2));
      this.updateRunningStats(mean, variance, n);
    } else {
      mean = perFeature(this.runningMean);
      variance = perFeature(this.runningVar);
    }
    const y = x.sub(mean).div(variance.add(this.eps).sqrt());
    return y.mul(perFeature(this.weight)).add(perFeature(this.bias));
  }

  /** running ← (1 − m) · running + m · batch (the variance unbiased), as PyTorch; m = 1/count when momentum is null. */
  private updateRunningStats(mean: Tensor, biasedVariance: Tensor, n: number): void {
    // Plain arrays: the buffers are state, not part of any graph.
    const count = (this.numBatchesTracked.data[0] = this.numBatchesTracked.data[0]! + 1);
    const m = this.momentum ?? 1 / count;
    for (let f = 0; f < this.features; f++) {
      const unbiased = (biasedVariance.data[f]! * n) / (n - 1);
      this.runningMean.data[f] = m * mean.data[f]! + (1 - m) * this.runningMean.data[f]!;
      this.runningVar.data[f] = m * unbiased + (1 - m) * this.runningVar.data[f]!;
    }
    incrementVersion(this.runningMean, 'BatchNorm1d running statistics');
    incrementVersion(this.runningVar, 'BatchNorm1d running statistics');
    incrementVersion(this.numBatchesTracked, 'BatchNorm1d running statistics');
  }
}
