import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ExampleCli, parseExampleArgs } from '../../examples/lib/cli.ts';
import { cli as adamLesson } from '../../examples/adam-lesson.ts';
import { cli as computationGraph } from '../../examples/computation-graph.ts';
import { cli as customOptimizer } from '../../examples/custom-optimizer.ts';
import { cli as customLoop } from '../../examples/custom-loop.ts';
import { cli as logisticRegression } from '../../examples/logistic-regression.ts';
import { cli as mlpDigits } from '../../examples/mlp-digits.ts';
import { cli as customModel } from '../../examples/custom-model.ts';
import { cli as movingAverages } from '../../examples/moving-averages.ts';
import { cli as onnxExport } from '../../examples/onnx-export.ts';
import { cli as optimizerRace } from '../../examples/optimizer-race.ts';
import { cli as paperLogreg } from '../../examples/paper-logreg.ts';
import { cli as softmaxRegression } from '../../examples/softmax-regression.ts';
import { cli as sparseFeatures } from '../../examples/sparse-features.ts';
import { cli as surfaces } from '../../examples/surfaces.ts';
import { cli as testYourModel } from '../../examples/test-your-model.ts';
import { cli as amsgrad } from '../../examples/amsgrad.ts';
import { cli as adamwVsL2 } from '../../examples/adamw-vs-l2.ts';
import { cli as adamSnr } from '../../examples/adam-snr.ts';
import { cli as lrDecay } from '../../examples/lr-decay.ts';
import { cli as scaleInvariance } from '../../examples/scale-invariance.ts';
import { cli as newton } from '../../examples/newton.ts';
import { cli as sharpness } from '../../examples/sharpness.ts';

const parse = (cli: ExampleCli, ...argv: string[]) => parseExampleArgs(cli, argv);

