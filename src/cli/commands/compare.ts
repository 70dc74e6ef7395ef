import { METHOD_NAMES, type MethodName } from '../../train/methods.ts';
import { formatDuration } from '../../train/progress.ts';
import { FLAGS } from '../flags.ts';
import { formatNumber, formatTable, printJson, type Command } from '../io.ts';
import { outputFor } from '../output.ts';
import type { OutputOptions } from '../../node/safe-write.ts';
import { buildModel, cloneModel, describeModel } from '../model.ts';
import { datasetSummary, describeData, readSetup, trainModel, type RunResult } from '../training.ts';

export const compareCommand: Command = {
  spec: {
    name: 'compare',
    summary: 'train the same model from the same initial weights with several optimizers and compare them',
    flags: [
      FLAGS.dataset,
      FLAGS.label,
      FLAGS.model,
      FLAGS.hidden,
      FLAGS.optimizers,
      { ...FLAGS.lr, description: "one learning rate for every optimizer, instead of each method's own default" },
      FLAGS.batchSize,
      { ...FLAGS.epochs, defaultText: '50' },
      FLAGS.seed,
      { ...FLAGS.plot, description: 'also draw the training-loss curves per epoch (.svg, or .png)' },
      FLAGS.force,
      FLAGS.allowLarge,
      FLAGS.json,
    ],
    examples: [
      'gradlab compare --dataset iris --optimizers gd,momentum,adam --plot race.svg',
      'gradlab compare --dataset wine --model logistic --epochs 30 --json',
    ],
  },
  async run(values, io) {
    const plotOut = outputFor('plot', values, io.cwd);
    const setup = readSetup({ epochs: 50, ...values }, io.cwd);
    const methods = (values.optimizers as MethodName[] | undefined) ?? [...METHOD_NAMES];
    const { dataset } = setup.prepared;
    const initial = buildModel(setup.kind, dataset.featureNames.length, dataset.classNames.length, setup.hidden, setup.seed);
    if (!setup.json) {
      io.stdout.write(`${describeData(setup)}\n`);
      io.stdout.write(`model: ${describeModel(initial)}, ${initial.parameterCount()} parameters, the same initial weights for every optimizer; ${setup.epochs} epochs\n\n`);
    }
    const results: RunResult[] = [];
    for (const method of methods) {
      const result = trainModel(cloneModel(initial), method, setup, null);
      results.push(result);
      if (!setup.json) io.stdout.write(`${method.padEnd(9)} done: test accuracy ${result.testAccuracy.toFixed(4)} (${formatDuration(result.timeMs)})\n`);
    }
    const plot = values.plot as string | undefined;
    if (plotOut) await writeLossPlot(results, plotOut.path, `${dataset.name!}: ${describeModel(initial)}`, plotOut.options);
    if (setup.json) {
      printJson(io, {
        command: 'compare',
        dataset: datasetSummary(dataset, setup.prepared),
        model: { ...initial.config(), parameters: initial.parameterCount() },
        epochs: setup.epochs,
        seed: setup.seed,
        runs: results.map((r) => ({
          optimizer: r.optimizer,
          lr: r.lr,
          batchSize: r.batchSize,
          steps: r.steps,
          timeMs: r.timeMs,
          finalTrainLoss: r.finalTrainLoss,
          trainAccuracy: r.trainAccuracy,
          testLoss: r.testLoss,
          testAccuracy: r.testAccuracy,
          history: r.history,
        })),
        plot: plot ?? null,
      });
      return 0;
    }
    const rows = results.map((r) => [r.optimizer, r.lr, r.batchSize, r.steps, formatNumber(r.finalTrainLoss), r.testAccuracy.toFixed(4), formatDuration(r.timeMs)]);
    io.stdout.write(`\n${formatTable(['optimizer', 'lr', 'batch', 'steps', 'final loss', 'test acc', 'time'], rows)}`);
    const best = [...results].sort((a, b) => b.testAccuracy - a.testAccuracy || a.finalTrainLoss - b.finalTrainLoss)[0];
    if (best) io.stdout.write(`\nbest test accuracy: ${best.optimizer} (${best.testAccuracy.toFixed(4)}); final loss = training loss of the final weights on all training rows\n`);
    if (plot !== undefined) io.stdout.write(`wrote ${plot}\n`);
    return 0;
  },
};

/** Training loss per epoch, one curve per optimizer; log scale when every value is positive. */
async function writeLossPlot(results: readonly RunResult[], path: string, title: string, options: OutputOptions): Promise<void> {
  // Loaded on demand: the renderer is large and only --plot needs it.
  const { lossCurveSvg } = await import('../../viz/svg.ts');
  const { writeFigure } = await import('../../node/files.ts');
  const series = results.map((r) => ({ name: r.optimizer, values: r.history.map((h) => h.loss) }));
  const logY = series.every((s) => s.values.every((v) => !Number.isFinite(v) || v > 0));
  const svg = await lossCurveSvg(series, { title, xLabel: 'epoch', yLabel: 'training loss', xStart: 1, logY });
  await writeFigure(svg, path, options);
}
