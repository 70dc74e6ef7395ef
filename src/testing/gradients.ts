import type { Module } from '../nn/module.ts';
import { Optimizer } from '../optim/optimizer.ts';
import { SGD } from '../optim/sgd.ts';
import type { Tensor } from '../tensor/tensor.ts';
import type { Targets } from '../train/losses.ts';
import { plural } from './assertion-error.ts';
import { lossOf, orThrow, row, targetsOf, type Batch, type CheckOutcome, type LossOptions } from './batch.ts';
import { preserving } from './model-state.ts';

/** The gradient every parameter gets from one backward pass of the batch's loss; the model is left as found. */
export function checkEveryParameterGetsGradient(model: Module, batch: Batch, options: LossOptions = {}): CheckOutcome {
  return preserving(model, () => {
    const named = model.namedParameters();
    for (const [, p] of named) p.grad = null;
    lossOf(model, options)(batch.x, targetsOf(batch.y)).backward();
    const none = named.filter(([, p]) => p.grad === null).map(([n]) => n);
    let zero = named.filter(([, p]) => p.grad?.data.every((v) => v === 0) === true).map(([n]) => n);
    // A batch's gradient can cancel exactly (a bias at a symmetric start on balanced classes): such a parameter is
    // flagged only when every one of the first rows, alone, gives it a zero gradient too.
    const rows = Math.min(8, batch.x.shape[0] ?? 1);
    for (let r = 0; r < rows && zero.length > 0; r++) {
      for (const [, p] of named) p.grad = null;
      const { x, y } = row(batch, r);
      lossOf(model, options)(x, y).backward();
      zero = zero.filter((n) => named.find(([m]) => m === n)![1].grad?.data.every((v) => v === 0) ?? true);
    }
    const lines: string[] = [];
    if (none.length > 0)
      lines.push(
        `no gradient (null) for ${none.join(', ')}: the loss does not depend on ${none.length === 1 ? 'it' : 'them'}. Likely causes: never used in forward, or a detach() (or a value read through .data) on the path from ${none.length === 1 ? 'it' : 'them'} to the output.`,
      );
    if (zero.length > 0)
      lines.push(
        `an all-zero gradient for ${zero.join(', ')}. Likely causes: a detach() on the path, multiplied by zero, ReLUs that are dead for every row of the batch, or a saturated sigmoid/tanh.`,
      );
    const ok = named.length - none.length - zero.length;
    return lines.length === 0
      ? { passed: true, message: `all ${plural(named.length, 'parameter')} get a non-zero gradient` }
      : { passed: false, message: `${ok} of ${plural(named.length, 'parameter')} get a gradient; ${lines.join('\n')}` };
  });
}

/**
 * Throws an AssertionError naming every parameter whose gradient is null or all zeros after one backward pass
 * of the loss on `batch` (what PyTorch's DDP calls an unused parameter), with the likely causes.
 */
export function assertEveryParameterGetsGradient(model: Module, batch: Batch, options: LossOptions = {}): void {
  orThrow(checkEveryParameterGetsGradient(model, batch, options));
}

export interface ParametersChangeOptions extends LossOptions {
  /** Parameters (by name, or the tensors themselves) that must stay bit-identical through the step. */
  frozen?: readonly (string | Tensor)[];
  /**
   * The optimizer: an instance (its state is restored afterwards) or a function of the parameters that builds one.
   * Default: SGD with lr 0.1 over the parameters not listed in `frozen`.
   */
  optimizer?: Optimizer | ((params: Tensor[]) => Optimizer);
}

/** One optimizer step: which trainable parameters changed and which frozen ones did; the model is left as found. */
export function checkParametersChange(model: Module, batch: Batch, options: ParametersChangeOptions = {}): CheckOutcome {
  const named = model.namedParameters();
  const frozen = new Set(
    (options.frozen ?? []).map((f) => {
      if (typeof f !== 'string') return f;
      const found = named.find(([n]) => n === f);
      if (!found) throw new RangeError(`assertParametersChange: frozen parameter "${f}" is not one of ${named.map(([n]) => n).join(', ')}`);
      return found[1];
    }),
  );
  const given = options.optimizer instanceof Optimizer ? options.optimizer : undefined;
  const watched: [string, Tensor][] = [
    ...named,
    ...[...frozen].filter((t) => !named.some(([, p]) => p === t)).map((t): [string, Tensor] => ['a frozen tensor', t]),
  ];
  const trainable = named.filter(([, p]) => !frozen.has(p)).map(([, p]) => p);
  /** One step on (x, y) from the model as it is; which watched tensors changed (bit for bit). The model is put back. */
  const changedBy = (x: Tensor, y: Targets): boolean[] =>
    preserving(
      model,
      () => {
        const optimizer =
          given ?? (typeof options.optimizer === 'function' ? options.optimizer(trainable) : new SGD(trainable, { lr: 0.1 }));
        const before = watched.map(([, p]) => Float64Array.from(p.data));
        for (const [, p] of named) p.grad = null;
        lossOf(model, options)(x, y).backward();
        optimizer.step();
        return watched.map(([, p], i) => !p.data.every((v, k) => Object.is(v, before[i]![k])));
      },
      given,
    );
  const changed = changedBy(batch.x, targetsOf(batch.y));
  const moved = watched.filter(([, p], i) => frozen.has(p) && changed[i]).map(([n]) => n);
  // A batch's gradient can cancel exactly (a bias at a symmetric start on balanced classes): a parameter counts as
  // stuck only when a step on each of the first rows alone leaves it unchanged too.
  let stuck = watched.map(([, p], i) => !frozen.has(p) && !changed[i]);
  for (let r = 0; r < Math.min(8, batch.x.shape[0] ?? 1) && stuck.some(Boolean); r++) {
    const { x, y } = row(batch, r);
    const again = changedBy(x, y);
    stuck = stuck.map((s, i) => s && !again[i]);
  }
  const stuckNames = watched.filter((_, i) => stuck[i]).map(([n]) => n);
  const lines: string[] = [];
  if (stuckNames.length > 0)
    lines.push(`did not change: ${stuckNames.join(', ')} (no gradient, an all-zero gradient, or not in the optimizer's params)`);
  if (moved.length > 0) lines.push(`frozen but changed: ${moved.join(', ')} (still in the optimizer's params, or requiresGrad left on)`);
  return lines.length === 0
    ? {
        passed: true,
        message: `one step changed all ${plural(named.length - frozen.size, 'trainable parameter')}${frozen.size > 0 ? ` and left ${frozen.size} frozen bit-identical` : ''}`,
      }
    : { passed: false, message: `one optimizer step: ${lines.join('; ')}` };
}

/**
 * Throws an AssertionError unless one optimizer step on `batch` changes every trainable parameter and leaves the
 * `frozen` ones bit-identical (torchtest's assert_vars_change / assert_vars_same): `did not change: head.bias`.
 */
export function assertParametersChange(model: Module, batch: Batch, options: ParametersChangeOptions = {}): void {
  orThrow(checkParametersChange(model, batch, options));
}
