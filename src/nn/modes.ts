import type { Tensor } from '../tensor/tensor.ts';
import type { Module } from './module.ts';

/**
 * Runs `fn` with `model` and all its sub-modules in training (`training = true`) or evaluation mode, then
 * gives every module back its own flag, even when `fn` throws: `fit` trains in training mode and
 * `evaluate`, `predict` and validation run in evaluation mode, and a model comes back as it was given
 * (a sub-module the user froze in eval mode stays so).
 */
export function withMode<T>(model: Module<Tensor[]>, training: boolean, fn: () => T): T {
  const flags = new Map<Module<Tensor[]>, boolean>();
  const visit = (m: Module<Tensor[]>): void => {
    if (flags.has(m)) return;
    flags.set(m, m.training);
    for (const [, child] of m.namedChildren()) visit(child);
  };
  visit(model);
  if ([...flags.values()].every((t) => t === training)) return fn();
  model.train(training);
  try {
    return fn();
  } finally {
    for (const [m, t] of flags) m.training = t;
  }
}
