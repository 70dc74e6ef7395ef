/**
 * Sharpness, λ_max of the loss's Hessian, found by power iteration on Hessian-vector products (gradlab's
 * topHessianEigenvalue: one double backward per product, the Hessian is never formed). Gradient descent with step
 * η is stable along the top eigenvector only while η < 2/λ_max: shown on a quadratic, where the edge is exact, and
 * on a small tanh MLP. Then full-batch gradient descent on the MLP: the sharpness rises until it reaches 2/η and
 * then hovers there (Cohen et al., 2021, "Gradient Descent on Neural Networks Typically Occurs at the Edge of
 * Stability"), with a control at a smaller η whose sharpness passes that line.
 *
 *     npx tsx examples/sharpness.ts [--quick] [--out DIR]
 */
import { MLP, mse, topHessianEigenvalue } from '../src/nn/index.ts';
import { Adam } from '../src/optim/index.ts';
import { Tensor, grad } from '../src/tensor/index.ts';
import { formatNumber } from '../src/util/format-number.ts';
import { Rng } from '../src/util/random.ts';
import { type ExampleCli, runExample, isMain } from './lib/cli.ts';
import { lessonFigure, type LessonOptions } from './lib/lesson.ts';

/** The quadratic's curvatures: f(x) = ½·Σ aᵢxᵢ², whose Hessian is diag(a). */
export const CURVATURES = [10, 1, 0.1];
/** Learning rates as multiples of 2/λ_max: just below and just above the edge. */
export const BELOW = 0.98,
  ABOVE = 1.02;
/** The edge-of-stability run's η, and the control's. */
export const ETA = 0.1,
  CONTROL_ETA = 0.05;

/** λ_max of `loss` with respect to `params` (power iteration, seeded). */
const sharpness = (loss: Tensor, params: Tensor[]): number =>
  topHessianEigenvalue(loss, params, { seed: 0, tolerance: 1e-5, iterations: 200 }).eigenvalue;

/** ‖x‖ after each of `steps` gradient-descent steps on the quadratic from x = (1, 1, 1). */
export function quadraticRun(lr: number, steps: number): number[] {
  const a = new Tensor(Float64Array.from(CURVATURES), [CURVATURES.length]);
  const x = new Tensor(new Float64Array(CURVATURES.length).fill(1), [CURVATURES.length], true);
  const norms: number[] = [];
  for (let k = 0; k < steps; k++) {
    const [g] = grad(x.pow(2).mul(a).sum().mul(0.5), x);
    x.data.forEach((v, i) => (x.data[i] = v - lr * g!.data[i]!));
    norms.push(Math.hypot(...x.data));
  }
  return norms;
}

/**
 * 64 points x ~ N(0, I₂) with targets sin(2x₁)·cos(2x₂), and a 2 → 32 → 32 → 1 tanh MLP fitting them by MSE, its
 * output layer initialised like the hidden ones (Xavier): a regression has no chance level to start near, and the
 * numbers this lesson prints were measured from that start.
 */
export function problem(): { x: Tensor; y: Tensor; model: MLP } {
  const rng = new Rng(1),
    n = 64;
  const xs = Float64Array.from({ length: n * 2 }, () => rng.normal());
  const ys = Float64Array.from({ length: n }, (_, i) => Math.sin(2 * xs[2 * i]!) * Math.cos(2 * xs[2 * i + 1]!));
  return {
    x: new Tensor(xs, [n, 2]),
    y: new Tensor(ys, [n, 1]),
    model: new MLP([2, 32, 32, 1], { activation: 'tanh', seed: 0, outputInit: 'standard' }),
  };
}

export interface GdRun {
  losses: number[];
  /** λ_max measured every `every` steps, at steps 0, every, 2·every, … */
  sharpness: number[];
  every: number;
  /** The parameters after the last step. */
  params: Float64Array[];
}

/** Full-batch gradient descent with step `lr` from `start` (or the MLP's initialisation), sharpness every `every` steps. */
export function gdRun(lr: number, steps: number, every: number, start?: readonly Float64Array[]): GdRun {
  const { x, y, model } = problem();
  const ps = model.parameters();
  if (start) ps.forEach((p, i) => p.data.set(start[i]!));
  const run: GdRun = { losses: [], sharpness: [], every, params: [] };
  for (let k = 0; k <= steps; k++) {
    const loss = mse(model.forward(x), y);
    run.losses.push(loss.data[0]!);
    if (every > 0 && k % every === 0) run.sharpness.push(sharpness(loss, ps));
    if (k === steps) break;
    const gs = grad(loss, ps);
    ps.forEach((p, i) => {
      const g = gs[i]!.data;
      for (let j = 0; j < g.length; j++) p.data[j]! -= lr * g[j]!;
    });
  }
  run.params = ps.map((p) => Float64Array.from(p.data));
  return run;
}

