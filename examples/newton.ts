/**
 * Newton's method with the exact Hessian against gradient descent and Adam, on logistic regression over Breast
 * Cancer Wisconsin (30 standardised features and a bias: 31 parameters, so the Hessian is 31 × 31). The loss is
 * mean binary cross-entropy + (λ/2)‖w‖² with λ = 0.001: without the L2 term the training rows are (nearly)
 * separable and the loss has no minimum to converge to. Per step: the loss gap f(θ) − f* to the optimum and the
 * digits of accuracy gained, −log10 of the gap's ratio. Newton's gains double each step (quadratic convergence),
 * gradient descent's settle at a constant (linear convergence), at the rate its Hessian eigenvalues predict; a
 * control run keeps the Hessian of the first step, and is linear too.
 *
 *     npx tsx examples/newton.ts [--quick] [--out DIR]
 */
import { bceWithLogits } from '../src/nn/losses.ts';
import { Adam } from '../src/optim/index.ts';
import { Tensor, grad, hessian } from '../src/tensor/index.ts';
import { formatNumber } from '../src/util/format-number.ts';
import { choleskySolve } from './lib/cholesky.ts';
import { prepare } from './lib/classify.ts';
import { type ExampleCli, runExample, isMain } from './lib/cli.ts';
import { lessonFigure, type LessonOptions } from './lib/lesson.ts';

/** The L2 strength λ of the main run, and the no-L2 control's. */
export const LAMBDA = 0.001;
/** Gaps below this are float64 rounding in a loss of about 0.07: the tables stop there. */
export const FLOOR = 1e-14;
const ADAM_LR = 0.01;

/** The loss as a function of the flat parameters θ = (w, b), and its value and gradient at a point. */
export interface Objective {
  f: (theta: Tensor) => Tensor;
  size: number;
  valueAndGrad: (theta: Float64Array) => { loss: number; g: Float64Array };
  hessianAt: (theta: Float64Array) => Float64Array;
  /** Training rows whose logit X̃·θ has the sign of their label. */
  correct: (theta: Float64Array) => { correct: number; rows: number };
}

/** mean BCE(X̃·θ, y) + (λ/2)‖w‖² on the standardised training rows, X̃ being X with a column of ones (the bias). */
export function objective(lambda: number): Objective {
  const { train } = prepare('breast-cancer');
  const n = train.features.shape[0]!,
    d = train.features.shape[1]!,
    m = d + 1;
  const xa = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    xa.set(train.features.data.subarray(i * d, i * d + d), i * m);
    xa[i * m + d] = 1;
  }
  const x = new Tensor(xa, [n, m]);
  const y = new Tensor(Float64Array.from(train.labels), [n, 1]);
  const half = new Tensor(
    Float64Array.from({ length: m }, (_, i) => (i < d ? lambda / 2 : 0)),
    [m],
  );
  const f = (theta: Tensor): Tensor => bceWithLogits(x.matmul(theta.reshape([m, 1])), y).add(theta.pow(2).mul(half).sum());
  return {
    f,
    size: m,
    valueAndGrad(theta) {
      const t = new Tensor(Float64Array.from(theta), [m], true);
      const loss = f(t);
      return { loss: loss.data[0]!, g: grad(loss, t)[0]!.data };
    },
    hessianAt: (theta) => hessian(f, new Tensor(Float64Array.from(theta), [m])).data,
    correct(theta) {
      const logits = x.matmul(new Tensor(Float64Array.from(theta), [m, 1])).data;
      let correct = 0;
      logits.forEach((z, i) => (correct += z > 0 === (y.data[i] === 1) ? 1 : 0));
      return { correct, rows: n };
    },
  };
}

