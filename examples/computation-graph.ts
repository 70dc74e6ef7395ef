/**
 * Seeing the computation graph: micrograd's single neuron o = tanh(x1·w1 + x2·w2 + b), built from
 * tensors, printed as a tree with every value and gradient after backward(); the same neuron with
 * tanh spelled out in exp ops (same gradients, longer graph); written as Graphviz DOT and rendered to
 * SVG with @viz-js/viz (Graphviz compiled to WebAssembly, no system install, no network).
 *
 *     npx tsx examples/computation-graph.ts [--out DIR]
 */
import { join } from 'node:path';
import { writeOutputFile } from '../src/node/safe-write.ts';
import { DOT_MARK } from '../src/util/file-kind.ts';
import { writeFigure } from '../src/node/files.ts';
import { Tensor, tensor } from '../src/tensor/index.ts';
import { graphToDot, graphToText } from '../src/viz/graph.ts';
import { type ExampleCli, type ExampleOptions, runExample, isMain } from './lib/cli.ts';

export interface ComputationGraphOptions extends ExampleOptions {
  out?: string;
  /** Write the .dot and .svg files (default true). */
  files?: boolean;
}

export interface NeuronGrads {
  o: number;
  x1: number;
  x2: number;
  w1: number;
  w2: number;
  b: number;
}

export interface ComputationGraphResult {
  neuron: NeuronGrads;
  expanded: NeuronGrads;
  text: string;
  dot: string;
  files: string[];
}

/** micrograd's example neuron; `expanded` writes tanh(n) = (e²ⁿ − 1)/(e²ⁿ + 1). */
function neuron(expanded: boolean): { o: Tensor; names: Map<Tensor, string>; leaves: Record<string, Tensor> } {
  const leaf = (v: number): Tensor => tensor(v, { requiresGrad: true });
  const leaves = { x1: leaf(2), x2: leaf(0), w1: leaf(-3), w2: leaf(1), b: leaf(6.8813735870195432) };
  const x1w1 = leaves.x1.mul(leaves.w1).retainGrad();
  const x2w2 = leaves.x2.mul(leaves.w2).retainGrad();
  const sum = x1w1.add(x2w2).retainGrad();
  const n = sum.add(leaves.b).retainGrad();
  const names = new Map<Tensor, string>([
    ...Object.entries(leaves).map(([k, t]) => [t, k] as [Tensor, string]),
    [x1w1, 'x1w1'],
    [x2w2, 'x2w2'],
    [sum, 'x1w1+x2w2'],
    [n, 'n'],
  ]);
  let o: Tensor;
  if (expanded) {
    const twoN = n.mul(2).retainGrad();
    const e = twoN.exp().retainGrad();
    const top = e.sub(1).retainGrad(),
      bottom = e.add(1).retainGrad();
    o = top.div(bottom);
    for (const [t, name] of [
      [twoN, '2n'],
      [e, 'e²ⁿ'],
      [top, 'e²ⁿ−1'],
      [bottom, 'e²ⁿ+1'],
    ] as const)
      names.set(t, name);
  } else {
    o = n.tanh();
  }
  names.set(o.retainGrad(), 'o');
  return { o, names, leaves };
}

function grads(o: Tensor, leaves: Record<string, Tensor>): NeuronGrads {
  const g = (k: string): number => leaves[k]!.grad!.item();
  return { o: o.item(), x1: g('x1'), x2: g('x2'), w1: g('w1'), w2: g('w2'), b: g('b') };
}

export async function main(options: ComputationGraphOptions = {}): Promise<ComputationGraphResult> {
  const log = options.log ?? console.log;
  const a = neuron(false);
  a.o.backward();
  const neuronGrads = grads(a.o, a.leaves);
  const text = graphToText(a.o, { names: a.names });
  log("o = tanh(x1·w1 + x2·w2 + b) with x1 = 2, x2 = 0, w1 = −3, w2 = 1, b = 6.8814 (micrograd's neuron), after o.backward():");
  log(text);
  log('');
  log('Reading it backwards (the chain rule, node by node):');
  log(`  do/dn  = 1 − tanh²(n) = 1 − ${neuronGrads.o.toFixed(4)}² = ${(1 - neuronGrads.o ** 2).toFixed(4)}`);
  log(`  do/db  = do/dn · 1 = ${neuronGrads.b.toFixed(4)}; a sum passes its gradient to both inputs unchanged`);
  log(`  do/dw1 = do/dn · x1 = 0.5 · 2 = ${neuronGrads.w1.toFixed(4)};  do/dx1 = do/dn · w1 = 0.5 · (−3) = ${neuronGrads.x1.toFixed(4)}`);
  log(`  do/dw2 = do/dn · x2 = 0.5 · 0 = ${neuronGrads.w2.toFixed(4)};  do/dx2 = do/dn · w2 = 0.5 · 1 = ${neuronGrads.x2.toFixed(4)}`);
  log('  (w2 gets no gradient because its input x2 is 0: that weight cannot change this output.)');

  const b = neuron(true);
  b.o.backward();
  const expanded = grads(b.o, b.leaves);
  log('');
  log('The same neuron with tanh written as (e²ⁿ − 1)/(e²ⁿ + 1): more nodes, and e²ⁿ is used twice, so its');
  log('gradient is the sum of both paths; every leaf gradient comes out the same:');
  log(graphToText(b.o, { names: b.names }));
  const same = (Object.keys(expanded) as (keyof NeuronGrads)[]).every((k) => Math.abs(expanded[k] - neuronGrads[k]) < 1e-12);
  log(`  leaf gradients equal to the tanh version: ${same ? 'yes' : 'NO'}`);

  const dot = graphToDot(a.o, { names: a.names });
  const files: string[] = [];
  if (options.files !== false) {
    const dir = options.out ?? 'out';
    // The mark lets the next run replace its own file; a file of someone else's there is refused.
    const dotFile = join(dir, 'computation-graph.dot');
    writeOutputFile(dotFile, `${DOT_MARK}${dot}\n`);
    files.push(dotFile);
    const svg = await renderDot(dot).catch((error: unknown) => {
      log(`(SVG not rendered: ${(error as Error).message}; render the .dot with Graphviz: dot -Tsvg)`);
      return null;
    });
    if (svg !== null) {
      // Graphviz writes font-family="Helvetica,sans-Serif"; PNG rasterising needs installed faces named, or it falls back to a serif.
      const sans = svg.replace(/font-family="[^"]*"/g, 'font-family="Helvetica, Arial, Liberation Sans, DejaVu Sans, sans-serif"');
      files.push(await writeFigure(sans, join(dir, 'computation-graph.svg')));
      files.push(await writeFigure(sans, join(dir, 'computation-graph.png')));
    }
    log('');
    log(`graph: ${files.join(', ')}`);
  }
  return { neuron: neuronGrads, expanded, text, dot, files };
}

/** Graphviz (compiled to WebAssembly, @viz-js/viz) renders the DOT text as SVG. */
async function renderDot(dot: string): Promise<string> {
  const { instance } = await import('@viz-js/viz');
  return (await instance()).renderString(dot, { format: 'svg' });
}

export const cli: ExampleCli = {
  name: 'computation-graph',
  summary: "micrograd's neuron as a computation graph: values and gradients, Graphviz DOT and SVG.",
  flags: ['out'],
};

if (isMain(import.meta.url)) await runExample(cli, main);
