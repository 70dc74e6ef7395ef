import type { Tensor } from '../tensor/tensor.ts';
import { formatShape } from '../tensor/shape.ts';
import type { Module } from '../nn/module.ts';
import type { Optimizer } from '../optim/optimizer.ts';
import { clipGradNorm } from '../optim/clip.ts';
import { TrainingError } from './errors.ts';
import { FiniteGuard, type StepPosition } from './guard.ts';
import { resolveLoss, type LossFn, type LossName, type Targets } from './losses.ts';

/** Rows to train on: inputs `x` ([B, ...]) and their targets (a `batches()` batch is one). */
export interface TrainBatch {
  x: Tensor;
  y: Targets;
}

export interface TrainStepOptions {
  /** Takes the step; its `lr` is the step's learning rate (set it, or let an LRScheduler set it, between steps). */
  optimizer: Optimizer;
  /** A function (output, targets) → scalar Tensor, or a name; default: the model's own `loss` (LogisticRegression), else crossEntropy. */
  loss?: LossFn | LossName;
  /** Clip the global gradient norm to this value before the update (PyTorch's clip_grad_norm_). */
  clip?: number;
  /**
   * Check the loss and gradients before the update, and the parameters after it, for NaN/±Infinity (default true):
   * a non-finite loss or gradient throws NonFiniteLossError before any parameter changes, and an update that makes a
   * parameter non-finite is undone before it throws.
   */
  checkFinite?: boolean;
  /** Where the step stands in your run, for NonFiniteLossError (default: the optimizer's next step, epoch and batch 0). */
  at?: StepPosition;
}

/** What one step did: what `fit` records in its history and passes to callbacks, and the batch's output. */
export interface StepResult {
  /** The batch's loss before the update (an entry of `history.stepLoss`). */
  loss: number;
  /** Rows in the batch (`history.loss` is the epoch's row-weighted mean of `loss`). */
  batchSize: number;
  /** The learning rate of this update. */
  lr: number;
  /** The global gradient norm before clipping, when `clip` is set. */
  gradNorm?: number;
  /** The model's output for the batch, detached from the graph: for accuracy and other metrics. */
  output: Tensor;
}

/** A resolved step: what `trainStep` checks once per call and `fit` once per run. */
export interface StepSetup {
  loss: LossFn;
  optimizer: Optimizer;
  clip: number | undefined;
  guard: FiniteGuard | null;
}

/**
 * One training step, the whole of what `fit` does per batch:
 *
 *     zero the gradients → output = model(x) → loss(output, y) → backward → clip → optimizer.step()
 *
 * guarded against NaN/±Infinity (see `checkFinite`). Returns the loss and what `fit` records, so a hand-written
 * loop over `batches()` trains exactly as `fit` does:
 *
 *     for (const batch of batches(train, { batchSize: 32, shuffle: true, seed: 0 })) {
 *       const { loss } = trainStep(model, batch, { optimizer, clip: 1 });
 *     }
 */
export function trainStep(model: Module, batch: TrainBatch, options: TrainStepOptions): StepResult {
  const { optimizer, clip } = options;
  checkClip('trainStep', 'clip', clip);
  const guard = options.checkFinite === false ? null : guardFor(model, optimizer);
  const at = options.at ?? { epoch: 0, step: optimizer.stepCount + 1, batch: 0 };
  return takeStep('trainStep', model, batch, { loss: resolveLoss(model, options.loss), optimizer, clip, guard }, at);
}

/** `trainStep` once its options are resolved; `where` names the caller in errors (fit or trainStep). */
export function takeStep(where: string, model: Module, { x, y }: TrainBatch, setup: StepSetup, at: StepPosition): StepResult {
  const { optimizer, guard } = setup;
  optimizer.zeroGrad();
  model.zeroGrad();
  const output = model.forward(x);
  const lossTensor = setup.loss(output, y);
  if (lossTensor.size !== 1) throw new TrainingError(`${where}: the loss must be a scalar, got shape ${formatShape(lossTensor.shape)}`);
  if (!lossTensor.requiresGrad) throw new TrainingError(`${where}: the loss does not depend on any parameter that requires grad`);
  const loss = lossTensor.item();
  const lr = optimizer.lr;
  lossTensor.backward();
  guard?.checkBeforeStep(loss, at);
  const gradNorm = setup.clip === undefined ? undefined : clipGradNorm(optimizer.params, setup.clip);
  guard?.save();
  optimizer.step();
  guard?.checkAfterStep(loss, at);
  const result: StepResult = { loss, batchSize: x.shape[0]!, lr, output: output.detach() };
  if (gradNorm !== undefined) result.gradNorm = gradNorm;
  return result;
}

/** Refuses a clipping norm that is not a positive finite number, naming the caller and option. */
export function checkClip(where: string, option: string, clip: number | undefined): void {
  if (clip !== undefined && !(clip > 0 && Number.isFinite(clip)))
    throw new RangeError(`${where}: ${option} must be a positive finite number, got ${String(clip)}`);
}

/** One guard per optimizer, so repeated trainStep calls reuse its backup buffers (rebuilt for another model). */
const guards = new WeakMap<Optimizer, { model: Module; guard: FiniteGuard }>();

function guardFor(model: Module, optimizer: Optimizer): FiniteGuard {
  const cached = guards.get(optimizer);
  if (cached?.model === model) return cached.guard;
  const guard = FiniteGuard.over(model, optimizer);
  guards.set(optimizer, { model, guard });
  return guard;
}
