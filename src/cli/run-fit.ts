import type { TrainingData } from '../data/batches.ts';
import type { Module } from '../nn/module.ts';
import type { Callback, EpochLogs } from '../train/callbacks.ts';
import { NonFiniteLossError } from '../train/errors.ts';
import { fit, type FitOptions, type History } from '../train/fit.ts';
import { defaultClock } from '../platform.ts';
import { nonFiniteDivergence, type Divergence } from './divergence.ts';

/** How a CLI run of `fit` ended: its history, or how it left the finite numbers, and whether it was stopped. */
export interface FitOutcome {
  /** Null when the run left the finite numbers (fit throws then, and returns no history). */
  history: History | null;
  /** The completed epochs (a stopped run's partial last epoch is left out). */
  epochs: EpochLogs[];
  steps: number;
  timeMs: number;
  stopped: boolean;
  failure: Divergence | null;
}

/**
 * `fit`, asked after every step whether to stop (Ctrl-C), with a run that leaves the finite numbers
 * returned as a divergence instead of thrown: the model keeps its last finite weights, and the CLI
 * reports the run rather than a stack trace. `stepsPerEpoch` tells a complete epoch from a stopped one.
 */
export function guardedFit(
  model: Module,
  data: TrainingData,
  options: FitOptions,
  stepsPerEpoch: number,
  stop?: () => boolean,
): FitOutcome {
  // Kept by a callback too, for a run that ends in NonFiniteLossError.
  const seen: EpochLogs[] = [];
  let steps = 0;
  let stopped = false;
  const record: Callback = {
    onStepEnd: (step) => {
      steps = step;
      if (!stop?.()) return undefined;
      stopped = true;
      return 'stop';
    },
    onEpochEnd: (_, logs) => void seen.push(logs),
  };
  const given: readonly Callback[] =
    options.callbacks === undefined ? [] : Array.isArray(options.callbacks) ? options.callbacks : [options.callbacks as Callback];
  const started = defaultClock();
  let history: History | null = null;
  let failure: Divergence | null = null;
  try {
    history = fit(model, data, { ...options, callbacks: [...given, record] });
  } catch (error) {
    if (!(error instanceof NonFiniteLossError)) throw error;
    failure = nonFiniteDivergence(error);
  }
  const epochs = (history?.epochs ?? seen).filter((e) => !stopped || e.steps === stepsPerEpoch);
  return { history, epochs, steps: history?.steps ?? steps, timeMs: history?.timeMs ?? defaultClock() - started, stopped, failure };
}
