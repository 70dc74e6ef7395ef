import { Tensor } from './tensor.ts';
import { enableGrad, noGrad, topologicalOrder } from './autograd.ts';
import { grad } from './grad.ts';
import { formatShape } from './shape.ts';
import { Rng } from '../util/random.ts';

export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  /** Absolute tolerance (default 1e-6). */
  atol?: number;
  /** Relative tolerance (default 1e-4). An element passes when |analytic − numeric| ≤ atol + rtol·|numeric|. */
  rtol?: number;
  /** Seed for the random projection used when `fn` returns a non-scalar (default 0). */
  seed?: number;
}

export interface ElementMismatch {
  /** Flat index into the input's data. */
  index: number;
  analytic: number;
  numeric: number;
}

export interface InputReport {
  shape: number[];
  maxAbsError: number;
  maxRelError: number;
  /** The element with the largest error relative to its tolerance. */
  worst: ElementMismatch | null;
  /** How many elements are outside the tolerance. */
  mismatches: number;
  passed: boolean;
}

export interface GradcheckReport {
  passed: boolean;
  inputs: InputReport[];
}

/** A function under test: one output, or several (a first derivative has one per input). */
export type CheckedFn = (...inputs: Tensor[]) => Tensor | readonly Tensor[];

/**
 * Compares autograd's gradient of `fn` with central differences (f(x+eps) − f(x−eps)) / 2eps for
 * every element of every input. A non-scalar output is reduced to Σ rᵢ·outᵢ with a fixed random r,
 * so the whole Jacobian takes part (several outputs: each with its own r, summed).
 */
export function gradcheck(fn: CheckedFn, inputs: Tensor[], options: GradcheckOptions = {}): GradcheckReport {
  const eps = options.eps ?? 1e-6,
    atol = options.atol ?? 1e-6,
    rtol = options.rtol ?? 1e-4;
  inputs.forEach((x, i) => {
    if (!x.requiresGrad) throw new Error(`gradcheck: input ${i} (shape ${formatShape(x.shape)}) must have requiresGrad: true`);
    if (!x.isLeaf)
      throw new Error(`gradcheck: input ${i} (shape ${formatShape(x.shape)}) must be a leaf tensor; detach() it and set requiresGrad`);
  });
  const rng = new Rng(options.seed ?? 0);
  const projections: Tensor[] = [];
  const scalarOf = (result: Tensor | readonly Tensor[]): Tensor => {
    if (result instanceof Tensor && result.size === 1) return result.sum();
    const outs = result instanceof Tensor ? [result] : result;
    const terms = outs.map((out, k) => {
      const r = (projections[k] ??= new Tensor(
        Float64Array.from({ length: out.size }, () => rng.normal()),
        out.shape,
      ));
      return out.mul(r).sum();
    });
    return terms.reduce((a, b) => a.add(b), new Tensor(new Float64Array(1), []));
  };
  const root = scalarOf(fn(...inputs));
  // Every leaf the graph reaches (a model's parameters too) gets its .grad back as it was: checking must not train.
  const leaves = root.requiresGrad ? topologicalOrder(root).filter((t) => t.isLeaf) : [];
  for (const x of inputs) if (!leaves.includes(x)) leaves.push(x);
  const saved = leaves.map((t) => t.grad);
  leaves.forEach((t) => (t.grad = null));
  if (root.requiresGrad) root.backward();
  const analytic = inputs.map((x) => x.grad?.data ?? new Float64Array(x.size));
  leaves.forEach((t, i) => (t.grad = saved[i]!));

  const reports = inputs.map((x, k): InputReport => {
    const report: InputReport = { shape: [...x.shape], maxAbsError: 0, maxRelError: 0, worst: null, mismatches: 0, passed: true };
    let worstRatio = -1;
    for (let i = 0; i < x.size; i++) {
      const original = x.data[i]!;
      x.data[i] = original + eps;
      const plus = noGrad(() => scalarOf(fn(...inputs)).item());
      x.data[i] = original - eps;
      const minus = noGrad(() => scalarOf(fn(...inputs)).item());
      x.data[i] = original;
      const numeric = (plus - minus) / (2 * eps);
      const a = analytic[k]![i]!;
      const abs = Math.abs(a - numeric);
      const rel = abs / Math.max(Math.abs(numeric), Number.MIN_VALUE);
      report.maxAbsError = Math.max(report.maxAbsError, abs);
      report.maxRelError = Math.max(report.maxRelError, Math.abs(numeric) > 0 ? rel : abs === 0 ? 0 : Infinity);
      const ratio = Number.isNaN(abs) ? Infinity : abs / (atol + rtol * Math.abs(numeric));
      if (ratio > 1) report.mismatches++;
      if (ratio > worstRatio) {
        worstRatio = ratio;
        report.worst = { index: i, analytic: a, numeric };
      }
    }
    report.passed = worstRatio <= 1;
    return report;
  });
  return { passed: reports.every((r) => r.passed), inputs: reports };
}

