/**
 * The optimizer race (`npm start`): the seven methods of the lessons — gd, sgd, minibatch,
 * momentum, adagrad, rmsprop, adam — train the same MLP on the handwritten digits from the same
 * initial weights, each for the same number of epochs. Prints progress, a comparison table and a
 * terminal chart of the training loss, and writes the loss curves as an SVG picture.
 *
 *     npm start                                  # or: npx tsx examples/optimizer-race.ts
 *     npx tsx examples/optimizer-race.ts --out results --quick
 */
import { join } from 'node:path';
import { lossCurveSvg } from '../src/node/svg.ts';
import { writeFigure } from '../src/node/files.ts';
import { formatDuration } from '../src/train/index.ts';
import { alignColumns } from '../src/inspect/format-trace.ts';
import { prepare } from './lib/classify.ts';
import { type RaceEntry, describeBatch, runRace, RACE_LR } from './lib/race.ts';
import { METHODS, METHOD_NAMES } from '../src/train/methods.ts';
import { formatNumber } from '../src/util/format-number.ts';
import { renderLossChart, useColor } from './lib/chart.ts';
import { type ExampleCli, type ExampleOptions, elapsed, runExample, isMain } from './lib/cli.ts';

export interface RaceExampleOptions extends ExampleOptions {
  /** Output folder for the picture and the JSON results (default 'out'). */
  out?: string;
  seed?: number;
  /** Epochs per method (default 20; quick 2). */
  epochs?: number;
  /** Hidden units (default 32). */
  hidden?: number;
}

export interface RaceResult {
  entries: RaceEntry[];
  figure: string;
  json: string;
}

export async function main(options: RaceExampleOptions = {}): Promise<RaceResult> {
  const log = options.log ?? console.log;
  const start = performance.now();
  const seed = options.seed ?? 0;
  const epochs = options.epochs ?? (options.quick ? 2 : 20);
  const hidden = options.hidden ?? 32;
  const out = options.out ?? 'out';
  const { train, test } = prepare('digits', { seed, log });
  const n = train.features.shape[0]!;
  const sizes = [64, hidden, 10];
  log(`model: MLP ${sizes.join(' → ')} (ReLU), the same initial weights (seed ${seed}) and batch order for every method`);
  log(`budget: ${epochs} epochs each, i.e. ${epochs} passes over the ${n} training digits (the same number of`);
  log('per-sample gradients): gd takes one exact step per pass, sgd one step per digit.');
  log(`learning rates, picked by hand for this MLP (one usual value per method, not tuned on these digits):`);
  log(`  ${METHOD_NAMES.map((m) => `${m} ${RACE_LR[m]}`).join(', ')}`);
  log(`  (the library's defaults: ${METHOD_NAMES.map((m) => `${m} ${METHODS[m].lr}`).join(', ')};`);
  log('  `npx gradlab compare --dataset digits --tune-lr` picks them on validation rows)');
  log("progress lines: train loss and accuracy (epoch mean) average the epoch's batches, each taken before its step.");
  log('');

  const entries = runRace({
    train,
    test,
    sizes,
    epochs,
    seed,
    // a live bar on a terminal; plain lines into a log callback
    progress: options.log ? (line: string) => log(`  ${line}`) : process.stdout,
    onStart: (method, i, count) => log(`[${i + 1}/${count}] ${method}`),
  });

  log('');
  log(
    `Results after ${epochs} epochs (final train loss: cross-entropy of the final weights on all ${n} training digits, after the last step;`,
  );
  log(`test accuracy: on the ${test.features.shape[0]!} test digits, scored once):`);
  const best = Math.min(...entries.map((e) => e.finalTrainLoss));
  const rows = [['method', 'lr', 'batch', 'steps', 'final train loss', 'test accuracy', 'time', 'ms/epoch']];
  for (const e of entries) {
    rows.push([
      e.method,
      String(e.lr),
      describeBatch(e, n),
      e.steps.toLocaleString('en-US'),
      formatNumber(e.finalTrainLoss) + (e.finalTrainLoss === best ? ' *' : '  '),
      formatNumber(e.testAccuracy),
      formatDuration(e.timeMs),
      (e.timeMs / epochs).toFixed(0),
    ]);
  }
  log(alignColumns(rows, 1));
  const ranking = [...entries].sort((a, b) => a.finalTrainLoss - b.finalTrainLoss).map((e) => e.method);
  log(`ranking by final train loss: ${ranking.join(' < ')}`);

  log('');
  for (const line of notice(entries, n)) log(line);

  log('');
  log('train loss on all training digits before training and after each epoch (log scale):');
  log(
    renderLossChart(
      entries.map((e) => ({ name: e.method, values: e.trainLoss })),
      { color: useColor(options.log) },
    ),
  );

  const svg = await lossCurveSvg(
    entries.map((e) => ({ name: `${e.method} (lr ${e.lr})`, values: e.trainLoss })),
    {
      title: `Optimizer race: MLP ${sizes.join('-')} on digits, ${epochs} epochs`,
      xLabel: 'epoch',
      yLabel: 'train loss, all training digits (cross-entropy)',
      logY: true,
    },
  );
  const figure = await writeFigure(svg, join(out, 'optimizer-race.svg'));
  const json = join(out, 'optimizer-race.json');
  // "format" first: the mark by which the next run knows the file as its own to replace.
  await writeJson(json, { format: 'gradlab-race-results', dataset: 'digits', sizes, epochs, seed, entries });
  log('');
  log(`loss curves: ${figure}`);
  log(`results:     ${json}`);
  log(`Done in ${elapsed(start)}.`);
  return { entries, figure, json };
}

