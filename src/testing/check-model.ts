import { modelGradcheck, formatModelGradcheckReport, type ModelGradcheckReport } from '../nn/gradcheck.ts';
import type { Module } from '../nn/module.ts';
import type { Optimizer } from '../optim/optimizer.ts';
import type { Tensor } from '../tensor/tensor.ts';
import { resolveLoss, type Targets } from '../train/losses.ts';
import { noGrad } from '../tensor/autograd.ts';
import { plural } from './assertion-error.ts';
import { firstRows, lossOf, targetsOf, type Batch, type CheckOutcome, type LossOptions } from './batch.ts';
import { firstDifference, checkEvalDeterministic } from './deterministic.ts';
import { nonFiniteLines } from './finite.ts';
import { checkEveryParameterGetsGradient, checkParametersChange } from './gradients.ts';
import { checkBatchIndependence } from './independence.ts';
import { checkLossAtInit } from './loss-at-init.ts';
import { preserving } from './model-state.ts';
import { checkOverfitsBatch, checkUsesInput } from './training.ts';

export const CHECK_NAMES = [
  'finite',
  'initialLoss',
  'gradientsFlow',
  'gradcheck',
  'paramsUpdate',
  'batchIndependent',
  'overfits',
  'usesInput',
  'deterministic',
  'evalDeterministic',
] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export interface ModelCheck extends CheckOutcome {
  name: CheckName;
  /** True when the check did not run (deterministic without a factory, or listed in `skip`); it then counts as passed. */
  skipped?: boolean;
}

export interface ModelReport {
  passed: boolean;
  checks: ModelCheck[];
}

export interface CheckModelOptions extends LossOptions {
  /** Builds a fresh model from a seed, for `deterministic`: the same seed must give the same model and outputs. */
  factory?: (seed: number) => Module;
  /** Checks not to run. */
  skip?: readonly CheckName[];
  /** Rows used by gradcheck (default 4) and by the training checks (default 8). */
  gradcheckRows?: number;
  rows?: number;
  /** Steps of the training checks (default 300) and their optimizer (default Adam, lr 0.05). */
  steps?: number;
  optimizer?: (params: Tensor[]) => Optimizer;
  /** Allowed relative distance of the loss at init from chance (default 0.25), or the chance loss itself for non-class targets. */
  initialLoss?: { rtol?: number; expected?: number };
}

function finite(model: Module, x: Tensor, y: Targets, options: LossOptions): CheckOutcome {
  return preserving(model, () => {
    for (const p of model.parameters()) p.grad = null;
    const out = model.forward(x);
    const loss = lossOf(model, options)(x, y);
    if (loss.requiresGrad) loss.backward();
    const lines = [...nonFiniteLines(out, { name: 'output' }), ...nonFiniteLines(loss, { name: 'loss' }), ...nonFiniteLines(model)];
    return lines.length === 0
      ? { passed: true, message: 'output, loss, parameters and gradients are finite' }
      : {
          passed: false,
          message: `not all finite:\n  ${lines.join('\n  ')}\nLikely cause: an op outside its domain (log or sqrt of a negative, 0/0, exp overflow) on the first line's path.`,
        };
  });
}

function gradcheckOf(model: Module, batch: Batch, rows: number, options: LossOptions): CheckOutcome {
  const { x, y } = firstRows(batch, rows);
  const loss = resolveLoss(model, options.loss);
  const report = preserving(model, () => modelGradcheck(model, x, (out) => loss(out, y)));
  const bad = report.tensors.filter((t) => !t.passed);
  return report.passed
    ? {
        passed: true,
        message: `autograd agrees with finite differences for the input and ${plural(report.tensors.length - 1, 'parameter')}`,
      }
    : {
        passed: false,
        message: `autograd disagrees with finite differences for ${bad.map((t) => t.name).join(', ')} (${cause(bad)}):\n${formatModelGradcheckReport({ passed: false, tensors: bad })}`,
      };
}

/** The likely cause of gradcheck failures: autograd's zeros where finite differences see a slope are a cut graph. */
function cause(bad: ModelGradcheckReport['tensors']): string {
  const cut = bad.every((t) => t.worst !== null && t.worst.analytic === 0);
  return cut
    ? 'autograd gives 0 where the loss does change: likely a detach() or a value read through .data on their path'
    : "likely a custom op's backward on their path";
}

