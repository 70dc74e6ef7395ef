/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call --
   these tests damage a checkpoint's raw JSON one field at a time, so the file is handled untyped on purpose. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckpointError, loadCheckpoint, readCheckpointFile, saveCheckpoint, type CheckpointTargets } from '../../src/checkpoint/index.ts';
import { MLP } from '../../src/nn/mlp.ts';
import { saveModel } from '../../src/node/model-files.ts';
import { Adam } from '../../src/optim/adam.ts';
import { SGD } from '../../src/optim/sgd.ts';
import { LRScheduler } from '../../src/optim/lr-scheduler.ts';
import { fit } from '../../src/train/fit.ts';
import { Rng } from '../../src/util/random.ts';
import { moons, setup, useTempDir, weights } from './helpers.ts';

const dir = useTempDir('gradlab-checkpoint-format-');

/** A real checkpoint after two epochs, as parsed JSON, and its path. */
function good(): { path: string; json: Record<string, any> } {
  const s = setup();
  const path = join(dir(), 'good.json');
  fit(s.model, moons, { optimizer: s.optimizer, scheduler: s.scheduler, epochs: 2, batchSize: 8, quiet: true, checkpoint: path });
  return { path, json: JSON.parse(readFileSync(path, 'utf8')) };
}

/** `change` applied to a good checkpoint, written to `name`. */
function edited(name: string, change: (json: Record<string, any>) => void): string {
  const { json } = good();
  change(json);
  const path = join(dir(), name);
  writeFileSync(path, JSON.stringify(json));
  return path;
}

function loadError(path: string, targets: CheckpointTargets = setup()): CheckpointError {
  const before = { w: weights(targets.model), opt: targets.optimizer.stateDict(), sched: targets.scheduler?.stateDict() };
  try {
    loadCheckpoint(path, targets);
  } catch (error) {
    expect(error).toBeInstanceOf(CheckpointError);
    // all or nothing: a failed load changes nothing
    expect(weights(targets.model)).toEqual(before.w);
    expect(targets.optimizer.stateDict()).toEqual(before.opt);
    expect(targets.scheduler?.stateDict()).toEqual(before.sched);
    return error as CheckpointError;
  }
  throw new Error(`expected loading ${path} to fail`);
}

