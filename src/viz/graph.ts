import type { Tensor } from '../tensor/tensor.ts';
import { formatShape } from '../tensor/shape.ts';

export interface GraphOptions {
  /** Labels for tensors (usually leaves: inputs and parameters), shown as `name: op`. */
  names?: ReadonlyMap<Tensor, string>;
  /** Elements printed per value or gradient before eliding with … (default 4). */
  maxElements?: number;
  /** graphToText only: levels below the root to print (default 64); a text tree of a long chain grows with depth². */
  maxDepth?: number;
}

interface Visit {
  node: Tensor;
  depth: number;
  prefix: string;
  branch: string;
}

/**
 * The computation graph under `root` as a text tree, root first, each node on one line:
 * `#id [name: ]op shape value=… [grad=…]`. Leaves show as `leaf` (requires grad) or `const`; `grad` appears
 * where `.grad` is set (leaves after `backward()`, or tensors that called `retainGrad()`). A tensor used
 * twice is printed in full once, and later as `#id label (see above)`. Below `maxDepth` levels a line says
 * how many inputs were cut.
 */
export function graphToText(root: Tensor, options: GraphOptions = {}): string {
  const { maxDepth = 64 } = options;
  if (!(maxDepth >= 0)) throw new RangeError(`graphToText: option maxDepth is ${maxDepth}; it must be ≥ 0 (Infinity prints everything)`);
  const ids = new Map<Tensor, number>();
  const lines: string[] = [];
  // An explicit stack, not recursion: graphs of long training loops are deeper than the call stack.
  const stack: Visit[] = [{ node: root, depth: 0, prefix: '', branch: '' }];
  while (stack.length > 0) {
    const { node, depth, prefix, branch } = stack.pop()!;
    const seen = ids.get(node);
    if (seen !== undefined) {
      lines.push(`${prefix}${branch}#${seen} ${label(node, options)} (see above)`);
      continue;
    }
    const id = ids.size + 1;
    ids.set(node, id);
    lines.push(`${prefix}${branch}${describe(node, id, options)}`);
    const childPrefix = prefix + (branch === '' ? '' : branch === '└─ ' ? '   ' : '│  ');
    if (depth === maxDepth && node.parents.length > 0) {
      lines.push(`${childPrefix}└─ … ${node.parents.length} input(s) deeper than maxDepth = ${maxDepth} not shown`);
      continue;
    }
    for (let p = node.parents.length - 1; p >= 0; p--) {
      stack.push({ node: node.parents[p]!, depth: depth + 1, prefix: childPrefix, branch: p === node.parents.length - 1 ? '└─ ' : '├─ ' });
    }
  }
  return lines.join('\n');
}

/**
 * The computation graph under `root` in Graphviz DOT, data flowing left to right (parent → result). Node ids
 * match `graphToText`; leaves that require grad are filled, constants dashed. Render with `dot -Tsvg`. Labels are
 * sized for Helvetica's metrics (Liberation Sans and Arial share them), with a margin for a wider fallback face.
 */
export function graphToDot(root: Tensor, options: GraphOptions = {}): string {
  const ids = new Map<Tensor, number>();
  const nodes: string[] = [];
  const edges: string[] = [];
  const stack: Tensor[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (ids.has(node)) continue;
    const id = ids.size + 1;
    ids.set(node, id);
    // A scalar's shape [] would be a line of its own with nothing in it; the box shows shapes of tensors only.
    const text = describe(node, id, options)
      .replace(/ \[\](?= value=)/, '')
      .split(/ (?=\[|value=|grad=)/)
      .map(escapeDot)
      .join('\\n');
    const style = node.parents.length > 0 ? '' : node.requiresGrad ? ', style=filled, fillcolor="#dbe9f6"' : ', style=dashed';
    nodes.push(`  n${id} [label="${text}"${style}];`);
    for (let p = node.parents.length - 1; p >= 0; p--) stack.push(node.parents[p]!);
  }
  for (const [node, id] of ids) {
    for (const parent of node.parents) edges.push(`  n${ids.get(parent)!} -> n${id};`);
  }
  return [
    'digraph computation {',
    '  rankdir=LR;',
    '  node [shape=box, fontname="Helvetica", margin="0.25,0.1"];',
    '  edge [arrowsize=0.8];',
    ...nodes,
    ...edges,
    '}',
  ].join('\n');
}

function label(node: Tensor, options: GraphOptions): string {
  const op = node.parents.length > 0 ? node.op : node.op === 'leaf' ? (node.requiresGrad ? 'leaf' : 'const') : node.op;
  const name = options.names?.get(node);
  return name === undefined ? op : `${name}: ${op}`;
}

function describe(node: Tensor, id: number, options: GraphOptions): string {
  const max = options.maxElements ?? 4;
  const grad = node.grad === null ? '' : ` grad=${shortValues(node.grad.data, node.ndim === 0, max)}`;
  return `#${id} ${label(node, options)} ${formatShape(node.shape)} value=${shortValues(node.data, node.ndim === 0, max)}${grad}`;
}

/** `8` for a scalar, `[1, 2, 3]` for a few elements, `[1, 2, 3, …, 9]` beyond `max`; four significant digits. */
export function shortValues(data: Float64Array, scalar: boolean, max = 4): string {
  const num = (v: number): string => String(Number(v.toPrecision(4)));
  if (scalar) return num(data[0]!);
  if (data.length <= max) return `[${Array.from(data, num).join(', ')}]`;
  const head = Array.from(data.subarray(0, Math.max(1, max - 1)), num);
  return `[${head.join(', ')}, …, ${num(data[data.length - 1]!)}]`;
}

function escapeDot(text: string): string {
  return text.replace(/["\\]/g, (c) => `\\${c}`);
}
