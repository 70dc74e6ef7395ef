import { readFileSync } from 'node:fs';
import { Tensor, cat, gt, lt, le, eq, maximum, minimum, stack, tensor, where } from '../../src/tensor/index.ts';
import { layerNorm } from '../../src/nn/functional.ts';
import { crossEntropy, nllLoss } from '../../src/nn/losses.ts';
import { huberLoss, l1Loss } from '../../src/nn/regression-losses.ts';

// PyTorch float64 references from scripts/ops-fixtures.py (run with Debian's python3-torch).
export interface OpCase {
  name: string;
  inputs: { data: number[]; shape: number[] }[];
  output: number[];
  outputShape: number[];
  r: number[];
  /** d(Σ r·out)/d(input) for each input; absent for the cases without a gradient (comparisons, arg-indices). */
  grads?: number[][];
}
export const opsFixture = JSON.parse(readFileSync(new URL('../fixtures/ops.json', import.meta.url), 'utf8')) as { cases: OpCase[] };

type Fn = (...xs: Tensor[]) => Tensor;
const weightedCat = (pieces: Tensor[], axis: number): Tensor =>
  cat(
    pieces.map((p, i) => p.mul(i + 1)),
    axis,
  );
const arange = (n: number): Tensor => tensor(Array.from({ length: n }, (_, i) => i));
const W4 = tensor([0.5, 2, 1, 3]);

/** The script's CASES, op for op. */
export const OPS: Record<string, Fn> = {
  narrow: (x) => x.narrow(1, 1, 2),
  'narrow-negative': (x) => x.narrow(-2, -2, 2),
  'indexSelect-repeated': (x) => x.indexSelect(0, [2, 0, 2]),
  'indexSelect-axis1': (x) => x.indexSelect(1, tensor([1, 1, 0, 2])),
  'gather-repeated': (x) =>
    x.gather(
      1,
      tensor([
        [0, 0, 3],
        [1, 2, 1],
        [3, 3, 0],
      ]),
    ),
  'gather-axis0': (x) =>
    x.gather(
      0,
      tensor([
        [2, 0, 1, 1],
        [2, 2, 0, 1],
      ]),
    ),
  cat: (a, b, c) => cat([a, b, c], -1),
  stack: (a, b) => stack([a, b], 1),
  split: (x) => weightedCat(x.split(2, 0), 0),
  'split-sizes': (x) => weightedCat(x.split([1, 4], 1), 1),
  chunk: (x) => weightedCat(x.chunk(3, 1), 1),
  squeeze: (x) =>
    x
      .squeeze(1)
      .mul(2)
      .add(x.squeeze())
      .sub(x.squeeze(0).indexSelect(0, [0]).squeeze(0)),
  unsqueeze: (x) => x.unsqueeze(-1).mul(x.unsqueeze(0).unsqueeze(3)),
  flatten: (x) => x.flatten(1).mul(arange(6)).add(x.flatten().reshape(2, 6)),
  expand: (x) =>
    x
      .expand([-1, 4])
      .mul(arange(4))
      .add(x.expand([2, 3, 4])),
  compare: (a, b) => cat([gt(a, b), a.ge(b), lt(a, b), le(a, b), eq(a, b)], 0),
  where: (a, b) => where(a.gt(0), a, b),
  'maximum-ties': (a, b) => maximum(a, b),
  'minimum-ties': (a, b) => minimum(a, b),
  maximum: (a, b) => a.maximum(b),
  clamp: (x) => x.clamp(-0.5, 0.7).add(x.clamp(0.1).mul(2)).add(x.clamp(null, -0.2).mul(3)),
  'max-ties': (x) => x.max().reshape([1]),
  'min-ties': (x) => x.min().reshape([1]),
  'min-axis': (x) => cat([x.min(1), x.min(0, true).flatten()], 0),
  'argmax-argmin': (x) => cat([x.argmax(1), x.argmin(0), x.argmax().reshape([1]), x.argmin().reshape([1])], 0),
  logsumexp: (x) => cat([x.logsumexp(1), x.logsumexp(0, true).flatten()], 0),
  var: (x) => cat([x.var().reshape([1]), x.var(1), x.var(0, { unbiased: false, keepDims: true }).flatten()], 0),
  std: (x) => cat([x.std().reshape([1]), x.std(-1), x.std(0, { unbiased: false, keepDims: true }).flatten()], 0),
  log1p: (x) => x.log1p(),
  expm1: (x) => x.expm1(),
  sin: (x) => x.sin(),
  cos: (x) => x.cos(),
  softplus: (x) => x.softplus(),
  'softplus-beta-threshold': (x) => x.softplus({ beta: 2, threshold: 1 }),
  leakyRelu: (x) => x.leakyRelu(),
  'leakyRelu-slope': (x) => x.leakyRelu(0.2),
  elu: (x) => x.elu(),
  'elu-alpha': (x) => x.elu(0.5),
  gelu: (x) => x.gelu(),
  'gelu-tanh': (x) => x.gelu({ approximate: 'tanh' }),
  silu: (x) => x.silu(),
  layerNorm: (x) => layerNorm(x),
  'layerNorm-affine': (x, w, b) => layerNorm(x, w, b, 1e-3),
  'crossEntropy-weight': (x) => crossEntropy(x, [2, 0, 3], { weight: W4 }),
  'crossEntropy-labelSmoothing': (x) => crossEntropy(x, [2, 0, 3], { labelSmoothing: 0.1 }),
  'crossEntropy-both': (x) => crossEntropy(x, [2, 0, 2], { weight: W4, labelSmoothing: 0.25 }),
  nllLoss: (x) => nllLoss(x.logSoftmax(1), [1, 1, 3]),
  'nllLoss-weight': (x) => nllLoss(x, [1, 1, 3], { weight: W4 }),
  l1Loss: (a, b) => l1Loss(a, b),
  huberLoss: (a, b) => huberLoss(a, b),
  'huberLoss-delta': (a, b) => huberLoss(a, b, 0.5),
};

/** Cases whose inputs sit on purpose where the gradient jumps (ties): checked against PyTorch, not finite differences. */
export const AT_KINKS = new Set(['maximum-ties', 'minimum-ties', 'max-ties', 'min-ties']);