function deterministic(factory: ((seed: number) => Module) | undefined, x: Tensor): CheckOutcome & { skipped?: boolean } {
  if (!factory)
    return { passed: true, skipped: true, message: 'skipped: pass { factory: (seed) => new YourModel(…, { seed }) } to check it' };
  const run = (seed: number): [Module, Tensor] => {
    const m = factory(seed);
    return [m, noGrad(() => m.forward(x))];
  };
  const a = run(0),
    b = run(0);
  const d = firstDifference(a, b, 'model');
  if (d)
    return {
      passed: false,
      message: `factory(0) built two different models: ${d.replace(/^model\[0\]\./, '').replace(/^model\[1\]/, 'output')}. Likely cause: an initialization that ignores its seed (Math.random, or randn or a layer without the seed or rng).`,
    };
  const other = run(1);
  const constant = a[0].parameters().every((p) => p.data.every((v) => v === p.data[0]));
  if (!constant && firstDifference(a[0], other[0]) === null)
    return {
      passed: false,
      message:
        'factory(0) and factory(1) built identical models with random-looking weights: the initialization ignores the seed it is given (a fixed seed inside).',
    };
  return { passed: true, message: 'factory(seed) builds the same model and outputs for the same seed' };
}

/** Runs one check; an exception is a failure with its message. */
function attempt(name: CheckName, run: () => CheckOutcome & { skipped?: boolean }): ModelCheck {
  try {
    const { passed, message, skipped } = run();
    return skipped ? { name, passed, message, skipped } : { name, passed, message };
  } catch (e) {
    return { name, passed: false, message: `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` };
  }
}

/**
 * Runs the whole recipe for testing a model (Karpathy's "A Recipe for Training Neural Networks", torchtest, chex) on
 * (x, y) and returns one entry per check, named as in CHECK_NAMES. Every check leaves the model as it found it.
 * Defaults pass correct models (an MLP, logistic regression, a residual model with a custom op) on a small separable batch.
 */
export function checkModel(model: Module, x: Tensor, labels: Batch['y'], options: CheckModelOptions = {}): ModelReport {
  const y = targetsOf(labels);
  const batch: Batch = { x, y };
  const skip = new Set(options.skip ?? []);
  const training = { loss: options.loss, rows: options.rows, steps: options.steps, optimizer: options.optimizer };
  const runs: Record<CheckName, () => CheckOutcome & { skipped?: boolean }> = {
    finite: () => finite(model, x, y, options),
    initialLoss: () => checkLossAtInit(model, batch, { loss: options.loss, ...options.initialLoss }),
    gradientsFlow: () => checkEveryParameterGetsGradient(model, batch, options),
    gradcheck: () => gradcheckOf(model, batch, options.gradcheckRows ?? 4, options),
    paramsUpdate: () => checkParametersChange(model, batch, { loss: options.loss }),
    batchIndependent: () => checkBatchIndependence(model, x),
    overfits: () => checkOverfitsBatch(model, batch, training),
    usesInput: () => checkUsesInput(model, batch, training),
    deterministic: () => deterministic(options.factory, x),
    evalDeterministic: () => checkEvalDeterministic(model, x),
  };
  const checks = CHECK_NAMES.map((name) =>
    skip.has(name) ? { name, passed: true, skipped: true, message: 'skipped' } : attempt(name, runs[name]),
  );
  return { passed: checks.every((c) => c.passed), checks };
}

/** One line per check (✓ passed, ✗ failed, – skipped), a failure's further lines indented under it. */
export function formatModelReport(report: ModelReport): string {
  const width = Math.max(...report.checks.map((c) => c.name.length));
  const lines = report.checks.map((c) => {
    const mark = c.skipped ? '–' : c.passed ? '✓' : '✗';
    return `${mark} ${c.name.padEnd(width)}  ${c.message.replaceAll('\n', `\n${' '.repeat(width + 4)}`)}`;
  });
  const failed = report.checks.filter((c) => !c.passed).map((c) => c.name);
  lines.push(failed.length === 0 ? 'all checks passed' : `FAILED: ${failed.join(', ')}`);
  return lines.join('\n');
}
