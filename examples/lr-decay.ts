/**
 * Learning-rate decay α_t = α/√t, as in the Adam paper's logistic-regression experiment (Kingma & Ba, section 6.1),
 * with and without, on the same noisy run: f(θ) = ½‖θ‖² over 10 coordinates from θ = (5, …, 5), gradients θ + N(0, 1)
 * noise drawn from the same seed for every run. At a constant lr, Adam settles into a noise floor set by the size of
 * its steps (a control run at half the lr shows it); with the decay the steps keep shrinking and the floor keeps
 * sinking (the price: a slower start). Rows are means over windows of steps, since single steps jitter.
 *
 *     npx tsx examples/lr-decay.ts [--quick] [--seed N] [--out DIR]
 */
import { Adam, LRScheduler, inverseSqrtDecay } from '../src/optim/index.ts';
import { Tensor } from '../src/tensor/index.ts';
import { Rng } from '../src/util/random.ts';
import { formatNumber } from '../src/util/format-number.ts';
import { type ExampleCli, runExample, isMain } from './lib/cli.ts';
import { everyKth, lessonFigure, type LessonOptions } from './lib/lesson.ts';

export interface DecayRun {
  /** ‖θ‖ after each step. */
  distance: number[];
  /** Mean |Δθ| per coordinate of each step. */
  step: number[];
}

/** `steps` Adam steps at lr `lr`, decayed as lr/√t when `decay`. */
export function run(decay: boolean, steps: number, seed: number, lr = 0.5): DecayRun {
  const rng = new Rng(seed);
  const theta = new Tensor(new Float64Array(10).fill(5), [10], true);
  const optimizer = new Adam([theta], { lr });
  const scheduler = decay ? new LRScheduler(optimizer, inverseSqrtDecay()) : null;
  const out: DecayRun = { distance: [], step: [] };
  const before = new Float64Array(10);
  for (let t = 0; t < steps; t++) {
    before.set(theta.data);
    theta.grad = new Tensor(
      theta.data.map((v) => v + rng.normal()),
      theta.shape,
    );
    optimizer.step();
    scheduler?.step();
    out.distance.push(Math.hypot(...theta.data));
    out.step.push(theta.data.reduce((s, v, i) => s + Math.abs(v - before[i]!), 0) / 10);
  }
  return out;
}

/** The mean of xs over steps from..to (1-based, inclusive). */
const windowMean = (xs: readonly number[], from: number, to: number): number =>
  xs.slice(from - 1, to).reduce((a, b) => a + b, 0) / (to - from + 1);

export interface DecayRow {
  /** The window: steps from..to, the last tenth of the steps up to `to` (the first row: steps 1–10). */
  from: number;
  to: number;
  constant: { distance: number; step: number };
  decayed: { distance: number; step: number };
}

export interface DecayResult {
  steps: number;
  rows: DecayRow[];
  /** Mean ‖θ‖ over the last 10 % of the steps. */
  constantFloor: number;
  decayedFloor: number;
  /** The control: a constant lr of half the size, mean ‖θ‖ over the last 10 %. */
  halfLrFloor: number;
  /** Mean |Δθ| per coordinate over the last 10 %, at the constant lr, and divided by that lr. */
  constantStep: number;
  figure: string | null;
}

export async function main(options: LessonOptions & { seed?: number } = {}): Promise<DecayResult> {
  const log = options.log ?? console.log;
  const steps = options.quick ? 2000 : 20_000;
  const seed = options.seed ?? 0;
  const lr = 0.5;
  const constant = run(false, steps, seed, lr);
  const decayed = run(true, steps, seed, lr);
  const half = run(false, steps, seed, lr / 2);
  const rows: DecayRow[] = [...new Set([10, 100, 1000, steps / 2, steps])].map((to) => {
    const from = to <= 10 ? 1 : to - to / 10 + 1;
    const of = (r: DecayRun) => ({ distance: windowMean(r.distance, from, to), step: windowMean(r.step, from, to) });
    return { from, to, constant: of(constant), decayed: of(decayed) };
  });
  const last = rows[rows.length - 1]!;
  const halfLrFloor = windowMean(half.distance, last.from, last.to);
  const result = {
    steps,
    rows,
    constantFloor: last.constant.distance,
    decayedFloor: last.decayed.distance,
    halfLrFloor,
    constantStep: last.constant.step,
  };
  const f = (v: number, w: number): string => formatNumber(v).padStart(w);
  log(`Adam, lr ${lr}, on f(θ) = ½‖θ‖² with N(0, 1) gradient noise on each coordinate, ${steps} steps, the same noise for every run.`);
  log('Each row: means over its steps, the last tenth of those up to its end (single steps jitter).');
  log('                      constant lr               lr/√t');
  log('  steps              ‖θ‖   step/coord        ‖θ‖   step/coord');
  for (const r of rows)
    log(
      `  ${`${r.from}–${r.to}`.padStart(11)}  ${f(r.constant.distance, 8)}  ${f(r.constant.step, 11)}  ${f(r.decayed.distance, 9)}  ${f(r.decayed.step, 11)}`,
    );
  log(`  control: constant lr ${lr / 2}, steps ${last.from}–${last.to}: ‖θ‖ ${formatNumber(halfLrFloor)}`);
  log('');
  log(
    `At a constant lr the steps stop shrinking at about ${formatNumber(result.constantStep)} per coordinate: lr times Adam's normalised step |m̂/√v̂|, ${formatNumber(result.constantStep / lr)} here`,
  );
  log(`near the optimum (see examples/adam-snr.ts). They are far smaller than the noise (1 per coordinate), but they never get smaller,`);
  log(
    `so θ hovers in a noise floor: ‖θ‖ ≈ ${formatNumber(result.constantFloor)}. The floor is set by the steps: the control at half the lr sits at ${formatNumber(halfLrFloor)}, ×${formatNumber(halfLrFloor / result.constantFloor, 2)}.`,
  );
  log(
    `With lr/√t the steps keep shrinking (${formatNumber(last.decayed.step)} per coordinate at the end) and so does the floor: ${rows
      .slice(1)
      .map((r) => formatNumber(r.decayed.distance))
      .join(' → ')}.`,
  );
  log(
    `The price is a slower start: over steps 1–10 ‖θ‖ averages ${formatNumber(rows[0]!.decayed.distance)} with the decay against ${formatNumber(rows[0]!.constant.distance)} without.`,
  );
  const k = Math.max(1, Math.floor(steps / 500));
  const figure = await lessonFigure(
    options,
    'lr-decay',
    [
      { name: `adam, constant lr ${lr}`, ...everyKth(constant.distance, k, 1) },
      { name: `adam, lr ${lr}/√t`, ...everyKth(decayed.distance, k, 1), color: '#D55E00' },
      { name: `adam, constant lr ${lr / 2} (control)`, ...everyKth(half.distance, k, 1), color: '#56B4E9' },
    ],
    { title: 'Learning-rate decay 1/√t on a noisy run', xLabel: 'step', yLabel: '‖θ‖ (distance to the optimum)', logY: true },
  );
  if (figure) log(`Picture: ${figure}`);
  return { ...result, figure };
}

export const cli: ExampleCli = {
  name: 'lr-decay',
  summary: "Learning-rate decay α/√t (the Adam paper's experiment) on and off on the same noisy run, with a half-lr control.",
  flags: ['quick', 'seed', 'out'],
};

if (isMain(import.meta.url)) await runExample(cli, main);