/** On how many steps the loss went up. */
export const rises = (losses: readonly number[]): number => losses.filter((l, k) => k > 0 && l > losses[k - 1]!).length;

const ADAM_STEPS = 2000,
  ADAM_LR = 0.01;

/** The MLP after ADAM_STEPS Adam steps (loss ≈ 2e-5: near an interpolating minimum), and its λ_max there. */
export function nearMinimum(): { params: Float64Array[]; lambda: number } {
  const { x, y, model } = problem();
  const ps = model.parameters();
  const optimizer = new Adam(ps, { lr: ADAM_LR });
  for (let k = 0; k < ADAM_STEPS; k++) {
    const gs = grad(mse(model.forward(x), y), ps);
    ps.forEach((p, i) => (p.grad = gs[i]!));
    optimizer.step();
  }
  return { params: ps.map((p) => Float64Array.from(p.data)), lambda: sharpness(mse(model.forward(x), y), ps) };
}

export interface SharpnessResult {
  quadratic: { power: number; below: number[]; above: number[] };
  /** The MLP near a minimum: its λ_max, the losses of GD from there at 0.98 and 1.02 × 2/λ_max, λ_max where the second ends. */
  mlp: { lambda: number; below: number[]; above: number[]; aboveEndLambda: number };
  edge: GdRun;
  control: GdRun;
  /** The first step at which the edge run's sharpness reached 2/η, and its range and mean from then on. */
  reached: number;
  hover: { min: number; max: number; mean: number };
  figure: string | null;
}

