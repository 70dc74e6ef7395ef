import { defaultClock, getPlatform, type LogTarget } from '../platform.ts';
import { formatNumber } from '../util/format-number.ts';
import type { BestEpoch } from './history.ts';

export type { LogTarget, Writer } from '../platform.ts';

/**
 * 0: silent. 1: a progress bar redrawn in place on a terminal, plain lines otherwise. 2: plain lines
 * even on a terminal (for logs captured from a terminal session).
 */
export type Verbosity = 0 | 1 | 2;

export interface ProgressOptions {
  epochs: number;
  stepsPerEpoch: number;
  verbose?: Verbosity;
  /** Default: the platform's (process.stdout in Node), else console.log lines. */
  log?: LogTarget;
  /** Plain lines: print every k-th epoch (and the first and last). Default ⌈epochs / 20⌉, so at most ~21 lines. */
  logEvery?: number;
  /** Milliseconds clock, injectable for tests (default performance.now). */
  now?: () => number;
}

/** console.log as a line callback, where there is a console; otherwise nothing is shown. */
function consoleLines(): LogTarget {
  const console = (globalThis as { console?: { log(line: string): void } }).console;
  return (line) => console?.log(line);
}

/** Per-epoch values to show, e.g. { loss, accuracy, valLoss, valAccuracy }. */
export type ShownLogs = Readonly<Record<string, number | undefined>>;

const HIDDEN = new Set(['epoch', 'lr', 'timeMs', 'steps']);
const REDRAW_MS = 100;
const BAR_WIDTH = 20;

