import type { Tensor } from '../tensor/tensor.ts';
import type { Module } from '../nn/module.ts';
import type { Optimizer } from '../optim/optimizer.ts';
import { firstNonFinite } from '../tensor/debug.ts';
import { incrementVersion } from '../tensor/version.ts';
import { NonFiniteLossError, findNonFinite } from './errors.ts';

/** Where a step stands: `step` counts optimizer updates from 1; `epoch` and `batch` from 1 in `fit`, 0 where nobody counts them. */
export interface StepPosition {
  epoch: number;
  step: number;
  batch: number;
}

/**
 * Keeps training on finite weights. Before an update it checks the loss and every gradient; a
 * non-finite one aborts the step, so the parameters are never touched. Finite gradients can still
 * overflow in the update (a huge learning rate), so the parameters are copied before `step()` (a
 * memcpy per parameter, buffers reused) and put back if the update made any of them non-finite.
 */
export class FiniteGuard {
  private readonly backup: Float64Array[];

  constructor(private readonly named: readonly (readonly [string, Tensor])[]) {
    this.backup = named.map(([, p]) => new Float64Array(p.size));
  }

  /** A guard over the model's named parameters and any other tensor the optimizer updates (named `optimizer.params[i]`). */
  static over(model: Module, optimizer: Optimizer): FiniteGuard {
    const named = model.namedParameters();
    const known = new Set(named.map(([, p]) => p));
    optimizer.params.forEach((p, i) => {
      if (!known.has(p)) named.push([`optimizer.params[${i}]`, p]);
    });
    return new FiniteGuard(named);
  }

  /** Throws `NonFiniteLossError` naming the first non-finite parameter or gradient when the loss or a gradient is NaN/±Infinity. */
  checkBeforeStep(loss: number, at: StepPosition): void {
    const lossFinite = Number.isFinite(loss);
    if (lossFinite && this.named.every(([, p]) => p.grad === null || firstNonFinite(p.grad.data) < 0)) return;
    const culprit = findNonFinite(this.named, 'value') ?? findNonFinite(this.named, 'gradient');
    throw new NonFiniteLossError({ ...at, loss, culprit, restored: false });
  }

  /** Copies the parameters' values, to be restored if the coming update breaks them. */
  save(): void {
    this.named.forEach(([, p], i) => this.backup[i]!.set(p.data));
  }

  /** After `optimizer.step()`: if a parameter became non-finite, restores every saved value and throws. */
  checkAfterStep(loss: number, at: StepPosition): void {
    const culprit = findNonFinite(this.named, 'value');
    if (culprit === null) return;
    this.named.forEach(([, p], i) => {
      p.data.set(this.backup[i]!);
      incrementVersion(p, 'the restore after a non-finite step');
    });
    throw new NonFiniteLossError({ ...at, loss, culprit, restored: true });
  }
}
