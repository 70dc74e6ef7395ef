import {
  type Dataset,
  type LRScheduler,
  MLP,
  type Optimizer,
  Rng,
  StandardScaler,
  Tensor,
  crossEntropy,
  makeCircles,
  makeMoons,
  makeSpirals,
  makeXor,
  noGrad,
  takeRows,
  trainTestSplit,
} from 'gradlab';
import { createOptimizer, createScheduler } from '../state/methods.ts';
import type { TrainState } from '../state/schema.ts';
import { SHARPNESS_EVERY, sharpness, stabilityLimit } from './sharpness.ts';

/** Samples and labels as plain tensors, standardised with the training part's mean and spread. */
export interface Split {
  train: { x: Tensor; y: Int32Array };
  test: { x: Tensor; y: Int32Array };
  classes: number;
  featureNames: [string, string];
  /** Where the data came from, for captions and "copy as code". */
  source: string;
}

/** The generated sets, as gradlab makes them (noise and seed from the state). */
export function generate(state: TrainState): Dataset {
  const options = { noise: state.noise, seed: state.dataSeed };
  switch (state.data) {
    case 'circles':
      return makeCircles(state.n, options);
    case 'spirals':
      return makeSpirals(state.n, options);
    case 'xor':
      return makeXor(state.n, options);
    default:
      return makeMoons(state.n, options);
  }
}

/** 80/20 split (seeded), two chosen feature columns, standardised. */
export function prepare(dataset: Dataset, seed: number, columns: [number, number] = [0, 1]): Split {
  const { train, test } = trainTestSplit(dataset, { testSize: 0.2, seed });
  const f = dataset.features.shape[1]!;
  const pick = (x: Tensor): Tensor => {
    const n = x.shape[0]!;
    const out = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      out[2 * i] = x.data[i * f + columns[0]]!;
      out[2 * i + 1] = x.data[i * f + columns[1]]!;
    }
    return new Tensor(out, [n, 2]);
  };
  const scaler = new StandardScaler().fit(pick(train.features));
  return {
    train: { x: scaler.transform(pick(train.features)), y: train.labels },
    test: { x: scaler.transform(pick(test.features)), y: test.labels },
    classes: Math.max(2, dataset.classNames.length),
    featureNames: [dataset.featureNames[columns[0]] ?? 'x1', dataset.featureNames[columns[1]] ?? 'x2'],
    source: dataset.name ?? 'data',
  };
}

/** A weight named `param[index]`, e.g. `layers.0.weight[3]`. */
export function parseWeightRef(ref: string): { param: string; index: number } | null {
  const m = /^([\w.]+)\[(\d+)\]$/.exec(ref);
  return m ? { param: m[1]!, index: Number(m[2]) } : null;
}

/**
 * An MLP [2, ...hidden, classes] trained with softmax cross-entropy. Every step: batch (the whole
 * training set, or a seeded random batch), forward, backward, optimizer step, schedule step.
 */
export class Trainer {
  readonly model: MLP;
  readonly optimizer: Optimizer;
  readonly scheduler: LRScheduler | null;
  readonly params: Map<string, Tensor>;
  readonly history = {
    step: [] as number[],
    train: [] as number[],
    test: [] as (number | null)[],
    /** λ_max of the whole training loss's Hessian after the step, every SHARPNESS_EVERY steps. */
    sharpness: [] as (number | null)[],
    /** The method's stability limit on λ_max at the learning rate of the next step (null for adaptive methods). */
    limit: [] as (number | null)[],
  };
  /** The two slice weights after every step (index 0: before training). */
  readonly slicePath: number[] = [];
  private readonly rng: Rng;
  private order: Int32Array | null = null;
  private cursor = 0;
  steps = 0;
  sliceA: { param: Tensor; index: number } | null = null;
  sliceB: { param: Tensor; index: number } | null = null;

  constructor(
    readonly state: TrainState,
    readonly split: Split,
  ) {
    this.model = new MLP([2, ...state.hidden, split.classes], { activation: state.activation, seed: state.initSeed });
    this.params = new Map(this.model.namedParameters());
    this.optimizer = createOptimizer(state.optimizer, this.model.parameters());
    this.scheduler = createScheduler(state.optimizer, this.optimizer, Math.max(100, state.step));
    this.rng = new Rng(state.initSeed + 1);
    this.setSlice(state.sliceA, state.sliceB);
    this.record();
  }

