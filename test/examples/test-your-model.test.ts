import { describe, expect, it } from 'vitest';
import { GatedLinear, main, softplus } from '../../examples/test-your-model.ts';
import { Tensor, assertGradcheck, randn } from '../../src/tensor/index.ts';
import { assertModelGradcheck } from '../../src/nn/index.ts';

describe('examples/test-your-model', () => {
  const lines: string[] = [];
  const r = main({ log: (l) => lines.push(l) });
  const output = lines.join('\n');

  it('passes gradcheck for the custom module (input and all four parameters) and the correct op', () => {
    expect(r.module.passed).toBe(true);
    expect(r.module.tensors.map((t) => t.name)).toEqual(['input', 'value.weight', 'value.bias', 'gate.weight', 'gate.bias']);
    expect(r.op.passed).toBe(true);
    expect(output).toContain('gate.weight [3, 2]: ok');
  });

  it('catches the broken backward at x = −3: tanh(−3) vs σ(−3)', () => {
    expect(r.broken.passed).toBe(false);
    const worst = r.broken.inputs[0]!.worst!;
    expect(worst.index).toBe(0);
    expect(worst.analytic).toBeCloseTo(Math.tanh(-3), 12);
    expect(worst.numeric).toBeCloseTo(1 / (1 + Math.exp(3)), 8);
    expect(output).toContain('MISMATCH');
  });

  it('works as the snippet says: assertModelGradcheck passes on the module and assertGradcheck throws on the bug', () => {
    expect(() => assertModelGradcheck(new GatedLinear(3, 2), randn([4, 3], { seed: 7 }))).not.toThrow();
    const z = new Tensor(Float64Array.from([-1, 2]), [2], true);
    expect(() => assertGradcheck((t) => softplus(t, true).sum(), [z])).toThrow(/gradcheck failed:\ninput 0 \[2\]: MISMATCH/);
    expect(Array.from(softplus(new Tensor(Float64Array.from([0, 800, -800]), [3])).data)).toEqual([Math.LN2, 800, 0]);
  });
});
