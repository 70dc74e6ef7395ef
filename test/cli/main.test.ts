import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

describe('gradlab (global)', () => {
  it('--help lists every command and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Usage: gradlab <command> [options]');
    for (const name of ['train', 'compare', 'surface', 'evaluate', 'predict', 'export', 'datasets'])
      expect(r.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(r.stdout).toContain("Run 'gradlab <command> --help' for a command's options.");
  });
  it('with no command prints the help to stderr and exits 2', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage: gradlab <command> [options]');
  });
  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
  });
  it('an unknown command exits 2 with a suggestion', async () => {
    const r = await runCli(['trian']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `gradlab: unknown command "trian" (did you mean train?); commands: train, compare, surface, evaluate, predict, export, datasets\nRun 'gradlab --help' for usage.\n`,
    );
  });
  it('help <command> is the same as <command> --help', async () => {
    const a = await runCli(['help', 'datasets']);
    const b = await runCli(['datasets', '--help']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect((await runCli(['help', 'nope'])).code).toBe(2);
  });
});

describe('gradlab datasets', () => {
  it('lists the four bundled sets with rows, features and classes', async () => {
    const r = await runCli(['datasets']);
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n');
    expect(rows[0]).toMatch(/^name +rows +features +classes +description$/);
    expect(rows[1]).toMatch(/^iris +150 +4 +3 +Iris flowers/);
    expect(rows[2]).toMatch(/^wine +178 +13 +3 /);
    expect(rows[3]).toMatch(/^breast-cancer +569 +30 +2 /);
    expect(rows[4]).toMatch(/^digits +1797 +64 +10 /);
  });
  it('--json prints one document', async () => {
    const r = await runCli(['datasets', '--json']);
    const doc = JSON.parse(r.stdout) as { datasets: { name: string; rows: number; features: number; classes: number }[] };
    expect(doc.datasets.map((d) => [d.name, d.rows, d.features, d.classes])).toEqual([
      ['iris', 150, 4, 3],
      ['wine', 178, 13, 3],
      ['breast-cancer', 569, 30, 2],
      ['digits', 1797, 64, 10],
    ]);
  });
  it('rejects a misspelt flag with exit 2', async () => {
    const r = await runCli(['datasets', '--jsn']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `gradlab datasets: unknown flag --jsn (did you mean --json?); see --help for the options\nRun 'gradlab datasets --help' for usage.\n`,
    );
  });
});
