import type { Module } from '../nn/module.ts';
import { grad } from '../tensor/grad.ts';
import { Tensor } from '../tensor/tensor.ts';
import { fmt, plural } from './assertion-error.ts';
import { orThrow, type CheckOutcome } from './batch.ts';
import { preserving } from './model-state.ts';

export interface BatchIndependenceOptions {
  /** How many samples to trace, from the first (default 8). */
  samples?: number;
  /** Run in evaluation mode (default true: BatchNorm mixes the batch by design in training mode, and only there). */
  eval?: boolean;
}

/** For each traced sample i, the other samples whose inputs the gradient of Σ output[i] reaches; the model is left as found. */
export function checkBatchIndependence(model: Module, x: Tensor, options: BatchIndependenceOptions = {}): CheckOutcome {
  const n = x.shape[0] ?? 1;
  if (x.ndim < 1 || n < 2)
    throw new RangeError(`assertBatchIndependence: x must hold at least two samples along dimension 0, got shape [${x.shape.join(', ')}]`);
  return preserving(model, () => {
    if (options.eval ?? true) model.eval();
    const per = x.size / n;
    const leaks: string[] = [];
    for (let i = 0; i < Math.min(n, options.samples ?? 8); i++) {
      const input = new Tensor(Float64Array.from(x.data), x.shape, true);
      const out = model.forward(input);
      if ((out.shape[0] ?? 1) !== n)
        throw new RangeError(
          `assertBatchIndependence: ${n} samples in, ${out.shape[0] ?? 1} out; the output's dimension 0 must be the batch`,
        );
      if (!out.requiresGrad) continue;
      const mask = new Float64Array(n);
      mask[i] = 1;
      const picked = out.mul(new Tensor(mask, [n, ...out.shape.slice(1).map(() => 1)])).sum();
      const [g] = grad(picked, [input], { allowUnused: true });
      if (!g) continue;
      const into: string[] = [];
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        let worst = 0;
        for (let k = j * per; k < (j + 1) * per; k++) worst = Math.max(worst, Math.abs(g.data[k]!));
        if (worst !== 0 || g.data.slice(j * per, (j + 1) * per).some(Number.isNaN)) into.push(`${j} (|∂| up to ${fmt(worst)})`);
      }
      // Three inputs name the leak; a batch-wide mean would otherwise list every row for every output.
      const more = into.length > 3 ? ` and ${into.length - 3} more` : '';
      if (into.length > 0) leaks.push(`output ${i} depends on input ${into.slice(0, 3).join(', ')}${more}`);
    }
    if (leaks.length === 0)
      return { passed: true, message: `each of ${plural(Math.min(n, options.samples ?? 8), 'sample')} depends on its own input only` };
    return {
      passed: false,
      message:
        `samples mix across the batch: ${leaks.slice(0, 3).join('; ')}${leaks.length > 3 ? `; and ${plural(leaks.length - 3, 'more output')} like them` : ''}.\n` +
        'Likely causes: a normalization or mean over dimension 0 (the batch) instead of the features, a reshape or transpose that moves values between rows, or BatchNorm left in training mode.',
    };
  });
}

/**
 * Throws an AssertionError unless the output of sample i depends on input i only (Karpathy's "use backprop to chart
 * dependencies"): the gradient of Σ output[i] with respect to the inputs must be exactly zero on every other row.
 * Names the samples it leaks into. Runs in evaluation mode unless `{ eval: false }`.
 */
export function assertBatchIndependence(model: Module, x: Tensor, options: BatchIndependenceOptions = {}): void {
  orThrow(checkBatchIndependence(model, x, options));
}
