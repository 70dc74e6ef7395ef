import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCheckpointFile } from '../../src/checkpoint/index.ts';
import { CASES, EPOCHS, outcome, runCase } from './resume-setup.ts';

const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'gradlab-resume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CRASH_EPOCH = 6;

describe('resume is exact across processes', () => {
  it(`${EPOCHS} epochs in one process == a run that crashes in epoch ${CRASH_EPOCH}, resumed from its checkpoint in a new process`, () => {
    const names = Object.keys(CASES);
    const straight = Object.fromEntries(names.map((name) => [name, outcome(runCase(name, {}))]));
    names.forEach((name, i) => {
      const path = join(dir, `case-${i}.json`);
      // The crash comes mid-epoch, after a few updates the checkpoint does not have.
      const crash = {
        onStepEnd: (_: number, logs: { epoch: number; batch: number }) => {
          if (logs.epoch === CRASH_EPOCH && logs.batch === 3) throw new Error('simulated crash');
        },
      };
      expect(() => runCase(name, { checkpoint: path, callbacks: crash })).toThrow('simulated crash');
      expect(readCheckpointFile(path).epoch).toBe(CRASH_EPOCH - 1);
    });

    const out = join(dir, 'resumed.json');
    execFileSync(process.execPath, ['--import', 'tsx', join(root, 'test/reliability/resume-child.ts'), dir, out], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const { pid, results } = JSON.parse(readFileSync(out, 'utf8')) as { pid: number; results: Record<string, ReturnType<typeof outcome>> };
    expect(pid).not.toBe(process.pid);
    expect(Object.keys(results)).toEqual(names);
    for (const name of names) {
      const resumed = results[name]!,
        expected = straight[name]!;
      expect(resumed.weights, `${name}: weights`).toEqual(expected.weights);
      expect(resumed.optimizer, `${name}: optimizer state`).toEqual(expected.optimizer);
      expect(resumed.history, `${name}: history`).toEqual(expected.history);
    }
    // The runs really differ from one another (the cases are not all the same run).
    expect(new Set(names.map((n) => straight[n]!.weights.join())).size).toBe(names.length);
  });
});
