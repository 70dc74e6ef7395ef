import { readFileSync } from 'node:fs';
import { tensor, type Tensor } from '../../src/tensor/index.ts';
import { crossEntropy } from '../../src/nn/losses.ts';

/** The PyTorch reference runs in test/fixtures/optim-trajectories.json (float64, full batch). */
export interface TrajectoryCase {
  optimizer: string;
  options: Record<string, number | boolean>;
  steps: number;
  losses: number[];
  final: Record<ParamName, number[] | number[][]>;
}
export type ParamName = 'W1' | 'b1' | 'W2' | 'b2';
export const PARAM_NAMES: readonly ParamName[] = ['W1', 'b1', 'W2', 'b2'];

interface Fixture {
  X: number[][];
  y: number[];
  init: Record<ParamName, number[] | number[][]>;
  initialLoss: number;
  initialGrad: Record<ParamName, number[] | number[][]>;
  cases: TrajectoryCase[];
}

export const fixture = JSON.parse(readFileSync(new URL('../fixtures/optim-trajectories.json', import.meta.url), 'utf8')) as Fixture;

/** The fixture's 3→4→2 tanh network: h = tanh(X@W1 + b1), logits = h@W2 + b2, mean cross-entropy. */
export class FixtureModel {
  readonly X = tensor(fixture.X);
  readonly params: Tensor[];

  constructor() {
    this.params = PARAM_NAMES.map((name) => tensor(fixture.init[name], { requiresGrad: true }));
  }

  /** Forward pass only: the loss at the current parameters. */
  loss(): Tensor {
    const [W1, b1, W2, b2] = this.params as [Tensor, Tensor, Tensor, Tensor];
    const h = this.X.matmul(W1).add(b1).tanh();
    return crossEntropy(h.matmul(W2).add(b2), fixture.y);
  }

  /** Clears the grads, then forward + backward; returns the loss value. */
  lossAndGrad(): number {
    for (const p of this.params) p.grad = null;
    const loss = this.loss();
    loss.backward();
    return loss.item();
  }
}

/** Flattens nested arrays of numbers. */
export const flat = (v: number[] | number[][]): number[] => (v as (number | number[])[]).flat();

/** Largest relative error max|a − b| / max(|b|, floor) over the elements. */
export function maxRelError(actual: ArrayLike<number>, expected: ArrayLike<number>, floor = 1e-12): number {
  if (actual.length !== expected.length) throw new RangeError(`length ${actual.length} vs ${expected.length}`);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const err = Math.abs(actual[i]! - e) / Math.max(Math.abs(e), floor);
    if (!(err <= worst)) worst = Number.isNaN(err) ? Infinity : err;
  }
  return worst;
}
