import { METHOD_NAMES, type MethodName } from '../../train/methods.ts';
import { formatDuration } from '../../train/progress.ts';
import { COMPARE_BUDGET } from '../defaults.ts';
import { FLAGS } from '../flags.ts';
import { formatNumber, formatTable, printJson, type Command } from '../io.ts';
import { outputFor } from '../output.ts';
import type { OutputOptions } from '../../node/safe-write.ts';
import { buildModel, cloneModel, describeModel } from '../model.ts';
import { datasetSummary, describeData, readSetup, trainModel, type RunResult } from '../training.ts';
import { lrGrid, tuneLr, VALIDATION_FRACTION, type TunedLr } from '../tune.ts';
import { UsageError } from '../args.ts';

export const compareCommand: Command = {
  spec: {
    name: 'compare',
    summary: 'train the same model from the same initial weights with several optimizers and compare them',
    flags: [
      FLAGS.dataset,
      FLAGS.label,
      FLAGS.model,
      FLAGS.hidden,
      FLAGS.l2,
      FLAGS.optimizers,
      { ...FLAGS.lr, description: "one learning rate for every optimizer, instead of each method's own default" },
      {
        name: 'tune-lr',
        description: `try 5 learning rates per method (its default × 0.1, 0.3, 1, 3, 10) on a validation split of ${VALIDATION_FRACTION * 100}% of the training rows and report each method at its best`,
      },
      FLAGS.batchSize,
      { ...FLAGS.epochs, defaultText: '50, or more for at least 1000 mini-batch steps' },
      FLAGS.seed,
      { ...FLAGS.plot, description: 'also draw the training-loss curves per epoch (.svg, or .png)' },
      FLAGS.force,
      FLAGS.allowLarge,
      FLAGS.json,
    ],
    examples: [
      'gradlab compare --dataset iris --optimizers gd,momentum,adam --plot race.svg',
      'gradlab compare --dataset wine --model logistic --epochs 30 --json',
      'gradlab compare --dataset iris --tune-lr --plot tuned.svg',
    ],
  },
  async run(values, io) {
    const tune = values['tune-lr'] === true;
    if (tune && values.lr !== undefined) throw new UsageError("--tune-lr chooses each method's learning rate; drop --lr or --tune-lr");
    const setup = readSetup(values, io.cwd, COMPARE_BUDGET);
    const plotOut = outputFor('plot', 'picture', values, io.cwd);
    const methods = (values.optimizers as MethodName[] | undefined) ?? [...METHOD_NAMES];
    const { dataset } = setup.prepared;
    const initial = buildModel(setup.kind, dataset.featureNames.length, dataset.classNames.length, setup.hidden, setup.seed, setup.l2);
    if (!setup.json) {
      io.stdout.write(`${describeData(setup)}\n`);
      io.stdout.write(
        `model: ${describeModel(initial)}, ${initial.parameterCount()} parameters, the same initial weights for every optimizer; ${setup.epochs} epochs\n\n`,
      );
    }
    if (tune && !setup.json)
      io.stdout.write(
        `--tune-lr: each lr is scored on ${VALIDATION_FRACTION * 100}% of the training rows held out (never the test split), best validation accuracy, ties to the lower validation loss\n\n`,
      );
    const results: RunResult[] = [];
    const tuned = new Map<MethodName, TunedLr>();
    for (const method of methods) {
      let lr = setup.lr;
      if (tune) {
        const t = tuneLr(initial, method, setup);
        tuned.set(method, t);
        lr = t.lr;
        if (!setup.json)
          io.stdout.write(
            `${method.padEnd(9)} lr ${lrGrid(method).join(', ')} → validation accuracy ${t.trials.map((x) => x.validationAccuracy.toFixed(3)).join(', ')}; chose ${t.lr}\n`,
          );
      }
      const result = trainModel(cloneModel(initial), method, { ...setup, lr }, null);
      results.push(result);
      if (!setup.json)
        io.stdout.write(
          result.diverged
            ? `${method.padEnd(9)} diverged: ${result.diverged.what} (${formatDuration(result.timeMs)})\n`
            : `${method.padEnd(9)} done: test accuracy ${result.testAccuracy.toFixed(4)} (${formatDuration(result.timeMs)})\n`,
        );
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
          converged: r.converged,
          diverged: r.diverged,
          ...(tuned.has(r.optimizer) ? { tuning: tuned.get(r.optimizer) } : {}),
          history: r.history,
        })),
        best: bestRuns(results).map((r) => r.optimizer),
        plot: plot ?? null,
      });
      return 0;
    }
    const rows = results.map((r) => [
      r.optimizer,
      r.lr,
      r.batchSize,
      r.steps,
      formatNumber(r.finalTrainLoss),
      r.diverged ? 'diverged' : r.testAccuracy.toFixed(4),
      formatDuration(r.timeMs),
    ]);
    io.stdout.write(`\n${formatTable(['optimizer', 'lr', 'batch', 'steps', 'final loss', 'test acc', 'time'], rows)}`);
    const best = bestRuns(results);
    if (best.length > 0) {
      const names = best.map((r) => r.optimizer).join(', ');
      io.stdout.write(
        `\nbest test accuracy: ${best.length > 1 ? `a tie between ${names}` : names} (${best[0]!.testAccuracy.toFixed(4)}); final loss = training loss of the final weights on all training rows\n`,
      );
    }
    const diverged = results.filter((r) => r.diverged);
    if (diverged.length > 0)
      io.stdout.write(
        `diverged (not ranked; lower --lr for ${diverged.length > 1 ? 'them' : 'it'}): ${diverged.map((r) => `${r.optimizer} at lr ${formatNumber(r.lr)}, ${r.diverged!.what}`).join('; ')}\n`,
      );
    const unconverged = results.filter((r) => !r.converged && !r.diverged).map((r) => r.optimizer);
    if (unconverged.length > 0)
      io.stdout.write(`did not converge (training loss still falling at the last epoch): ${unconverged.join(', ')}; try more --epochs\n`);
    if (plot !== undefined) io.stdout.write(`wrote ${plot}\n`);
    return 0;
  },
};

/** Every run with the highest test accuracy (a tie lists them all); diverged runs are not ranked. */
export function bestRuns(results: readonly RunResult[]): RunResult[] {
  const ranked = results.filter((r) => !r.diverged);
  const top = Math.max(...ranked.map((r) => r.testAccuracy));
  return ranked.filter((r) => r.testAccuracy === top);
}

/** Training loss per epoch, one curve per optimizer; log scale when every value is positive. */
async function writeLossPlot(results: readonly RunResult[], path: string, title: string, options: OutputOptions): Promise<void> {
  // Loaded on demand: the renderer is large and only --plot needs it.
  const { lossCurveSvg } = await import('../../node/svg.ts');
  const { writeFigure } = await import('../../node/files.ts');
  const series = results.map((r) => ({ name: `${r.optimizer} (lr ${r.lr})`, method: r.optimizer, values: r.history.map((h) => h.loss) }));
  const logY = series.every((s) => s.values.every((v) => !Number.isFinite(v) || v > 0));
  const svg = await lossCurveSvg(series, { title, xLabel: 'epoch', yLabel: 'training loss', xStart: 1, logY });
  await writeFigure(svg, path, options);
}
