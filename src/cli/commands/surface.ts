import { runOnSurface, type SurfaceRun } from '../../inspect/surface-run.ts';
import { SURFACE_NAMES, SURFACES, type SurfaceName } from '../../inspect/surfaces.ts';
import { METHOD_NAMES, type MethodName } from '../../train/methods.ts';
import { nonNegativeInteger, oneOf, positiveInteger, positiveNumber, UsageError, type ValueParser } from '../args.ts';
import { FLAGS } from '../flags.ts';
import { formatNumber, formatTable, printJson, type Command } from '../io.ts';
import { outputFor } from '../output.ts';

/** Each run keeps every point of its path (and prints it with --json), so the step count is bounded. */
export const MAX_SURFACE_STEPS = 100_000;

const surfaceSteps: ValueParser<number> = (raw, flag) => {
  const steps = positiveInteger(raw, flag);
  if (steps > MAX_SURFACE_STEPS)
    throw new UsageError(
      `${flag}: at most ${MAX_SURFACE_STEPS.toLocaleString('en-US')} steps per run (each run keeps its whole path in memory), got ${raw}`,
    );
  return steps;
};

export const surfaceCommand: Command = {
  spec: {
    name: 'surface',
    summary: 'run optimizers on a 2-D test function and report where each one ends up',
    flags: [
      {
        name: 'function',
        value: '<name>',
        description: `the surface: ${SURFACE_NAMES.map((n) => `${n} (${SURFACES[n].formula})`).join(', ')}`,
        required: true,
        parse: oneOf(SURFACE_NAMES),
      },
      FLAGS.optimizers,
      {
        name: 'steps',
        value: '<n>',
        description: `optimizer steps per run, at most ${MAX_SURFACE_STEPS.toLocaleString('en-US')} (every point of the path is kept)`,
        defaultText: "the surface's own: bowl 150, rosenbrock 2000, …",
        parse: surfaceSteps,
      },
      {
        name: 'lr',
        value: '<rate>',
        description: 'one learning rate for every optimizer',
        defaultText: 'a rate tuned per surface and method',
        parse: positiveNumber,
      },
      {
        name: 'seed',
        value: '<n>',
        description: 'seed of the gradient noise that sgd and minibatch simulate',
        defaultText: '0',
        parse: nonNegativeInteger,
      },
      { ...FLAGS.plot, description: 'draw the contour lines with every path (.svg, or .png)' },
      FLAGS.force,
      { name: 'json', description: 'print one JSON document (with every path) instead of the table' },
    ],
    examples: [
      'gradlab surface --function rosenbrock --optimizers gd,momentum,adam --plot rosenbrock.svg',
      'gradlab surface --function bowl --steps 50 --json',
    ],
  },
  async run(values, io) {
    const surface = SURFACES[values.function as SurfaceName];
    const methods = (values.optimizers as MethodName[] | undefined) ?? [...METHOD_NAMES];
    const options = {
      ...(values.steps !== undefined ? { steps: values.steps as number } : {}),
      ...(values.lr !== undefined ? { lr: values.lr as number } : {}),
      seed: (values.seed as number | undefined) ?? 0,
    };
    const plotOut = outputFor('plot', 'picture', values, io.cwd);
    // Before the runs: a missing picture package costs nothing but this message.
    if (plotOut) await (await import('../../node/files.ts')).checkFigureSupport(plotOut.path, `--plot ${plotOut.shown}`);
    const runs = methods.map((m) => runOnSurface(surface.name, m, options));
    const plot = plotOut?.shown;
    if (plotOut) {
      // Loaded on demand: the renderer is large and only --plot needs it.
      const { surfaceContourSvg } = await import('../../node/svg.ts');
      const { writeFigure } = await import('../../node/files.ts');
      await writeFigure(await surfaceContourSvg(surface, runs), plotOut.path, plotOut.options);
    }
    if (values.json === true) {
      printJson(io, {
        command: 'surface',
        function: { name: surface.name, formula: surface.formula, start: surface.start, minima: surface.minima },
        runs: runs.map((r) => ({ ...summarize(r), path: r.path, losses: r.losses })),
        plot: plot ?? null,
      });
      return 0;
    }
    io.stdout.write(
      `${surface.title}: f(x, y) = ${surface.formula}, start (${surface.start.join(', ')}), minimum ${surface.minima.map((p) => `(${p.join(', ')})`).join(' or ')}\n`,
    );
    io.stdout.write(`${surface.description}\n\n`);
    const rows = runs.map((r) => {
      const s = summarize(r);
      return [
        r.method,
        r.lr,
        r.noise === 0 ? '0' : r.noise.toPrecision(2),
        s.steps,
        formatNumber(s.finalX),
        formatNumber(s.finalY),
        formatNumber(s.finalValue),
        r.diverged ? 'diverged' : formatNumber(r.finalDistance),
      ];
    });
    io.stdout.write(formatTable(['optimizer', 'lr', 'noise', 'steps', 'x', 'y', 'f(x, y)', 'distance to minimum'], rows));
    if (runs.some((r) => r.noise > 0))
      io.stdout.write('\nnoise: sgd and minibatch get Gaussian noise on each gradient, standing in for sampling a data set\n');
    if (plot !== undefined) io.stdout.write(`wrote ${plot}\n`);
    return 0;
  },
};

function summarize(r: SurfaceRun) {
  const last = r.path[r.path.length - 1]!;
  return {
    optimizer: r.method,
    lr: r.lr,
    noise: r.noise,
    steps: r.path.length - 1,
    finalX: last[0],
    finalY: last[1],
    finalValue: r.losses[r.losses.length - 1] ?? NaN,
    distanceToMinimum: r.diverged ? null : r.finalDistance,
    diverged: r.diverged,
  };
}
