import { readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  CheckpointError,
  type CheckpointFile,
  loadCheckpoint,
  readCheckpointFile,
  saveCheckpoint,
} from '../../src/checkpoint/index.ts';
import { fit, type History } from '../../src/train/fit.ts';
import { Rng } from '../../src/util/random.ts';
import { setPlatform } from '../../src/platform.ts';
import { moons, setup, stepFileOf, useTempDir, weights } from './helpers.ts';

// writeSync is wrapped so a test can make the disk fill up halfway through a checkpoint.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return { ...actual, writeSync: vi.fn(actual.writeSync) };
});
afterEach(() => vi.mocked(writeSync).mockReset());
const realFs = await vi.importActual<typeof import('node:fs')>('node:fs');
// The Node adapters were registered (test/support/node-adapters.ts) before the mock existed; a fresh
// copy of the atomic writer sees the mocked writeSync, and checkpoints go through it.
vi.resetModules();
const { fileCheckpointStore } = await import('../../src/node/checkpoint-store.ts');
setPlatform({ checkpoints: fileCheckpointStore() });

const dir = useTempDir('gradlab-checkpoint-');

/** Three epochs of training, then everything a checkpoint holds. */
function trained(): ReturnType<typeof setup> & { history: History; rng: Rng } {
  const s = setup();
  const history = fit(s.model, moons, {
    optimizer: s.optimizer,
    scheduler: s.scheduler,
    epochs: 3,
    batchSize: 8,
    quiet: true,
    now: () => 0,
  });
  const rng = new Rng(7);
  rng.normal(); // leaves a pending Box–Muller normal in the state
  return { ...s, history, rng };
}

