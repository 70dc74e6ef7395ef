import { makeMoons } from '../../src/data/generated.ts';
import { MLP } from '../../src/nn/mlp.ts';
import {
  AdaGrad,
  Adam,
  Adamax,
  AdamW,
  Momentum,
  RMSProp,
  SGD,
  type Optimizer,
  type Schedule,
  cosineDecay,
  exponentialDecay,
  inverseSqrtDecay,
  linearWarmup,
  stepDecay,
} from '../../src/optim/index.ts';
import type { Tensor } from '../../src/tensor/index.ts';
import { fit, type FitOptions, type History } from '../../src/train/fit.ts';

/**
 * The runs the resume test compares, shared by the test and the child process that resumes them:
 * every optimizer (and its variants), each with a learning-rate schedule stepped per epoch or per step.
 */
interface ResumeCase {
  optimizer: (params: Tensor[]) => Optimizer | 'adam';
  /** With a method name: the learning rate to use. */
  lr?: number;
  schedule?: () => Schedule;
  interval?: 'epoch' | 'step';
}

export const CASES: Record<string, ResumeCase> = {
  SGD: { optimizer: (p) => new SGD(p, { lr: 0.1, weightDecay: 1e-3 }), schedule: () => stepDecay({ stepSize: 3, gamma: 0.5 }) },
  Momentum: { optimizer: (p) => new Momentum(p, { lr: 0.05 }), schedule: () => cosineDecay({ totalSteps: 70 }), interval: 'step' },
  'Momentum nesterov': {
    optimizer: (p) => new Momentum(p, { lr: 0.05, nesterov: true, weightDecay: 1e-3 }),
    schedule: () => exponentialDecay({ gamma: 0.9 }),
  },
  AdaGrad: { optimizer: (p) => new AdaGrad(p, { lr: 0.1, initialAccumulator: 0.1 }), schedule: inverseSqrtDecay, interval: 'step' },
  RMSProp: { optimizer: (p) => new RMSProp(p, { lr: 0.01 }), schedule: () => linearWarmup({ warmupSteps: 8 }), interval: 'step' },
  'RMSProp momentum centered': {
    optimizer: (p) => new RMSProp(p, { lr: 0.005, momentum: 0.9, centered: true }),
    schedule: () => cosineDecay({ totalSteps: 10, minFactor: 0.1 }),
  },
  Adam: {
    optimizer: (p) => new Adam(p, { lr: 0.01 }),
    schedule: () => linearWarmup({ warmupSteps: 5, after: cosineDecay({ totalSteps: 60 }) }),
    interval: 'step',
  },
  'Adam amsgrad': {
    optimizer: (p) => new Adam(p, { lr: 0.01, amsgrad: true, weightDecay: 1e-3 }),
    schedule: () => stepDecay({ stepSize: 4 }),
  },
  AdamW: {
    optimizer: (p) => new AdamW(p, { lr: 0.01, weightDecay: 0.05 }),
    schedule: () => cosineDecay({ totalSteps: 70 }),
    interval: 'step',
  },
  Adamax: { optimizer: (p) => new Adamax(p, { lr: 0.02 }), schedule: () => exponentialDecay({ gamma: 0.95 }) },
  'method adam, no schedule': { optimizer: () => 'adam', lr: 0.01 },
};

export const EPOCHS = 10;
const train = makeMoons(50, { seed: 1, noise: 0.25 });
const validation = makeMoons(20, { seed: 2, noise: 0.25 });

/** One run of `name` (50 samples in batches of 8, shuffled): the model and fit's history. */
export function runCase(name: string, options: FitOptions): { model: MLP; history: History } {
  const c = CASES[name]!;
  const model = new MLP([2, 8, 2], { seed: 3, activation: 'tanh' });
  const history = fit(model, train, {
    optimizer: c.optimizer(model.parameters()),
    lr: c.lr,
    scheduler: c.schedule?.(),
    schedulerInterval: c.interval,
    batchSize: 8,
    seed: 5,
    validationData: validation,
    metrics: ['accuracy', 'f1'],
    epochs: EPOCHS,
    quiet: true,
    now: () => 0,
    ...options,
  });
  return { model, history };
}

/** What the comparison needs, as JSON: weights as the hex of their float64 bytes (bit-exact), optimizer state, history. */
export function outcome(run: { model: MLP; history: History }): { weights: string[]; optimizer: unknown; history: unknown } {
  const { optimizer, ...history } = run.history;
  return {
    weights: run.model.parameters().map((p) => Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength).toString('hex')),
    optimizer: JSON.parse(JSON.stringify(optimizer.stateDict())),
    history: JSON.parse(JSON.stringify(history)),
  };
}
