/**
 * The Adam paper's first experiment (Kingma & Ba 2015, §6.1, Fig. 1a): L2-regularised multiclass
 * logistic regression, mini-batches of 128, step size α_t = α/√t, comparing Adam, AdaGrad and SGD
 * with Nesterov momentum. Runs on the bundled 8×8 digits by default, or on MNIST IDX files if you
 * have them (pixels scaled to [0, 1] in both cases, as in the paper).
 *
 *     npx tsx examples/paper-logreg.ts [--out DIR] [--epochs N] [--quick]
 *     npx tsx examples/paper-logreg.ts --mnist ../shared/mnist [--limit 10000]
 *     npx tsx examples/paper-logreg.ts --images t10k-images-idx3-ubyte.gz --labels t10k-labels-idx1-ubyte.gz
 */
import { formatNumber } from '../src/util/format-number.ts';
import { join } from 'node:path';
import { type Dataset, trainTestSplit } from '../src/data/index.ts';
import { loadDataset } from '../src/node/bundled.ts';
import { loadIdx, loadMnistTest } from '../src/node/idx.ts';
import { LogisticRegression } from '../src/nn/index.ts';
import { AdaGrad, Adam, Momentum, inverseSqrtDecay, type Optimizer } from '../src/optim/index.ts';
import { Tensor } from '../src/tensor/index.ts';
import { evaluate, evaluateLoss, fit } from '../src/train/index.ts';
import { alignColumns } from '../src/inspect/format-trace.ts';
import { lossCurveSvg } from '../src/node/svg.ts';
import { writeFigure } from '../src/node/files.ts';
import { renderLossChart, useColor } from './lib/chart.ts';
import { type ExampleCli, type ExampleOptions, elapsed, runExample, isMain, usageError } from './lib/cli.ts';

export interface PaperLogregOptions extends ExampleOptions {
  /** A folder with t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz. */
  mnist?: string;
  /** Or the two IDX files directly. */
  images?: string;
  labels?: string;
  /** Use only the first N images of an IDX file. */
  limit?: number;
  epochs?: number;
  out?: string;
  seed?: number;
}

type Name = 'sgd-nesterov' | 'adagrad' | 'adam';
/** α per method, picked with a small grid ({0.03, 0.1, 0.3, 1, 3} scaled per method) on a validation split. */
const LR: Record<'digits' | 'mnist', Record<Name, number>> = {
  digits: { 'sgd-nesterov': 1, adagrad: 1, adam: 0.3 },
  mnist: { 'sgd-nesterov': 1, adagrad: 0.3, adam: 0.1 },
};
const MAKE: Record<Name, (params: Tensor[], lr: number) => Optimizer> = {
  'sgd-nesterov': (p, lr) => new Momentum(p, { lr, momentum: 0.9, nesterov: true }),
  adagrad: (p, lr) => new AdaGrad(p, { lr }),
  adam: (p, lr) => new Adam(p, { lr }),
};

export interface PaperRun {
  method: Name;
  lr: number;
  /** Training loss (with the L2 term) before training and after each epoch. */
  trainLoss: number[];
  testAccuracy: number;
}

export interface PaperLogregResult {
  source: 'digits' | 'mnist';
  samples: number;
  runs: PaperRun[];
  figure: string | null;
}

/** The data: digits scaled to [0, 1] (pixel counts / 16), or MNIST (already / 255). */
function loadData(options: PaperLogregOptions): { data: Dataset; source: 'digits' | 'mnist'; label: string } {
  const limit = options.limit === undefined ? {} : { limit: options.limit };
  if (options.images !== undefined || options.labels !== undefined) {
    if (options.images === undefined || options.labels === undefined)
      throw new RangeError('paper-logreg: --images and --labels must be given together');
    return { data: loadIdx(options.images, options.labels, limit), source: 'mnist', label: `${options.images} + ${options.labels}` };
  }
  if (options.mnist !== undefined)
    return { data: loadMnistTest(options.mnist, limit), source: 'mnist', label: `MNIST from ${options.mnist}` };
  const digits = loadDataset('digits');
  return {
    data: {
      ...digits,
      features: new Tensor(
        digits.features.data.map((v) => v / 16),
        digits.features.shape,
      ),
    },
    source: 'digits',
    label: 'digits (8×8, bundled)',
  };
}

