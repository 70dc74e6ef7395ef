import { describe, expect, it } from 'vitest';
import { Linear, LogisticRegression, MLP } from '../../src/nn/index.ts';
import { checkModel, formatModelReport, type CheckName, type ModelReport } from '../../src/testing/index.ts';
import { Residual, mlp, separable } from './planted.ts';

const { x, y } = separable();
const failed = (r: ModelReport): CheckName[] => r.checks.filter((c) => !c.passed).map((c) => c.name);

describe('checkModel', () => {
  it('passes a correct MLP, logistic regression and a residual model with a custom op (no false alarm)', () => {
    for (const [model, factory] of [
      [mlp(), (s: number) => mlp(s)],
      [new LogisticRegression(2), () => new LogisticRegression(2)],
      [new Residual(), (s: number) => new Residual(s)],
    ] as const) {
      const report = checkModel(model, x, y, { factory });
      expect(failed(report), formatModelReport(report)).toEqual([]);
      expect(report.checks.map((c) => c.name)).toEqual([
        'finite',
        'initialLoss',
        'gradientsFlow',
        'gradcheck',
        'paramsUpdate',
        'batchIndependent',
        'overfits',
        'usesInput',
        'deterministic',
        'evalDeterministic',
      ]);
    }
  }, 60_000);

  it.each([
    ['batchNorm', 'batchIndependent', /^samples mix across the batch: output 0 depends on input 1 \(\|∂\| up to [\d.e-]+\), 2 /],
    ['unused', 'gradientsFlow', /^6 of 7 parameters get a gradient; no gradient \(null\) for extra: .*never used in forward/],
    ['detach', 'gradientsFlow', /no gradient \(null\) for inp\.weight, inp\.bias: .*a detach\(\)/],
    [
      'backward',
      'gradcheck',
      /^autograd disagrees with finite differences for input, inp\.weight, inp\.bias, block\.weight, block\.bias \(likely a custom op's backward/,
    ],
    [
      'bigHead',
      'initialLoss',
      /^loss at init [\d.]+, chance 0\.693147 .*off by \d+% \(allowed 25%\); logits mean .*the output layer starts too large/,
    ],
    ['nan', 'finite', /^not all finite:\n {2}output\[0, 0\] is NaN/],
    ['doubleSoftmax', 'overfits', /^could not overfit 8 rows: loss 0\.6\d+ → 0\.3\d+ after 300 steps.*\(a plateau\)\.\nloss by step: 0: /],
    ['evalNoise', 'evalDeterministic', /^two forward passes in eval mode differ: output\[0, 0\] is /],
  ] as const)(
    'catches the planted bug %s under %s',
    (bug, check, message) => {
      const report = checkModel(new Residual(1, bug), x, y);
      expect(failed(report)).toContain(check);
      expect(report.checks.find((c) => c.name === check)!.message).toMatch(message);
      expect(formatModelReport(report)).toMatch(new RegExp(`^✗ ${check} `, 'm'));
    },
    60_000,
  );

  it('catches an initialization that ignores its seed under deterministic', () => {
    const unseeded = (): MLP => new MLP([2, 16, 2]);
    const report = checkModel(unseeded(), x, y, { factory: unseeded, skip: ['overfits', 'usesInput', 'gradcheck'] });
    expect(failed(report)).toEqual(['deterministic']);
    const fixed = (): Linear => new Linear(2, 2, { seed: 5 });
    expect(failed(checkModel(fixed(), x, y, { factory: fixed, skip: ['overfits', 'usesInput', 'gradcheck', 'initialLoss'] }))).toEqual([
      'deterministic',
    ]);
  }, 60_000);
});
