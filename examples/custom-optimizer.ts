/**
 * Write your own optimizer: Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms")
 * as one transform of about 20 lines, chained with gradlab's decoupled weight decay and learning
 * rate, checked by hand on one step, inspected with traceOptimizer, and used with fit() on the
 * digits next to Adam. Its state saves, loads and resumes like the built-ins'.
 *
 *     npx tsx examples/custom-optimizer.ts [--quick]
 */
import { formatNumber } from '../src/util/format-number.ts';
import { Adam, Optimizer, addDecayedWeights, chain, named, scaleByLr, type Transform } from '../src/optim/index.ts';
import { MLP } from '../src/nn/index.ts';
import { tensor, type Tensor } from '../src/tensor/index.ts';
import { evaluate, evaluateLoss, fit } from '../src/train/index.ts';
import { traceOptimizer } from '../src/inspect/trace.ts';
import { formatTrace } from '../src/inspect/format-trace.ts';
import { prepare } from './lib/classify.ts';
import { type ExampleCli, type ExampleOptions, runExample, isMain } from './lib/cli.ts';

type LionOptions = { lr: number; beta1: number; beta2: number; weightDecay: number };

/**
 * Lion's direction: the *sign* of an interpolation of momentum and gradient, so every coordinate
 * moves by exactly lr once scaleByLr has scaled it:
 *
 *     c ← β1·m + (1 − β1)·g,   u ← sign(c),   m ← β2·m + (1 − β2)·g
 */
export function scaleByLion({ beta1 = 0.9, beta2 = 0.99 }: Partial<LionOptions> = {}): Transform<LionOptions> {
  return {
    name: 'scaleByLion',
    defaults: { beta1, beta2 },
    validate(check) {
      check.unitInterval('beta1');
      check.unitInterval('beta2');
    },
    buffers: () => [{ name: 'expAvg', initial: 0, label: 'm' }],
    update(p, { beta1: b1, beta2: b2 }) {
      const m = p.state.expAvg!,
        u = p.writable(); // u holds the gradient on the way in
      for (let i = 0; i < u.length; i++) {
        const g = u[i]!;
        u[i] = Math.sign(b1 * m[i]! + (1 - b1) * g);
        m[i] = b2 * m[i]! + (1 - b2) * g;
      }
    },
  };
}

/** Lion = decoupled decay θ ← θ·(1 − lr·wd), the sign step, then −lr: θ ← θ − lr·(sign(c) + wd·θ). */
export const lionRule = named<LionOptions>('Lion', chain(addDecayedWeights(), scaleByLion(), scaleByLr()), {
  lr: 1e-4,
  beta1: 0.9,
  beta2: 0.99,
  weightDecay: 0,
});

/** `new Lion(params, { lr = 1e-4, beta1 = 0.9, beta2 = 0.99, weightDecay = 0 })`. */
export class Lion extends Optimizer<LionOptions> {
  constructor(params: Iterable<Tensor>, options: Partial<LionOptions> = {}) {
    super(lionRule, params, options);
  }
}

export interface CustomOptimizerResult {
  firstStep: number[];
  lionTestAccuracy: number;
  adamTestAccuracy: number;
  lionTrainLoss: number;
  adamTrainLoss: number;
}

export function main(options: ExampleOptions = {}): CustomOptimizerResult {
  const log = options.log ?? console.log;

  log('1. One step by hand: θ = (1, −2, 3), g = (0.5, −4, 0), lr 0.1, m = 0.');
  log('   c = 0.1·g = (0.05, −0.4, 0), so θ − 0.1·sign(c) = (0.9, −1.9, 3): every coordinate moves by lr or not at all.');
  const theta = tensor([1, -2, 3], { requiresGrad: true });
  const lion = new Lion([theta], { lr: 0.1 });
  const trace = traceOptimizer(lion, { names: ['θ'] });
  theta.grad = tensor([0.5, -4, 0]);
  lion.step();
  theta.grad = tensor([-0.5, -4, 1]);
  lion.step();
  trace.detach();
  const firstStep = trace.entries[0]!.after;
  log(`   gradlab: θ = (${firstStep.join(', ')})`);
  log("   Two steps traced: |update| is lr wherever c ≠ 0, whatever the gradient's size (lr_eff = lr/|g|):");
  log(formatTrace(trace, { elements: 3 }).replace(/^/gm, '   '));

  log('');
  log('2. Options are validated like the built-ins, and state saves and loads:');
  try {
    new Lion([theta], { beta1: 1.5 });
  } catch (e) {
    log(`   new Lion(params, { beta1: 1.5 }) → ${(e as Error).message}`);
  }
  log(`   lion.stateDict() → ${JSON.stringify(lion.stateDict())}`);

  log('');
  const epochs = options.quick ? 3 : 15;
  log(`3. Training with it: MLP 64 → 32 → 10 on digits, mini-batches of 32, ${epochs} epochs, same initial weights.`);
  const { train, test } = prepare('digits', { seed: 0 });
  const race = (make: (params: Tensor[]) => Optimizer): { loss: number; accuracy: number } => {
    const model = new MLP([64, 32, 10], { seed: 0 });
    fit(model, train, { optimizer: make(model.parameters()), batchSize: 32, epochs, seed: 0, quiet: true });
    return { loss: evaluateLoss(model, train), accuracy: evaluate(model, test).accuracy };
  };
  // Lion's sign steps are full-sized in every coordinate, so it wants an lr 3–10× smaller than Adam's (the paper's advice).
  const lionRun = race((p) => new Lion(p, { lr: 1e-3, weightDecay: 0.01 }));
  const adamRun = race((p) => new Adam(p, { lr: 3e-3 }));
  log(`   Lion (lr 1e-3, wd 0.01): final train loss ${formatNumber(lionRun.loss)}, test accuracy ${formatNumber(lionRun.accuracy)}`);
  log(`   Adam (lr 3e-3):          final train loss ${formatNumber(adamRun.loss)}, test accuracy ${formatNumber(adamRun.accuracy)}`);
  log('   (final train loss: after the last step, on all training digits; test accuracy: on the test digits)');
  log('   fit() accepts any Optimizer instance; so do traceOptimizer, LRScheduler and clipGradNorm.');
  return {
    firstStep,
    lionTestAccuracy: lionRun.accuracy,
    adamTestAccuracy: adamRun.accuracy,
    lionTrainLoss: lionRun.loss,
    adamTrainLoss: adamRun.loss,
  };
}

export const cli: ExampleCli = {
  name: 'custom-optimizer',
  summary: 'Write your own optimizer (Lion), check one step by hand and train the digits with it next to Adam.',
  flags: ['quick'],
};

if (isMain(import.meta.url)) await runExample(cli, (args) => main({ quick: args.quick }));
