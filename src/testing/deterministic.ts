import { elementIndex } from '../nn/gradcheck.ts';
import { Module } from '../nn/module.ts';
import { noGrad } from '../tensor/autograd.ts';
import { Tensor } from '../tensor/tensor.ts';
import { fmt } from './assertion-error.ts';
import { orThrow, type CheckOutcome } from './batch.ts';
import { preserving } from './model-state.ts';

/** What a run may return: numbers, tensors, modules (compared by stateDict), and arrays or records of these. */
export type RunResult =
  number | Tensor | Module<Tensor[]> | readonly RunResult[] | { readonly [key: string]: RunResult } | string | boolean | null;

/** The first place where a and b differ bit for bit (Object.is: NaN equals NaN, 0 differs from −0), or null. */
export function firstDifference(a: unknown, b: unknown, path = 'result'): string | null {
  if (a instanceof Module && b instanceof Module) return firstDifference(a.stateDict(), b.stateDict(), path);
  if (a instanceof Tensor && b instanceof Tensor) {
    if (a.shape.join() !== b.shape.join()) return `${path} has shape [${a.shape.join(', ')}], then [${b.shape.join(', ')}]`;
    const i = a.data.findIndex((v, k) => !Object.is(v, b.data[k]));
    return i < 0 ? null : `${path}${elementIndex(i, a.shape)} is ${fmt(a.data[i]!)}, then ${fmt(b.data[i]!)}`;
  }
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b) ? null : `${path} is ${a}, then ${b}`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path} has ${a.length} entries, then ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) {
      // A state dict entry's name reads as the parameter's: result.layers.0.weight.data[3] → layers.0.weight[3].
      const d = firstDifference(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        path === 'result' ? k : `${path}.${k}`,
      );
      if (d) return d.replace(/\.data\[(\d+)\]/, '[$1]');
    }
    return null;
  }
  return Object.is(a, b) ? null : `${path} is ${String(a)}, then ${String(b)}`;
}

const UNSEEDED =
  'Likely cause: an unseeded random call (Math.random, randn or rand without { seed }, a layer built without a seed or rng, a shuffle without a seed) or a value that depends on time or iteration order.';

/** Runs `run` twice and compares the results bit for bit. */
export function checkDeterministic(run: () => RunResult): CheckOutcome {
  const first = run();
  const second = run();
  const d = firstDifference(first, second);
  return d === null
    ? { passed: true, message: 'two runs gave bit-identical results' }
    : { passed: false, message: `two runs differ: ${d}. ${UNSEEDED}` };
}

/**
 * Throws an AssertionError unless `run()` returns bit-identical results twice (numbers, tensors, modules by their
 * stateDict, arrays and records of these), naming the first difference and the likely unseeded call.
 */
export function assertDeterministic(run: () => RunResult): void {
  orThrow(checkDeterministic(run));
}

/** Two forward passes in evaluation mode must agree bit for bit (dropout and other noise off); the model is left as found. */
export function checkEvalDeterministic(model: Module, x: Tensor): CheckOutcome {
  return preserving(model, () =>
    noGrad(() => {
      model.eval();
      const d = firstDifference(model.forward(x), model.forward(x), 'output');
      return d === null
        ? { passed: true, message: 'two forward passes in eval mode agree' }
        : {
            passed: false,
            message: `two forward passes in eval mode differ: ${d}. Likely cause: randomness left on in evaluation mode (dropout or noise that does not check this.training).`,
          };
    }),
  );
}

/** Throws an AssertionError unless two forward passes of `x` in evaluation mode agree bit for bit. */
export function assertEvalDeterministic(model: Module, x: Tensor): void {
  orThrow(checkEvalDeterministic(model, x));
}
