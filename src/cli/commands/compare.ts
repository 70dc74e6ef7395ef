import { METHOD_NAMES, type AnyMethodName as MethodName } from '../../train/methods.ts';
import { formatDuration } from '../../train/progress.ts';
import { formatNumber } from '../../util/format-number.ts';
import { COMPARE_BUDGET } from '../defaults.ts';
import { FLAGS } from '../flags.ts';
import { formatTable, printJson, type Command } from '../io.ts';
import { outputFor } from '../output.ts';
import type { OutputOptions } from '../../node/safe-write.ts';
import { buildModel, cloneModel, describeModel } from '../model.ts';
import { describeData, describeProtocol, readSetup } from '../setup.ts';
import { datasetSummary } from '../summaries.ts';
import { trainModel, type RunResult } from '../training.ts';
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
      FLAGS.earlyStop,
      FLAGS.seed,
      { ...FLAGS.plot, description: 'also draw the curves of the train loss (epoch mean) per epoch (.svg, or .png)' },
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
    const plotOut = outputFor('plot', 'picture', values, io.cwd);
    // Before any training: a missing picture package costs nothing but this message.
    if (plotOut) await (await import('../../node/files.ts')).checkFigureSupport(plotOut.path, `--plot ${plotOut.shown}`);
    const setup = readSetup(values, io.cwd, COMPARE_BUDGET);
    const methods = (values.optimizers as MethodName[] | undefined) ?? [...METHOD_NAMES];
    const { dataset } = setup.prepared;
    const initial = buildModel(setup.kind, dataset.featureNames.length, dataset.classNames.length, setup.hidden, setup.seed, setup.l2);
    if (!setup.json) {
      io.stdout.write(`${describeData(setup)}\n`);
      io.stdout.write(`${describeProtocol(setup)}\n`);
      io.stdout.write(
        `model: ${describeModel(initial)}, ${initial.parameterCount()} parameters, the same initial weights for every optimizer; up to ${setup.epochs} epochs\n\n`,
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
            `${method.padEnd(9)} lr ${lrGrid(method).join(', ')} → validation accuracy ${t.trials.map((x) => formatNumber(x.validationAccuracy)).join(', ')}; chose ${t.lr}\n`,
          );
      }
      const result = trainModel(cloneModel(initial), method, { ...setup, lr }, null);
      results.push(result);
      if (!setup.json)
        io.stdout.write(
          result.diverged
            ? `${method.padEnd(9)} diverged: ${result.diverged.what} (${formatDuration(result.timeMs)})\n`
            : `${method.padEnd(9)} done: ${result.selection ? `lowest val loss ${formatNumber(result.selection.bestValLoss)} at epoch ${result.selection.bestEpoch} of ${result.selection.epochsRun}; ` : ''}test accuracy ${formatNumber(result.testAccuracy)} (${formatDuration(result.timeMs)})\n`,
        );
    }
    const plot = values.plot as string | undefined;
    // The results are printed whatever happens to the picture; its error, if any, comes after them.
    const plotError: Error | null = plotOut
      ? await writeLossPlot(results, plotOut.path, `${dataset.name!}: ${describeModel(initial)}`, plotOut.options).then(
          () => null,
          (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
        )
      : null;
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
          finalEpochs: r.epochs,
          finalTrainLoss: r.finalTrainLoss,
          trainAccuracy: r.trainAccuracy,
          testLoss: r.testLoss,
          testAccuracy: r.testAccuracy,
          converged: r.converged,
          diverged: r.diverged,
          selection: r.selection,
          ...(tuned.has(r.optimizer) ? { tuning: tuned.get(r.optimizer) } : {}),
          history: r.history,
        })),
        best: bestRuns(results).map((r) => r.optimizer),
        plot: plotError === null ? (plot ?? null) : null,
      });
      if (plotError !== null) throw plotError;
      return 0;
    }
    const rows = results.map((r) => [
      r.optimizer,
      r.lr,
      r.batchSize,
      r.steps,
      r.selection ? `${r.selection.bestEpoch}/${r.selection.epochsRun}` : String(r.epochs),
      r.selection ? formatNumber(r.selection.bestValLoss) : '-',
      formatNumber(r.finalTrainLoss),
      r.diverged ? 'diverged' : formatNumber(r.testAccuracy),
      formatDuration(r.timeMs),
    ]);
    io.stdout.write(
      `\n${formatTable(['optimizer', 'lr', 'batch', 'steps', 'epochs', 'lowest val loss', 'final train loss', 'test accuracy', 'time'], rows)}`,
    );
    io.stdout.write(
      setup.earlyStop === null
        ? 'epochs: trained on all train rows; final train loss: after the last step, on all train rows; test accuracy: on the test rows, scored once\n'
        : 'epochs: the epoch of the lowest val loss / epochs run to find it, then trained on all train rows for that many; final train loss: after the last step, on all train rows; test accuracy: on the test rows, scored once\n',
    );
    const best = bestRuns(results);
    if (best.length > 0) {
      const names = best.map((r) => r.optimizer).join(', ');
      io.stdout.write(
        `\nbest test accuracy: ${best.length > 1 ? `a tie between ${names}` : names} (${formatNumber(best[0]!.testAccuracy)})\n`,
      );
    }
    const diverged = results.filter((r) => r.diverged);
    if (diverged.length > 0)
      io.stdout.write(
        `diverged (not ranked; lower --lr for ${diverged.length > 1 ? 'them' : 'it'}): ${diverged.map((r) => `${r.optimizer} at lr ${r.lr}, ${r.diverged!.what}`).join('; ')}\n`,
      );
    const rose = results.filter((r) => r.selection?.valLossRose);
    if (rose.length > 0)
      io.stdout.write(
        `val loss rose after its lowest (a sign of overfitting) for: ${rose.map((r) => `${r.optimizer} (lowest at epoch ${r.selection!.bestEpoch})`).join(', ')}; each trained only that many epochs on all train rows\n`,
      );
    const unconverged = results.filter((r) => !r.converged && !r.diverged).map((r) => r.optimizer);
    if (unconverged.length > 0)
      io.stdout.write(
        `did not converge (train and val loss still falling at the last epoch): ${unconverged.join(', ')}; try more --epochs\n`,
      );
    if (plotError !== null) throw plotError;
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
  // The run that watched the val rows: it shows where each method's val loss bottomed out.
  const series = results.map((r) => ({
    name: `${r.optimizer} (lr ${r.lr})`,
    method: r.optimizer,
    values: (r.selection?.history ?? r.history).map((h) => h.loss),
  }));
  const logY = series.every((s) => s.values.every((v) => !Number.isFinite(v) || v > 0));
  const svg = await lossCurveSvg(series, { title, xLabel: 'epoch', yLabel: 'train loss (epoch mean)', xStart: 1, logY });
  await writeFigure(svg, path, options);
}
