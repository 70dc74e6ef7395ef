import { Activation, Linear, type MLP, Tensor, crossEntropy, noGrad } from 'gradlab';

/** One node of the loss graph for one example, in the order the forward pass made it. */
export interface GraphNode {
  id: number;
  label: string;
  tensor: Tensor;
  /** Ids of the nodes it was computed from. */
  inputs: number[];
  kind: 'input' | 'weight' | 'op';
}

/** A perturbation: add `h` to element `element` of node `id` as the forward pass makes it. */
interface Nudge {
  id: number;
  element: number;
  h: number;
}

/**
 * The MLP's loss on example (x, label), op by op through gradlab's public ops, so each intermediate
 * can be nudged for a finite-difference check: x·W, +b, activation, …, cross-entropy.
 */
export function lossGraph(model: MLP, x: [number, number], label: number, nudge?: Nudge): { nodes: GraphNode[]; loss: Tensor } {
  const nodes: GraphNode[] = [];
  const add = (label: string, tensor: Tensor, inputs: number[], kind: GraphNode['kind']): number => {
    const id = nodes.length + 1;
    if (nudge?.id === id) {
      // A fresh tensor with one element moved; later ops read it instead.
      const data = Float64Array.from(tensor.data);
      data[nudge.element]! += nudge.h;
      tensor = new Tensor(data, tensor.shape, tensor.requiresGrad);
    }
    if (kind === 'op' && tensor.requiresGrad) tensor.retainGrad();
    nodes.push({ id, label, tensor, inputs, kind });
    return id;
  };
  let cur = add('x (input)', new Tensor(Float64Array.from(x), [1, 2], true), [], 'input');
  const named = new Map(model.namedParameters().map(([n, p]) => [p, n]));
  model.layers.forEach((m, layer) => {
    if (m instanceof Linear) {
      const w = add(named.get(m.weight) ?? 'weight', m.weight, [], 'weight');
      const z = add(`x·W (layers.${layer})`, nodes[cur - 1]!.tensor.matmul(nodes[w - 1]!.tensor), [cur, w], 'op');
      cur = z;
      if (m.bias) {
        const b = add(named.get(m.bias) ?? 'bias', m.bias, [], 'weight');
        cur = add(`+ b (layers.${layer})`, nodes[z - 1]!.tensor.add(nodes[b - 1]!.tensor), [z, b], 'op');
      }
    } else if (m instanceof Activation) {
      const t = nodes[cur - 1]!.tensor;
      cur = add(`${m.kind} (layers.${layer})`, m.kind === 'relu' ? t.relu() : m.kind === 'tanh' ? t.tanh() : t.sigmoid(), [cur], 'op');
    }
  });
  const loss = crossEntropy(nodes[cur - 1]!.tensor, [label]);
  add(`cross-entropy (label ${label})`, loss, [cur], 'op');
  return { nodes, loss: nodes[nodes.length - 1]!.tensor };
}

export const FD_STEP = 1e-5;

export interface FdRow {
  element: number;
  autograd: number;
  finiteDifference: number;
}

/**
 * ∂loss/∂node by central differences, (L(v + h) − L(v − h)) / 2h with h = 1e-5, next to autograd's,
 * for up to `max` elements of the node (weights are nudged the same way, as copies). h = 1e-5 rather
 * than smaller: the loss carries rounding of about ε·|logits|, which the difference divides by 2h.
 */
export function finiteDifferenceCheck(model: MLP, x: [number, number], label: number, id: number, grad: Float64Array, max = 16): FdRow[] {
  const h = FD_STEP;
  const rows: FdRow[] = [];
  for (let e = 0; e < Math.min(max, grad.length); e++) {
    const at = (d: number) => noGrad(() => lossGraph(model, x, label, { id, element: e, h: d }).loss.item());
    rows.push({ element: e, autograd: grad[e]!, finiteDifference: (at(h) - at(-h)) / (2 * h) });
  }
  return rows;
}