/** Human-readable summary of a report, one line per input. */
export function formatGradcheckReport(report: GradcheckReport): string {
  return report.inputs
    .map((r, i) => {
      const w = r.worst;
      const worst = w ? `worst element ${w.index}: analytic ${w.analytic}, numeric ${w.numeric}` : 'no elements';
      return `input ${i} ${formatShape(r.shape)}: ${r.passed ? 'ok' : 'MISMATCH'} — max abs error ${r.maxAbsError.toExponential(2)}, max rel error ${r.maxRelError.toExponential(2)}; ${worst}`;
    })
    .join('\n');
}

/** Throws with the formatted report when autograd and finite differences disagree; use it directly inside a test. */
export function assertGradcheck(fn: CheckedFn, inputs: Tensor[], options: GradcheckOptions = {}): GradcheckReport {
  const report = gradcheck(fn, inputs, options);
  if (!report.passed) throw new Error(`gradcheck failed:\n${formatGradcheckReport(report)}`);
  return report;
}

/**
 * Checks second derivatives as PyTorch's gradgradcheck does: gradcheck of the first derivative
 * (v, x) ↦ vᵀ·∂fn/∂x, built with grad(…, { createGraph: true }), with respect to every input and
 * to a random v shaped like fn's output (seeded; `options.seed`). The report has one entry per
 * input, then one for v.
 */
export function gradgradcheck(fn: (...inputs: Tensor[]) => Tensor, inputs: Tensor[], options: GradcheckOptions = {}): GradcheckReport {
  const n = inputs.length;
  const shape = noGrad(() => fn(...inputs)).shape;
  const rng = new Rng((options.seed ?? 0) + 1);
  const v = new Tensor(
    Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()),
    shape,
    true,
  );
  const firstDerivative = (...args: Tensor[]): Tensor[] =>
    enableGrad(() => {
      const xs = args.slice(0, n);
      const out = fn(...xs);
      if (!out.requiresGrad) return xs.map((x) => new Tensor(new Float64Array(x.size), x.shape));
      return grad(out, xs, { gradOutputs: args[n]!, createGraph: true, allowUnused: true }).map(
        (g, i) => g ?? new Tensor(new Float64Array(xs[i]!.size), xs[i]!.shape),
      );
    });
  return gradcheck(firstDerivative, [...inputs, v], options);
}

/** gradgradcheck, throwing with the formatted report when second derivatives disagree; use it inside a test. */
export function assertGradgradcheck(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: Tensor[],
  options: GradcheckOptions = {},
): GradcheckReport {
  const report = gradgradcheck(fn, inputs, options);
  if (!report.passed)
    throw new Error(`gradgradcheck failed (the last input is the random gradOutputs v):\n${formatGradcheckReport(report)}`);
  return report;
}
