import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCheckpointFile } from '../../src/checkpoint/index.ts';
import { runOf } from './checkpoint-runs.ts';

// Every case runs real writer processes (checkpoint-writer.ts) on small files: a few KB per checkpoint.
// GRADLAB_CRASH_TRIALS sets how many random kill -9 trials run (default 3).
const root = new URL('../..', import.meta.url).pathname;
const writer = join(root, 'test/reliability/checkpoint-writer.ts');
const TRIALS = Number(process.env.GRADLAB_CRASH_TRIALS ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'gradlab-commit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const args = (path: string, run: string, first: number, saves: number, mode?: 'kill' | 'keep-going'): string[] => [
  '--import',
  'tsx',
  writer,
  path,
  run,
  String(first),
  String(saves),
  ...(mode ? [mode] : []),
];
const opts = { cwd: root, encoding: 'utf8', timeout: 60_000 } as const;
const save = (...a: Parameters<typeof args>): SpawnSyncReturns<string> => spawnSync(process.execPath, args(...a), opts);
/** The writer under `ulimit -f <kib>` in a child shell: a file past that size fails with EFBIG. */
const saveUnderLimit = (kib: number, ...a: Parameters<typeof args>): SpawnSyncReturns<string> =>
  spawnSync('bash', ['-c', `ulimit -f ${kib} && exec "$0" "$@"`, process.execPath, ...args(...a)], opts);
/** Every file in `folder` with its bytes. */
const snapshot = (folder: string): Record<string, string> =>
  Object.fromEntries(readdirSync(folder).map((name) => [name, readFileSync(join(folder, name), 'latin1')]));
const sideFiles = (folder: string): string[] => readdirSync(folder).filter((name) => name.endsWith('.steps'));

describe('a checkpoint and its step-loss side file commit together', () => {
  it('a failed first save in a new process (file-size limit, kill -9 in between) leaves the old pair, which resumes exactly', () => {
    const folder = join(dir, 'limit');
    const path = join(folder, 'run.json');
    expect(save(path, 'A', 1, 5).status).toBe(0);
    expect(runOf(readCheckpointFile(path))).toEqual({ run: 'A', epoch: 5 }); // 65 step losses
    const before = snapshot(folder);
    // Run B's side files fit under 1 KiB, its checkpoints do not. Epochs 1 to 4 have fewer steps than A's
    // 65 (the "holds 13 step losses, the checkpoint needs 65"), 6 to 8 more (A's checkpoint would
    // have resumed with B's losses); each save a new side file, as a new run's first save is.
    const failed = saveUnderLimit(1, path, 'B', 1, 8, 'keep-going');
    expect(failed.status).toBe(1);
    expect(failed.stderr.trimEnd().split('\n')).toEqual(
      Array(8).fill(
        `${path}: could not write the checkpoint (EFBIG: file too large, write); the previous checkpoint and its step losses, if any, are unchanged`,
      ),
    );
    expect(snapshot(folder)).toEqual(before); // nothing written, nothing removed
    expect(runOf(readCheckpointFile(path))).toEqual({ run: 'A', epoch: 5 });
    const killed = save(path, 'B', 1, 1, 'kill'); // dies after its side file, before its checkpoint
    expect(killed.signal).toBe('SIGKILL');
    expect(runOf(readCheckpointFile(path))).toEqual({ run: 'A', epoch: 5 });
    expect(sideFiles(folder)).toHaveLength(2); // A's, and the dead writer's orphan
    expect(save(path, 'C', 1, 1).status).toBe(0);
    expect(runOf(readCheckpointFile(path))).toEqual({ run: 'C', epoch: 1 });
    expect(sideFiles(folder)).toEqual([
      (JSON.parse(readFileSync(path, 'utf8')) as { history: { stepLossFile: string } }).history.stepLossFile,
    ]);
  });

  it(`kill -9 at ${TRIALS} moments of a run that saves in a loop: every checkpoint read, during and after, is one run's pair`, async () => {
    const folder = join(dir, 'kill');
    const path = join(folder, 'run.json');
    let epoch = 1;
    for (let trial = 0; trial < TRIALS; trial++) {
      const run = String.fromCharCode(65 + trial);
      const child = spawn(process.execPath, args(path, run, epoch, 0), { cwd: root });
      let saved = '';
      child.stdout.on('data', (chunk: Buffer) => (saved += chunk.toString()));
      const exited = new Promise<void>((done) => child.on('exit', () => done()));
      while (!saved.includes('saved')) await new Promise((r) => setTimeout(r, 5));
      const deadline = Date.now() + 20 + 37 * trial;
      let reads = 0;
      while (Date.now() < deadline) {
        const { run: seen } = runOf(readCheckpointFile(path)); // a reader racing the writer
        expect([run, String.fromCharCode(64 + trial)]).toContain(seen);
        reads++;
      }
      child.kill('SIGKILL');
      await exited;
      const last = runOf(readCheckpointFile(path));
      expect(last.run).toBe(run);
      expect(reads).toBeGreaterThan(0);
      epoch = last.epoch + 1;
    }
    expect(save(path, 'Z', 1, 1).status).toBe(0); // the dead writers' side files go with the next save
    expect(sideFiles(folder)).toHaveLength(1);
  });

  it('two processes saving to one path at once: every read is one run’s pair, and so is what is left', async () => {
    const folder = join(dir, 'two');
    const path = join(folder, 'run.json');
    expect(save(path, 'P', 1, 1).status).toBe(0);
    const children = ['E', 'F'].map((run) => spawn(process.execPath, args(path, run, 1, 20), { cwd: root, stdio: 'ignore' }));
    let running = children.length;
    const done = Promise.all(
      children.map(
        (c) =>
          new Promise<number | null>((resolve) =>
            c.on('exit', (code) => {
              running--;
              resolve(code);
            }),
          ),
      ),
    );
    const seen = new Set<string>();
    while (running > 0) {
      seen.add(runOf(readCheckpointFile(path)).run);
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(await done).toEqual([0, 0]);
    seen.add(runOf(readCheckpointFile(path)).run);
    expect([...seen].every((run) => 'PEF'.includes(run))).toBe(true);
    expect(['E', 'F']).toContain(runOf(readCheckpointFile(path)).run);
  });
});
