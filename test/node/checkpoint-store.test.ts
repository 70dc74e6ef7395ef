import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckpointError, loadCheckpoint, readCheckpointFile, saveCheckpoint } from '../../src/checkpoint/index.ts';
import { fileCheckpointStore } from '../../src/node/checkpoint-store.ts';
import { saveModel } from '../../src/node/model-files.ts';
import { fit } from '../../src/train/fit.ts';
import { moons, setup, sideFile, stepFileOf, useTempDir } from '../checkpoint/helpers.ts';

const dir = useTempDir('gradlab-checkpoint-store-');
const snapshot = (): Record<string, string> =>
  Object.fromEntries(readdirSync(dir()).map((name) => [name, readFileSync(join(dir(), name), 'latin1')]));
const history = (stepLoss: number[]) => ({
  epochs: [],
  loss: [],
  stepLoss,
  valLoss: [],
  metrics: {},
  lr: [],
  steps: stepLoss.length,
  batchSize: 4,
  timeMs: 0,
  stopped: false,
});
/** The file store, with checkpoint writes that fail as a full disk does. */
const fullDisk = {
  ...fileCheckpointStore(),
  write: () => {
    throw new Error('ENOSPC: no space left on device, write');
  },
};

describe('the file store commits a checkpoint and its side file together', () => {
  it('a failed save after an appending one: the side file is cut back, every byte as before', () => {
    const s = setup();
    const path = join(dir(), 'run.json');
    const losses = [0.5, 0.25];
    saveCheckpoint(path, { ...s, epoch: 1, step: 2, history: history(losses) });
    expect(readdirSync(dir())).toEqual(['run.json', expect.stringMatching(sideFile('run.json'))]);
    const before = snapshot();
    losses.push(0.125, 0.0625); // the same run goes on: its next save appends
    expect(() => saveCheckpoint(path, { ...s, epoch: 2, step: 4, history: history(losses) }, fullDisk)).toThrow(
      `${path}: could not write the checkpoint (ENOSPC: no space left on device, write); the previous checkpoint and its step losses, if any, are unchanged`,
    );
    expect(snapshot()).toEqual(before);
    saveCheckpoint(path, { ...s, epoch: 2, step: 4, history: history(losses) }); // appends to the same file
    expect(basename(stepFileOf(path))).toBe(Object.keys(before).find((n) => n.endsWith('.steps')));
    expect(loadCheckpoint(path, setup(5)).history!.stepLoss).toEqual([0.5, 0.25, 0.125, 0.0625]);
  });

  it('a failed save of a new run removes its new side file; a successful one removes the old side file', () => {
    const s = setup();
    const path = join(dir(), 'run.json');
    saveCheckpoint(path, { ...s, epoch: 1, step: 1, history: history([1]) });
    const before = snapshot();
    expect(() => saveCheckpoint(path, { ...s, epoch: 3, step: 3, history: history([7, 8, 9]) }, fullDisk)).toThrow(CheckpointError);
    expect(snapshot()).toEqual(before);
    saveCheckpoint(path, { ...s, epoch: 3, step: 3, history: history([7, 8, 9]) });
    expect(readdirSync(dir())).toHaveLength(2);
    expect(Object.keys(before)).not.toContain(basename(stepFileOf(path)));
    expect(loadCheckpoint(path, setup(5)).history!.stepLoss).toEqual([7, 8, 9]);
  });

  it("another run's side file under this checkpoint's name is refused, naming both; an old unnamed side file still loads", () => {
    const s = setup();
    const [a, b] = [join(dir(), 'a.json'), join(dir(), 'b.json')];
    saveCheckpoint(a, { ...s, epoch: 1, step: 2, history: history([1, 2]) });
    saveCheckpoint(b, { ...s, epoch: 1, step: 2, history: history([3, 4]) });
    const header = readFileSync(stepFileOf(b), 'utf8').split('\n')[0]!;
    renameSync(stepFileOf(b), stepFileOf(a));
    expect(() => readCheckpointFile(a)).toThrow(
      `${a}: ${stepFileOf(a)} is the step-loss file of another run (its header is ${header}); the checkpoint and its step losses do not belong together`,
    );
    // Written by gradlab before side files had an identity: `<checkpoint>.steps`, header version 1.
    const legacy = JSON.parse(readFileSync(a, 'utf8')) as { history: { stepLossFile: string } };
    legacy.history.stepLossFile = 'a.json.steps';
    writeFileSync(a, JSON.stringify(legacy));
    writeFileSync(`${a}.steps`, '{"format":"gradlab-step-losses","version":1}\n0.5\n"NaN"\n');
    expect(readCheckpointFile(a).history!.stepLoss).toEqual([0.5, Number.NaN]);
  });
});

describe('a checkpoint replaces only a checkpoint', () => {
  it("fit({ checkpoint: 'model.json' }) over a saved model is refused before training; force replaces it", () => {
    const s = setup();
    const path = join(dir(), 'model.json');
    saveModel(path, s.model);
    const model = readFileSync(path, 'utf8');
    let steps = 0;
    const run = (force: boolean) =>
      fit(s.model, moons, {
        optimizer: s.optimizer,
        epochs: 1,
        batchSize: 8,
        quiet: true,
        checkpoint: { path, force },
        callbacks: {
          onStepEnd: () => {
            steps++;
          },
        },
      });
    expect(() => run(false)).toThrow(
      `${path}: is a gradlab model, not a checkpoint; replacing it would lose it; choose another path, or pass { force: true } to replace it (nothing was written)`,
    );
    expect(steps).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(model);
    run(true);
    expect(readCheckpointFile(path).epoch).toBe(1);
  });

  it('saveCheckpoint over a model, saveModel over a checkpoint: refused, naming both kinds', () => {
    const s = setup();
    const [model, checkpoint] = [join(dir(), 'm.json'), join(dir(), 'c.json')];
    saveModel(model, s.model);
    saveCheckpoint(checkpoint, { ...s, epoch: 0, step: 0 });
    expect(() => saveCheckpoint(model, { ...s, epoch: 0, step: 0 })).toThrow(
      `${model}: could not write the checkpoint (is a gradlab model, not a checkpoint; replacing it would lose it; choose another path, or pass { force: true } to replace it); the previous checkpoint and its step losses, if any, are unchanged`,
    );
    expect(() => saveModel(checkpoint, s.model)).toThrow(
      `${checkpoint}: is a gradlab checkpoint, not a model; replacing it would lose it; choose another path, or pass { force: true } to replace it (nothing was written)`,
    );
  });
});
