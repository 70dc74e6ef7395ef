import type { Module } from '../nn/module.ts';
import { withMode } from '../nn/modes.ts';
import type { TrainingData } from '../data/batches.ts';
import type { History } from './history.ts';
import type { FitOptions } from './fit-options.ts';
import { prepareFit } from './fit-setup.ts';
import { takeStep } from './step.ts';

export type { History } from './history.ts';
export type { FitOptions } from './fit-options.ts';

/**
 * Trains `model` on `data` with mini-batch gradient steps; see FitOptions for every knob. Each step is
 * `trainStep` (forward, loss, backward, clipping, the optimizer's update, the non-finite guard); everything
 * else is a hook of the run, called in order after each step and each epoch: the epoch's training metrics,
 * validation, its clock, the learning-rate schedule, the history, checkpoints, your callbacks, then progress.
 */
export function fit(model: Module, data: TrainingData, options: FitOptions = {}): History {
  // Steps in training mode (dropout on, BatchNorm1d on batch statistics), validation in evaluation mode; the model's modes are restored at the end.
  return withMode(model, true, () => fitInTrainingMode(model, data, options));
}

function fitInTrainingMode(model: Module, data: TrainingData, options: FitOptions): History {
  const run = prepareFit(model, data, options); // every option checked, a resumed run restored: nothing trained yet
  const { history, control, hooks, tally } = run;
  hooks.trainBegin(control);
  try {
    for (let epoch = run.firstEpoch; epoch <= run.epochs && !control.stopTraining; epoch++) {
      hooks.epochBegin(epoch);
      const lr = run.step.optimizer.lr;
      let batch = 0;
      for (const { x, y } of run.loader) {
        const at = { epoch, step: ++history.steps, batch: ++batch };
        const result = takeStep('fit', model, { x, y }, run.step, at);
        const { output: _, ...logs } = result;
        if (hooks.stepEnd({ ...at, ...logs }, control, result, y)) break;
      }
      hooks.epochEnd({ epoch, loss: tally.loss, lr, steps: batch, timeMs: 0, ...tally.metrics() }, control);
    }
  } catch (error) {
    hooks.abort();
    throw error;
  }
  history.stopped = control.stopTraining;
  hooks.trainEnd(control);
  history.timeMs = run.elapsed();
  return history;
}
