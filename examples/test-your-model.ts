/**
 * How to unit-test a model you wrote: check its gradients against finite differences with gradcheck.
 * A custom Module (a gated linear unit) and a custom op (softplus, written with Tensor.fromOp) pass;
 * a deliberately broken backward is caught, with the element that disagrees.
 *
 *     npx tsx examples/test-your-model.ts
 */
import { Linear, Module, formatModelGradcheckReport, modelGradcheck, type ModelGradcheckReport } from '../src/nn/index.ts';
import { Tensor, formatGradcheckReport, gradcheck, randn, type GradcheckReport } from '../src/tensor/index.ts';
import { type ExampleCli, type ExampleOptions, runExample, isMain } from './lib/cli.ts';

/** Gated linear unit (Dauphin et al. 2017): y = (x·W + b) ⊙ σ(x·V + c). */
export class GatedLinear extends Module {
  readonly value: Linear;
  readonly gate: Linear;

  constructor(inFeatures: number, outFeatures: number, seed = 0) {
    super();
    this.value = new Linear(inFeatures, outFeatures, { seed });
    this.gate = new Linear(inFeatures, outFeatures, { seed: seed + 1 });
  }

  forward(x: Tensor): Tensor {
    return this.value.forward(x).mul(this.gate.forward(x).sigmoid());
  }
}

/** softplus(x) = log(1 + eˣ), computed stably; its derivative is σ(x). */
export function softplus(x: Tensor, broken = false): Tensor {
  const out = x.data.map((v) => Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))));
  return Tensor.fromOp('softplus', out, [...x.shape], [x], (grad) => {
    const dx = grad.map((g, i) => {
      const v = x.data[i]!;
      const sigmoid = 1 / (1 + Math.exp(-v));
      // The bug to catch: tanh looks like a sigmoid but has the wrong slope and range.
      return g * (broken ? Math.tanh(v) : sigmoid);
    });
    return [dx];
  });
}

export interface TestYourModelResult {
  module: ModelGradcheckReport;
  op: GradcheckReport;
  broken: GradcheckReport;
}

export function main(options: ExampleOptions = {}): TestYourModelResult {
  const log = options.log ?? console.log;
  const model = new GatedLinear(3, 2);
  const x = randn([4, 3], { seed: 7 });

  log('1. A custom Module: modelGradcheck compares autograd with central differences (f(θ+ε) − f(θ−ε))/2ε');
  log('   for every element of the input and of every named parameter (float64, ε = 1e-6).');
  const module = modelGradcheck(model, x);
  log(indent(formatModelGradcheckReport(module)));
  log(`   → ${module.passed ? 'passed' : 'FAILED'}`);

  log('');
  log('2. A custom op written with Tensor.fromOp: softplus, backward σ(x)·grad.');
  const z = new Tensor(Float64Array.from([-3, -0.5, 0, 0.7, 4]), [5], true);
  const op = gradcheck((t) => softplus(t).sum(), [z]); // d(Σ softplus)/dxᵢ = σ(xᵢ)
  log(indent(formatGradcheckReport(op)));
  log(`   → ${op.passed ? 'passed' : 'FAILED'}`);

  log('');
  log('3. The same op with a bug in its backward (tanh instead of σ):');
  const broken = gradcheck((t) => softplus(t, true).sum(), [z]);
  log(indent(formatGradcheckReport(broken)));
  log(`   → ${broken.passed ? 'passed (the bug slipped through!)' : 'caught: the analytic gradient disagrees with the numeric one'}`);
  const w = broken.inputs[0]!.worst!;
  log(
    `   At x = ${z.data[w.index]!}: autograd says ${w.analytic.toFixed(6)}, finite differences ${w.numeric.toFixed(6)} = σ(${z.data[w.index]!}).`,
  );

  log('');
  log('In a test file (vitest), assertModelGradcheck throws with this report when they disagree (see the README):');
  log(
    indent(
      [
        "import { assertModelGradcheck, randn } from 'gradlab';",
        "it('GatedLinear has correct gradients for its input and every parameter', () => {",
        '  assertModelGradcheck(new GatedLinear(3, 2), randn([4, 3], { seed: 7 }));',
        '});',
      ].join('\n'),
    ),
  );
  return { module, op, broken };
}

function indent(text: string): string {
  return text.replace(/^/gm, '   ');
}

export const cli: ExampleCli = {
  name: 'test-your-model',
  summary: 'Unit-test a model you wrote: gradcheck a custom Module and op, and catch a broken backward.',
  flags: [],
};

if (isMain(import.meta.url)) await runExample(cli, () => main());