describe('saveCheckpoint / loadCheckpoint', () => {
  it('restore model, optimizer, scheduler, generator, history and metadata exactly', () => {
    const a = trained();
    const path = join(dir(), 'run.ckpt.json');
    saveCheckpoint(path, { ...a, epoch: 3, step: a.history.steps, metadata: { note: 'moons' } });

    const b = setup(99); // other initial weights, fresh optimizer state
    const state = loadCheckpoint(path, b);
    expect(weights(b.model)).toEqual(weights(a.model));
    expect(b.optimizer.stateDict()).toEqual(a.optimizer.stateDict());
    expect(b.scheduler.stateDict()).toEqual(a.scheduler.stateDict());
    expect(b.optimizer.lr).toBe(a.optimizer.lr);
    expect([state.epoch, state.step]).toEqual([3, 15]);
    expect(state.metadata).toEqual({ note: 'moons' });
    const { optimizer: _, ...record } = a.history;
    expect(state.history).toEqual(record);
    expect(Array.from({ length: 5 }, () => state.rng!.normal())).toEqual(Array.from({ length: 5 }, () => a.rng.normal()));
  });

  it('writes one versioned JSON document', () => {
    const a = trained();
    const path = join(dir(), 'c.json');
    saveCheckpoint(path, { model: a.model, optimizer: a.optimizer, epoch: 0, step: 0 });
    const file = JSON.parse(readFileSync(path, 'utf8')) as CheckpointFile;
    expect(Object.keys(file)).toEqual([
      'format',
      'version',
      'epoch',
      'step',
      'model',
      'optimizer',
      'scheduler',
      'rng',
      'history',
      'metadata',
    ]);
    expect([file.format, file.version]).toEqual([CHECKPOINT_FORMAT, CHECKPOINT_VERSION]);
    expect(file.model.config).toEqual({ type: 'MLP', sizes: [2, 5, 2], activation: 'tanh' });
    expect(Object.keys(file.model.parameters)).toEqual(['layers.0.weight', 'layers.0.bias', 'layers.2.weight', 'layers.2.bias']);
    expect(file.optimizer.optimizer).toBe('Adam');
    expect(Object.keys(file.optimizer.state['0']!.buffers).sort()).toEqual(['expAvg', 'expAvgSq', 'maxExpAvgSq']);
    expect([file.scheduler, file.rng, file.history, file.metadata]).toEqual([null, null, null, {}]);
  });

  it('keeps NaN, ±Infinity and −0 (which JSON cannot hold) bit for bit in the history; −0 in the weights', () => {
    const a = setup();
    const w = a.model.parameters()[1]!.data;
    w.set([1, 2, -3, -0, 0]);
    const history = {
      epochs: [{ epoch: 1, loss: Number.NaN, lr: 0.1, steps: 1, timeMs: -0 }],
      loss: [Number.NaN],
      stepLoss: [Infinity, -0],
      valLoss: [],
      metrics: { f1: [-Infinity] },
      lr: [0.1],
      steps: 1,
      batchSize: 4,
      timeMs: 0,
      stopped: false,
    };
    const path = join(dir(), 'special.json');
    saveCheckpoint(path, { model: a.model, optimizer: a.optimizer, epoch: 1, step: 1, history });
    expect(readFileSync(path, 'utf8')).toContain('"data":[1,2,-3,"-0",0]');
    const steps = stepFileOf(path);
    const id = /\.(\d+-[a-z0-9]+)\.steps$/.exec(steps)![1]!;
    expect(readFileSync(steps, 'utf8')).toBe(`{"format":"gradlab-step-losses","version":2,"id":"${id}"}\n"Infinity"\n"-0"\n`);
    const b = setup(5);
    const state = loadCheckpoint(path, { model: b.model, optimizer: b.optimizer });
    const back = Array.from(b.model.parameters()[1]!.data);
    [1, 2, -3, -0, 0].forEach((v, i) => expect(Object.is(back[i], v)).toBe(true));
    expect(state.history).toEqual(history);
    expect(Object.is(state.history!.epochs[0]!.timeMs, -0)).toBe(true);
    expect(Object.is(state.history!.stepLoss[1], -0)).toBe(true);
  });

  it('weights that are not finite are a CheckpointError naming the parameter and index; the model is unchanged', () => {
    const a = setup();
    a.model.parameters()[1]!.data.set([0.5, Number.NaN, Infinity, -Infinity, 0]);
    const path = join(dir(), 'diverged.json');
    saveCheckpoint(path, { model: a.model, optimizer: a.optimizer, epoch: 1, step: 1 });
    expect(readFileSync(path, 'utf8')).toContain('"data":[0.5,"NaN","Infinity","-Infinity",0]');
    const b = setup(5);
    const before = weights(b.model);
    const error = (() => {
      try {
        loadCheckpoint(path, { model: b.model, optimizer: b.optimizer });
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected loadCheckpoint to fail');
    })();
    expect(error).toBeInstanceOf(CheckpointError);
    expect(error.message).toBe(
      `${path}: model: loadStateDict: the state does not fit this model:\n  parameter "${b.model.namedParameters()[1]![0]}" holds NaN at index 1; weights must be finite numbers`,
    );
    expect(weights(b.model)).toEqual(before);
  });

  it('each write appends only the new steps to the step-loss log, so the checkpoint itself does not grow with the run', () => {
    const a = setup();
    const path = join(dir(), 'grow.json');
    const stepLoss: number[] = [];
    const history = { epochs: [], loss: [], stepLoss, valLoss: [], metrics: {}, lr: [], steps: 0, batchSize: 4, timeMs: 0, stopped: false };
    const sizes: number[] = [];
    for (let epoch = 1; epoch <= 4; epoch++) {
      for (let i = 0; i < 1000; i++) stepLoss.push(1 / (epoch * 1000 + i));
      saveCheckpoint(path, {
        model: a.model,
        optimizer: a.optimizer,
        epoch,
        step: stepLoss.length,
        history: { ...history, steps: stepLoss.length },
      });
      sizes.push(readFileSync(path).length);
    }
    expect(new Set(sizes.map((n) => Math.round(n / 10))).size).toBe(1); // same size (± a few digits) at 1000 and 4000 steps
    const log = readFileSync(stepFileOf(path), 'utf8').split('\n');
    expect(log.length).toBe(1 + 4000 + 1);
    const b = setup(2);
    expect(loadCheckpoint(path, { model: b.model, optimizer: b.optimizer }).history!.stepLoss).toEqual(stepLoss);
  });

  it('rejects a bad epoch or step before writing anything', () => {
    const a = setup();
    const path = join(dir(), 'x.json');
    expect(() => saveCheckpoint(path, { ...a, epoch: -1, step: 0 })).toThrow('saveCheckpoint: epoch must be an integer ≥ 0, got -1');
    expect(() => saveCheckpoint(path, { ...a, epoch: 1, step: 2.5 })).toThrow('saveCheckpoint: step must be an integer ≥ 0, got 2.5');
    expect(readdirSync(dir())).toEqual([]);
  });
});

describe('a failed write leaves the previous checkpoint intact', () => {
  it('the disk fills up halfway through: same bytes as before, no temporary file, a clear error', () => {
    const a = trained();
    const path = join(dir(), 'run.ckpt.json');
    saveCheckpoint(path, { ...a, epoch: 3, step: 15 });
    const before = readFileSync(path);
    a.model.parameters()[0]!.data.fill(1); // the state to save now differs
    let calls = 0;
    vi.mocked(writeSync).mockImplementation(((fd: number, buffer: Uint8Array, offset: number, length: number) => {
      if (++calls > 1) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return realFs.writeSync(fd, buffer, offset, Math.floor(length / 2));
    }) as typeof writeSync);
    const error = (() => {
      try {
        saveCheckpoint(path, { ...a, epoch: 4, step: 20 });
      } catch (e) {
        return e as CheckpointError;
      }
      throw new Error('expected saveCheckpoint to fail');
    })();
    expect(calls).toBe(2); // half the bytes went out, then the disk was full
    expect(error).toBeInstanceOf(CheckpointError);
    expect(error.path).toBe(path);
    expect(error.message).toBe(
      `${path}: could not write the checkpoint (ENOSPC: no space left on device, write); the previous checkpoint and its step losses, if any, are unchanged`,
    );
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(dir()).sort()).toEqual(['run.ckpt.json', basename(stepFileOf(path))]); // the step-loss log beside it, nothing else
    expect(readCheckpointFile(path).epoch).toBe(3);
  });

  it('the folder is a file: a clear error, nothing created', () => {
    const blocker = join(dir(), 'blocker');
    writeFileSync(blocker, 'keep me');
    const path = join(blocker, 'run.ckpt.json');
    expect(() => saveCheckpoint(path, { ...setup(), epoch: 0, step: 0 })).toThrow(
      new RegExp(
        `^${path}: could not write the checkpoint \\(cannot be created: ${blocker} is a file, not a folder\\); the previous checkpoint and its step losses, if any, are unchanged$`,
      ),
    );
    expect(readFileSync(blocker, 'utf8')).toBe('keep me');
    expect(readdirSync(dir())).toEqual(['blocker']);
  });

  it('fit stops with that error and the last complete checkpoint still loads', () => {
    const s = setup();
    const path = join(dir(), 'run.ckpt.json');
    const failAtEpoch = 3;
    const run = () =>
      fit(s.model, moons, {
        optimizer: s.optimizer,
        scheduler: s.scheduler,
        epochs: 5,
        batchSize: 8,
        quiet: true,
        checkpoint: path,
        callbacks: {
          onEpochEnd: (epoch) => {
            if (epoch === failAtEpoch - 1)
              vi.mocked(writeSync).mockImplementation(() => {
                throw new Error('EIO: i/o error, write');
              });
          },
        },
      });
    expect(run).toThrow(`${path}: could not write the checkpoint (EIO: i/o error, write)`);
    vi.mocked(writeSync).mockReset();
    const t = setup(8);
    expect(loadCheckpoint(path, t).epoch).toBe(failAtEpoch - 1);
    expect(readdirSync(dir()).sort()).toEqual(['run.ckpt.json', basename(stepFileOf(path))]); // the step-loss log beside it, nothing else
  });
});
