import { describe, expect, it } from 'vitest';
import { tensor } from '../../src/tensor/index.ts';
import { graphToDot, graphToText, shortValues } from '../../src/viz/graph.ts';

function smallGraph() {
  // c = a·b + a with a = 2, b = 3: c = 8, ∂c/∂a = b + 1 = 4, ∂c/∂b = a = 2.
  const a = tensor(2, { requiresGrad: true }),
    b = tensor(3, { requiresGrad: true });
  const c = a.mul(b).add(a);
  c.backward();
  return { a, b, c };
}

describe('graphToText', () => {
  it('prints c = (a*b).add(a) as a tree with values and gradients, the shared leaf once', () => {
    const { a, b, c } = smallGraph();
    expect(
      graphToText(c, {
        names: new Map([
          [a, 'a'],
          [b, 'b'],
          [c, 'c'],
        ]),
      }),
    ).toBe(
      [
        '#1 c: add [] value=8',
        '├─ #2 mul [] value=6',
        '│  ├─ #3 a: leaf [] value=2 grad=4',
        '│  └─ #4 b: leaf [] value=3 grad=2',
        '└─ #3 a: leaf (see above)',
      ].join('\n'),
    );
  });

  it('labels constants, shapes and elided values', () => {
    const w = tensor(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      { requiresGrad: true },
    );
    const y = w.sum().mul(0.5);
    y.backward();
    expect(graphToText(y)).toBe(
      [
        '#1 mul [] value=10.5',
        '├─ #2 sum [] value=21',
        '│  └─ #3 leaf [2, 3] value=[1, 2, 3, …, 6] grad=[0.5, 0.5, 0.5, …, 0.5]',
        '└─ #4 const [] value=0.5',
      ].join('\n'),
    );
  });

  it('walks deep graphs without recursion, cutting at maxDepth', () => {
    let x = tensor(0, { requiresGrad: true });
    for (let i = 0; i < 3000; i++) x = x.add(1);
    // Every add has two inputs (the previous add, the constant 1): 1 root + 2 lines per level.
    expect(graphToText(x, { maxDepth: Infinity }).split('\n')).toHaveLength(1 + 2 * 3000);
    const cut = graphToText(x, { maxDepth: 2 }).split('\n');
    expect(cut).toHaveLength(1 + 2 * 2 + 1);
    expect(cut[3]).toBe('│  │  └─ … 2 input(s) deeper than maxDepth = 2 not shown');
    expect(graphToText(x).split('\n')).toHaveLength(1 + 2 * 64 + 1);
  });
});

describe('graphToDot', () => {
  it('emits one node per tensor and one edge per use, parent → result', () => {
    const { a, b, c } = smallGraph();
    const dot = graphToDot(c, {
      names: new Map([
        [a, 'a'],
        [b, 'b'],
      ]),
    });
    expect(dot.split('\n')[0]).toBe('digraph computation {');
    expect(dot).toContain('n3 [label="#3 a: leaf\\nvalue=2\\ngrad=4", style=filled'); // a scalar has no shape line
    expect(dot.match(/^ {2}n\d+ \[label/gm)).toHaveLength(4);
    expect(dot.match(/->/g)).toHaveLength(4);
    for (const edge of ['n2 -> n1', 'n3 -> n1', 'n3 -> n2', 'n4 -> n2']) expect(dot).toContain(edge);
  });

  it('handles graphs far deeper than the call stack', () => {
    let x = tensor(0, { requiresGrad: true });
    for (let i = 0; i < 20000; i++) x = x.add(1);
    expect(graphToDot(x).match(/->/g)).toHaveLength(2 * 20000);
  });

  it('escapes quotes in names', () => {
    const a = tensor(1, { requiresGrad: true });
    expect(graphToDot(a, { names: new Map([[a, 'say "hi"']]) })).toContain('label="#1 say \\"hi\\": leaf');
  });
});

describe('shortValues', () => {
  it('keeps four significant digits and elides long tensors', () => {
    expect(shortValues(new Float64Array([Math.PI]), true)).toBe('3.142');
    expect(shortValues(new Float64Array([1, 2]), false)).toBe('[1, 2]');
    expect(shortValues(new Float64Array([1, 2, 3, 4, 5]), false, 3)).toBe('[1, 2, …, 5]');
  });
});
