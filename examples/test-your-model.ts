/**
 * How to unit-test a model you wrote. First gradcheck: a custom Module (a gated linear unit) and a custom op
 * (softplus, written with Tensor.fromOp) pass, and a deliberately broken backward is caught with the element that
 * disagrees. Then checkModel (gradlab/testing) runs the whole recipe on a small classifier and catches three bugs
 * gradcheck cannot see: a parameter forward never uses, a detached hidden layer, a normalization that mixes the
 * samples of a batch.
 *
 *     npx tsx examples/test-your-model.ts
 */
import { Linear, Module, formatModelGradcheckReport, modelGradcheck, type ModelGradcheckReport } from '../src/nn/index.ts';
import { Tensor, formatGradcheckReport, gradcheck, randn, type GradcheckReport } from '../src/tensor/index.ts';
import { makeMoons } from '../src/data/index.ts';
import { checkModel, formatModelReport, type ModelReport } from '../src/testing/index.ts';
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

/** The bugs planted in Classifier, one at a time. */
export const BUGS = ['unused parameter', 'detached hidden layer', 'batch-mixing normalization'] as const;
export type Bug = (typeof BUGS)[number];

/** logits = tanh(x·W₁ + b₁)·W₂ + b₂, scaled per class by `gain`: a small classifier, correct unless a bug is planted. */
export class Classifier extends Module {
  readonly hidden: Linear;
  readonly head: Linear;
  readonly gain = new Tensor(Float64Array.from([1, 1]), [2], true);

  constructor(
    readonly bug: Bug | null = null,
    seed = 0,
  ) {
    super();
    this.hidden = new Linear(2, 16, { seed });
    this.head = new Linear(16, 2, { seed: seed + 1 });
    this.head.weight.data.forEach((v, i, w) => (w[i] = v * 0.1)); // start near chance
  }

  forward(x: Tensor): Tensor {
    let h = this.hidden.forward(x).tanh();
    // Bug: a detach() left over from debugging cuts the hidden layer off from the loss.
    if (this.bug === 'detached hidden layer') h = h.detach();
    // Bug: "normalizing" each feature over the batch makes every output depend on the other samples.
    if (this.bug === 'batch-mixing normalization') h = h.sub(h.mean(0, true));
    const logits = this.head.forward(h);
    // Bug: the gain is registered (and trained, and saved) but forward forgets to apply it.
    return this.bug === 'unused parameter' ? logits : logits.mul(this.gain);
  }
}

export interface TestYourModelResult {
  module: ModelGradcheckReport;
  op: GradcheckReport;
  broken: GradcheckReport;
  /** checkModel's report on the correct Classifier, then on each planted bug. */
  correct: ModelReport;
  bugs: Record<Bug, ModelReport>;
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
  log('4. checkModel runs the whole recipe (loss at init, gradients reach every parameter, gradcheck, one step changes');
  log('   every parameter, batch independence, overfit 8 rows, inputs matter, determinism) on 32 rows of two moons:');
  const moons = makeMoons(32, { noise: 0.1, seed: 1 });
  const factory = (seed: number): Classifier => new Classifier(null, seed);
  const correct = checkModel(new Classifier(), moons.features, moons.labels, { factory });
  log(indent(formatModelReport(correct)));
  const bugs = {} as Record<Bug, ModelReport>;
  for (const bug of BUGS) {
    log('');
    log(`   With a planted bug, ${bug}:`);
    bugs[bug] = checkModel(new Classifier(bug), moons.features, moons.labels, { factory: (seed) => new Classifier(bug, seed) });
    log(indent(formatModelReport(bugs[bug])));
  }

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
  return { module, op, broken, correct, bugs };
}

function indent(text: string): string {
  return text.replace(/^/gm, '   ');
}

export const cli: ExampleCli = {
  name: 'test-your-model',
  summary: 'Unit-test a model you wrote: gradcheck a custom Module and op, then checkModel catches three planted bugs.',
  flags: [],
};

if (isMain(import.meta.url)) await runExample(cli, () => main());