describe('unreadable files name the file and the problem', () => {
  it('a truncated file (a crash mid-write without the atomic rename)', () => {
    const { path } = good();
    const truncated = join(dir(), 'truncated.json');
    const text = readFileSync(path, 'utf8');
    writeFileSync(truncated, text.slice(0, Math.floor(text.length * 0.7)));
    expect(loadError(truncated).message).toMatch(new RegExp(`^${truncated}: not a valid checkpoint \\(truncated or corrupted JSON: `));
  });

  it('corrupted bytes, an empty file, a missing file, a folder', () => {
    const { path } = good();
    const bytes = readFileSync(path);
    bytes[Math.floor(bytes.length / 2)] = 0x00;
    const corrupted = join(dir(), 'corrupted.json');
    writeFileSync(corrupted, bytes);
    expect(loadError(corrupted).message).toMatch(/corrupted\.json: not a valid checkpoint \(truncated or corrupted JSON/);
    writeFileSync(join(dir(), 'empty.json'), '');
    expect(() => readCheckpointFile(join(dir(), 'empty.json'))).toThrow(
      /empty\.json: not a valid checkpoint \(truncated or corrupted JSON: Unexpected end of JSON input\)/,
    );
    expect(() => readCheckpointFile(join(dir(), 'absent.json'))).toThrow(/absent\.json: cannot read checkpoint: ENOENT/);
    expect(() => readCheckpointFile(dir())).toThrow(/: cannot read checkpoint: is a directory, not a regular file$/);
  });

  it('another JSON document, or a model file', () => {
    writeFileSync(join(dir(), 'other.json'), '[1, 2]');
    expect(() => readCheckpointFile(join(dir(), 'other.json'))).toThrow(
      /other\.json: not a gradlab checkpoint \(missing "format": "gradlab-checkpoint"\)/,
    );
    const model = join(dir(), 'model.json');
    saveModel(model, new MLP([2, 5, 2], { seed: 1 }));
    expect(() => readCheckpointFile(model)).toThrow(
      `${model}: this is a model file (saveModel), not a checkpoint; load it with loadModel or loadWeights`,
    );
  });
});

describe('envelope fields', () => {
  const cases: [string, (j: Record<string, any>) => void, string][] = [
    [
      'a newer version',
      (j) => {
        j.version = 2;
      },
      'checkpoint version 2 is not supported (this gradlab reads version 1)',
    ],
    [
      'no version',
      (j) => {
        delete j.version;
      },
      'checkpoint field "version" is missing',
    ],
    [
      'no epoch',
      (j) => {
        delete j.epoch;
      },
      'checkpoint field "epoch" must be an integer ≥ 0, got missing',
    ],
    [
      'a fractional step',
      (j) => {
        j.step = 2.5;
      },
      'checkpoint field "step" must be an integer ≥ 0, got 2.5',
    ],
    [
      'no model',
      (j) => {
        delete j.model;
      },
      'checkpoint field "model" must be an object, got missing',
    ],
    [
      'no parameters',
      (j) => {
        delete j.model.parameters;
      },
      'checkpoint field "model.parameters" must be an object, got missing',
    ],
    [
      'no optimizer',
      (j) => {
        delete j.optimizer;
      },
      'checkpoint field "optimizer" must be an object, got missing',
    ],
    [
      'no scheduler field',
      (j) => {
        delete j.scheduler;
      },
      'checkpoint field "scheduler" is missing (it is null when there is none)',
    ],
    [
      'rng not an object',
      (j) => {
        j.rng = 42;
      },
      'checkpoint field "rng" must be an object or null, got 42',
    ],
    [
      'a broken rng state',
      (j) => {
        j.rng.alea.s1 = 'x';
      },
      'checkpoint field "rng" is not a generator state: alea.s1 must be a finite number, got "x"',
    ],
    [
      'a broken spare normal',
      (j) => {
        j.rng.spare = 'NaN';
      },
      'checkpoint field "rng" is not a generator state: spare must be a finite number or null, got "NaN"',
    ],
    [
      'history without epochs',
      (j) => {
        delete j.history.epochs;
      },
      'checkpoint field "history.epochs" must be an array, got missing',
    ],
    [
      'a history loss that is text',
      (j) => {
        j.history.loss[1] = 'low';
      },
      'checkpoint field "history.loss[1]" must be a number, got "low"',
    ],
    [
      'a history metric that is null',
      (j) => {
        j.history.metrics.accuracy[0] = null;
      },
      'checkpoint field "history.metrics.accuracy[0]" must be a number, got null',
    ],
    [
      'epoch logs with text',
      (j) => {
        j.history.epochs[0].lr = '0.1';
      },
      'checkpoint field "history.epochs[0].lr" must be a number, got "0.1"',
    ],
    [
      'history without stopped',
      (j) => {
        delete j.history.stopped;
      },
      'checkpoint field "history.stopped" must be true or false, got missing',
    ],
  ];
  for (const [label, change, reason] of cases) {
    it(`rejects ${label}`, () => {
      const path = edited('bad.json', change);
      expect(loadError(path).message).toBe(`${path}: ${reason}`);
    });
  }
});

describe('a checkpoint that does not fit the model, optimizer or scheduler', () => {
  it('wrong model shapes name the parameter and both shapes', () => {
    const { path } = good();
    const model = new MLP([2, 6, 2], { seed: 1, activation: 'tanh' });
    const optimizer = new Adam(model.parameters(), { amsgrad: true });
    const error = loadError(path, { model, optimizer, scheduler: new LRScheduler(optimizer, () => 1) });
    expect(error.message).toBe(
      `${path}: the checkpoint was saved from {"type":"MLP","sizes":[2,5,2],"activation":"tanh"} but the model is {"type":"MLP","sizes":[2,6,2],"activation":"tanh"}`,
    );
    const noConfig = edited('custom.json', (j) => {
      delete j.model.config;
    });
    expect(loadError(noConfig, { model, optimizer, scheduler: new LRScheduler(optimizer, () => 1) }).message).toMatch(
      new RegExp(
        `^${noConfig}: model: loadStateDict: the state does not fit this model:\\n {2}parameter "layers.0.weight" has shape \\[2, 5\\] in the file, the model expects \\[2, 6\\]`,
      ),
    );
  });

  it('same shapes, another activation', () => {
    const { path } = good();
    const model = new MLP([2, 5, 2], { seed: 1, activation: 'relu' });
    const optimizer = new Adam(model.parameters(), { amsgrad: true });
    expect(loadError(path, { model, optimizer, scheduler: new LRScheduler(optimizer, () => 1) }).message).toContain(
      '"activation":"tanh"} but the model is {"type":"MLP","sizes":[2,5,2],"activation":"relu"}',
    );
  });

  it('another optimizer type; the same type takes the saved hyperparameters, as in PyTorch', () => {
    const { path } = good();
    const s = setup();
    const sgd = new SGD(s.model.parameters(), { lr: 0.1 });
    expect(loadError(path, { model: s.model, optimizer: sgd, scheduler: new LRScheduler(sgd, () => 1) }).message).toBe(
      `${path}: optimizer: SGD.loadStateDict: the state dict was saved by optimizer 'Adam', not SGD`,
    );
    const plain = new Adam(s.model.parameters());
    loadCheckpoint(path, { model: s.model, optimizer: plain, scheduler: new LRScheduler(plain, () => 1) });
    expect(plain.hyperparameters.amsgrad).toBe(true);
  });

  it('an optimizer buffer edited to the wrong length, after the model part already loaded: nothing changes', () => {
    const path = edited('short.json', (j) => {
      j.optimizer.state['1'].buffers.expAvg.pop();
    });
    expect(loadError(path).message).toBe(
      `${path}: optimizer: Adam.loadStateDict: state[1].expAvg has 4 values but params[1] has 5 elements`,
    );
  });

  it('a schedule in the file but none given, and the reverse', () => {
    const { path } = good();
    const s = setup();
    expect(loadError(path, { model: s.model, optimizer: s.optimizer }).message).toBe(
      `${path}: the checkpoint has learning-rate scheduler state (count 2) but no scheduler was given; pass the same schedule to resume exactly`,
    );
    const without = edited('no-schedule.json', (j) => {
      j.scheduler = null;
    });
    expect(loadError(without).message).toBe(`${without}: a scheduler was given but the checkpoint was saved without one`);
    const badCount = edited('bad-count.json', (j) => {
      j.scheduler.count = -3;
    });
    expect(loadError(badCount).message).toBe(`${badCount}: scheduler: LRScheduler.loadStateDict: count must be an integer ≥ 0, got -3`);
  });

  it('a manual checkpoint without generator or history loads with nulls', () => {
    const s = setup();
    const path = join(dir(), 'manual.json');
    saveCheckpoint(path, { model: s.model, optimizer: s.optimizer, epoch: 0, step: 0, rng: new Rng(1).state() });
    const state = loadCheckpoint(path, { model: s.model, optimizer: s.optimizer });
    expect(state.history).toBeNull();
    expect(state.rng!.uniform()).toBe(new Rng(1).uniform());
  });
});