/** What the numbers say, computed from this run rather than asserted. */
function notice(entries: readonly RaceEntry[], n: number): string[] {
  const by = Object.fromEntries(entries.map((e) => [e.method, e])) as Partial<Record<RaceEntry['method'], RaceEntry>>;
  const lines = ['What to notice:'];
  const { gd, sgd, minibatch, momentum, adam } = by;
  if (gd && sgd) {
    lines.push(`- Per pass over the data gd updates once and sgd ${n} times: after epoch 1 the train loss on all training digits is`);
    lines.push(
      `  ${formatNumber(gd.trainLoss[1]!)} for gd, ${formatNumber(sgd.trainLoss[1]!)} for sgd (gd's progress line said ${formatNumber(gd.epochLoss[0]!)}: its epoch mean is the loss before its one step).`,
    );
    lines.push(
      `  But one-sample steps waste the vectorised matmul: sgd needs ${((sgd.timeMs / sgd.steps) * 1000).toFixed(0)} µs per sample-step against ${((gd.timeMs / gd.steps / n) * 1000).toFixed(1)} µs`,
    );
    lines.push("  per sample inside gd's one big batch.");
  }
  if (minibatch && momentum) {
    lines.push(
      `- momentum (lr ${momentum.lr}, μ 0.9) and minibatch (lr ${minibatch.lr}) end at a final train loss of ${formatNumber(momentum.finalTrainLoss)} and ${formatNumber(minibatch.finalTrainLoss)}:`,
    );
    lines.push(
      `  momentum's steady step is lr/(1 − μ) = ${(momentum.lr / 0.1).toFixed(2)}, so at small lr it behaves like SGD at that lr.`,
    );
  }
  if (adam && minibatch) {
    const ratio = minibatch.finalTrainLoss / adam.finalTrainLoss;
    lines.push(
      `- With the same ${adam.steps} mini-batch steps, adam's final train loss is ${ratio >= 1 ? `${ratio.toFixed(1)}× lower` : `${(1 / ratio).toFixed(1)}× higher`} than plain minibatch SGD's.`,
    );
  }
  return lines;
}

async function writeJson(path: string, value: unknown): Promise<void> {
  const { writeOutputFile } = await import('../src/node/safe-write.ts');
  writeOutputFile(path, `${JSON.stringify(value, null, 2)}\n`); // atomic: a failed write never leaves half a file
}

export const cli: ExampleCli = {
  name: 'optimizer-race',
  summary: 'Seven optimizers train the same MLP on the digits: progress, table, loss chart and SVG.',
  flags: ['quick', 'out', 'seed'],
};

if (isMain(import.meta.url)) await runExample(cli, main);
