import { Tensor, type Gradient } from './tensor.ts';
import { formatShape, sameShape, sumsDownTo } from './shape.ts';
import { checkGradientFinite, debugFlags } from './debug.ts';
import { checkVersions, incrementVersion } from './version.ts';

let gradEnabled = true;

export function isGradEnabled(): boolean {
  return gradEnabled;
}

function withGradMode<T>(enabled: boolean, fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = enabled;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

/** Runs `fn` without recording a graph (inference, optimizer updates, finite differences). */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}

/** Runs `fn` recording the graph again, also inside `noGrad` (PyTorch's enable_grad). */
export function enableGrad<T>(fn: () => T): T {
  return withGradMode(true, fn);
}

/** Nodes reachable from the roots that need gradients, parents before children (iterative: deep graphs must not overflow the stack). */
export function topologicalOrder(roots: Tensor | readonly Tensor[]): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  for (const root of roots instanceof Tensor ? [roots] : roots) {
    if (visited.has(root)) continue;
    visited.add(root);
    const stack: [Tensor, number][] = [[root, 0]];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [node, next] = top;
      if (next < node.parents.length) {
        top[1] = next + 1;
        const parent = node.parents[next]!;
        if (parent.requiresGrad && !visited.has(parent)) {
          visited.add(parent);
          stack.push([parent, 0]);
        }
      } else {
        stack.pop();
        order.push(node);
      }
    }
  }
  return order;
}

export interface BackwardOptions {
  /** Record the gradient computation itself, so that gradients can be differentiated again (default false). */
  createGraph?: boolean;
  /** Keep the graph's saved values, so that it can be backpropagated through again (default: createGraph). */
  retainGraph?: boolean;
}

/**
 * Reverse-mode autodiff: topological order, seed d(root)/d(root) (1 for a scalar root, else `seed`),
 * then the reverse sweep. Leaves (and tensors that called `retainGrad`) accumulate into `.grad`, so
 * gradients add up across calls until `zeroGrad`. As in PyTorch, the sweep releases the graph's
 * saved values unless `retainGraph` is set, and records the gradient computation only with `createGraph`.
 */
export function backward(root: Tensor, seed?: Tensor | Float64Array | readonly number[], options: BackwardOptions = {}): void {
  if (!root.requiresGrad) {
    throw new Error('backward: the tensor does not require grad (no input had requiresGrad: true, or it was built inside noGrad)');
  }
  const createGraph = options.createGraph ?? false;
  const order = topologicalOrder(root);
  const grads = new Map([[root, seedFor('backward', root, seed)]]);
  sweep(order, grads, { call: 'backward', createGraph, retainGraph: options.retainGraph ?? createGraph, needed: null }, (node, g) => {
    if (node.isLeaf || node.retainsGrad) accumulate(node, g);
  });
}

/** The gradient d(root)/d(root) to start from: 1 for a one-element root, else `seed` (any array of root.size values). */
export function seedFor(call: string, root: Tensor, seed: Tensor | Float64Array | readonly number[] | undefined): Tensor {
  if (seed === undefined) {
    if (root.size !== 1) {
      throw new Error(
        `${call}: the output has shape ${formatShape(root.shape)}; only a scalar can be the implicit root — pass a seed gradient of shape ${formatShape(root.shape)}`,
      );
    }
    return new Tensor(new Float64Array([1]), root.shape);
  }
  const t = seed instanceof Tensor ? seed : new Tensor(Float64Array.from(seed), [seed.length]);
  if (t.size !== root.size) {
    throw new RangeError(
      `${call}: seed gradient has ${t.size} elements but the output has shape ${formatShape(root.shape)} (${root.size} elements)`,
    );
  }
  return sameShape(t.shape, root.shape) ? t : t.reshape(root.shape);
}

export interface SweepOptions {
  /** The public call, for error messages. */
  call: string;
  createGraph: boolean;
  retainGraph: boolean;
  /** Only these nodes need a gradient (null: every node that requires grad). */
  needed: ReadonlySet<Tensor> | null;
}

