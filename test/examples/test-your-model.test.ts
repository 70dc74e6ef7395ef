import { describe, expect, it } from 'vitest';
import { BUGS, Classifier, GatedLinear, main, softplus } from '../../examples/test-your-model.ts';
import { Tensor, assertGradcheck, randn } from '../../src/tensor/index.ts';
import { assertModelGradcheck } from '../../src/nn/index.ts';
import { makeMoons } from '../../src/data/index.ts';
import { assertBatchIndependence, assertEveryParameterGetsGradient } from '../../src/testing/index.ts';

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
  it('checkModel passes the correct classifier and fails each planted bug under the check that names it', () => {
    const failed = (name: keyof typeof r.bugs): string[] => r.bugs[name].checks.filter((c) => !c.passed).map((c) => c.name);
    expect(r.correct.passed).toBe(true);
    expect(r.correct.checks.filter((c) => c.skipped)).toEqual([]);
    expect(failed('unused parameter')).toEqual(['gradientsFlow', 'paramsUpdate']);
    expect(failed('detached hidden layer')).toEqual(['gradientsFlow', 'gradcheck', 'paramsUpdate']);
    expect(failed('batch-mixing normalization')).toEqual(['batchIndependent']);
    // The printed reports name each bug's check, the parameters and the likely cause.
    expect(output).toMatch(
      /With a planted bug, unused parameter:\n(.*\n)*? {3}✗ gradientsFlow +4 of 5 parameters get a gradient; no gradient \(null\) for gain: .*never used in forward/,
    );
    expect(output).toMatch(
      /With a planted bug, detached hidden layer:\n(.*\n)*? {3}✗ gradientsFlow +3 of 5 parameters .*for hidden\.weight, hidden\.bias: .*a detach\(\)/,
    );
    expect(output).toMatch(/ {3}✗ gradcheck +autograd disagrees .*likely a detach\(\)/);
    expect(output).toMatch(
      /With a planted bug, batch-mixing normalization:\n(.*\n)*? {3}✗ batchIndependent +samples mix across the batch: output 0 depends on input 1 /,
    );
    expect(output.match(/^ {3}all checks passed$/gm)).toHaveLength(1);
    expect(output.match(/^ {3}FAILED: /gm)).toHaveLength(BUGS.length);
  });

  it('the bugs are real: the single assertions catch them too, and pass the correct model', () => {
    const { features: x, labels: y } = makeMoons(16, { seed: 2 });
    expect(() => assertEveryParameterGetsGradient(new Classifier(), { x, y })).not.toThrow();
    expect(() => assertEveryParameterGetsGradient(new Classifier('unused parameter'), { x, y })).toThrow(/for gain/);
    expect(() => assertBatchIndependence(new Classifier(), x)).not.toThrow();
    expect(() => assertBatchIndependence(new Classifier('batch-mixing normalization'), x)).toThrow(/samples mix across the batch/);
  });
});
