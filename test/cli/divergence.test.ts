import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DIVERGENCE_FACTOR, lossDivergence } from '../../src/cli/divergence.ts';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'gradlab-divergence-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lossDivergence', () => {
  it('flags a final training loss at least ten times the initial one, or one that is not finite', () => {
    expect(DIVERGENCE_FACTOR).toBe(10);
    expect(lossDivergence(1.1, 0.05)).toBeNull();
    expect(lossDivergence(1.1, 10.9)).toBeNull(); // worse, but within an order of magnitude: a bad run, not a diverged one
    expect(lossDivergence(1.1, 11)).toEqual({ what: 'the training loss rose from 1.1000 to 11.0000', from: 1.1, to: 11 });
    expect(lossDivergence(1.244, 1.402e7)!.what).toBe('the training loss rose from 1.2440 to 1.40e7');
    expect(lossDivergence(1.1, Number.NaN)!.what).toBe('the training loss rose from 1.1000 to NaN');
  });
});

describe('a diverged run is named, not saved, and not advised to raise --lr', () => {
  it('train --lr 1e10: exit 1, the previous model at --save untouched, --json says diverged', async () => {
    expect((await runCli(['train', '--dataset', 'iris', '--epochs', '2', '--hidden', '4', '--save', 'm.json', '--json'], dir)).code).toBe(
      0,
    );
    const good = readFileSync(join(dir, 'm.json'), 'utf8');
    const r = await runCli(['train', '--dataset', 'iris', '--epochs', '5', '--lr', '1e10', '--save', 'm.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "gradlab train: training diverged: the training loss rose from 1.0967 to 7.58e28; lower --lr (it was 10000000000; adam's default is 0.01); --save m.json was not written\n",
    );
    expect(r.stdout).not.toMatch(/raise --lr|did not converge|\nsaved /);
    expect(readFileSync(join(dir, 'm.json'), 'utf8')).toBe(good);
    const json = await runCli(['train', '--dataset', 'iris', '--epochs', '5', '--lr', '1e10', '--save', 'n.json', '--json'], dir);
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout) as { diverged: { from: number; to: number }; saved: null; converged: boolean };
    expect(doc.diverged.to / doc.diverged.from).toBeGreaterThan(1e6);
    expect(doc.saved).toBeNull();
    expect(existsSync(join(dir, 'n.json'))).toBe(false);
  });

  it('train --lr 1e300: the step where the loss left the finite numbers, and the gradient that did first', async () => {
    const r = await runCli(['train', '--dataset', 'iris', '--epochs', '3', '--lr', '1e300'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "gradlab train: training diverged: the loss became NaN at epoch 1, step 2; first non-finite gradient: layers.0.weight.grad[0, 0] = NaN; lower --lr (it was 1e+300; adam's default is 0.01)\n",
    );
  });

  it('compare keeps the other methods, ranks only them, and names the one that diverged', async () => {
    const r = await runCli(
      ['compare', '--dataset', 'iris', '--epochs', '30', '--lr', '100', '--optimizers', 'gd,rmsprop', '--early-stop', 'off'],
      dir,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('gd        diverged: the training loss rose from 1.0967 to 40.2406 (');
    expect(r.stdout).toMatch(/\nrmsprop +done: test accuracy 0\.8667 /);
    expect(r.stdout).toMatch(/\ngd +100 +120 +30 +30 +- +40\.2406 +diverged /);
    expect(r.stdout).toContain('\nbest test accuracy: rmsprop (0.8667)');
    expect(r.stdout).toContain('\ndiverged (not ranked; lower --lr for it): gd at lr 100, the training loss rose from 1.0967 to 40.2406\n');
    const nan = await runCli(['compare', '--dataset', 'iris', '--epochs', '3', '--lr', '1e300', '--optimizers', 'adam,gd', '--json'], dir);
    expect(nan.code).toBe(0);
    const doc = JSON.parse(nan.stdout) as { runs: { optimizer: string; diverged: { what: string; step: number } }[]; best: string[] };
    expect(doc.runs.map((run) => [run.optimizer, run.diverged.step])).toEqual([
      ['adam', 2],
      ['gd', 2],
    ]);
    expect(doc.best).toEqual([]);
  });
});
