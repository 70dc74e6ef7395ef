import { assertModelGradcheck, type ModelGradcheckOptions } from '../nn/gradcheck.ts';
import type { Module } from '../nn/module.ts';
import { assertGradcheck, type CheckedFn, type GradcheckOptions } from '../tensor/gradcheck.ts';
import type { Tensor } from '../tensor/tensor.ts';
import { AssertionError } from './assertion-error.ts';
import type { Batch } from './batch.ts';
import { checkModel, formatModelReport, type CheckModelOptions } from './check-model.ts';
import { assertClose, type CloseOptions } from './close.ts';
import { assertDeterministic, type RunResult } from './deterministic.ts';
import { assertAllFinite, type Inspectable } from './finite.ts';
import { assertShape, showPattern, type ShapePattern } from './shape.ts';
import type { TensorLike } from './values.ts';

/** What vitest's and jest's `expect.extend` take from a matcher. */
interface MatcherResult {
  pass: boolean;
  message: () => string;
  actual?: unknown;
  expected?: unknown;
}

/** A matcher from an assertion: passes when it returns, fails with its message (and diff) when it throws an assertion. */
function fromAssertion(assertion: () => void, negated: string): MatcherResult {
  try {
    assertion();
    return { pass: true, message: () => negated };
  } catch (e) {
    if (e instanceof AssertionError) return { pass: false, message: () => e.message, actual: e.actual, expected: e.expected };
    // The gradcheck assertions throw a plain Error with their report; other errors (bad arguments) propagate.
    if (e instanceof Error && /^grad(grad)?check (of \S+ )?failed/.test(e.message)) return { pass: false, message: () => e.message };
    throw e;
  }
}

/**
 * The matchers, for `expect.extend(matchers)` in vitest or jest (gradlab/testing/vitest registers them for you).
 * Each wraps the assertion of the same purpose, so a failure prints that assertion's message.
 */
export const matchers = {
  toBeCloseToTensor(received: TensorLike, expected: TensorLike, options?: CloseOptions): MatcherResult {
    return fromAssertion(() => assertClose(received, expected, options), 'expected the values not to be close, but they are');
  },
  toHaveShape(received: Tensor, pattern: ShapePattern): MatcherResult {
    return fromAssertion(() => assertShape(received, pattern, { name: 'received' }), `expected a shape other than ${showPattern(pattern)}`);
  },
  toPassGradcheck(received: CheckedFn, inputs: Tensor[], options?: GradcheckOptions): MatcherResult {
    return fromAssertion(
      () => assertGradcheck(received, inputs, options),
      'expected gradcheck to fail, but autograd agrees with finite differences',
    );
  },
  toHaveCorrectGradients(received: Module, x: Tensor, lossFn?: (output: Tensor) => Tensor, options?: ModelGradcheckOptions): MatcherResult {
    return fromAssertion(
      () => assertModelGradcheck(received, x, lossFn, options),
      'expected gradcheck of the model to fail, but it passed',
    );
  },
  toBeAllFinite(received: Inspectable): MatcherResult {
    return fromAssertion(() => assertAllFinite(received, { name: 'received' }), 'expected a NaN or infinite element, but all are finite');
  },
  toPassModelChecks(received: Module, x: Tensor, y: Batch['y'], options?: CheckModelOptions): MatcherResult {
    const report = checkModel(received, x, y, options);
    return {
      pass: report.passed,
      message: () => (report.passed ? `expected a model check to fail:\n${formatModelReport(report)}` : formatModelReport(report)),
    };
  },
  toBeDeterministic(received: () => RunResult): MatcherResult {
    return fromAssertion(() => assertDeterministic(received), 'expected two runs to differ, but they are bit-identical');
  },
};

/** The matchers' signatures as `expect(received)` sees them (received dropped), for a runner's type declarations. */
export interface GradlabMatchers<R = unknown> {
  toBeCloseToTensor(expected: TensorLike, options?: CloseOptions): R;
  toHaveShape(pattern: ShapePattern): R;
  toPassGradcheck(inputs: Tensor[], options?: GradcheckOptions): R;
  toHaveCorrectGradients(x: Tensor, lossFn?: (output: Tensor) => Tensor, options?: ModelGradcheckOptions): R;
  toBeAllFinite(): R;
  toPassModelChecks(x: Tensor, y: Batch['y'], options?: CheckModelOptions): R;
  toBeDeterministic(): R;
}
