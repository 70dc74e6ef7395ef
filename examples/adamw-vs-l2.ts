/**
 * AdamW is not Adam + L2 (Loshchilov & Hutter, "Decoupled Weight Decay Regularization", 2019). Same model, same
 * decay strength λ: Adam + L2 adds λ·θ to the gradient, AdamW subtracts lr·λ·θ from the weights outside Adam's step.
 * Linear regression on 10 features, full batch: 5 on a scale of 10 (large gradients), 5 on a scale of 0.1 (small);
 * the target is their sum plus noise. Each group's weight norm is printed as a fraction of the unregularised
 * least-squares solution, beside the exact ridge-regression solution and two control runs (plain gradient descent
 * + L2; AdamW on the same features made uncorrelated over the rows).
 *
 *     npx tsx examples/adamw-vs-l2.ts [--quick] [--seed N] [--out DIR]
 */
import { Linear, mse } from '../src/nn/index.ts';
import { Adam, AdamW, SGD, type Optimizer } from '../src/optim/index.ts';
import { Tensor } from '../src/tensor/index.ts';
import { formatNumber } from '../src/util/format-number.ts';
import { Rng } from '../src/util/random.ts';
import { type ExampleCli, runExample, isMain } from './lib/cli.ts';
import { everyKth, lessonFigure, type LessonOptions } from './lib/lesson.ts';
import { decorrelate, leastSquares, type Rows } from './lib/least-squares.ts';

const N = 256,
  D = 10,
  STEPS = 1500,
  LR = 0.01,
  GD_LR = 0.008, // below 2 / (the loss's largest curvature, ≈ 240 here), where gradient descent diverges
  LAMBDA = 0.1,
  BETA2 = 0.999;

/** Features: columns 0–4 × 10, columns 5–9 × 0.1; targets y = Σ xⱼ + noise (w* = 1). */
export function data(seed: number): Rows {
  const rng = new Rng(seed);
  const x = new Float64Array(N * D),
    y = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    let target = 0;
    for (let j = 0; j < D; j++) {
      x[i * D + j] = rng.normal() * (j < 5 ? 10 : 0.1);
      target += x[i * D + j]!; // w* = 1 for every feature
    }
    y[i] = target + 0.1 * rng.normal();
  }
  return { x, y, n: N, d: D };
}

/** ‖w‖ of a group: the large-gradient features (0–4) or the small-gradient ones (5–9). */
const groupNorm = (w: ArrayLike<number>, large: boolean): number => Math.hypot(...Array.from(w).slice(large ? 0 : 5, large ? 5 : 10));

export interface Run {
  /** Group norms after each step. */
  large: number[];
  small: number[];
  /** Weights then bias after the last step. */
  w: number[];
  /** √v̂ of each weight after step `probe` (Adam-family optimizers). */
  rootVHat: number[];
}

/** Full-batch training from zero weights; `probe` is the step whose √v̂ is kept. */
export function train(make: (p: Tensor[]) => Optimizer, rows: Rows, steps: number, probe = STEPS): Run {
  const x = new Tensor(rows.x, [rows.n, rows.d]),
    y = new Tensor(rows.y, [rows.n, 1]);
  const model = new Linear(D, 1, { init: 'zeros' });
  const optimizer = make(model.parameters());
  const run: Run = { large: [], small: [], w: [], rootVHat: [] };
  for (let t = 1; t <= steps; t++) {
    optimizer.zeroGrad();
    mse(model.forward(x), y).backward();
    optimizer.step();
    run.large.push(groupNorm(model.weight.data, true));
    run.small.push(groupNorm(model.weight.data, false));
    const v = optimizer.stateOf(0)?.buffers as { expAvgSq?: Float64Array } | undefined;
    if (t === probe && v?.expAvgSq) run.rootVHat = Array.from(v.expAvgSq, (s) => Math.sqrt(s / (1 - BETA2 ** t)));
  }
  run.w = [...model.weight.data, ...(model.bias?.data ?? [])];
  return run;
}