/**
 * The reverse sweep shared by `backward` and `grad`: walks `order` from the roots back to the leaves,
 * hands each node its total gradient (`visit`), then adds its local gradients into its parents',
 * each summed down to the parent's shape. Without `createGraph` the gradient ops run untracked.
 */
export function sweep(
  order: readonly Tensor[],
  grads: Map<Tensor, Tensor>,
  options: SweepOptions,
  visit: (node: Tensor, g: Tensor) => void,
): void {
  // Every node's saved values are checked before any gradient is computed, so a failure changes nothing.
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i]!;
    if (node.gradFn !== null && (options.needed === null || options.needed.has(node))) checkSaved(node, options.call);
  }
  const checking = debugFlags.checkFinite,
    gradMode = gradEnabled;
  // Gradient ops are checked below as the backward of the node that made them, not as forward ops.
  debugFlags.checkFinite = false;
  gradEnabled = options.createGraph;
  try {
    for (let i = order.length - 1; i >= 0; i--) {
      const node = order[i]!;
      const g = grads.get(node);
      if (g === undefined) continue;
      grads.delete(node);
      visit(node, g);
      if (node.gradFn === null) continue;
      const local = node.gradFn(g, node.parents, node);
      for (let p = 0; p < node.parents.length; p++) {
        const parent = node.parents[p]!;
        const entry = local[p];
        if (!parent.requiresGrad || entry === null || entry === undefined || (options.needed !== null && !options.needed.has(parent)))
          continue;
        let gp = typeof entry === 'function' ? entry() : entry;
        if (!sameShape(gp.shape, parent.shape)) gp = sumDown(node, p, gp);
        if (checking) checkGradientFinite(node, p, g, gp);
        const previous = grads.get(parent);
        grads.set(parent, previous === undefined ? gp : previous.add(gp));
      }
      if (!options.retainGraph) node.gradFn = released;
    }
  } finally {
    debugFlags.checkFinite = checking;
    gradEnabled = gradMode;
  }
}

/** Stands in for the gradient of a node whose saved values a backward released. */
const released: Gradient = () => [];

/**
 * Checks that a node's saved values (its inputs and output, which its gradient reads) are still
 * there and unchanged: the one place they are validated, so a released graph and a saved tensor
 * written in place after the forward pass (version counters, see version.ts) are reported here.
 */
function checkSaved(node: Tensor, call: string): void {
  if (node.gradFn === released) {
    throw new Error(
      `${call}: cannot backpropagate through ${node.op} (output ${formatShape(node.shape)}, inputs ${node.parents.map((p) => formatShape(p.shape)).join(', ')}) ` +
        'a second time: an earlier backward released its saved values; pass { retainGraph: true } to that earlier call to go through the graph again',
    );
  }
  checkVersions(node, call);
}

/** A gradient in the output's (broadcast) shape, summed down to the shape of input `p`. */
function sumDown(node: Tensor, p: number, g: Tensor): Tensor {
  const target = node.parents[p]!.shape;
  if (!sumsDownTo(g.shape, target)) {
    throw new RangeError(
      `${node.op} (backward): the gradient for input ${p} has shape ${formatShape(g.shape)}, which does not sum down to the input's shape ${formatShape(target)}`,
    );
  }
  return g.sumTo(target);
}

/** Adds a leaf's gradient into `.grad`: in place when neither is part of a graph, else as a recorded add. */
function accumulate(node: Tensor, g: Tensor): void {
  const current = node.grad;
  // A first gradient may share its buffer (add hands g to both inputs; reshape is a view), so it is copied.
  if (current === null) node.grad = g.requiresGrad ? g : new Tensor(g.data.slice(), node.shape);
  else if (current.requiresGrad || g.requiresGrad) node.grad = current.add(g);
  else {
    const target = current.data,
      source = g.data;
    for (let i = 0; i < target.length; i++) target[i]! += source[i]!;
    incrementVersion(current, 'gradient accumulation');
  }
}
