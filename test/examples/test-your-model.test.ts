import { describe, expect, it } from 'vitest';
import { GatedLinear, main, softplus } from '../../examples/test-your-model.ts';
import { Tensor, assertGradcheck, randn } from '../../src/tensor/index.ts';

describe('examples/test-your-model', () => {
  const lines: string[] = [];
  const r = main({ log: (l) => lines.push(l) });
  const output = lines.join('\n');

  it('passes gradcheck for the custom module (input and all four parameters) and the correct op', () => {
    expect(r.module.passed).toBe(true);
    expect(r.module.inputs).toHaveLength(5);
    expect(r.op.passed).toBe(true);
    expect(output).toContain('input 3 (gate.weight) [3, 2]: ok');
  });

  it('catches the broken backward at x = −3: tanh(−3) vs σ(−3)', () => {
    expect(r.broken.passed).toBe(false);
    const worst = r.broken.inputs[0]!.worst!;
    expect(worst.index).toBe(0);
    expect(worst.analytic).toBeCloseTo(Math.tanh(-3), 12);
    expect(worst.numeric).toBeCloseTo(1 / (1 + Math.exp(3)), 8);
    expect(output).toContain('MISMATCH');
  });

  it('works as the snippet says: assertGradcheck passes on the module and throws on the bug', () => {
    const model = new GatedLinear(3, 2);
    const x = randn([4, 3], { seed: 7, requiresGrad: true });
    expect(() => assertGradcheck((input) => model.forward(input), [x, ...model.parameters()])).not.toThrow();
    const z = new Tensor(Float64Array.from([-1, 2]), [2], true);
    expect(() => assertGradcheck((t) => softplus(t, true).sum(), [z])).toThrow(/gradcheck failed:\ninput 0 \[2\]: MISMATCH/);
    expect(Array.from(softplus(new Tensor(Float64Array.from([0, 800, -800]), [3])).data)).toEqual([Math.LN2, 800, 0]);
  });
});
