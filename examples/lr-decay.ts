/**
 * Learning-rate decay α_t = α/√t, as in the Adam paper's logistic-regression experiment (Kingma & Ba, section 6.1),
 * with and without, on the same noisy run: f(θ) = ½‖θ‖² over 10 coordinates from θ = (5, …, 5), gradients θ + N(0, 1)
 * noise drawn from the same seed for both. At a constant lr, Adam settles into a noise floor whose size is set by lr;
 * with the decay the floor keeps sinking (the price: a slower start).
 *
 *     npx tsx examples/lr-decay.ts [--quick] [--seed N] [--out DIR]
 */
import { Adam, LRScheduler, inverseSqrtDecay } from '../src/optim/index.ts';
import { Tensor } from '../src/tensor/index.ts';
import { Rng } from '../src/util/random.ts';
import { type ExampleCli, runExample, isMain } from './lib/cli.ts';
import { everyKth, lessonFigure, type LessonOptions } from './lib/lesson.ts';

/** ‖θ‖ after each of `steps` Adam steps at lr `lr`, decayed as lr/√t when `decay`. */
export function run(decay: boolean, steps: number, seed: number, lr = 0.5): number[] {
  const rng = new Rng(seed);
  const theta = new Tensor(new Float64Array(10).fill(5), [10], true);
  const optimizer = new Adam([theta], { lr });
  const scheduler = decay ? new LRScheduler(optimizer, inverseSqrtDecay()) : null;
  const distance: number[] = [];
  for (let t = 0; t < steps; t++) {
    theta.grad = theta.data.map((v) => v + rng.normal());
    optimizer.step();
    scheduler?.step();
    distance.push(Math.hypot(...theta.data));
  }
  return distance;
}

export interface DecayResult {
  steps: number;
  /** Mean ‖θ‖ over the last 10 % of the steps. */
  constantFloor: number;
  decayedFloor: number;
  figure: string | null;
}

export async function main(options: LessonOptions & { seed?: number } = {}): Promise<DecayResult> {
  const log = options.log ?? console.log;
  const steps = options.quick ? 2000 : 20_000;
  const seed = options.seed ?? 0;
  const constant = run(false, steps, seed);
  const decayed = run(true, steps, seed);
  const tail = (xs: number[]): number => xs.slice(-Math.floor(steps / 10)).reduce((a, b) => a + b, 0) / Math.floor(steps / 10);
  const result = { steps, constantFloor: tail(constant), decayedFloor: tail(decayed) };
  log(`Adam, lr 0.5, on f(θ) = ½‖θ‖² with N(0, 1) gradient noise, ${steps} steps, the same noise for both runs:`);
  log('  step     ‖θ‖ constant lr   ‖θ‖ lr/√t');
  for (const t of [10, 100, 1000, steps / 2, steps])
    log(`  ${String(t).padStart(6)}   ${constant[t - 1]!.toFixed(4).padStart(15)}   ${decayed[t - 1]!.toFixed(4).padStart(10)}`);
  log(`Mean ‖θ‖ over the last 10 %: constant ${result.constantFloor.toFixed(4)}, decayed ${result.decayedFloor.toFixed(4)}.`);
  log("A constant lr keeps taking steps of the noise's size; 1/√t shrinks them, so the average keeps improving.");
  const k = Math.max(1, Math.floor(steps / 500));
  const figure = await lessonFigure(
    options,
    'lr-decay',
    [
      { name: 'adam, constant lr 0.5', ...everyKth(constant, k, 1) },
      { name: 'adam, lr 0.5/√t', ...everyKth(decayed, k, 1), color: '#D55E00' },
    ],
    { title: 'Learning-rate decay 1/√t on a noisy run', xLabel: 'step', yLabel: '‖θ‖ (distance to the optimum)', logY: true },
  );
  if (figure) log(`Picture: ${figure}`);
  return { ...result, figure };
}

export const cli: ExampleCli = {
  name: 'lr-decay',
  summary: "Learning-rate decay α/√t (the Adam paper's experiment) on and off on the same noisy run.",
  flags: ['quick', 'seed', 'out'],
};

if (isMain(import.meta.url)) await runExample(cli, main);
