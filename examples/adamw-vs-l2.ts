/**
 * AdamW is not Adam + L2 (Loshchilov & Hutter, "Decoupled Weight Decay Regularization", 2019). Same model, same
 * decay strength λ: Adam with L2 adds λ·θ to the gradient, and Adam then divides the sum by √v̂, so a weight whose
 * gradients are large is barely pulled towards 0; AdamW subtracts lr·λ·θ after the Adam step, the same fraction of
 * every weight. Linear regression on 10 features: 5 on a scale of 10 (large gradients), 5 on a scale of 0.1 (small);
 * the target is their plain sum (w* = 1 for every weight). Compared with the unregularised run, each group's weight norm shrinks:
 *
 *     npx tsx examples/adamw-vs-l2.ts [--seed N] [--out DIR]
 */
import { Linear, mse } from '../src/nn/index.ts';
import { Adam, AdamW, type Optimizer } from '../src/optim/index.ts';
import { Tensor } from '../src/tensor/index.ts';
import { Rng } from '../src/util/random.ts';
import { type ExampleCli, runExample, isMain } from './lib/cli.ts';
import { lessonFigure, type LessonOptions } from './lib/lesson.ts';

const N = 256,
  D = 10,
  STEPS = 1500,
  LR = 0.01,
  LAMBDA = 0.1;

/** Features: columns 0–4 × 10, columns 5–9 × 0.1; targets y = Σ xⱼ + noise (w* = 1). */
function data(seed: number): { x: Tensor; y: Tensor } {
  const rng = new Rng(seed);
  const x = new Float64Array(N * D),
    y = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    let target = 0;
    for (let j = 0; j < D; j++) {
      const z = rng.normal();
      x[i * D + j] = z * (j < 5 ? 10 : 0.1);
      target += x[i * D + j]!; // w* = 1 for every feature
    }
    y[i] = target + 0.1 * rng.normal();
  }
  return { x: new Tensor(x, [N, D]), y: new Tensor(y, [N, 1]) };
}

/** ‖w‖ of the large-gradient group (features × 10) and of the small one (× 0.1), after each step. */
export function train(make: (p: Tensor[]) => Optimizer, seed: number): { large: number[]; small: number[] } {
  const { x, y } = data(seed);
  const model = new Linear(D, 1, { init: 'zeros' });
  const optimizer = make(model.parameters());
  const large: number[] = [],
    small: number[] = [];
  for (let t = 0; t < STEPS; t++) {
    optimizer.zeroGrad();
    mse(model.forward(x), y).backward();
    optimizer.step();
    const w = model.weight.data;
    large.push(Math.hypot(...w.subarray(0, 5)));
    small.push(Math.hypot(...w.subarray(5, 10)));
  }
  return { large, small };
}

export interface AdamWResult {
  /** Final group norm divided by the unregularised run's, per optimizer and group. */
  ratio: { l2: { large: number; small: number }; adamw: { large: number; small: number } };
  figure: string | null;
}

export async function main(options: LessonOptions & { seed?: number } = {}): Promise<AdamWResult> {
  const log = options.log ?? console.log;
  const seed = options.seed ?? 0;
  const free = train((p) => new Adam(p, { lr: LR }), seed);
  const l2 = train((p) => new Adam(p, { lr: LR, weightDecay: LAMBDA }), seed);
  const adamw = train((p) => new AdamW(p, { lr: LR, weightDecay: LAMBDA }), seed);
  const last = (xs: number[]): number => xs[xs.length - 1]!;
  const ratio = {
    l2: { large: last(l2.large) / last(free.large), small: last(l2.small) / last(free.small) },
    adamw: { large: last(adamw.large) / last(free.large), small: last(adamw.small) / last(free.small) },
  };
  log(`Linear regression, ${STEPS} full-batch steps, lr ${LR}, decay λ = ${LAMBDA} for both; weight norm relative to no decay:`);
  log('  group                        Adam + L2 (λθ in the gradient)   AdamW (θ ← θ − lr·λ·θ)');
  log(`  features × 10 (large grads)  ${ratio.l2.large.toFixed(4).padStart(30)}   ${ratio.adamw.large.toFixed(4).padStart(22)}`);
  log(`  features × 0.1 (small grads) ${ratio.l2.small.toFixed(4).padStart(30)}   ${ratio.adamw.small.toFixed(4).padStart(22)}`);
  const pct = (r: number): string => `${((1 - r) * 100).toFixed(r > 0.99 ? 2 : 1)} %`;
  log(`With L2 the pull λθ is divided by √v̂ like the rest of the gradient: the large-gradient weights lose ${pct(ratio.l2.large)},`);
  log(`the small-gradient ones ${pct(ratio.l2.small)}. AdamW takes the same fraction lr·λ of every weight at every step; the data`);
  log(
    `pulls the large-gradient weights back harder, so they still lose less, but ${pct(ratio.adamw.large)} against ${pct(ratio.adamw.small)}.`,
  );
  const figure = await lessonFigure(
    options,
    'adamw-vs-l2',
    [
      { name: 'Adam + L2, features × 10', values: l2.large.map((v, i) => v / free.large[i]!), color: '#000000' },
      { name: 'Adam + L2, features × 0.1', values: l2.small.map((v, i) => v / free.small[i]!), color: '#56B4E9' },
      { name: 'AdamW, features × 10', values: adamw.large.map((v, i) => v / free.large[i]!), color: '#6E6E6E' },
      { name: 'AdamW, features × 0.1', values: adamw.small.map((v, i) => v / free.small[i]!), color: '#009E73' },
    ],
    { title: 'Weight norm per group ÷ the unregularised run', xLabel: 'step', yLabel: 'norm ratio', xStart: 1 },
  );
  if (figure) log(`Picture: ${figure}`);
  return { ratio, figure };
}

export const cli: ExampleCli = {
  name: 'adamw-vs-l2',
  summary: 'AdamW is not Adam + L2: weight norms per parameter group under coupled and decoupled decay.',
  flags: ['seed', 'out'],
};

if (isMain(import.meta.url)) await runExample(cli, main);
