import { Tensor } from './tensor.ts';
import { enableGrad } from './autograd.ts';
import { grad } from './grad.ts';
import { formatShape, sameShape, sizeOf } from './shape.ts';

// PyTorch's torch.autograd.functional, for a function of one tensor. Each call evaluates f on a
// fresh leaf holding x's values (so x need not require grad) and returns tensors without a graph.
// An output that does not depend on x has a zero derivative (PyTorch's non-strict mode).

type Fn = (x: Tensor) => Tensor;

/** f at a leaf copy of x that requires grad, with the graph recorded (also inside noGrad). */
function evaluate(call: string, f: Fn, x: Tensor): { input: Tensor; output: Tensor } {
  if (!(x instanceof Tensor)) throw new TypeError(`${call}: x must be a Tensor`);
  const input = new Tensor(x.data, x.shape, true);
  const output = enableGrad(() => f(input));
  if (!(output instanceof Tensor)) throw new TypeError(`${call}: f must return a Tensor`);
  return { input, output };
}

/** grad of `output` w.r.t. `input`, or zeros when no gradient flows (as a constant, or null to say so). */
function gradOrNull(
  output: Tensor,
  input: Tensor,
  gradOutputs: Tensor | undefined,
  createGraph: boolean,
  retainGraph = createGraph,
): Tensor | null {
  if (!output.requiresGrad) return null;
  return grad(output, input, { gradOutputs, createGraph, retainGraph, allowUnused: true })[0] ?? null;
}

const zerosLike = (shape: readonly number[]): Tensor => new Tensor(new Float64Array(sizeOf(shape)), [...shape]);

function checkShape(call: string, what: string, v: Tensor, expected: readonly number[], of: string): void {
  if (!(v instanceof Tensor)) throw new TypeError(`${call}: ${what} must be a Tensor of shape ${formatShape(expected)}`);
  if (!sameShape(v.shape, expected))
    throw new RangeError(`${call}: ${what} has shape ${formatShape(v.shape)} but ${of} has shape ${formatShape(expected)}`);
}

function checkScalar(call: string, output: Tensor): void {
  if (output.size !== 1)
    throw new RangeError(`${call}: f must return a scalar (one element), but f(x) has shape ${formatShape(output.shape)}`);
}

/** [f(x), vᵀ·J]: the vector-Jacobian product (one backward); v is shaped like f(x), optional when f(x) is a scalar. */
export function vjp(f: Fn, x: Tensor, v?: Tensor): [Tensor, Tensor] {
  const { input, output } = evaluate('vjp', f, x);
  if (v !== undefined) checkShape('vjp', 'v', v, output.shape, 'f(x)');
  else checkScalar('vjp', output);
  return [output.detach(), gradOrNull(output, input, v, false) ?? zerosLike(x.shape)];
}

/**
 * [f(x), J·v]: the Jacobian-vector product, v shaped like x. Reverse mode twice (the "double vjp"
 * trick): u ↦ uᵀJ is linear in u, so differentiating it with respect to u in direction v gives J·v.
 */
export function jvp(f: Fn, x: Tensor, v: Tensor): [Tensor, Tensor] {
  const { input, output } = evaluate('jvp', f, x);
  checkShape('jvp', 'v', v, x.shape, 'x');
  const u = new Tensor(new Float64Array(output.size), output.shape, true);
  const uJ = gradOrNull(output, input, u, true);
  return [output.detach(), (uJ === null ? null : gradOrNull(uJ, u, v, false)) ?? zerosLike(output.shape)];
}

/** The Jacobian of f at x, shaped [...f(x).shape, ...x.shape]: one backward per element of f(x). */
export function jacobian(f: Fn, x: Tensor): Tensor {
  const { input, output } = evaluate('jacobian', f, x);
  return rows(output, input);
}

/** Row i is the gradient of element i of `output` (one backward each, through one retained graph). */
function rows(output: Tensor, input: Tensor): Tensor {
  const m = output.size,
    n = input.size;
  const out = new Float64Array(m * n);
  const seed = new Float64Array(m);
  for (let i = 0; i < m && output.requiresGrad; i++) {
    seed.fill(0);
    seed[i] = 1;
    const row = gradOrNull(output, input, new Tensor(seed, output.shape), false, true);
    if (row !== null) out.set(row.data, i * n);
  }
  return new Tensor(out, [...output.shape, ...input.shape]);
}

/**
 * The Hessian of a scalar f at x, shaped [...x.shape, ...x.shape]: one backward that records the
 * gradient, then one backward through it per element of x (the Jacobian of the gradient).
 */
export function hessian(f: Fn, x: Tensor): Tensor {
  const { input, output } = evaluate('hessian', f, x);
  checkScalar('hessian', output);
  const g = gradOrNull(output, input, undefined, true);
  return g === null ? zerosLike([...x.shape, ...x.shape]) : rows(g, input);
}

/**
 * H·v for a scalar f at x, v shaped like x, without forming H: one backward that records the
 * gradient g, then one backward through g seeded with v (∂(g·v)/∂x = H·v, H being symmetric).
 * Costs about two backwards, whatever the size of x.
 */
export function hvp(f: Fn, x: Tensor, v: Tensor): Tensor {
  const { input, output } = evaluate('hvp', f, x);
  checkShape('hvp', 'v', v, x.shape, 'x');
  checkScalar('hvp', output);
  const g = gradOrNull(output, input, undefined, true);
  return (g === null ? null : gradOrNull(g, input, v, false)) ?? zerosLike(x.shape);
}
