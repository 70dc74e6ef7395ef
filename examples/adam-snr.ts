/**
 * Adam is cautious near the optimum (Kingma & Ba, section 2.1: the ratio m̂/√v̂ is a signal-to-noise ratio).
 * Minimise f(θ) = ½‖θ‖² over 10 coordinates from θ = (5, …, 5) with noisy gradients g = θ + σ·z, z ~ N(0, 1),
 * σ = 1. Far from the optimum every gradient points the same way: m̂ ≈ g and |m̂/√v̂| ≈ 1, steps ≈ lr. Near it
 * the gradient is mostly noise: m̂ averages it towards 0 while v̂ stays ≈ σ², so |m̂/√v̂| falls and the steps
 * shrink by themselves, with a constant lr.
 *
 *     npx tsx examples/adam-snr.ts [--seed N] [--out DIR]
 */
import { traceOptimizer } from '../src/inspect/trace.ts';
import { Adam } from '../src/optim/index.ts';
import { Tensor } from '../src/tensor/index.ts';
import { Rng } from '../src/util/random.ts';
import { type ExampleCli, runExample, isMain } from './lib/cli.ts';
import { lessonFigure, type LessonOptions } from './lib/lesson.ts';

export interface SnrResult {
  /** Mean over coordinates of |m̂/√v̂| at each step. */
  snr: number[];
  /** Mean |Δθ| / lr at each step. */
  stepOverLr: number[];
  /** ‖θ‖ after each step. */
  distance: number[];
  figure: string | null;
}

export async function main(options: LessonOptions & { seed?: number } = {}): Promise<SnrResult> {
  const log = options.log ?? console.log;
  const n = 10,
    steps = 600,
    lr = 0.05,
    sigma = 1;
  const rng = new Rng(options.seed ?? 0);
  const theta = new Tensor(new Float64Array(n).fill(5), [n], true);
  const optimizer = new Adam([theta], { lr });
  const trace = traceOptimizer(optimizer);
  const distance: number[] = [];
  for (let t = 0; t < steps; t++) {
    theta.grad = new Tensor(
      theta.data.map((v) => v + sigma * rng.normal()),
      theta.shape,
    );
    optimizer.step();
    distance.push(Math.hypot(...theta.data));
  }
  trace.detach();
  const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + Math.abs(b), 0) / xs.length;
  const snr = trace.entries.map((e) => mean(e.derived.mHat!.map((m, i) => m / Math.sqrt(e.derived.vHat![i]!))));
  const stepOverLr = trace.entries.map((e) => mean(e.update) / lr);
  log(`f(θ) = ½‖θ‖², 10 coordinates from 5, gradients θ + N(0, 1) noise; Adam lr ${lr}, β1 0.9, β2 0.999`);
  log('  step   ‖θ‖     mean |m̂/√v̂|   mean |Δθ|/lr');
  for (const t of [1, 10, 50, 100, 200, 400, 600]) {
    log(
      `  ${String(t).padStart(4)}   ${distance[t - 1]!.toFixed(3).padStart(6)}   ${snr[t - 1]!.toFixed(3).padStart(12)}   ${stepOverLr[t - 1]!.toFixed(3).padStart(12)}`,
    );
  }
  log('While ‖θ‖ is large the ratio stays near 1 and every step is about lr; once θ is within the noise, m̂ → 0');
  log('but v̂ → σ² = 1: the ratio and the steps fall by themselves, an automatic annealing (the lr never changed).');
  const figure = await lessonFigure(
    options,
    'adam-snr',
    [
      { name: 'mean |m̂/√v̂|', values: snr, color: '#000000' },
      { name: 'mean |Δθ| / lr', values: stepOverLr, color: '#E69F00' },
      { name: '‖θ‖ / ‖θ₀‖', values: distance.map((d) => d / (5 * Math.sqrt(n))), color: '#56B4E9' },
    ],
    { title: "Adam's signal-to-noise ratio on a noisy run", xLabel: 'step', yLabel: 'ratio', xStart: 1 },
  );
  if (figure) log(`Picture: ${figure}`);
  return { snr, stepOverLr, distance, figure };
}

export const cli: ExampleCli = {
  name: 'adam-snr',
  summary: "Adam's |m̂/√v̂| and step size shrink by themselves near the optimum of a noisy run.",
  flags: ['seed', 'out'],
};

if (isMain(import.meta.url)) await runExample(cli, main);
