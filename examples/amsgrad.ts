/**
 * Why AMSGrad exists: the synthetic online experiment of Reddi, Kale & Kumar ("On the Convergence of Adam and
 * Beyond", ICLR 2018, section 5; not the three-step construction of section 3 that proves Adam can fail). On
 * x ∈ [−1, 1] the losses are f_t(x) = 1010·x when t mod 101 = 1 and −10·x otherwise, so the sum over a period is
 * 1010·x − 100·10·x = 10·x and the best fixed point is x = −1. Adam sees the rare large gradient once per 101
 * steps; β2 = 0.99 forgets it within the period, the 100 small gradients push x up, and Adam settles at the wrong
 * end, x = +1. AMSGrad divides by the largest v̂ seen so far, so the rare gradient keeps its weight and x reaches
 * −1; so does Adam with β2 = 0.9999 (the control), which remembers it. The average regret is printed beside its
 * limit, at three horizons, to show how slowly it gets there.
 * Settings as in the paper: β1 = 0.9, β2 = 0.99, step α_t = α/√t, projection onto [−1, 1] after every step;
 * α = 1 and the start x₁ = 1 are this example's choices.
 *
 *     npx tsx examples/amsgrad.ts [--quick] [--out DIR]
 */
import { Adam, LRScheduler, inverseSqrtDecay } from '../src/optim/index.ts';
import { Tensor } from '../src/tensor/index.ts';
import { formatNumber } from '../src/util/format-number.ts';
import { type ExampleCli, runExample, isMain } from './lib/cli.ts';
import { everyKth, lessonFigure, type LessonOptions } from './lib/lesson.ts';

/** The paper's gradient at step t (from 1): 1010 once per period of 101, −10 otherwise. */
export const gradientAt = (t: number): number => (t % 101 === 1 ? 1010 : -10);

export interface OnlineRun {
  /** x after each step, x₁ first. */
  xs: number[];
  /** R_T/T: (Σ f_t(x_t) − Σ f_t(−1)) / T after each step. */
  averageRegret: number[];
}

/** Adam's average regret at x = +1: each period of 101 steps costs 1010·2 − 100·10·2 = 20. */
export const ADAM_REGRET_LIMIT = 20 / 101;

/** T steps of Adam (amsgrad false) or AMSGrad (true) on the online problem. */
export function runOnline(amsgrad: boolean, steps: number, alpha = 1, beta2 = 0.99): OnlineRun {
  const x = new Tensor(Float64Array.of(1), [1], true);
  const optimizer = new Adam([x], { lr: alpha, beta1: 0.9, beta2, amsgrad });
  const schedule = new LRScheduler(optimizer, inverseSqrtDecay());
  const xs = [x.data[0]!];
  const averageRegret: number[] = [];
  let regret = 0;
  for (let t = 1; t <= steps; t++) {
    const g = gradientAt(t);
    regret += g * x.data[0]! - g * -1; // f_t(x_t) − f_t(−1), f_t linear
    x.grad = new Tensor(Float64Array.of(g), x.shape);
    optimizer.step();
    schedule.step();
    x.data[0] = Math.min(1, Math.max(-1, x.data[0]!)); // projection onto the feasible set
    xs.push(x.data[0]);
    averageRegret.push(regret / t);
  }
  return { xs, averageRegret };
}

export interface HorizonRow {
  steps: number;
  adam: { x: number; averageRegret: number; excess: number; excessTimesRootT: number };
  amsgrad: { x: number; averageRegret: number; averageRegretTimesRootT: number };
}

export interface AmsgradResult {
  steps: number;
  adam: { finalX: number; averageRegret: number };
  amsgrad: { finalX: number; averageRegret: number };
  /** Adam with β2 = 0.9999. */
  control: { finalX: number; averageRegret: number };
  horizons: HorizonRow[];
  figure: string | null;
}