  /** Resolves the slice weights; returns the refs that name no weight of this model. */
  setSlice(a: string, b: string): string[] {
    const bad: string[] = [];
    const find = (ref: string) => {
      const r = parseWeightRef(ref);
      const p = r && this.params.get(r.param);
      if (!r || !p || r.index >= p.size) {
        bad.push(ref);
        return null;
      }
      return { param: p, index: r.index };
    };
    this.sliceA = find(a) ?? { param: this.model.parameters()[0]!, index: 0 };
    this.sliceB = find(b) ?? { param: this.model.parameters()[0]!, index: 1 };
    return bad;
  }

  private batchIndices(): Int32Array | null {
    const n = this.split.train.y.length;
    const k = this.state.batch;
    if (k <= 0 || k >= n) return null;
    if (this.order === null || this.cursor + k > n) {
      this.order = this.rng.permutation(n);
      this.cursor = 0;
    }
    const idx = this.order.subarray(this.cursor, this.cursor + k);
    this.cursor += k;
    return idx;
  }

  loss(x: Tensor, y: Int32Array): Tensor {
    return crossEntropy(this.model.forward(x), y);
  }

  step(): void {
    const idx = this.batchIndices();
    const { x, y } = this.split.train;
    this.optimizer.zeroGrad();
    const loss = idx
      ? this.loss(
          takeRows(x, idx),
          Int32Array.from(idx, (i) => y[i]!),
        )
      : this.loss(x, y);
    loss.backward();
    // The curve's train loss is the loss the step itself computed (of its batch, before the update): free.
    this.lastBatchLoss = loss.item();
    this.optimizer.step();
    this.scheduler?.step();
    this.steps++;
    this.record();
  }

  lastBatchLoss = NaN;

  /** Curves: the step's own batch loss every step; the test loss (a full forward pass) every 10th. */
  private record(): void {
    if (this.steps > 0) {
      this.history.step.push(this.steps);
      this.history.train.push(this.lastBatchLoss);
      this.history.test.push(this.steps % 10 === 0 ? noGrad(() => this.loss(this.split.test.x, this.split.test.y).item()) : null);
      this.history.sharpness.push(this.steps % SHARPNESS_EVERY === 0 ? this.sharpness() : null);
      this.history.limit.push(stabilityLimit(this.state.optimizer, this.optimizer.lr));
    }
    this.slicePath.push(this.sliceA!.param.data[this.sliceA!.index]!, this.sliceB!.param.data[this.sliceB!.index]!);
  }

  /** λ_max of the Hessian of the whole training set's loss at the current parameters. */
  sharpness(): number {
    return sharpness(this.loss(this.split.train.x, this.split.train.y), this.model.parameters());
  }

  /** Loss on the whole training and test sets at the current parameters. */
  currentLosses(): [number, number] {
    return noGrad(() => [this.loss(this.split.train.x, this.split.train.y).item(), this.loss(this.split.test.x, this.split.test.y).item()]);
  }

  /** Class probabilities at `points` ([n, 2], standardised coordinates), one forward pass. */
  probabilities(points: Tensor): Float64Array {
    return noGrad(() => this.model.forward(points).softmax(1).data);
  }

  /**
   * The exact training loss on a grid through the current parameters, moving only the two slice
   * weights: L(θ + a·e_A + b·e_B) for a, b in ±span around their current values.
   */
  lossSlice(n: number, span: number): { a: number[]; b: number[]; values: Float64Array } {
    const A = this.sliceA!,
      B = this.sliceB!;
    const a0 = A.param.data[A.index]!,
      b0 = B.param.data[B.index]!;
    const a = Array.from({ length: n }, (_, i) => a0 - span + (2 * span * i) / (n - 1));
    const b = Array.from({ length: n }, (_, j) => b0 - span + (2 * span * j) / (n - 1));
    const values = new Float64Array(n * n);
    noGrad(() => {
      for (let j = 0; j < n; j++)
        for (let i = 0; i < n; i++) {
          A.param.data[A.index] = a[i]!;
          B.param.data[B.index] = b[j]!;
          values[j * n + i] = this.loss(this.split.train.x, this.split.train.y).item();
        }
    });
    A.param.data[A.index] = a0;
    B.param.data[B.index] = b0;
    return { a, b, values };
  }
}