export async function main(options: LessonOptions = {}): Promise<SharpnessResult> {
  const log = options.log ?? console.log;
  const f = (v: number): string => (Math.abs(v) >= 1e4 ? v.toExponential(2).replace('e+', 'e') : formatNumber(v));
  const steps = options.quick ? 1000 : 2000,
    every = 25;

  // 1. The quadratic: λ_max by power iteration, then GD just below and just above 2/λ_max.
  const a = new Tensor(Float64Array.from(CURVATURES), [CURVATURES.length]);
  const x0 = new Tensor(new Float64Array(CURVATURES.length).fill(1), [CURVATURES.length], true);
  const power = sharpness(x0.pow(2).mul(a).sum().mul(0.5), [x0]);
  const qSteps = 300;
  const quadratic = { power, below: quadraticRun((BELOW * 2) / power, qSteps), above: quadraticRun((ABOVE * 2) / power, qSteps) };
  log(
    `1. f(x) = ½·(10x₁² + x₂² + 0.1x₃²) from x = (1, 1, 1). Power iteration with hvp finds λ_max = ${f(power)} (exact: 10), so 2/λ_max = ${f(2 / power)}.`,
  );
  log(`   gradient descent, ‖x‖ after   ${[10, 100, qSteps].map((k) => `step ${k}`.padStart(11)).join('')}`);
  for (const [name, run, c] of [
    ['below', quadratic.below, BELOW],
    ['above', quadratic.above, ABOVE],
  ] as const)
    log(`   η = ${c} × 2/λ_max (${name})   ${[10, 100, qSteps].map((k) => f(run[k - 1]!).padStart(11)).join('')}`);
  const top = (c: number) => Math.abs(1 - 2 * c),
    slow = (c: number) => 1 - ((2 * c) / power) * CURVATURES[2]!;
  log(
    `   Along the top eigenvector each step multiplies x₁ by 1 − η·λ_max: |${top(BELOW).toFixed(2)}|^${qSteps} = ${f(top(BELOW) ** qSteps)} below the edge, |${top(ABOVE).toFixed(2)}|^${qSteps} = ${f(top(ABOVE) ** qSteps)} above it,`,
  );
  log(
    `   where ‖x‖ grows with it. Below, ‖x‖ is left with x₃ (curvature 0.1), shrinking by 1 − η·0.1 per step: ${slow(BELOW).toFixed(4)}^${qSteps} = ${f(slow(BELOW) ** qSteps)}.`,
  );
  log('');

  // 2. The MLP near a minimum (Adam brings it there): the same edge, measured there.
  const near = nearMinimum();
  const mlpSteps = 300;
  const belowRun = gdRun((BELOW * 2) / near.lambda, mlpSteps, mlpSteps, near.params);
  const aboveRun = gdRun((ABOVE * 2) / near.lambda, mlpSteps, mlpSteps, near.params);
  const mlp = { lambda: near.lambda, below: belowRun.losses, above: aboveRun.losses, aboveEndLambda: aboveRun.sharpness[1]! };
  log(`2. A 2 → 32 → 32 → 1 tanh MLP fitting 64 points by MSE, brought near a minimum by ${ADAM_STEPS} Adam steps (lr ${ADAM_LR}):`);
  log(`   loss ${f(mlp.below[0]!)}, λ_max = ${f(near.lambda)}, 2/λ_max = ${f(2 / near.lambda)}. Gradient descent from there, loss after`);
  const mlpMarks = [10, 50, 100, 200, mlpSteps];
  log(`                              ${mlpMarks.map((k) => `step ${k}`.padStart(11)).join('')}`);
  for (const [name, run, c] of [
    ['below', mlp.below, BELOW],
    ['above', mlp.above, ABOVE],
  ] as const)
    log(`   η = ${c} × 2/λ_max (${name})   ${mlpMarks.map((k) => f(run[k]!).padStart(11)).join('')}`);
  const peak = Math.max(...mlp.above);
  log(
    `   Below the edge the loss ${rises(mlp.below) === 0 ? 'falls at every step' : `rises on ${rises(mlp.below)} steps`}; above it the loss rises on ${rises(mlp.above)} of the ${mlpSteps} steps, to ${Math.round(peak / mlp.above[0]!)} times`,
  );
  log(
    `   its start at the highest: it leaves the minimum. Unlike the quadratic's it does not grow without end: after ${mlpSteps} steps λ_max is ${f(mlp.aboveEndLambda)}`,
  );
  const etaAbove = (ABOVE * 2) / near.lambda;
  log(
    `   against the ${f(near.lambda)} it left: 2/λ_max there is ${f(2 / mlp.aboveEndLambda)}, ${2 / mlp.aboveEndLambda > etaAbove ? 'above' : 'not above'} its η = ${f(etaAbove)}.`,
  );
  log('');

  const control = gdRun(CONTROL_ETA, steps, every);
  // 3. The edge of stability.
  const edge = gdRun(ETA, steps, every);
  const limit = 2 / ETA;
  const reachedAt = edge.sharpness.findIndex((s) => s >= limit);
  const after = edge.sharpness.slice(reachedAt);
  const hover = { min: Math.min(...after), max: Math.max(...after), mean: after.reduce((s, v) => s + v, 0) / after.length };
  const reached = reachedAt * every;
  const spikes = rises(edge.losses);
  const controlRises = rises(control.losses);
  log(`3. The same MLP from its initialisation, full-batch gradient descent with η = ${ETA} (2/η = ${limit}), λ_max every ${every} steps:`);
  const marks = [0, 100, 200, 300, 400, 600, 800, 1000, 1500, 2000].filter((k) => k <= steps);
  log(`   step        ${marks.map((k) => String(k).padStart(7)).join('')}`);
  log(`   λ_max       ${marks.map((k) => edge.sharpness[k / every]!.toFixed(2).padStart(7)).join('')}`);
  log(`   loss        ${marks.map((k) => edge.losses[k]!.toFixed(4).padStart(7)).join('')}`);
  log(
    `   The sharpness starts at ${f(edge.sharpness[0]!)}, below 2/η, rises, reaches 2/η = ${limit} at step ${reached}, and from then on stays between`,
  );
  log(
    `   ${f(hover.min)} and ${f(hover.max)} (mean ${f(hover.mean)}): it hovers at 2/η. The loss still falls overall (${f(edge.losses[reached]!)} at step ${reached}, ${f(edge.losses[steps]!)} at step ${steps})`,
  );
  log(`   but not monotonically: it rose on ${spikes} of the ${steps} steps.`);
  log(
    `   Control, η = ${CONTROL_ETA} (2/η = ${2 / CONTROL_ETA}): the sharpness passes ${limit} and is ${f(control.sharpness.at(-1)!)} at step ${steps}; the loss rose on ${controlRises} steps.`,
  );
  log(`   So what stops the sharpness near ${limit} is the step size: with half the η it keeps rising past it.`);

  const xs = edge.sharpness.map((_, i) => i * every);
  const figure = await lessonFigure(
    options,
    'sharpness',
    [
      { name: `λ_max, η = ${ETA}`, values: edge.sharpness, x: xs, color: '#000000' },
      { name: `2/η = ${limit}`, values: xs.map(() => limit), x: xs, color: '#999999' },
      { name: `λ_max, η = ${CONTROL_ETA} (control)`, values: control.sharpness, x: xs, color: '#E69F00' },
      { name: `2/η = ${2 / CONTROL_ETA}`, values: xs.map(() => 2 / CONTROL_ETA), x: xs, color: '#F0D090' },
    ],
    { title: 'Sharpness under full-batch gradient descent (edge of stability)', xLabel: 'step', yLabel: 'λ_max' },
  );
  if (figure) log(`Picture: ${figure}`);
  return { quadratic, mlp, edge, control, reached, hover, figure };
}

export const cli: ExampleCli = {
  name: 'sharpness',
  summary: 'λ_max by power iteration on Hessian-vector products; gradient descent just below and above 2/λ_max; the edge of stability.',
  flags: ['quick', 'out'],
};

if (isMain(import.meta.url))
  await runExample(cli, (args) => main({ quick: args.quick, ...(args.out !== undefined ? { out: args.out } : {}) }));
