import { topologicalOrder } from '../tensor/autograd.ts';
import { gradcheck, type GradcheckOptions, type InputReport } from '../tensor/gradcheck.ts';
import { formatShape } from '../tensor/shape.ts';
import { Tensor } from '../tensor/tensor.ts';
import type { Module } from './module.ts';

export interface ModelGradcheckOptions extends GradcheckOptions {
  /** Also check the gradient with respect to the inputs (default true); turn off for index inputs. */
  checkInputs?: boolean;
}

/** One checked tensor: `input` (or `input[1]`, …) or a parameter's name from `namedParameters()`. */
export interface NamedReport extends InputReport {
  name: string;
}

export interface ModelGradcheckReport {
  passed: boolean;
  tensors: NamedReport[];
}

/** What a model's forward takes: one tensor (or a list of one), or one tensor per input of a model of several. */
export type ModelInputs<Inputs extends Tensor[]> = Inputs extends [Tensor] ? Tensor | readonly [Tensor] : Readonly<Inputs>;

/**
 * Checks a whole model against central differences: the gradient of lossFn(model.forward(x)) with respect to
 * every input and every named parameter. Default loss: Σ rᵢ·outᵢ with a fixed random r (gradcheck's
 * projection), which involves every output. The inputs are checked on copies, so `x` need not require grad.
 * Throws when the output depends on a tensor that requires grad but is not a registered parameter: an
 * optimizer built from `model.parameters()` would never train it.
 */
export function modelGradcheck<Inputs extends Tensor[]>(
  model: Module<Inputs>,
  x: ModelInputs<Inputs>,
  lossFn: (output: Tensor) => Tensor = (out) => out,
  options: ModelGradcheckOptions = {},
): ModelGradcheckReport {
  const given: readonly Tensor[] = x instanceof Tensor ? [x] : x;
  const checkInputs = options.checkInputs ?? true;
  const inputs = given.map((t) => (checkInputs ? new Tensor(Float64Array.from(t.data), [...t.shape], true) : t));
  const named = model.namedParameters();
  // Any model's forward, seen as taking a list of tensors: `given` holds as many as its Inputs.
  const anyModel: Module<Tensor[]> = model;
  const forward = (xs: readonly Tensor[]): Tensor => lossFn(anyModel.forward(...xs));
  findUnregistered(model, forward(inputs), new Set([...named.map(([, p]) => p), ...inputs]));
  const checked = [...(checkInputs ? inputs : []), ...named.map(([, p]) => p)];
  const names = [...(checkInputs ? inputs.map((_, i) => (inputs.length === 1 ? 'input' : `input[${i}]`)) : []), ...named.map(([n]) => n)];
  const k = checkInputs ? inputs.length : 0;
  const report = gradcheck((...ts) => forward(checkInputs ? ts.slice(0, k) : inputs), checked, options);
  const tensors = report.inputs.map((r, i) => ({ name: names[i]!, ...r }));
  return { passed: report.passed, tensors };
}

/** modelGradcheck, throwing with formatModelGradcheckReport's text when any tensor disagrees; for tests. */
export function assertModelGradcheck<Inputs extends Tensor[]>(
  model: Module<Inputs>,
  x: ModelInputs<Inputs>,
  lossFn?: (output: Tensor) => Tensor,
  options: ModelGradcheckOptions = {},
): ModelGradcheckReport {
  const report = modelGradcheck(model, x, lossFn, options);
  if (!report.passed) {
    const bad = report.tensors.filter((t) => !t.passed).map((t) => t.name);
    throw new Error(`gradcheck of ${model.constructor.name} failed for ${bad.join(', ')}:\n${formatModelGradcheckReport(report)}`);
  }
  return report;
}

/**
 * One line per tensor; a failing one names its worst element by position, e.g.
 * `layers.0.weight [4, 3]: MISMATCH in 2 of 12 elements; worst layers.0.weight[2, 1]: analytic 0.5, numeric 0.25`.
 */
export function formatModelGradcheckReport(report: ModelGradcheckReport): string {
  return report.tensors
    .map((t) => {
      const size = t.shape.reduce((a, b) => a * b, 1);
      const head = `${t.name} ${formatShape(t.shape)}: `;
      const errors = `max abs error ${t.maxAbsError.toExponential(2)}, max rel error ${t.maxRelError.toExponential(2)}`;
      if (t.passed) return `${head}ok (${errors})`;
      const w = t.worst!;
      return `${head}MISMATCH in ${t.mismatches} of ${size} elements; worst ${t.name}${elementIndex(w.index, t.shape)}: analytic ${w.analytic}, numeric ${w.numeric} (${errors})`;
    })
    .join('\n');
}

/** The flat index of a row-major tensor as a position: 7 in [4, 3] → "[2, 1]". */
export function elementIndex(flat: number, shape: readonly number[]): string {
  const position: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    const n = shape[d]!;
    position.unshift(flat % n);
    flat = Math.floor(flat / n);
  }
  return `[${position.join(', ')}]`;
}

function findUnregistered(model: Module<Tensor[]>, root: Tensor, known: ReadonlySet<Tensor>): void {
  if (root.size !== 1 && !root.requiresGrad) return;
  const stray = root.requiresGrad ? topologicalOrder(root).filter((t) => t.isLeaf && t.requiresGrad && !known.has(t)) : [];
  if (stray.length > 0) {
    const shapes = stray.map((t) => formatShape(t.shape)).join(', ');
    throw new Error(
      `modelGradcheck: ${model.constructor.name}'s output depends on ${stray.length} tensor(s) with requiresGrad that namedParameters() does not list (shapes ${shapes}); ` +
        'optimizers built from model.parameters() would never train them. Keep each in a field of the module, or in an array, Map or plain object in a field.',
    );
  }
}