/** Losses of `steps` Newton steps θ ← θ − H⁻¹g from θ = 0; `frozen` keeps the first step's Hessian. */
export function newton(obj: Objective, steps: number, frozen = false): { losses: number[]; theta: Float64Array } {
  let theta = new Float64Array(obj.size);
  let h: Float64Array | undefined;
  const losses: number[] = [];
  for (let k = 0; k < steps; k++) {
    const { loss, g } = obj.valueAndGrad(theta);
    losses.push(loss);
    if (!frozen || h === undefined) h = obj.hessianAt(theta);
    const s = choleskySolve(h, g);
    theta = theta.map((v, i) => v - s[i]!);
  }
  return { losses, theta };
}

/** Losses of `steps` gradient-descent steps with learning rate `lr` from θ = 0. */
export function gradientDescent(obj: Objective, lr: number, steps: number): number[] {
  const theta = new Float64Array(obj.size);
  const losses: number[] = [];
  for (let k = 0; k < steps; k++) {
    const { loss, g } = obj.valueAndGrad(theta);
    losses.push(loss);
    for (let i = 0; i < theta.length; i++) theta[i]! -= lr * g[i]!;
  }
  return losses;
}

/** Losses of `steps` Adam steps from θ = 0. */
export function adam(obj: Objective, lr: number, steps: number): number[] {
  const theta = new Tensor(new Float64Array(obj.size), [obj.size], true);
  const optimizer = new Adam([theta], { lr });
  const losses: number[] = [];
  for (let k = 0; k < steps; k++) {
    const loss = obj.f(theta);
    losses.push(loss.data[0]!);
    theta.grad = grad(loss, theta)[0]!;
    optimizer.step();
  }
  return losses;
}

/** The largest and smallest eigenvalues of a symmetric positive-definite matrix: power iteration on A and on A⁻¹. */
export function extremeEigenvalues(a: Float64Array, n: number, iterations = 3000): { largest: number; smallest: number } {
  const times = (v: Float64Array): Float64Array => {
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) w[i]! += a[i * n + j]! * v[j]!;
    return w;
  };
  const top = (apply: (v: Float64Array) => Float64Array): number => {
    let v = Float64Array.from({ length: n }, (_, i) => 1 + i / n);
    let lambda = 0;
    for (let k = 0; k < iterations; k++) {
      const w = apply(v);
      const size = Math.hypot(...w);
      lambda = size / Math.hypot(...v);
      v = w.map((x) => x / size);
    }
    return lambda;
  };
  return { largest: top(times), smallest: 1 / top((v) => choleskySolve(a, v)) };
}

/** −log10(gap), the digits of f* that f(θ) already has; NaN once the gap is at rounding. */
export const digits = (gap: number): number => (gap >= FLOOR ? -Math.log10(gap) : NaN);

/** Digits gained per step, averaged over steps from..to (0-based, gaps[to] ≥ FLOOR). */
export const rate = (gaps: readonly number[], from: number, to: number): number => Math.log10(gaps[from]! / gaps[to]!) / (to - from);

export interface NewtonResult {
  fStar: number;
  /** Newton's rows up to the first gap below FLOOR: the gap, its digits and the digits gained by the step. */
  newton: { step: number; gap: number; digits: number; gained: number }[];
  /** Gained by each step over the one before, for Newton's last three steps above the floor. */
  gainRatios: number[];
  /** λ_max and λ_min of the Hessian at the optimum, and the step 1/λ_max gradient descent uses. */
  curvature: { largest: number; smallest: number; lr: number };
  gd: { gaps: number[]; rates: WindowRate[]; predictedRate: number };
  frozen: { gaps: number[]; rates: WindowRate[] };
  adam: { gaps: number[] };
  /** The control without L2: Newton's loss at each step, and how many training rows its last θ classifies correctly. */
  noL2: { losses: number[]; correct: number; rows: number };
  figure: string | null;
}

/** Digits gained per step over steps from..to. */
export interface WindowRate {
  from: number;
  to: number;
  rate: number;
}

