import type { Tensor } from './tensor.ts';
import { formatShape } from './shape.ts';
import { checkGradientsFinite, debugFlags } from './debug.ts';

let gradEnabled = true;

export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** Runs `fn` without recording a graph (inference, optimizer updates, finite differences). */
export function noGrad<T>(fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

/** Nodes reachable from `root` that need gradients, parents before children (iterative: deep graphs must not overflow the stack). */
export function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  const stack: [Tensor, number][] = [[root, 0]];
  visited.add(root);
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
  return order;
}

/**
 * Reverse-mode sweep: seeds d(root)/d(root), then walks the graph from the root back to the leaves,
 * adding each node's local gradients into its parents. Leaves (and tensors that called `retainGrad`)
 * accumulate into `.grad` with `+=`, so gradients add up across calls until `zeroGrad`. The graph is
 * kept, so calling `backward` again on it adds the same gradients once more.
 */
export function backward(root: Tensor, seed?: Float64Array): void {
  if (!root.requiresGrad) {
    throw new Error('backward: the tensor does not require grad (no input had requiresGrad: true, or it was built inside noGrad)');
  }
  if (seed === undefined) {
    if (root.size !== 1) {
      throw new Error(
        `backward: the output has shape ${formatShape(root.shape)}; only a scalar can be the implicit root — pass a seed gradient of shape ${formatShape(root.shape)}`,
      );
    }
    seed = new Float64Array([1]);
  } else if (seed.length !== root.size) {
    throw new RangeError(
      `backward: seed gradient has ${seed.length} elements but the output has shape ${formatShape(root.shape)} (${root.size} elements)`,
    );
  }
  // Backward functions may hand back buffers they share (add passes `g` to both inputs), so a
  // pending gradient is copied before the first time another contribution is added into it.
  const pending = new Map<Tensor, { grad: Float64Array; owned: boolean }>([[root, { grad: seed, owned: false }]]);
  const order = topologicalOrder(root);
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i]!;
    const entry = pending.get(node);
    if (entry === undefined) continue;
    pending.delete(node);
    const grad = entry.grad;
    if (node.backwardFn === null || node.retainsGrad) accumulate(node, grad);
    if (node.backwardFn === null) continue;
    const parentGrads = node.backwardFn(grad);
    if (debugFlags.checkFinite) checkGradientsFinite(node, grad, parentGrads);
    for (let p = 0; p < node.parents.length; p++) {
      const parent = node.parents[p]!;
      const g = parentGrads[p];
      if (!parent.requiresGrad || g === undefined || g === null) continue;
      const existing = pending.get(parent);
      if (existing === undefined) {
        pending.set(parent, { grad: g, owned: false });
      } else {
        if (!existing.owned) existing.grad = Float64Array.from(existing.grad);
        existing.owned = true;
        addInto(existing.grad, g);
      }
    }
  }
}

function accumulate(node: Tensor, grad: Float64Array): void {
  node.grad ??= new Float64Array(node.size);
  addInto(node.grad, grad);
}

function addInto(target: Float64Array, source: Float64Array): void {
  for (let i = 0; i < target.length; i++) target[i]! += source[i]!;
}
