import type { Schedule } from './schedules.ts';
import type { Transform } from './transform.ts';
import { stepTransform } from './pending-step.ts';

/**
 * The learning rate, and the sign that turns a direction into a descent step:
 *
 *     u ← −lr_t·u,   lr_t = lr·schedule(k)   (k: the optimizer's updates before this one; lr_t = lr without a schedule)
 *
 * The scale is kept pending until the optimizer applies the step, so a preceding divisor is
 * applied after it, in PyTorch's order (see pending-step.ts). A schedule here counts optimizer steps, which
 * stateDict saves, so resuming continues it exactly; `LRScheduler` instead sets the `lr` option from outside.
 */
export function scaleByLr(schedule?: Schedule): Transform<{ lr: number }> {
  if (schedule !== undefined && typeof schedule !== 'function')
    throw new TypeError('scaleByLr: schedule must be a function of the step count');
  return stepTransform({
    name: 'scaleByLr',
    defaults: {},
    required: ['lr'],
    pendingOnly: true,
    updateAll(ps, { lr }) {
      if (ps.length === 0) return;
      const lrT = schedule === undefined ? lr : lr * scheduled(schedule, ps[0]!.step - 1);
      for (const p of ps) {
        p.lr = lrT;
        p.scale *= -lrT; // 1·(−lr) is exact: the step size is PyTorch's
      }
    },
  });
}

function scheduled(schedule: Schedule, k: number): number {
  const factor = schedule(k);
  if (typeof factor !== 'number' || !(factor >= 0 && Number.isFinite(factor))) {
    throw new RangeError(`scaleByLr: the schedule returned ${String(factor)} at step ${k}; it must be a finite number ≥ 0`);
  }
  return factor;
}
