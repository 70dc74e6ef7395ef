import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readCheckpointFile } from '../../src/checkpoint/index.ts';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'gradlab-interrupt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bin = fileURLToPath(new URL('../../bin/gradlab.js', import.meta.url));
// iris in batches of 32: 4 steps an epoch.
const run = ['train', '--dataset', 'iris', '--hidden', '8', '--epochs', '6'];
/** An interrupt source that reports Ctrl-C from the `after`+1-th question on. */
const ctrlC = (after: number) => {
  let asked = 0;
  return { interrupted: () => (++asked > after ? 'SIGINT' : null) };
};
const parameters = (file: string): unknown => (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { parameters: unknown }).parameters;

describe('Ctrl-C during gradlab train, --checkpoint and --resume', () => {
  it('stops after the step, says what the checkpoint holds; --resume ends bit-identical to an uninterrupted run', async () => {
    const stopped = await runCli([...run, '--checkpoint', 'run.ckpt', '--save', 'm.json'], dir, ctrlC(10));
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toBe(
      'gradlab train: interrupted by Ctrl-C (SIGINT) after 2 of 6 epochs; run.ckpt holds the 2 completed epochs: continue with the same command and --resume run.ckpt; --save m.json was not written\n',
    );
    expect(existsSync(join(dir, 'm.json'))).toBe(false);
    expect(readCheckpointFile(join(dir, 'run.ckpt')).epoch).toBe(2);

    const resumed = await runCli([...run, '--resume', 'run.ckpt', '--save', 'm.json', '--json'], dir);
    expect(resumed.code).toBe(0);
    const whole = await runCli([...run, '--save', 'whole.json', '--json'], dir);
    const doc = (r: { stdout: string }) => JSON.parse(r.stdout) as { steps: number; history: unknown[]; finalTrainLoss: number };
    expect(doc(resumed).steps).toBe(24);
    expect(doc(resumed).history).toEqual(doc(whole).history);
    expect(doc(resumed).finalTrainLoss).toBe(doc(whole).finalTrainLoss);
    expect(parameters('m.json')).toEqual(parameters('whole.json'));
    expect(readCheckpointFile(join(dir, 'run.ckpt')).epoch).toBe(6); // --resume alone goes on saving there
  });

  it('without --checkpoint: says nothing was saved and how to make a run resumable', async () => {
    const r = await runCli([...run, '--json'], dir, ctrlC(2));
    expect([r.code, r.stdout]).toEqual([130, '']);
    expect(r.stderr).toBe(
      'gradlab train: interrupted by Ctrl-C (SIGINT) after 0 of 6 epochs; nothing was saved; to stop a run and continue it later, train with --checkpoint <file> (saved after every epoch), then run the same command with --resume <file>\n',
    );
  });

  it('--resume refuses another run, other data, a model file and a missing file, before training', async () => {
    expect((await runCli([...run, '--checkpoint', 'a.ckpt', '--json'], dir)).code).toBe(0);
    const cases: [string[], string][] = [
      [
        [...run, '--optimizer', 'rmsprop', '--resume', 'a.ckpt'],
        'gradlab train: --resume a.ckpt: the run was started with other settings (--optimizer adam, now rmsprop); continue it with the flags it was started with (--label species --model mlp --hidden 8 --optimizer adam --lr 0.01 --batch-size 32 --seed 0) or start a new run without --resume\n',
      ],
      [
        ['train', '--dataset', 'wine', '--hidden', '8', '--resume', 'a.ckpt'],
        'gradlab train: --resume a.ckpt: the run was trained on iris; this data differs (150 rows at training, 178 now), so it cannot continue that run\n',
      ],
      [
        [...run, '--resume', 'whole.json'],
        'gradlab train: --resume whole.json: is a gradlab model (written by --save), not a checkpoint; a run to resume is saved with --checkpoint <file>\n',
      ],
      [[...run, '--resume', 'none.ckpt'], 'gradlab train: --resume none.ckpt: checkpoint file not found\n'],
      [
        [...run, '--checkpoint', 'whole.json'],
        'gradlab train: --checkpoint whole.json: is a gradlab model, not a checkpoint; replacing it would lose it; choose another path, or pass --force to replace it (nothing was written)\n',
      ],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args, dir);
      expect([r.code, r.stdout, r.stderr]).toEqual([1, '', message]);
    }
    const same = await runCli([...run, '--checkpoint', 'x.ckpt', '--save', 'x.ckpt'], dir);
    expect([same.code, same.stderr.split('\n')[0]]).toEqual([
      2,
      'gradlab train: --save x.ckpt: the same file as the checkpoint; the model and the checkpoint need a file each',
    ]);
  });

  it('a real SIGINT to the gradlab process: exit 130 and the message, the checkpoint intact', async () => {
    const child = spawn(
      process.execPath,
      [bin, 'train', '--dataset', 'iris', '--hidden', '8', '--epochs', '5000', '--checkpoint', 'sig.ckpt'],
      {
        cwd: dir,
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    while (!existsSync(join(dir, 'sig.ckpt'))) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const done = readCheckpointFile(join(dir, 'sig.ckpt')).epoch;
    expect(done).toBeGreaterThan(0);
    expect(stderr).toBe(
      `gradlab train: interrupted by Ctrl-C (SIGINT) after ${done} of 5000 epochs; sig.ckpt holds the ${done} completed epoch${done === 1 ? '' : 's'}: continue with the same command and --resume sig.ckpt\n`,
    );
  });
});
