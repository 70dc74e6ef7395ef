import type { ModuleState } from '../nn/module.ts';
import { formatNumber } from '../util/format-number.ts';
import type { Callback } from './callbacks.ts';
import type { FitOptions } from './fit-options.ts';
import type { BestEpoch, History } from './history.ts';
import type { Progress } from './progress.ts';

export type { BestEpoch } from './history.ts';

export interface ValidationWatchOptions {
  /** Epochs in a row without a new lowest validation loss, ending 2 % or more above it, that count as "risen". */
  patience: number;
  /** Put back the weights of the lowest-validation-loss epoch when training ends. */
  restoreBest?: boolean;
  /** Where the watch says what it saw (fit's progress output). */
  note?: (line: string) => void;
  /** Appended to the "has risen" note: what the caller can do about it. */
  hint?: string;
  /** Validation losses of epochs already run (a resumed run): their best counts, but its weights are not at hand. */
  earlier?: readonly number[];
}

/** How far above its lowest value the validation loss must be before it is reported as rising. */
const RISE = 1.02;

/** A run's default patience for the watch: 5 epochs, or a twentieth of the run when that is longer. */
export function defaultPatience(epochs: number): number {
  return Math.max(5, Math.ceil(epochs / 20));
}

/** `fit`'s watch over the validation loss (null without validation data), reporting through its progress. */
export function validationWatch(
  options: FitOptions,
  hasValidation: boolean,
  epochs: number,
  history: History,
  progress: Progress,
  callbacks: readonly Callback[],
): ReturnType<typeof watchValidation> | null {
  if (options.restoreBest !== undefined && typeof options.restoreBest !== 'boolean')
    throw new TypeError(`fit: restoreBest must be true or false, got ${String(options.restoreBest)}`);
  if (!hasValidation) {
    if (options.restoreBest) throw new RangeError('fit: restoreBest picks the epoch with the lowest val loss; pass validationData');
    return null;
  }
  return watchValidation({
    patience: defaultPatience(epochs),
    restoreBest: options.restoreBest === true,
    note: (line) => progress.note(line),
    // No advice when the run already stops on the validation loss or keeps the best weights.
    hint:
      options.restoreBest || callbacks.some((cb) => 'monitor' in cb)
        ? undefined
        : "restoreBest: true keeps that epoch's weights, earlyStopping() stops there",
    earlier: history.valLoss,
  });
}

/**
 * Watches the validation loss after every epoch: remembers the epoch where it was lowest (and, with
 * `restoreBest`, that epoch's weights), says once when it has not improved for `patience` epochs and
 * stands ≥ 2 % above its lowest — the textbook sign of overfitting — and with `restoreBest` loads the
 * best weights back when training ends. `summary()` is what `fit` puts in History.best.
 */
export function watchValidation(options: ValidationWatchOptions): Callback & { summary(): BestEpoch | null } {
  const earlier = options.earlier ?? [];
  let best = Infinity;
  let bestEpoch = 0;
  earlier.forEach((v, i) => {
    if (v < best) [best, bestEpoch] = [v, i + 1];
  });
  let last = earlier.at(-1) ?? NaN;
  let lastEpoch = earlier.length;
  let bestState: ModuleState | null = null;
  let rose = false;
  let restored = false;
  return {
    onEpochEnd(epoch, logs, control) {
      const v = logs.valLoss;
      if (v === undefined || Number.isNaN(v)) return;
      [last, lastEpoch] = [v, epoch];
      if (v < best) {
        [best, bestEpoch, rose] = [v, epoch, false];
        if (options.restoreBest) bestState = control.model.stateDict();
        return;
      }
      if (!rose && epoch - bestEpoch >= options.patience && v >= best * RISE) {
        rose = true;
        options.note?.(
          `val loss has risen for ${epoch - bestEpoch} epochs: lowest ${formatNumber(best)} at epoch ${bestEpoch}, ${formatNumber(v)} now, a sign of overfitting${options.hint ? `; ${options.hint}` : ''}`,
        );
      }
    },
    onTrainEnd(control) {
      if (!options.restoreBest || bestEpoch === 0 || bestEpoch === lastEpoch) return;
      if (bestState) {
        control.model.loadStateDict(bestState);
        restored = true; // fit's closing summary says so
      } else {
        options.note?.(
          `the lowest val loss (${formatNumber(best)}) was at epoch ${bestEpoch}, before the resumed checkpoint, whose weights are not kept; the model keeps the last epoch's`,
        );
      }
    },
    summary() {
      return bestEpoch === 0 ? null : { epoch: bestEpoch, valLoss: best, lastValLoss: last, rose, restored };
    },
  };
}
