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
  // With --early-stop (the default) a run is two fits: 6 epochs of 3 steps on 96 rows choose the epochs (the val
  // loss is lowest at epoch 6 here), then 6 epochs of 4 steps on all 120 train rows. Both write the checkpoint.
  const whole = async () => {
    const r = await runCli([...run, '--save', 'whole.json', '--json'], dir);
    return JSON.parse(r.stdout) as { steps: number; history: unknown[]; finalTrainLoss: number; selection: { bestEpoch: number } };
  };
  const cases: [string, number, string][] = [
    [
      'while it chooses the epochs',
      10,
      'gradlab train: interrupted by Ctrl-C (SIGINT) after 3 of at most 6 epochs of the run that chooses the epochs on the val rows; run.ckpt holds the 3 completed epochs: continue with the same command and --resume run.ckpt; --save m.json was not written\n',
    ],
    [
      'in the final run',
      18 + 9,
      'gradlab train: interrupted by Ctrl-C (SIGINT) after 2 of 6 epochs of the final run on all train rows; run.ckpt holds the 2 completed epochs: continue with the same command and --resume run.ckpt; --save m.json was not written\n',
    ],
    [
      'between the two runs',
      18,
      'gradlab train: interrupted by Ctrl-C (SIGINT) after 0 of 6 epochs of the final run on all train rows; run.ckpt holds the run that chose them: continue with the same command and --resume run.ckpt; --save m.json was not written\n',
    ],
  ];
  it.each(cases)(
    'Ctrl-C %s: stops after the step, says what the checkpoint holds; --resume ends bit-identical to an uninterrupted run',
    async (_, after, message) => {
      rmSync(join(dir, 'run.ckpt'), { force: true });
      const stopped = await runCli([...run, '--checkpoint', 'run.ckpt', '--save', 'm.json'], dir, ctrlC(after));
      expect([stopped.code, stopped.stderr]).toEqual([130, message]);
      expect(existsSync(join(dir, 'm.json'))).toBe(false);

      const resumed = await runCli([...run, '--resume', 'run.ckpt', '--save', 'm.json', '--json'], dir);
      expect(resumed.code).toBe(0);
      const doc = JSON.parse(resumed.stdout) as Awaited<ReturnType<typeof whole>>;
      const expected = await whole();
      expect(expected.selection.bestEpoch).toBe(6);
      expect(doc.steps).toBe(24);
      expect(doc.selection).toEqual(expected.selection);
      expect(doc.history).toEqual(expected.history);
      expect(doc.finalTrainLoss).toBe(expected.finalTrainLoss);
      expect(parameters('m.json')).toEqual(parameters('whole.json'));
      expect(readCheckpointFile(join(dir, 'run.ckpt')).epoch).toBe(6); // --resume alone goes on saving there
      rmSync(join(dir, 'm.json'));
    },
  );

  it('with --early-stop off: one run, checkpointed from its first epoch', async () => {
    const off = [...run, '--early-stop', 'off'];
    const stopped = await runCli([...off, '--checkpoint', 'off.ckpt'], dir, ctrlC(10));
    expect([stopped.code, stopped.stderr]).toEqual([
      130,
      'gradlab train: interrupted by Ctrl-C (SIGINT) after 2 of 6 epochs; off.ckpt holds the 2 completed epochs: continue with the same command and --resume off.ckpt\n',
    ]);
    const resumed = JSON.parse((await runCli([...off, '--resume', 'off.ckpt', '--json'], dir)).stdout) as { history: unknown[] };
    const straight = JSON.parse((await runCli([...off, '--json'], dir)).stdout) as { history: unknown[] };
    expect(resumed.history).toEqual(straight.history);
  });

  it('without --checkpoint: says nothing was saved and how to make a run resumable', async () => {
    const r = await runCli([...run, '--json'], dir, ctrlC(2));
    expect([r.code, r.stdout]).toEqual([130, '']);
    expect(r.stderr).toBe(
      'gradlab train: interrupted by Ctrl-C (SIGINT) after 1 of at most 6 epochs of the run that chooses the epochs on the val rows; nothing was saved; to stop a run and continue it later, train with --checkpoint <file> (saved after every epoch), then run the same command with --resume <file>\n',
    );
  });

  it('--resume refuses another run, other data, a model file and a missing file, before training', async () => {
    expect((await runCli([...run, '--checkpoint', 'a.ckpt', '--json'], dir)).code).toBe(0);
    const cases: [string[], string][] = [
      [
        [...run, '--optimizer', 'rmsprop', '--resume', 'a.ckpt'],
        'gradlab train: --resume a.ckpt: the run was started with other settings (--optimizer adam, now rmsprop); continue it with the flags it was started with (--label species --model mlp --hidden 8 --optimizer adam --lr 0.01 --batch-size 32 --seed 0 --early-stop 10) or start a new run without --resume\n',
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
      `gradlab train: interrupted by Ctrl-C (SIGINT) after ${done} of at most 5000 epochs of the run that chooses the epochs on the val rows; sig.ckpt holds the ${done} completed epoch${done === 1 ? '' : 's'}: continue with the same command and --resume sig.ckpt\n`,
    );
  });
});