export async function main(options: LessonOptions = {}): Promise<AmsgradResult> {
  const log = options.log ?? console.log;
  const steps = options.quick ? 20_200 : 202_000;
  const adam = runOnline(false, steps);
  const ams = runOnline(true, steps);
  const longMemory = runOnline(false, steps, 1, 0.9999);
  const summary = (r: OnlineRun) => ({ finalX: r.xs[r.xs.length - 1]!, averageRegret: r.averageRegret[r.averageRegret.length - 1]! });
  const horizons: HorizonRow[] = [steps / 100, steps / 10, steps].map((T) => {
    const ra = adam.averageRegret[T - 1]!,
      rm = ams.averageRegret[T - 1]!;
    return {
      steps: T,
      adam: {
        x: adam.xs[T]!,
        averageRegret: ra,
        excess: ra - ADAM_REGRET_LIMIT,
        excessTimesRootT: (ra - ADAM_REGRET_LIMIT) * Math.sqrt(T),
      },
      amsgrad: { x: ams.xs[T]!, averageRegret: rm, averageRegretTimesRootT: rm * Math.sqrt(T) },
    };
  });
  const result = { steps, adam: summary(adam), amsgrad: summary(ams), control: summary(longMemory), horizons };
  const f = (v: number, w: number): string => formatNumber(v).padStart(w);
  log("Reddi, Kale & Kumar's synthetic experiment (section 5 of their paper; not the three-step construction of section 3):");
  log(`f_t(x) = 1010x if t mod 101 = 1, else −10x; x ∈ [−1, 1], optimum −1; β1 0.9, β2 0.99, lr 1/√t, projected onto [−1, 1], x₁ = 1`);
  log('                 Adam                                            AMSGrad');
  log('       T      x_T    R_T/T   R_T/T − 20/101   (R_T/T − 20/101)·√T      x_T    R_T/T   R_T/T·√T');
  for (const h of horizons)
    log(
      `  ${String(h.steps).padStart(6)}  ${f(h.adam.x, 7)}  ${f(h.adam.averageRegret, 7)}  ${f(h.adam.excess, 15)}  ${f(h.adam.excessTimesRootT, 20)}  ${f(h.amsgrad.x, 7)}  ${f(h.amsgrad.averageRegret, 7)}  ${f(h.amsgrad.averageRegretTimesRootT, 9)}`,
    );
  log(
    `  control: Adam with β2 = 0.9999, T = ${steps}: x_T ${formatNumber(result.control.finalX)}, R_T/T ${formatNumber(result.control.averageRegret)}`,
  );
  const last = horizons[horizons.length - 1]!;
  const within = (last.adam.excessTimesRootT / 0.01) ** 2;
  log('');
  log(
    `Adam ends at ${formatNumber(result.adam.finalX)}, the worst feasible point. There each period of 101 steps costs 1010·2 − 100·10·2 = 20 regret,`,
  );
  log(
    `so R_T/T tends to 20/101 ≈ ${formatNumber(ADAM_REGRET_LIMIT)}, not 0. But slowly: at T = ${steps} it is still ${formatNumber(last.adam.averageRegret)}. The excess over`,
  );
  const series = (pick: (h: HorizonRow) => number): string => horizons.map((h) => formatNumber(pick(h), 1)).join(', ');
  log(
    `the limit shrinks like 1/√T (times √T it goes ${series((h) => h.adam.excessTimesRootT)}, levelling off); at that rate it is within 0.01 of`,
  );
  log(`the limit after about ${formatNumber(within)} steps.`);
  log(
    `AMSGrad heads for −1 (x_T = ${formatNumber(result.amsgrad.finalX)}) and its R_T/T itself shrinks like 1/√T (times √T: ${series((h) => h.amsgrad.averageRegretTimesRootT)}): it tends to 0.`,
  );
  log('Why: between its visits Adam forgets the rare gradient 1010 (β2 = 0.99 keeps only 0.99¹⁰⁰ ≈ 37 % of it in v a period');
  log('later), so the 100 small gradients, divided by a shrinking √v̂, push x up. AMSGrad divides by the largest v̂ so far.');
  log(
    `Control: Adam with β2 = 0.9999, which remembers about 10 000 steps, heads for −1 like AMSGrad: x_T = ${formatNumber(result.control.finalX)}.`,
  );
  const k = Math.max(1, Math.floor(steps / 400));
  const figure = await lessonFigure(
    options,
    'amsgrad',
    [
      { name: 'Adam', ...everyKth(adam.xs, k, 1), color: '#000000' },
      { name: 'AMSGrad', ...everyKth(ams.xs, k, 1), color: '#D55E00' },
      { name: 'Adam, β2 = 0.9999', ...everyKth(longMemory.xs, k, 1), color: '#56B4E9' },
    ],
    { title: "Reddi, Kale & Kumar's online problem: x_t (optimum −1)", xLabel: 'step t', yLabel: 'x' },
  );
  if (figure) log(`Picture: ${figure}`);
  return { ...result, figure };
}

export const cli: ExampleCli = {
  name: 'amsgrad',
  summary: "Why AMSGrad exists: Adam settles at the wrong end of Reddi, Kale & Kumar's online problem, AMSGrad reaches the optimum.",
  flags: ['quick', 'out'],
};

if (isMain(import.meta.url)) await runExample(cli, main);
