/**
 * Exponentially weighted moving averages, the building block of momentum, RMSProp and Adam
 * (the Adam article, the "Understanding the Adam Optimizer" notes and Kingma & Ba's slides): the worked numbers, the same numbers read out of real optimizers with
 * traceOptimizer, and why Adam divides by 1 − βᵗ (bias correction), shown numerically.
 *
 *     npx tsx examples/moving-averages.ts [--seed N] [--quick]
 */
import { tensor } from '../src/tensor/index.ts';
import { Adam, RMSProp, ewma, type Optimizer } from '../src/optim/index.ts';
import { Rng } from '../src/util/random.ts';
import { traceOptimizer, type TraceEntry } from '../src/inspect/trace.ts';
import { alignColumns, formatSignificant, formatTrace } from '../src/inspect/format-trace.ts';
import { type ExampleCli, type ExampleOptions, runExample, isMain } from './lib/cli.ts';

export interface MovingAveragesOptions extends ExampleOptions {
  /** Seed for the noisy gradients (default 0). */
  seed?: number;
  /** Noisy sequences averaged to estimate E[m_t] (default 20000; quick 2000). */
  runs?: number;
}

export interface MovingAveragesResult {
  /** The Adam article's v_t for gradients 3, 4, −2, 1 with β = 0.9. */
  gradientAverages: number[];
  /** s_t for squared gradients 9, 16, 4, 1, exact. */
  squaredAverages: number[];
  /** The same with s_3 rounded to 2.57 as the seed does: its s_4 = 2.413. */
  seedRoundedS4: number;
  /** m_t read from Adam's state and s_t from RMSProp's, via traceOptimizer. */
  adamM: number[];
  rmspropS: number[];
  /** On a constant gradient 1: m_t = 1 − 0.9ᵗ, m̂_t = 1. */
  constantM: number[];
  constantMHat: number[];
  /** Noisy gradients: mean over runs of m_t and m̂_t at the listed steps. */
  noisy: { t: number; meanM: number; predicted: number; meanMHat: number }[];
}

const fmt = (x: number): string => formatSignificant(x, 10);

/** Feeds a fixed gradient sequence to a one-parameter optimizer and returns what the trace saw. */
function replay(make: (p: ReturnType<typeof tensor>) => Optimizer, grads: number[]): TraceEntry[] {
  const p = tensor([0], { requiresGrad: true });
  const opt = make(p);
  const trace = traceOptimizer(opt, { names: ['θ'] });
  for (const g of grads) {
    p.grad = tensor([g]);
    opt.step();
  }
  trace.detach();
  return trace.entries;
}

