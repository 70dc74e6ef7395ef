import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../examples/computation-graph.ts';

describe('examples/computation-graph', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gradlab-graph-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const lines: string[] = [];
  const r = await main({ out: dir, log: (l) => lines.push(l) });
  const output = lines.join('\n');

  it("reproduces micrograd's neuron: o = 0.7071, do/dn = 0.5, x1 −1.5, w1 1, x2 0.5, w2 0, b 0.5", () => {
    expect(r.neuron.o).toBeCloseTo(Math.SQRT1_2, 12);
    const expected = { x1: -1.5, w1: 1, x2: 0.5, w2: 0, b: 0.5 };
    for (const [k, v] of Object.entries(expected)) expect(r.neuron[k as keyof typeof expected]).toBeCloseTo(v, 12);
    expect(output).toContain('#1 o: tanh [] value=0.7071 grad=1');
    expect(output).toContain('#5 x1: leaf [] value=2 grad=-1.5');
    expect(output).toContain('#9 w2: leaf [] value=1 grad=0');
  });

  it('gets the same gradients when tanh is spelled out in exp ops (the shared e²ⁿ node sums two paths)', () => {
    for (const k of ['o', 'x1', 'x2', 'w1', 'w2', 'b'] as const) expect(r.expanded[k]).toBeCloseTo(r.neuron[k], 12);
    expect(output).toContain('#3 e²ⁿ: exp (see above)');
    expect(output).toContain('leaf gradients equal to the tanh version: yes');
  });

  it('writes the DOT text and an SVG rendered without Graphviz installed', () => {
    expect(r.files.map((f) => f.slice(dir.length + 1))).toEqual([
      'computation-graph.dot',
      'computation-graph.svg',
      'computation-graph.png',
    ]);
    const dot = readFileSync(r.files[0]!, 'utf8');
    // The mark comment first (so the next run may replace its own file), then Graphviz's text.
    expect(dot.startsWith('// gradlab graph\ndigraph computation {')).toBe(true);
    expect(dot).toContain('n5 -> n4;'); // x1 feeds x1·w1
    const svg = readFileSync(r.files[1]!, 'utf8');
    expect(svg).toContain('<svg');
    expect(svg).toContain('x1w1: mul');
  });
});
