/**
 * Scale invariance: multiply the loss by c = 10⁻³, 1 or 10³. Adam's step m̂/(√v̂ + ε) divides c out, so its
 * path is the same to within ε's share; plain gradient descent's step lr·c·∇f shrinks a thousandfold or blows up.
 * Surface f(x, y) = x² + 10·y² from (3, 1); Adam lr 0.1, gradient descent lr 0.05, 200 steps.
 *
 *     npx tsx examples/scale-invariance.ts [--out DIR]
 */
import { join } from 'node:path';
import { Adam, SGD, type Optimizer } from '../src/optim/index.ts';
import { Tensor } from '../src/tensor/index.ts';
import { contourSvg } from '../src/node/svg.ts';
import { writeFigure } from '../src/node/files.ts';
import { METHOD_COLORS } from '../src/viz/palette.ts';
import { type ExampleCli, runExample, isMain } from './lib/cli.ts';
import { formatNumber } from '../src/util/format-number.ts';
import type { LessonOptions } from './lib/lesson.ts';

export const SCALES = [1e-3, 1, 1e3] as const;
const f = (x: number, y: number): number => x * x + 10 * y * y;

/** The path of `make`'s optimizer on c·f from (3, 1), stopping early if it leaves |θ| < 1e6. */
export function path(make: (p: Tensor[]) => Optimizer, c: number, steps = 200): [number, number][] {
  const p = new Tensor(Float64Array.of(3, 1), [2], true);
  const optimizer = make([p]);
  const out: [number, number][] = [[3, 1]];
  for (let t = 0; t < steps; t++) {
    const [x, y] = [p.data[0]!, p.data[1]!];
    p.grad = new Tensor(Float64Array.of(c * 2 * x, c * 20 * y), [2]);
    optimizer.step();
    out.push([p.data[0]!, p.data[1]!]);
    if (Math.hypot(p.data[0]!, p.data[1]!) > 1e6) break;
  }
  return out;
}

export interface ScaleResult {
  /** Largest distance between Adam's path at c and at 1, per c; the same with ε = 1e-300, as good as none (the control). */
  adamDeviation: Record<string, number>;
  adamDeviationNoEps: Record<string, number>;
  /** Distance to the minimum after 200 steps (Infinity: diverged), per c. */
  sgdFinalDistance: Record<string, number>;
  adamFinalDistance: Record<string, number>;
  figure: string | null;
}

export async function main(options: LessonOptions = {}): Promise<ScaleResult> {
  const log = options.log ?? console.log;
  const adam = (c: number) => path((p) => new Adam(p, { lr: 0.1 }), c);
  const gd = (c: number) => path((p) => new SGD(p, { lr: 0.05 }), c);
  const adamNoEps = (c: number) => path((p) => new Adam(p, { lr: 0.1, eps: 1e-300 }), c);
  const reference = adam(1);
  const referenceNoEps = adamNoEps(1);
  const gapTo = (q: [number, number][], ref: [number, number][]): number =>
    Math.max(...q.map(([x, y], i) => Math.hypot(x - ref[i]![0], y - ref[i]![1])));
  const result: ScaleResult = { adamDeviation: {}, adamDeviationNoEps: {}, sgdFinalDistance: {}, adamFinalDistance: {}, figure: null };
  const paths = [];
  log('f(x, y) = x² + 10·y² from (3, 1), the loss multiplied by c; 200 steps of Adam (lr 0.1) and gradient descent (lr 0.05)');
  log('      c   Adam: largest gap to its c = 1 path   Adam: distance to (0, 0)   GD: distance to (0, 0)');
  for (const c of SCALES) {
    const a = adam(c),
      g = gd(c);
    const gap = gapTo(a, reference);
    result.adamDeviationNoEps[String(c)] = gapTo(adamNoEps(c), referenceNoEps);
    const last = (q: [number, number][]) => (q.length < 201 ? Infinity : Math.hypot(...q[q.length - 1]!));
    result.adamDeviation[String(c)] = gap;
    result.adamFinalDistance[String(c)] = last(a);
    result.sgdFinalDistance[String(c)] = last(g);
    log(
      `${String(c).padStart(7)}   ${formatNumber(gap).padStart(36)}   ${formatNumber(last(a)).padStart(24)}   ${Number.isFinite(last(g)) ? formatNumber(last(g)).padStart(22) : 'diverged'.padStart(22)}`,
    );
    paths.push({ name: `Adam, loss × ${c}`, label: `Adam ×${c}`, points: a, color: METHOD_COLORS.adam });
    paths.push({
      name: `GD, loss × ${c}${Number.isFinite(last(g)) ? '' : ', diverged'}`,
      label: `GD ×${c}`,
      points: g,
      color: c === 1 ? METHOD_COLORS.gd : c < 1 ? METHOD_COLORS.minibatch : METHOD_COLORS.rmsprop,
      diverged: !Number.isFinite(last(g)),
    });
  }
  const noEps = SCALES.filter((c) => c !== 1).map((c) => formatNumber(result.adamDeviationNoEps[String(c)]!));
  log(
    `Adam's three paths coincide; the small gaps are ε's doing (ε = 1e-8 is not scaled with the loss): with ε = 1e-300 (Adam requires ε > 0) they are ${noEps.join(' and ')}.`,
  );
  log("GD's step is lr·c·∇f:");
  log('at c = 10⁻³ it has barely moved, at c = 10³ its step factor 1 − 2·lr·c·10 is far below −1 and it diverges.');
  if (options.figures !== false) {
    const svg = await contourSvg({
      f,
      xDomain: [-3.5, 3.5],
      yDomain: [-1.5, 1.5],
      paths,
      minimum: [0, 0],
      logLevels: true,
      levels: 10,
      resolution: 120,
      markerSize: 0,
      title: 'Loss × 10⁻³, 1, 10³: Adam moves alike, gradient descent does not',
    });
    result.figure = await writeFigure(svg, join(options.out ?? 'out', 'scale-invariance.svg'));
    log(`Picture: ${result.figure}`);
  }
  return result;
}

export const cli: ExampleCli = {
  name: 'scale-invariance',
  summary: "Adam's path is unchanged when the loss is scaled by 10⁻³ or 10³; gradient descent's is not.",
  flags: ['out'],
};

if (isMain(import.meta.url)) await runExample(cli, main);
