import { Tensor } from '../tensor/tensor.ts';
import { Module } from './module.ts';
import { Linear } from './layers.ts';
import { bceWithLogits, crossEntropy, toClassLabels, type Labels } from './losses.ts';
import { registerModel } from './registry.ts';
import { isPositiveInteger } from '../util/guards.ts';

export interface LogisticRegressionOptions {
  /** 2 → binary (one logit, sigmoid + BCE); more → multinomial (softmax + cross-entropy). Default 2. */
  classes?: number;
  /** L2 penalty λ: adds (λ/2)·‖W‖² to the loss (the bias is not penalised). Default 0. */
  l2?: number;
}

export interface LogisticRegressionConfig {
  type: 'LogisticRegression';
  inFeatures: number;
  classes: number;
  l2: number;
}

/**
 * Logistic regression, zero-initialised (the loss is convex, so no random start is needed).
 * Binary: p(y=1|x) = σ(x·w + b). Multinomial: p(y=k|x) = softmax(x·W + b)ₖ.
 */
export class LogisticRegression extends Module {
  readonly linear: Linear;
  readonly classes: number;
  readonly l2: number;

  constructor(
    readonly inFeatures: number,
    options: LogisticRegressionOptions = {},
  ) {
    super();
    this.classes = options.classes ?? 2;
    this.l2 = options.l2 ?? 0;
    if (!Number.isInteger(this.classes) || this.classes < 2)
      throw new RangeError(`LogisticRegression: classes must be an integer ≥ 2, got ${this.classes}`);
    if (!(this.l2 >= 0) || !Number.isFinite(this.l2))
      throw new RangeError(`LogisticRegression: l2 must be a finite number ≥ 0, got ${this.l2}`);
    this.linear = new Linear(inFeatures, this.binary ? 1 : this.classes, { init: 'zeros' });
  }

  get binary(): boolean {
    return this.classes === 2;
  }

  /** Logits: [N, 1] for binary, [N, classes] for multinomial. */
  forward(x: Tensor): Tensor {
    return this.linear.forward(x);
  }

  /** The model's own objective: BCE or cross-entropy on integer labels, plus the L2 penalty. */
  loss(logits: Tensor, labels: Labels): Tensor {
    let data: Tensor;
    if (this.binary) {
      const y = toClassLabels('LogisticRegression.loss', labels, logits.shape[0] ?? 0, 2);
      data = bceWithLogits(logits, new Tensor(Float64Array.from(y), logits.shape));
    } else {
      data = crossEntropy(logits, labels);
    }
    return this.l2 > 0
      ? data.add(
          this.linear.weight
            .pow(2)
            .sum()
            .mul(this.l2 / 2),
        )
      : data;
  }

  config(): LogisticRegressionConfig {
    return { type: 'LogisticRegression', inFeatures: this.inFeatures, classes: this.classes, l2: this.l2 };
  }
}

registerModel('LogisticRegression', {
  type: LogisticRegression,
  toConfig: (m) => m.config(),
  fromConfig: (c) => new LogisticRegression(c.inFeatures as number, { classes: c.classes as number, l2: c.l2 as number }),
  checkConfig(c) {
    if (!isPositiveInteger(c.inFeatures))
      return `LogisticRegression config "inFeatures" must be a positive integer, got ${JSON.stringify(c.inFeatures)}`;
    if (!isPositiveInteger(c.classes) || c.classes < 2)
      return `LogisticRegression config "classes" must be an integer ≥ 2, got ${JSON.stringify(c.classes)}`;
    if (typeof c.l2 !== 'number' || !(c.l2 >= 0) || !Number.isFinite(c.l2))
      return `LogisticRegression config "l2" must be a finite number ≥ 0, got ${JSON.stringify(c.l2)}`;
    return null;
  },
  parameterShapes(c) {
    const out = c.classes === 2 ? 1 : (c.classes as number);
    return [
      ['linear.weight', [c.inFeatures as number, out]],
      ['linear.bias', [out]],
    ];
  },
});