describe('examples/lib/cli', () => {
  it('--help prints the purpose and only the flags the example honours, with defaults', () => {
    expect(parse(movingAverages, '--help')).toEqual({
      kind: 'exit',
      code: 0,
      text: [
        "moving-averages: Exponentially weighted moving averages and Adam's bias correction, in numbers.",
        '',
        'usage: npx tsx examples/moving-averages.ts [--quick] [--seed N]',
        '  --quick   a smaller, faster run (default: off)',
        '  --seed N  random seed (default: 0)',
        '  --help    print this help and exit',
      ].join('\n'),
    });
    expect(parse(adamLesson, '--quick', '-h')).toMatchObject({ kind: 'exit', code: 0 }); // help wins over a bad flag
    const paper = parse(paperLogreg, '--help');
    expect(paper.kind === 'exit' && paper.text).toContain('  --epochs N     training epochs (default: 45; quick: 3)');
  });

  it('each example accepts exactly the shared flags it uses', () => {
    const honours: [ExampleCli, string[]][] = [
      [adamLesson, []],
      [testYourModel, []],
      [customOptimizer, ['quick']],
      [computationGraph, ['out']],
      [surfaces, ['out']],
      [logisticRegression, ['quick', 'seed']],
      [mlpDigits, ['quick', 'seed']],
      [customModel, ['quick', 'seed']],
      [customLoop, ['quick', 'seed']],
      [movingAverages, ['quick', 'seed']],
      [softmaxRegression, ['quick', 'seed']],
      [optimizerRace, ['quick', 'out', 'seed']],
      [paperLogreg, ['quick', 'out', 'seed']],
      [sparseFeatures, ['quick', 'out', 'seed']],
      [onnxExport, ['quick', 'out', 'seed']],
      [amsgrad, ['quick', 'out']],
      [adamwVsL2, ['quick', 'seed', 'out']],
      [adamSnr, ['quick', 'seed', 'out']],
      [lrDecay, ['quick', 'seed', 'out']],
      [scaleInvariance, ['out']],
      [newton, ['quick', 'out']],
      [sharpness, ['quick', 'out']],
    ];
    const argv: Record<string, string[]> = { quick: ['--quick'], out: ['--out', 'dir'], seed: ['--seed', '7'] };
    for (const [cli, flags] of honours) {
      for (const flag of ['quick', 'out', 'seed']) {
        expect([cli.name, flag, parse(cli, ...argv[flag]!).kind]).toEqual([cli.name, flag, flags.includes(flag) ? 'run' : 'exit']);
      }
    }
  });

  it('rejects an unknown or ignored flag in one line that lists the valid ones', () => {
    expect(parse(customOptimizer, '--seed', '3')).toEqual({
      kind: 'exit',
      code: 2,
      text: 'custom-optimizer: unknown flag --seed; flags: --quick',
    });
    expect(parse(computationGraph, '--quick')).toEqual({
      kind: 'exit',
      code: 2,
      text: 'computation-graph: unknown flag --quick; flags: --out DIR',
    });
    expect(parse(testYourModel, '--out=x')).toEqual({ kind: 'exit', code: 2, text: 'test-your-model: unknown flag --out; flags: none' });
    expect(parse(surfaces, 'out')).toEqual({ kind: 'exit', code: 2, text: "surfaces: unexpected argument 'out'; flags: --out DIR" });
  });

  it('rejects bad values with the flag and what it needs', () => {
    expect(parse(movingAverages, '--seed', '1.5')).toMatchObject({
      code: 2,
      text: "moving-averages: --seed must be an integer, got '1.5'",
    });
    expect(parse(optimizerRace, '--out')).toMatchObject({ code: 2, text: 'optimizer-race: --out needs a value (DIR)' });
    expect(parse(optimizerRace, '--out', '--quick')).toMatchObject({ code: 2, text: 'optimizer-race: --out needs a value (DIR)' });
    expect(parse(mlpDigits, '--quick=yes')).toMatchObject({ code: 2, text: 'mlp-digits: --quick takes no value' });
    expect(parse(paperLogreg, '--epochs', '0')).toMatchObject({
      code: 2,
      text: "paper-logreg: --epochs must be a positive integer, got '0'",
    });
    expect(parse(softmaxRegression, '--dataset', 'mnist')).toMatchObject({
      code: 2,
      text: "softmax-regression: --dataset must be one of iris, wine, got 'mnist'",
    });
  });

  it('returns the values it accepted', () => {
    expect(parse(paperLogreg, '--quick', '--seed', '-2', '--epochs=5', '--out', 'figs', '--mnist', '../shared/mnist')).toEqual({
      kind: 'run',
      args: {
        quick: true,
        out: 'figs',
        seed: -2,
        values: { epochs: '5', mnist: '../shared/mnist', images: undefined, labels: undefined, limit: undefined },
      },
    });
    expect(parse(softmaxRegression)).toEqual({ kind: 'run', args: { quick: false, values: { dataset: undefined } } });
  });

  // Two real runs: the exit status and the streams, with no stack trace.
  const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', ...args], { encoding: 'utf8', timeout: 30_000 });
  it('a real run: --help exits 0 on stdout, an ignored flag exits 2 with one line on stderr', () => {
    const help = run('examples/moving-averages.ts', '--help');
    expect([help.status, help.stderr]).toEqual([0, '']);
    expect(help.stdout).toContain('usage: npx tsx examples/moving-averages.ts [--quick] [--seed N]\n');
    const bad = run('examples/adam-lesson.ts', '--quick');
    expect([bad.status, bad.stdout, bad.stderr]).toEqual([2, '', 'adam-lesson: unknown flag --quick; flags: none\n']);
  });

  it('a real run never replaces a file it did not write: one line on stderr, exit 1, the file intact; its own files it replaces', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradlab-example-out-'));
    try {
      const dot = join(dir, 'computation-graph.dot');
      writeFileSync(dot, 'my notes\n');
      const refused = run('examples/computation-graph.ts', '--out', dir);
      expect([refused.status, refused.stderr]).toEqual([
        1,
        `computation-graph: ${dot}: exists and is not a file gradlab wrote (a model, checkpoint or picture); delete it, or write elsewhere with --out DIR (nothing was written)\n`,
      ]);
      expect(readFileSync(dot, 'utf8')).toBe('my notes\n');
      rmSync(dot);
      for (let i = 0; i < 2; i++) expect(run('examples/computation-graph.ts', '--out', dir).status).toBe(0);
      expect(readFileSync(dot, 'utf8')).toMatch(/^\/\/ gradlab graph\ndigraph/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
