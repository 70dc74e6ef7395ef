import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'gradlab-cli-compare-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  optimizer: string;
  lr: number;
  batchSize: number;
  steps: number;
  finalTrainLoss: number;
  testAccuracy: number;
  history: { loss: number }[];
}

describe('gradlab compare', () => {
  it('trains each optimizer from the same initial weights (each run equals a train run with the same seed)', async () => {
    const r = await runCli(
      [
        'compare',
        '--dataset',
        'iris',
        '--optimizers',
        'gd,adam',
        '--epochs',
        '3',
        '--hidden',
        '8',
        '--seed',
        '5',
        '--json',
        '--plot',
        'race.svg',
      ],
      dir,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { runs: Run[]; epochs: number };
    expect(doc.runs.map((x) => [x.optimizer, x.lr, x.batchSize, x.steps])).toEqual([
      ['gd', 0.1, 120, 3],
      ['adam', 0.01, 32, 12],
    ]);
    for (const run of doc.runs) {
      expect(run.history).toHaveLength(3);
      const single = JSON.parse(
        (
          await runCli(
            ['train', '--dataset', 'iris', '--optimizer', run.optimizer, '--epochs', '3', '--hidden', '8', '--seed', '5', '--json'],
            dir,
          )
        ).stdout,
      ) as Run;
      expect(run.finalTrainLoss).toBe(single.finalTrainLoss);
      expect(run.testAccuracy).toBe(single.testAccuracy);
    }
    // gd's first epoch loss is the loss at the shared starting point, which adam's first batch also starts from.
    expect(doc.runs[0]!.history[0]!.loss).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'race.svg'), 'utf8')).toMatch(/^<svg[\s\S]*adam[\s\S]*<\/svg>\s*$/);
  });

  it('prints a table with one row per optimizer', async () => {
    const r = await runCli(['compare', '--dataset', 'iris', '--optimizers', 'gd,momentum', '--epochs', '2', '--model', 'logistic'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^optimizer +lr +batch +steps +epochs +lowest val loss +final train loss +test accuracy +time$/m);
    // the final runs train all 120 train rows for the epochs chosen on the val rows (here both, still falling at 2)
    expect(r.stdout).toMatch(/^gd +0\.1 +120 +2 +2\/2 +\d\.\d{4} +\d\.\d{4} +\d\.\d{4} +[\d.]+s$/m);
    expect(r.stdout).toMatch(/^momentum +0\.01 +32 +8 +2\/2 +\d\.\d{4} +\d\.\d{4} +\d\.\d{4} +[\d.]+s$/m);
    expect(r.stdout).toContain('epochs: the epoch of the lowest val loss / epochs run to find it');
  });

  it('names the methods whose val loss rose after its lowest (iris MLP, Adam and RMSProp, 150 epochs)', async () => {
    const r = await runCli(['compare', '--dataset', 'iris', '--optimizers', 'adam,rmsprop', '--epochs', '150', '--json'], dir);
    const doc = JSON.parse(r.stdout) as {
      runs: { optimizer: string; selection: { bestEpoch: number; valLossRose: boolean; epochsRun: number } }[];
    };
    const rose = doc.runs.filter((x) => x.selection.valLossRose);
    expect(rose.length).toBeGreaterThan(0);
    for (const x of rose) expect(x.selection.bestEpoch).toBeLessThan(x.selection.epochsRun);
    const text = (await runCli(['compare', '--dataset', 'iris', '--optimizers', 'adam,rmsprop', '--epochs', '150'], dir)).stdout;
    expect(text).toContain(
      `val loss rose after its lowest (a sign of overfitting) for: ${rose.map((x) => `${x.optimizer} (lowest at epoch ${x.selection.bestEpoch})`).join(', ')}`,
    );
  });

  it('--plot to a PNG without the picture packages would fail before training: the check names what to install', async () => {
    const { checkFigureSupport } = await import('../../src/node/files.ts');
    await expect(checkFigureSupport('out.png', '--plot out.png')).resolves.toBeUndefined(); // installed here (devDependencies)
    const gone = (missing: string[]) => (name: string) =>
      missing.includes(name)
        ? Promise.reject(Object.assign(new Error(`Cannot find package '${name}'`), { code: 'ERR_MODULE_NOT_FOUND' }))
        : Promise.resolve();
    await expect(checkFigureSupport('out.png', '--plot out.png', gone(['@resvg/resvg-js']))).rejects.toThrow(
      '--plot out.png: a PNG picture needs the optional package @resvg/resvg-js, not installed here; install it with: npm install @resvg/resvg-js (or write .svg, which needs only vega and vega-lite)',
    );
    await expect(checkFigureSupport('out.svg', '--plot out.svg', gone(['vega', 'vega-lite']))).rejects.toThrow(
      '--plot out.svg: an SVG picture needs the optional packages vega, vega-lite, not installed here; install them with: npm install vega vega-lite',
    );
    const broken = (name: string) => (name === '@resvg/resvg-js' ? Promise.reject(new Error('invalid ELF header')) : Promise.resolve());
    await expect(checkFigureSupport('out.png', '--plot out.png', broken)).rejects.toThrow(
      /installed but did not load \(invalid ELF header\)/,
    );
  });
});
