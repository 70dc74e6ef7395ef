import type { Module } from '../nn/module.ts';
import type { Tensor } from '../tensor/tensor.ts';
import type { Optimizer } from '../optim/optimizer.ts';
import type { OptimizerStateDict } from '../optim/state-dict.ts';

/** Every module in the tree, the root first. */
function modulesOf(model: Module<Tensor[]>): Module<Tensor[]>[] {
  return [model, ...model.namedChildren().flatMap(([, child]) => modulesOf(child))];
}

/**
 * Runs `check` and puts the model back exactly as it was, whatever the check did or threw: parameter values,
 * gradients (the same tensor objects with their values, or null), every module's train/eval mode, and an
 * optimizer's state when one is given.
 */
export function preserving<T>(model: Module<Tensor[]>, check: () => T, optimizer?: Optimizer): T {
  const params = model.parameters();
  const values = params.map((p) => Float64Array.from(p.data));
  const grads = params.map((p) => p.grad);
  const gradValues = grads.map((g) => (g ? Float64Array.from(g.data) : null));
  const modes = modulesOf(model).map((m): [Module<Tensor[]>, boolean] => [m, m.training]);
  const optimizerState: OptimizerStateDict | undefined = optimizer ? structuredClone(optimizer.stateDict()) : undefined;
  try {
    return check();
  } finally {
    params.forEach((p, i) => {
      p.data.set(values[i]!);
      const g = grads[i] ?? null;
      p.grad = g;
      if (g) g.data.set(gradValues[i]!);
    });
    for (const [m, mode] of modes) m.training = mode;
    if (optimizer && optimizerState) optimizer.loadStateDict(optimizerState);
  }
}
