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
    expect(r.stdout).toMatch(/^optimizer +lr +batch +steps +final loss +test acc +time$/m);
    expect(r.stdout).toMatch(/^gd +0\.1 +120 +2 +[\d.e-]+ +\d\.\d{4} +[\d.]+s$/m);
    expect(r.stdout).toMatch(/^momentum +0\.01 +32 +8 +[\d.e-]+ +\d\.\d{4} +[\d.]+s$/m);
  });
});