/** Curvature of the mean squared error along each weight: h_j = 2·mean(x_j²). */
function curvature(rows: Rows): number[] {
  return Array.from({ length: D }, (_, j) => {
    let s = 0;
    for (let i = 0; i < rows.n; i++) s += rows.x[i * D + j]! ** 2;
    return (2 * s) / rows.n;
  });
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const maxDiff = (a: readonly number[], b: readonly number[]): number => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

export interface GroupRatio {
  large: number;
  small: number;
}

export interface AdamWResult {
  /** Group norms ÷ the unregularised least-squares solution's. */
  ridge: GroupRatio;
  l2: GroupRatio & { fromRidge: number };
  gd: GroupRatio & { fromRidge: number; steps: number };
  adam: GroupRatio;
  adamw: GroupRatio;
  adamwLong: GroupRatio & { steps: number };
  uncorrelated: GroupRatio;
  /** Mean √v̂/h per group at step 1500 (AdamW), on the real and on the uncorrelated features. */
  rootVHatOverH: GroupRatio;
  uncorrelatedRootVHatOverH: GroupRatio;
  /** h/(h + λ√v̂) averaged per group: AdamW's shrink predicted from its √v̂; h/(h + λ): ridge's. */
  predicted: GroupRatio;
  ridgePredicted: GroupRatio;
  figure: string | null;
}

export async function main(options: LessonOptions & { seed?: number } = {}): Promise<AdamWResult> {
  const log = options.log ?? console.log;
  const rows = data(options.seed ?? 0);
  const horizon = options.quick ? 4000 : 10_000;
  const ols = leastSquares(rows, 0),
    ridgeW = leastSquares(rows, LAMBDA);
  const [olsLarge, olsSmall] = [groupNorm(ols, true), groupNorm(ols, false)];
  const ratio = (w: ArrayLike<number>): GroupRatio => ({ large: groupNorm(w, true) / olsLarge, small: groupNorm(w, false) / olsSmall });
  const at = (run: Run, step: number): GroupRatio => ({ large: run.large[step - 1]! / olsLarge, small: run.small[step - 1]! / olsSmall });

  const l2 = train((p) => new Adam(p, { lr: LR, weightDecay: LAMBDA }), rows, STEPS);
  const gd = train((p) => new SGD(p, { lr: GD_LR, weightDecay: LAMBDA }), rows, horizon);
  const adam = train((p) => new Adam(p, { lr: LR }), rows, STEPS);
  const adamw = train((p) => new AdamW(p, { lr: LR, weightDecay: LAMBDA }), rows, horizon);
  const plain = decorrelate(rows);
  const plainOls = leastSquares(plain, 0);
  const uncorrelatedRun = train((p) => new AdamW(p, { lr: LR, weightDecay: LAMBDA }), plain, STEPS);
  const h = curvature(rows),
    hPlain = curvature(plain);
  const perGroup = (values: readonly number[]): GroupRatio => ({ large: mean(values.slice(0, 5)), small: mean(values.slice(5, 10)) });
  const result: Omit<AdamWResult, 'figure'> = {
    ridge: ratio(ridgeW),
    l2: { ...ratio(l2.w), fromRidge: maxDiff(l2.w, ridgeW) },
    gd: { ...ratio(gd.w), fromRidge: maxDiff(gd.w, ridgeW), steps: horizon },
    adam: ratio(adam.w),
    adamw: at(adamw, STEPS),
    adamwLong: { ...at(adamw, horizon), steps: horizon },
    uncorrelated: {
      large: groupNorm(uncorrelatedRun.w, true) / groupNorm(plainOls, true),
      small: groupNorm(uncorrelatedRun.w, false) / groupNorm(plainOls, false),
    },
    rootVHatOverH: perGroup(adamw.rootVHat.map((r, j) => r / h[j]!)),
    uncorrelatedRootVHatOverH: perGroup(uncorrelatedRun.rootVHat.map((r, j) => r / hPlain[j]!)),
    predicted: perGroup(adamw.rootVHat.map((r, j) => h[j]! / (h[j]! + LAMBDA * r))),
    ridgePredicted: perGroup(h.map((hj) => hj / (hj + LAMBDA))),
  };
  const f = (v: number): string => formatNumber(v).padStart(8);
  const row = (name: string, r: GroupRatio, note = ''): string => `  ${name.padEnd(49)} ${f(r.large)}   ${f(r.small)}${note}`;
  const hLarge = mean(h.slice(0, 5)),
    hSmall = mean(h.slice(5, 10));
  log(`Linear regression, ${N} rows, full batch: features 0–4 on a scale of 10, 5–9 on a scale of 0.1; y = their sum + noise.`);
  log(`lr ${LR}, decay λ = ${LAMBDA}. Weight norm per group as a fraction of the unregularised least-squares solution:`);
  log(`  ${''.padEnd(49)} ${'× 10'.padStart(8)}   ${'× 0.1'.padStart(8)}`);
  log(row(`ridge regression, exact (loss + (λ/2)‖w‖²)`, result.ridge));
  log(row(`Adam + L2 (λθ added to the gradient), step ${STEPS}`, result.l2, `   ${formatNumber(result.l2.fromRidge)} from ridge`));
  log(row(`gradient descent + L2, lr ${GD_LR}, step ${horizon}`, result.gd, `   ${formatNumber(result.gd.fromRidge)} from ridge`));
  log(row(`Adam, no decay, step ${STEPS}`, result.adam));
  log(row(`AdamW (θ ← θ − lr·λ·θ), step ${STEPS}`, result.adamw));
  log(row(`AdamW, step ${horizon}`, result.adamwLong));
  log(row(`AdamW, features made uncorrelated, step ${STEPS}`, result.uncorrelated, '   (control)'));
  log('');
  log(`Adam + L2 ends at the ridge solution, as does gradient descent + L2: both stop where the gradient of the loss`);
  log(`plus (λ/2)‖w‖² is 0, whatever the optimizer. The asymmetry is the loss's: ridge keeps about h/(h + λ) of a weight`);
  log(
    `whose curvature is h = 2·mean(x²): ${formatNumber(hLarge, 1)} for the × 10 features and ${formatNumber(hSmall)} for the × 0.1 ones on average, against λ = ${LAMBDA},`,
  );
  log(`so h/(h + λ) is ${formatNumber(result.ridgePredicted.large)} and ${formatNumber(result.ridgePredicted.small)}.`);
  log(`AdamW's decay sits outside Adam's step, so a weight settles where the step m̂/√v̂ cancels λθ: the decay acts like an`);
  log(
    `L2 penalty of λ·√v̂ on each weight. At step ${STEPS}, √v̂/h averages ${formatNumber(result.rootVHatOverH.large)} for the × 10 weights and ${formatNumber(result.rootVHatOverH.small)} for the × 0.1 ones:`,
  );
  log(`the small weights' √v̂ still holds early gradients that came from the large features' errors through the rows'`);
  log(
    `correlations. h/(h + λ√v̂) predicts ${formatNumber(result.predicted.large)} and ${formatNumber(result.predicted.small)} (measured ${formatNumber(result.adamw.large)}, ${formatNumber(result.adamw.small)}). Control: with the features made`,
  );
  log(
    `uncorrelated, √v̂/h is ${formatNumber(result.uncorrelatedRootVHatOverH.large)} and ${formatNumber(result.uncorrelatedRootVHatOverH.small)}, and the groups keep ${formatNumber(result.uncorrelated.large)} and ${formatNumber(result.uncorrelated.small)}: the same fraction within ${formatNumber(Math.abs(result.uncorrelated.large - result.uncorrelated.small), 3)}.`,
  );
  log(`In full-batch training the gradients, and √v̂ once β2 = ${BETA2} has forgotten the early ones, shrink towards 0, and`);
  log(
    `the penalty with them: by step ${horizon} AdamW is back at ${formatNumber(result.adamwLong.large)} and ${formatNumber(result.adamwLong.small)} of the unregularised solution.`,
  );
  const k = Math.max(1, Math.floor(horizon / 500));
  const figure = await lessonFigure(
    options,
    'adamw-vs-l2',
    (
      [
        ['Adam + L2', l2, '#000000', '#56B4E9'],
        ['AdamW', adamw, '#6E6E6E', '#009E73'],
      ] as const
    ).flatMap(([name, run, dark, light]) => [
      {
        name: `${name}, features × 10`,
        ...everyKth(
          run.large.map((v) => v / olsLarge),
          k,
          1,
        ),
        color: dark,
      },
      {
        name: `${name}, features × 0.1`,
        ...everyKth(
          run.small.map((v) => v / olsSmall),
          k,
          1,
        ),
        color: light,
      },
    ]),
    {
      title: 'Weight norm per group ÷ the unregularised solution',
      xLabel: 'step',
      yLabel: 'norm ratio',
    },
  );
  if (figure) log(`Picture: ${figure}`);
  return { ...result, figure };
}

export const cli: ExampleCli = {
  name: 'adamw-vs-l2',
  summary: 'AdamW is not Adam + L2: where each ends on a regression with large- and small-gradient features, with controls.',
  flags: ['quick', 'seed', 'out'],
};

if (isMain(import.meta.url)) await runExample(cli, main);
