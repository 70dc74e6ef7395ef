import { Tensor } from './tensor.ts';
import { seedFor, sweep, topologicalOrder } from './autograd.ts';
import { formatShape } from './shape.ts';

export interface GradOptions {
  /** d(root)/d(output) for each output (PyTorch's grad_outputs); may be omitted for one-element outputs. */
  gradOutputs?: Tensor | readonly Tensor[];
  /** Record the gradient computation, so that the results can be differentiated again (default false). */
  createGraph?: boolean;
  /** Keep the graph's saved values for another backward or grad through it (default: createGraph). */
  retainGraph?: boolean;
  /** Return null for an input the outputs do not depend on, instead of throwing (default false). */
  allowUnused?: boolean;
}

/**
 * The gradients of `outputs` with respect to `inputs` (PyTorch's torch.autograd.grad): one tensor
 * per input, shaped like it, summed over the outputs (each weighted by its `gradOutputs`). Unlike
 * `backward`, nothing is written to `.grad`; only the part of the graph between the outputs and
 * the inputs is swept. With `createGraph` the results are themselves differentiable.
 * An input the graph reaches but no gradient flows to (through sign, say) gets zeros.
 */
export function grad(
  outputs: Tensor | readonly Tensor[],
  inputs: Tensor | readonly Tensor[],
  options: GradOptions & { allowUnused: true },
): (Tensor | null)[];
export function grad(outputs: Tensor | readonly Tensor[], inputs: Tensor | readonly Tensor[], options?: GradOptions): Tensor[];
export function grad(
  outputs: Tensor | readonly Tensor[],
  inputs: Tensor | readonly Tensor[],
  options: GradOptions = {},
): (Tensor | null)[] {
  const outs = listOf('outputs', outputs),
    ins = listOf('inputs', inputs);
  const seeds = options.gradOutputs === undefined ? [] : listOf('gradOutputs', options.gradOutputs);
  if (options.gradOutputs !== undefined && seeds.length !== outs.length)
    throw new RangeError(`grad: ${seeds.length} gradOutputs for ${outs.length} outputs`);
  outs.forEach((y, i) => {
    if (!y.requiresGrad)
      throw new Error(
        `grad: ${name('output', i, outs)} (shape ${formatShape(y.shape)}) does not require grad: no input had requiresGrad: true, or it was computed inside noGrad`,
      );
  });
  ins.forEach((x, i) => {
    if (!x.requiresGrad)
      throw new Error(
        `grad: ${name('input', i, ins)} (shape ${formatShape(x.shape)}) does not require grad; set requiresGrad: true before computing the output`,
      );
  });
  const order = topologicalOrder(outs);
  const reachable = new Set(order);
  ins.forEach((x, i) => {
    if (!reachable.has(x) && options.allowUnused !== true)
      throw new Error(
        `grad: the output${outs.length > 1 ? 's' : ''} (shape ${outs.map((y) => formatShape(y.shape)).join(', ')}) do${outs.length > 1 ? '' : 'es'} not depend on ${name('input', i, ins)} (shape ${formatShape(x.shape)}); pass allowUnused: true to get null for it`,
      );
  });
  const wanted = new Set(ins);
  // Parents come before children in `order`, so one pass finds every node on a path to an input.
  const needed = new Set<Tensor>();
  for (const node of order) if (wanted.has(node) || node.parents.some((p) => needed.has(p))) needed.add(node);
  const grads = new Map<Tensor, Tensor>();
  outs.forEach((y, i) => {
    const seed = seedFor('grad', y, seeds[i]);
    const previous = grads.get(y);
    grads.set(y, previous === undefined ? seed : previous.add(seed));
  });
  const createGraph = options.createGraph ?? false;
  const found = new Map<Tensor, Tensor>();
  sweep(order, grads, { call: 'grad', createGraph, retainGraph: options.retainGraph ?? createGraph, needed }, (node, g) => {
    if (wanted.has(node)) found.set(node, g);
  });
  return ins.map((x) => found.get(x) ?? (reachable.has(x) ? new Tensor(new Float64Array(x.size), x.shape) : null));
}

function listOf(what: string, value: Tensor | readonly Tensor[]): readonly Tensor[] {
  const list: readonly unknown[] | null = value instanceof Tensor ? [value] : Array.isArray(value) ? (value as readonly unknown[]) : null;
  if (list === null || list.some((t) => !(t instanceof Tensor)))
    throw new TypeError(`grad: ${what} must be a Tensor or an array of Tensors`);
  return list as readonly Tensor[];
}

const name = (what: string, i: number, list: readonly unknown[]): string => (list.length > 1 ? `${what}s[${i}]` : what);