const GD_WINDOWS = [
  [300, 400],
  [600, 700],
  [1000, 1100],
] as const;
const FROZEN_WINDOWS = [
  [100, 200],
  [200, 300],
  [300, 399],
] as const;
const rates = (gaps: readonly number[], windows: readonly (readonly [number, number])[]): WindowRate[] =>
  windows.map(([from, to]) => ({ from, to, rate: rate(gaps, from, to) }));

export async function main(options: LessonOptions = {}): Promise<NewtonResult> {
  const log = options.log ?? console.log;
  const steps = options.quick ? 1500 : 3000;
  const obj = objective(LAMBDA);
  const exact = newton(obj, 12);
  const fStar = Math.min(...exact.losses);
  const gapsOf = (losses: readonly number[]) => losses.map((l) => l - fStar);
  const newtonGaps = gapsOf(exact.losses);
  const rows: NewtonResult['newton'] = [];
  for (let k = 0; k < newtonGaps.length && newtonGaps[k]! >= FLOOR; k++)
    rows.push({
      step: k,
      gap: newtonGaps[k]!,
      digits: digits(newtonGaps[k]!),
      gained: k === 0 ? NaN : digits(newtonGaps[k]!) - rows[k - 1]!.digits,
    });
  const gainRatios = rows.slice(-3).map((r, i, last) => r.gained / (i === 0 ? rows[rows.length - 4]!.gained : last[i - 1]!.gained));

  const { largest, smallest } = extremeEigenvalues(obj.hessianAt(exact.theta), obj.size);
  const lr = 1 / largest;
  const gdGaps = gapsOf(gradientDescent(obj, lr, steps));
  const frozenGaps = gapsOf(newton(obj, 400, true).losses);
  const adamGaps = gapsOf(adam(obj, ADAM_LR, steps));
  const free = objective(0);
  const noL2Run = newton(free, 12);
  const noL2 = { losses: noL2Run.losses, ...free.correct(noL2Run.theta) };
  const result: Omit<NewtonResult, 'figure'> = {
    fStar,
    newton: rows,
    gainRatios,
    curvature: { largest, smallest, lr },
    gd: {
      gaps: gdGaps,
      rates: rates(gdGaps, GD_WINDOWS),
      predictedRate: -2 * Math.log10(1 - smallest / largest),
    },
    frozen: { gaps: frozenGaps, rates: rates(frozenGaps, FROZEN_WINDOWS) },
    adam: { gaps: adamGaps },
    noL2,
  };
  report(result, steps, log);
  const upTo = (gaps: readonly number[]) => {
    const end = gaps.findIndex((g) => g < FLOOR);
    const kept = end < 0 ? gaps : gaps.slice(0, end);
    return { values: [...kept], x: kept.map((_, i) => i) };
  };
  const figure = await lessonFigure(
    options,
    'newton',
    [
      { name: 'Newton (exact Hessian)', ...upTo(newtonGaps), color: '#000000' },
      { name: 'Newton, first Hessian kept', ...upTo(frozenGaps), color: '#CC79A7' },
      { name: 'gradient descent, η = 1/λ_max', ...upTo(gdGaps), color: '#56B4E9' },
      { name: `Adam, lr ${ADAM_LR}`, ...upTo(adamGaps), color: '#E69F00' },
    ],
    {
      title: 'Loss gap to the optimum, logistic regression (Newton: the drop at steps 0–8)',
      xLabel: 'step',
      yLabel: 'f(θ) − f*',
      logY: true,
    },
  );
  if (figure) log(`Picture: ${figure}`);
  return { ...result, figure };
}

