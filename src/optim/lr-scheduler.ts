import type { Schedule } from './schedules.ts';
import { showValue } from '../util/guards.ts';

/** What a scheduler drives: anything with a settable learning rate (every `Optimizer`). */
export interface HasLearningRate {
  lr: number;
}

/** A scheduler snapshot; plain numbers, so it survives JSON exactly. */
export interface LRSchedulerStateDict {
  baseLr: number;
  count: number;
}

/**
 * Sets `optimizer.lr = baseLr · schedule(count)` at construction (count 0) and after each `step()`,
 * like PyTorch's LambdaLR: call `optimizer.step()` then `scheduler.step()`. The base lr is the
 * optimizer's lr when the scheduler is created.
 */
export class LRScheduler {
  readonly optimizer: HasLearningRate;
  readonly schedule: Schedule;
  private base: number;
  private steps = 0;

  constructor(optimizer: HasLearningRate, schedule: Schedule) {
    if (typeof schedule !== 'function') throw new TypeError('LRScheduler: schedule must be a function of the step count');
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- validates input from untyped (JavaScript or JSON) callers
    if (typeof optimizer?.lr !== 'number') {
      throw new TypeError(`LRScheduler: optimizer must be an Optimizer (something with a numeric lr), got ${showValue(optimizer)}`);
    }
    this.optimizer = optimizer;
    this.schedule = schedule;
    this.base = optimizer.lr;
    this.apply();
  }

  /** The optimizer's lr before any schedule was applied. */
  get baseLr(): number {
    return this.base;
  }

  /** How many times `step()` has run (the t passed to the schedule). */
  get count(): number {
    return this.steps;
  }

  /** The lr now in force. */
  get lr(): number {
    return this.optimizer.lr;
  }

  step(): void {
    this.steps++;
    this.apply();
  }

  stateDict(): LRSchedulerStateDict {
    return { baseLr: this.base, count: this.steps };
  }

  loadStateDict(dict: LRSchedulerStateDict): void {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- validates input from untyped (JavaScript or JSON) callers
    if (typeof dict !== 'object' || dict === null)
      throw new TypeError(`LRScheduler.loadStateDict: expected { baseLr, count }, got ${String(dict)}`);
    const { baseLr, count } = dict;
    if (typeof baseLr !== 'number' || !(baseLr >= 0 && Number.isFinite(baseLr))) {
      throw new RangeError(`LRScheduler.loadStateDict: baseLr must be a finite number ≥ 0, got ${String(baseLr)}`);
    }
    if (!(Number.isInteger(count) && count >= 0)) {
      throw new RangeError(`LRScheduler.loadStateDict: count must be an integer ≥ 0, got ${String(count)}`);
    }
    this.base = baseLr;
    this.steps = count;
    this.apply();
  }

  private apply(): void {
    const factor = this.schedule(this.steps);
    if (typeof factor !== 'number' || !(factor >= 0 && Number.isFinite(factor))) {
      throw new RangeError(`LRScheduler: the schedule returned ${String(factor)} at step ${this.steps}; it must be a finite number ≥ 0`);
    }
    this.optimizer.lr = this.base * factor;
  }
}