export async function main(options: PaperLogregOptions = {}): Promise<PaperLogregResult> {
  const log = options.log ?? console.log;
  const start = performance.now();
  const seed = options.seed ?? 0;
  const { data, source, label } = loadData(options);
  const epochs = options.epochs ?? (options.quick ? 3 : 45); // Fig. 1a runs 45 epochs
  const { train, test } = trainTestSplit(data, { seed, testSize: 0.2 });
  const [n, f] = data.features.shape as [number, number];
  const l2 = 1e-4;
  log(
    `data: ${label}: ${n} images of ${f} pixels in [0, 1]; ${train.features.shape[0]!} train / ${test.features.shape[0]!} test (stratified, seed ${seed})`,
  );
  log(`model: softmax regression, W ${f}×10, loss = cross-entropy + (λ/2)‖W‖², λ = ${l2}`);
  log(`protocol: mini-batches of 128, α_t = α/√t (t = update count), ${epochs} epochs, zero initialisation`);
  log('');

  const runs: PaperRun[] = (['adam', 'adagrad', 'sgd-nesterov'] as const).map((method) => {
    const lr = LR[source][method];
    const model = new LogisticRegression(f, { classes: 10, l2 });
    const trainLoss = [evaluateLoss(model, train)];
    const t0 = performance.now();
    fit(model, train, {
      optimizer: MAKE[method](model.parameters(), lr),
      batchSize: 128,
      epochs,
      seed,
      quiet: true,
      scheduler: inverseSqrtDecay(),
      schedulerInterval: 'step',
      callbacks: { onEpochEnd: () => void trainLoss.push(evaluateLoss(model, train)) },
    });
    const testAccuracy = evaluate(model, test).accuracy;
    log(
      `  ${method.padEnd(12)} α ${String(lr).padEnd(4)} final train loss ${formatNumber(trainLoss.at(-1)!)}, test accuracy ${formatNumber(testAccuracy)} (${elapsed(t0)})`,
    );
    return { method, lr, trainLoss, testAccuracy };
  });

  const checkpoints = [1, 2, 5, 10, 20, 45].filter((e) => e < epochs).concat(epochs);
  log('');
  log('train loss on all training rows after epoch:');
  const rows = [['method', ...checkpoints.map(String)]];
  for (const r of runs) rows.push([r.method, ...checkpoints.map((e) => formatNumber(r.trainLoss[e]!))]);
  log(alignColumns(rows, 1));
  const [adam, adagrad, sgd] = runs as [PaperRun, PaperRun, PaperRun];
  const final = (r: PaperRun): string => formatNumber(r.trainLoss.at(-1)!);
  const ranked = [...runs].sort((x, y) => x.trainLoss.at(-1)! - y.trainLoss.at(-1)!);
  log('The paper reports Adam converging like SGD with Nesterov momentum and faster than AdaGrad on MNIST.');
  log(
    `Here, train loss after ${epochs} epochs: ${ranked.map((r) => `${r.method} ${final(r)}`).join(' < ')}: ${paperVerdict(adam, adagrad, sgd)}.`,
  );
  log('');
  log(
    renderLossChart(
      runs.map((r) => ({ name: r.method, values: r.trainLoss })),
      { color: useColor(options.log) },
    ),
  );

  let figure: string | null = null;
  if (options.out !== undefined || !options.quick) {
    const svg = await lossCurveSvg(
      runs.map((r) => ({ name: `${r.method} (α ${r.lr}/√t)`, values: r.trainLoss })),
      {
        title: `Logistic regression on ${source === 'mnist' ? 'MNIST' : 'digits'} (Kingma & Ba Fig. 1a)`,
        xLabel: 'epoch',
        yLabel: 'train loss (all training rows)',
        logY: true,
      },
    );
    figure = await writeFigure(svg, join(options.out ?? 'out', `paper-logreg-${source}.svg`));
    log(`loss curves: ${figure}`);
  }
  log(`Done in ${elapsed(start)}.`);
  return { source, samples: n, runs, figure };
}

/** Whether this run shows the paper's ordering (Adam first, AdaGrad behind SGD-Nesterov), said from the numbers. */
export function paperVerdict(adam: PaperRun, adagrad: PaperRun, sgd: PaperRun): string {
  const loss = (r: PaperRun): number => r.trainLoss.at(-1)!;
  const adamFirst = loss(adam) < Math.min(loss(adagrad), loss(sgd));
  const adagradBehind = loss(adagrad) > loss(sgd);
  if (adamFirst && adagradBehind) return "the paper's ordering";
  if (adamFirst) return 'Adam ahead as in the paper, but AdaGrad not behind SGD-Nesterov';
  return 'Adam is not ahead here';
}

export const cli: ExampleCli = {
  name: 'paper-logreg',
  summary: "The Adam paper's Fig. 1a: L2 logistic regression, Adam vs AdaGrad vs SGD-Nesterov, on digits or MNIST.",
  flags: ['quick', 'out', 'seed'],
  extra: [
    { name: 'epochs', value: 'N', help: 'training epochs (default: 45; quick: 3)', positiveInt: true },
    { name: 'mnist', value: 'DIR', help: 'folder with the MNIST t10k IDX .gz files (default: bundled digits)' },
    { name: 'images', value: 'FILE', help: 'an IDX images file (with --labels)' },
    { name: 'labels', value: 'FILE', help: 'an IDX labels file (with --images)' },
    { name: 'limit', value: 'N', help: 'use only the first N images (default: all)', positiveInt: true },
  ],
};

if (isMain(import.meta.url)) {
  await runExample(cli, async (args) => {
    const { mnist, images, labels, limit, epochs } = args.values;
    if ((images === undefined) !== (labels === undefined)) usageError(cli, '--images and --labels must be given together');
    await main({
      quick: args.quick,
      ...(args.out !== undefined ? { out: args.out } : {}),
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
      ...(mnist !== undefined ? { mnist } : {}),
      ...(images !== undefined ? { images } : {}),
      ...(labels !== undefined ? { labels } : {}),
      ...(limit !== undefined ? { limit: Number(limit) } : {}),
      ...(epochs !== undefined ? { epochs: Number(epochs) } : {}),
    });
  });
}