export function main(options: MovingAveragesOptions = {}): MovingAveragesResult {
  const log = options.log ?? console.log;
  const beta = 0.9;
  const grads = [3, 4, -2, 1];

  log('1. Exponentially weighted average of the gradients 3, 4, −2, 1 (β = 0.9), v_t = β·v_{t−1} + (1 − β)·g_t:');
  const v = ewma(grads, beta);
  const signed = (x: number): string => (x < 0 ? `(−${-x})` : String(x));
  v.forEach((vt, i) => log(`   v${i + 1} = 0.9 × ${fmt(i === 0 ? 0 : v[i - 1]!)} + 0.1 × ${signed(grads[i]!)} = ${fmt(vt)}`));

  log('');
  log("2. RMSProp's average of the squared gradients 9, 16, 4, 1 (β = 0.9), s_t = β·s_{t−1} + (1 − β)·g_t²:");
  const squares = grads.map((g) => g * g);
  const s = ewma(squares, beta);
  s.forEach((st, i) => log(`   s${i + 1} = 0.9 × ${fmt(i === 0 ? 0 : s[i - 1]!)} + 0.1 × ${squares[i]!} = ${fmt(st)}`));
  const seedRoundedS4 = 0.9 * 2.57 + 0.1 * 1;
  log(`   The Adam article rounds s3 = ${fmt(s[2]!)} to 2.57 and so prints s4 = 0.9 × 2.57 + 0.1 × 1 = ${fmt(seedRoundedS4)};`);
  log(`   carried exactly, s4 = ${fmt(s[3]!)}.`);

  log('');
  log("3. The same averages inside real optimizers (traceOptimizer): Adam's m is the EWMA of g (β1 = 0.9),");
  log("   RMSProp's s the EWMA of g² (β = 0.9). Feeding them the gradients 3, 4, −2, 1:");
  const adamTrace = replay((p) => new Adam([p], { lr: 0.1, beta1: 0.9, beta2: 0.999 }), grads);
  const rmsTrace = replay((p) => new RMSProp([p], { lr: 0.1, beta: 0.9 }), grads);
  log(formatTrace(adamTrace).replace(/^/gm, '   '));
  log('');
  log(formatTrace(rmsTrace).replace(/^/gm, '   '));
  const adamM = adamTrace.map((e) => e.state.expAvg![0]!);
  const rmspropS = rmsTrace.map((e) => e.state.squareAvg![0]!);
  log("   lr_eff = −update/grad: RMSProp divides lr by √s; Adam's is negative at step 3, where momentum");
  log('   carries θ on downhill against the new gradient −2 (m stays positive).');

  log('');
  log(
    '4. Why bias correction (the "Understanding the Adam Optimizer" notes): unrolled, m_t = (1 − β)·Σᵢ βᵗ⁻ⁱ·gᵢ, and the weights sum to 1 − βᵗ, not 1,',
  );
  log('   so E[m_t] = (1 − βᵗ)·E[g]: zero-initialised averages start too small. Dividing by 1 − βᵗ fixes it.');
  log('   On a constant gradient g = 1:');
  const steps = [1, 2, 3, 5, 10, 20, 50];
  const ones = new Array<number>(50).fill(1);
  const constM = ewma(ones, beta),
    constMHat = ewma(ones, beta, { biasCorrection: true });
  const constV = ewma(ones, 0.999),
    constVHat = ewma(ones, 0.999, { biasCorrection: true });
  const rows = [['t', 'm_t (β1 = 0.9)', 'm̂_t', 'v_t (β2 = 0.999)', 'v̂_t']];
  const six = (x: number): string => formatSignificant(x, 6);
  for (const t of steps) rows.push([String(t), six(constM[t - 1]!), six(constMHat[t - 1]!), six(constV[t - 1]!), six(constVHat[t - 1]!)]);
  log(alignColumns(rows, 1).replace(/^/gm, '   '));

  const seed = options.seed ?? 0;
  const runs = options.runs ?? (options.quick ? 2000 : 20000);
  const mu = 1,
    sigma = 2;
  log('');
  log(`   On noisy gradients g ~ N(${mu}, ${sigma}²), averaged over ${runs} seeded sequences (seed ${seed}):`);
  const rng = new Rng(seed);
  const horizon = steps[steps.length - 1]!;
  const sumM = new Float64Array(horizon),
    sumMHat = new Float64Array(horizon);
  for (let r = 0; r < runs; r++) {
    const g = Array.from({ length: horizon }, () => mu + sigma * rng.normal());
    ewma(g, beta).forEach((x, i) => (sumM[i] = sumM[i]! + x));
    ewma(g, beta, { biasCorrection: true }).forEach((x, i) => (sumMHat[i] = sumMHat[i]! + x));
  }
  const noisy = steps.map((t) => ({ t, meanM: sumM[t - 1]! / runs, predicted: (1 - beta ** t) * mu, meanMHat: sumMHat[t - 1]! / runs }));
  const noisyRows = [['t', 'mean m_t', '(1 − 0.9ᵗ)·E[g]', 'mean m̂_t', 'E[g]']];
  for (const n of noisy) noisyRows.push([String(n.t), n.meanM.toFixed(4), n.predicted.toFixed(4), n.meanMHat.toFixed(4), mu.toFixed(4)]);
  log(alignColumns(noisyRows, 1).replace(/^/gm, '   '));
  log('   m_t tracks (1 − βᵗ)·E[g], too small early on; m̂_t is right from the first step. As t grows');
  log('   βᵗ → 0 and the correction fades, which is why it matters only at the start (and for β2 = 0.999');
  log('   for the first few thousand steps).');

  return { gradientAverages: v, squaredAverages: s, seedRoundedS4, adamM, rmspropS, constantM: constM, constantMHat: constMHat, noisy };
}

export const cli: ExampleCli = {
  name: 'moving-averages',
  summary: "Exponentially weighted moving averages and Adam's bias correction, in numbers.",
  flags: ['quick', 'seed'],
};

if (isMain(import.meta.url)) await runExample(cli, main);
