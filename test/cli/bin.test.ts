import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function gradlab(...args: string[]) {
  return spawnSync(process.execPath, ['bin/gradlab.js', ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
}

describe('bin/gradlab.js (end to end, in a child process)', () => {
  it('--help exits 0 and prints the usage', () => {
    const r = gradlab('--help');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: gradlab <command> [options]');
  });
  it('an unknown flag exits 2 with the message and no stack trace', () => {
    const r = gradlab('train', '--lrr', '0.1');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `gradlab train: unknown flag --lrr (did you mean --lr?); see --help for the options\nRun 'gradlab train --help' for usage.\n`,
    );
  });
});
