import type { Optimizer } from '../optim/optimizer.ts';
import type { Hyperparameters } from '../optim/options.ts';
import type { LRScheduler } from '../optim/lr-scheduler.ts';
import type { Schedule } from '../optim/schedules.ts';
import type { TrainingData } from '../data/batches.ts';
import type { CheckpointOptions } from '../checkpoint/options.ts';
import type { CheckpointStore } from '../platform.ts';
import type { AnyMethodName } from './methods.ts';
import type { Callback } from './callbacks.ts';
import type { LossFn, LossName } from './losses.ts';
import type { MetricName } from './metrics.ts';
import type { LogTarget, Verbosity } from './progress.ts';
import type { Metric } from './setup.ts';

export interface FitOptions {
  /** Passes over the training data (default 10). */
  epochs?: number;
  /**
   * An optimizer instance, or a method name: gd, sgd, minibatch, momentum, adagrad, rmsprop, adam (default
   * 'adam'), or adamw, amsgrad, adamax, nesterov.
   */
  optimizer?: Optimizer | AnyMethodName;
  /** Learning rate: overrides the method's default, or sets the instance's lr. */
  lr?: number;
  /** Further options for a method's optimizer, e.g. { momentum: 0.95 }. */
  optimizerOptions?: Hyperparameters;
  /** Samples per step; default: the method's (N for gd, 1 for sgd, 32 otherwise), or 32 with an instance. */
  batchSize?: number;
  /** Default: the model's own `loss` method when it has one (LogisticRegression), else crossEntropy. */
  loss?: LossFn | LossName;
  /** Default ['accuracy'] for class labels, none for real targets. */
  metrics?: readonly (MetricName | Metric)[];
  /** Reshuffle the samples every epoch (default true), from `seed` (default 0). */
  shuffle?: boolean;
  seed?: number | string;
  /**
   * Scored after every epoch: valLoss and val-prefixed metrics (valAccuracy, …). fit remembers the epoch
   * of the lowest val loss (History.best) and says when the val loss has risen for a while after it.
   * Hold these rows out of the training data, and keep a test set apart from both (touched once, at the end).
   */
  validationData?: TrainingData;
  /** At the end, put back the weights of the epoch with the lowest val loss (needs validationData; default false). */
  restoreBest?: boolean;
  callbacks?: Callback | readonly Callback[];
  /** Learning-rate schedule, stepped after every epoch (default) or every step (`schedulerInterval`). */
  scheduler?: LRScheduler | Schedule;
  schedulerInterval?: 'epoch' | 'step';
  /** Clip the global gradient norm to this value before each update. */
  clipGradNorm?: number;
  /** Check the loss, gradients and parameters for NaN/±Infinity every step (default true). */
  checkFinite?: boolean;
  /** 0 silent, 1 bar on a terminal / lines otherwise (default), 2 lines always. `quiet: true` is verbose 0. */
  verbose?: Verbosity;
  quiet?: boolean;
  /** Where progress goes (default: the platform's, process.stdout in Node; elsewhere console.log lines). */
  log?: LogTarget;
  /** Plain-line mode: print every k-th epoch (default ⌈epochs/20⌉). */
  logEvery?: number;
  /** Milliseconds clock (default performance.now), for reproducible timings in tests. */
  now?: () => number;
  /** Save a checkpoint (saveCheckpoint) after every epoch, or every `every` epochs and after the last. */
  checkpoint?: string | CheckpointOptions;
  /**
   * Continue from a checkpoint file: restores the weights, the optimizer and scheduler state, the
   * shuffling generator and the history, then trains epochs (saved epoch + 1)..`epochs` (Keras'
   * initial_epoch). Pass the same model, optimizer, schedule and batch size as the saved run.
   */
  resumeFrom?: string;
  /** Where `checkpoint` and `resumeFrom` live (default: the platform's, files in Node; e.g. memoryStore() in a browser). */
  checkpointStore?: CheckpointStore;
}