/** 0.42s, 12.3s, 2m05s, 1h02m. */
export function formatDuration(ms: number): string {
  const s = ms / 1000;
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${s < 10 ? s.toFixed(2) : s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(Math.floor(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

const TRAINING_METRICS = new Set(['accuracy', 'precision', 'recall', 'f1']);

/**
 * What a key of the epoch logs is called in text: `loss` and the training metrics are running means
 * over the epoch's batches, each taken before that batch's step ("train loss (epoch mean)"); the
 * val-prefixed ones are scored on the validation data after the epoch ("val loss", "val accuracy").
 */
export function logLabel(key: string): string {
  if (key === 'loss') return 'train loss (epoch mean)';
  if (TRAINING_METRICS.has(key)) return `train ${key} (epoch mean)`;
  const val = /^val([A-Z].*)$/.exec(key);
  if (val) return `val ${val[1]![0]!.toLowerCase()}${val[1]!.slice(1)}`;
  return key;
}

/** "train loss (epoch mean) 0.1234 · train accuracy (epoch mean) 0.9500 · val loss 0.2000": every shown key in order, skipping bookkeeping ones. */
export function formatLogs(logs: ShownLogs): string {
  return Object.entries(logs)
    .filter((e): e is [string, number] => !HIDDEN.has(e[0]) && typeof e[1] === 'number')
    .map(([k, v]) => `${logLabel(k)} ${formatNumber(v)}`)
    .join(' · ');
}

/** Training progress for `fit`: a redrawn bar on a terminal, plain epoch lines elsewhere, or nothing. */
export class Progress {
  private readonly mode: 'off' | 'bar' | 'lines';
  private readonly write: (text: string) => void;
  private readonly now: () => number;
  private readonly totalSteps: number;
  private readonly every: number;
  private readonly columns: number;
  private startedAt = 0;
  private lastDraw = -Infinity;
  private lineLength = 0;
  private lastPrinted = 0;
  private lastEpoch: { epoch: number; logs: ShownLogs } | null = null;

  constructor(private readonly options: ProgressOptions) {
    const verbose = options.verbose ?? 1;
    if (![0, 1, 2].includes(verbose)) throw new RangeError(`fit: verbose must be 0, 1 or 2, got ${String(verbose)}`);
    const log = options.log ?? getPlatform().log ?? consoleLines();
    if (typeof log === 'function') this.write = (text) => log(text.replace(/\n$/, ''));
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- validates input from untyped (JavaScript or JSON) callers
    else if (log && typeof log.write === 'function') this.write = (text) => void log.write(text);
    else throw new TypeError('fit: log must be a writable stream ({ write(text) }) or a function (line) => void');
    const tty = typeof log !== 'function' && log.isTTY === true;
    this.mode = verbose === 0 ? 'off' : verbose === 1 && tty ? 'bar' : 'lines';
    this.columns = typeof log !== 'function' && log.columns ? log.columns : 100;
    this.now = options.now ?? defaultClock;
    this.totalSteps = options.epochs * options.stepsPerEpoch;
    const every = options.logEvery ?? Math.max(1, Math.ceil(options.epochs / 20));
    if (!(Number.isInteger(every) && every >= 1)) throw new RangeError(`fit: logEvery must be a positive integer, got ${String(every)}`);
    this.every = every;
  }

  start(): void {
    this.startedAt = this.now();
  }

  /** After each optimizer step: `epochLoss` is the running mean loss of the current epoch. */
  step(epoch: number, stepsDone: number, epochLoss: number): void {
    if (this.mode !== 'bar') return;
    const t = this.now();
    if (t - this.lastDraw < REDRAW_MS) return;
    this.draw(epoch, stepsDone, { loss: epochLoss, ...this.validation() }, t);
  }

  epoch(epoch: number, stepsDone: number, logs: ShownLogs): void {
    this.lastEpoch = { epoch, logs };
    if (this.mode === 'bar') this.draw(epoch, stepsDone, { loss: logs.loss, ...this.validation() }, this.now());
    else if (this.mode === 'lines' && (epoch % this.every === 0 || epoch === this.options.epochs || epoch === 1))
      this.printEpoch(epoch, logs);
  }

  /** A line of its own between the epoch lines (a bar in progress is ended first); nothing when silent. */
  note(text: string): void {
    if (this.mode === 'off') return;
    if (this.mode === 'bar' && this.lineLength > 0) this.write('\n');
    this.lineLength = 0;
    this.write(`${text}\n`);
  }

  /**
   * Ends the bar's line and prints a summary; `stopped` says a callback ended training early, `best`
   * names the epoch of the lowest validation loss when it was not the last.
   */
  finish(summary: { epochs: number; steps: number; stopped: boolean; best?: BestEpoch | null }): void {
    if (this.mode === 'off') return;
    if (this.mode === 'bar') this.write(this.lineLength > 0 ? '\n' : '');
    else if (this.lastEpoch && this.lastPrinted !== this.lastEpoch.epoch) this.printEpoch(this.lastEpoch.epoch, this.lastEpoch.logs);
    const elapsed = formatDuration(this.now() - this.startedAt);
    const stopped = summary.stopped ? ' (stopped early)' : '';
    const last = this.lastEpoch ? `; last epoch: ${formatLogs(this.lastEpoch.logs)}` : '';
    this.write(
      `trained ${summary.epochs} epoch${summary.epochs === 1 ? '' : 's'} (${summary.steps} steps) in ${elapsed}${stopped}${last}\n`,
    );
    const best = summary.best;
    if (best && this.lastEpoch && best.epoch !== this.lastEpoch.epoch)
      this.write(
        `lowest val loss ${formatNumber(best.valLoss)} at epoch ${best.epoch}${best.restored ? ' (its weights restored)' : ` (last epoch: ${formatNumber(best.lastValLoss)})`}\n`,
      );
  }

  /** On an error: end the bar's line so the error message starts on a fresh one. */
  abort(): void {
    if (this.mode === 'bar' && this.lineLength > 0) this.write('\n');
  }

  private validation(): ShownLogs {
    const logs = this.lastEpoch?.logs;
    return logs?.valAccuracy !== undefined ? { valAccuracy: logs.valAccuracy } : {};
  }

  private printEpoch(epoch: number, logs: ShownLogs): void {
    const width = String(this.options.epochs).length;
    const time = logs.timeMs !== undefined ? ` · ${formatDuration(logs.timeMs)}` : '';
    this.write(`epoch ${String(epoch).padStart(width)}/${this.options.epochs} · ${formatLogs(logs)}${time}\n`);
    this.lastPrinted = epoch;
  }

  private draw(epoch: number, stepsDone: number, shown: ShownLogs, t: number): void {
    this.lastDraw = t;
    const fraction = this.totalSteps > 0 ? Math.min(1, stepsDone / this.totalSteps) : 1;
    const filled = Math.round(fraction * BAR_WIDTH);
    const bar = `[${'='.repeat(filled)}${' '.repeat(BAR_WIDTH - filled)}]`;
    const elapsed = t - this.startedAt;
    const eta = stepsDone > 0 ? (elapsed / stepsDone) * (this.totalSteps - stepsDone) : NaN;
    const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
    // ETA before the values, so a narrow terminal cuts the values' tail rather than the ETA.
    let line = `epoch ${epoch}/${this.options.epochs} ${bar} ${percent} · ETA ${formatDuration(eta)} · ${formatLogs(shown)}`;
    line = line.slice(0, Math.max(20, this.columns - 1)).trimEnd();
    const pad = Math.max(0, this.lineLength - line.length);
    this.write(`\r${line}${' '.repeat(pad)}`);
    this.lineLength = line.length;
  }
}