function report(r: Omit<NewtonResult, 'figure'>, steps: number, log: (line: string) => void): void {
  const f = formatNumber;
  const at = (gaps: readonly number[], k: number): string => (gaps[k]! >= FLOOR ? f(gaps[k]!) : `< ${f(FLOOR)}`);
  log(
    `Logistic regression on breast cancer (455 training rows, 30 features + bias = 31 parameters), loss = mean BCE + (λ/2)‖w‖², λ = ${LAMBDA}.`,
  );
  log(`f* = ${f(r.fStar)}, the lowest loss Newton reaches; gap = f(θ) − f*, digits = −log10(gap), from θ = 0.`);
  log('');
  log("Newton's method, θ ← θ − H⁻¹g with the exact 31 × 31 Hessian (gradlab's hessian, solved by Cholesky):");
  log('  step        gap   digits   gained');
  for (const row of r.newton)
    log(
      `  ${String(row.step).padStart(4)}  ${f(row.gap).padStart(9)}  ${row.digits.toFixed(2).padStart(7)}  ${Number.isNaN(row.gained) ? '' : row.gained.toFixed(2).padStart(7)}`,
    );
  log(`  ${String(r.newton.length).padStart(4)}  < ${f(FLOOR)} (float64 rounding of the loss)`);
  log(
    `Each of the last three steps gains about twice the digits of the one before (ratios ${r.gainRatios.map((x) => x.toFixed(2)).join(', ')}): quadratic convergence,`,
  );
  log(`the error squared each step once the quadratic model is accurate.`);
  log('');
  const { largest, smallest, lr } = r.curvature;
  log(
    `Gradient descent with η = 1/λ_max = ${f(lr)} (Hessian at the optimum: λ_max ${f(largest)}, λ_min ${f(smallest)}, condition number ${Math.round(largest / smallest)}):`,
  );
  const marks = [0, 10, 100, 500, 1000, 1500, 2000, 3000].filter((k) => k < steps);
  log(`  step  ${marks.map((k) => String(k).padStart(9)).join('  ')}`);
  log(`  GD    ${marks.map((k) => at(r.gd.gaps, k).padStart(9)).join('  ')}`);
  log(`  Adam  ${marks.map((k) => at(r.adam.gaps, k).padStart(9)).join('  ')}   (Adam: lr ${ADAM_LR})`);
  const listRates = (xs: readonly WindowRate[]): string => xs.map((x) => `${x.rate.toFixed(4)} (steps ${x.from}–${x.to})`).join(', ');
  log(`Gradient descent gains ${listRates(r.gd.rates)} digits per step: nearly constant,`);
  log(`linear convergence. The slowest direction, λ_min's, shrinks by 1 − η·λ_min per step and the gap by its square, so late in the run`);
  log(`the gain approaches −2·log10(1 − λ_min/λ_max) = ${r.gd.predictedRate.toFixed(4)} digits per step from above.`);
  log('');
  const last = r.frozen.rates.at(-1)!.to;
  log(`Control: Newton with the Hessian of step 0 kept (never recomputed) gains ${listRates(r.frozen.rates)}`);
  log(
    `digits per step, and its gap is still ${at(r.frozen.gaps, last)} at step ${last}: no doubling without the Hessian at the point where the step is taken.`,
  );
  const losses = r.noL2.losses;
  log(
    `Control: without L2 (λ = 0) Newton's loss keeps falling, ${losses
      .slice(-4)
      .map((l) => f(l))
      .join(', ')} at steps ${losses.length - 4}–${losses.length - 1}, and its θ classifies`,
  );
  log(
    `${r.noL2.correct} of the ${r.noL2.rows} training rows correctly${r.noL2.correct === r.noL2.rows ? ': all of them, so 2θ, 3θ, … have ever lower losses and no θ is a minimum. That is why the main run has L2' : ''}.`,
  );
}

export const cli: ExampleCli = {
  name: 'newton',
  summary: "Newton's method with the exact Hessian vs gradient descent vs Adam on logistic regression: digits gained per step.",
  flags: ['quick', 'out'],
};

if (isMain(import.meta.url))
  await runExample(cli, (args) => main({ quick: args.quick, ...(args.out !== undefined ? { out: args.out } : {}) }));
