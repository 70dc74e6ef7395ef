/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- JSON documents read back from the files written */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckpointError } from '../../src/checkpoint/index.ts';
import { MLP } from '../../src/nn/mlp.ts';
import { Adam } from '../../src/optim/adam.ts';
import { fit } from '../../src/train/fit.ts';
import { moons, setup, stepFileOf, useTempDir, weights } from './helpers.ts';

const dir = useTempDir('gradlab-resume-safety-');
const quiet = { quiet: true, now: () => 0 } as const;

/** A checkpoint after 2 epochs of Adam (lr 0.02, batch 8) with the helpers' schedule. */
function saved(): string {
  const path = join(dir(), 'run.json');
  const s = setup();
  fit(s.model, moons, { optimizer: s.optimizer, scheduler: s.scheduler, epochs: 2, batchSize: 8, checkpoint: path, ...quiet });
  return path;
}

/** What a resume must leave untouched when it fails. */
function state(s: ReturnType<typeof setup>) {
  return { weights: weights(s.model), optimizer: s.optimizer.stateDict(), lr: s.optimizer.lr, scheduler: s.scheduler.stateDict() };
}

function failure(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('a failing resume leaves the model and optimizer exactly as they were', () => {
  it('another batch size, another lr, fewer epochs than done: CheckpointError before anything is loaded', () => {
    const path = saved();
    const s = setup(9);
    const before = state(s);
    const cases: [Record<string, unknown>, string][] = [
      [{ batchSize: 4 }, `${path}: was written with batch size 8; resuming with 4 would not continue that run (pass batchSize: 8)`],
      [
        { lr: 0.5 },
        `${path}: was trained with lr 0.02 (the schedule's base rate), but lr: 0.5 was passed; the saved rate would be used, so drop lr to continue the run (or start a new run to change it)`,
      ],
      [
        { epochs: 1 },
        `${path}: has 2 completed epochs but epochs: 1 was passed; epochs is the total for the whole run (as Keras' epochs with initial_epoch), so pass more than 2 to train further`,
      ],
      [
        { seed: 5 },
        `${path}: was trained with seed 0, but seed: 5 was passed; the saved shuffling generator continues the run, so drop seed (or start a new run to change it)`,
      ],
      [
        { shuffle: false },
        `${path}: was trained with shuffle: true, but shuffle: false was passed; drop shuffle to continue the run as saved`,
      ],
    ];
    for (const [options, message] of cases) {
      const error = failure(() =>
        fit(s.model, moons, {
          optimizer: s.optimizer,
          scheduler: s.scheduler,
          epochs: 4,
          batchSize: 8,
          resumeFrom: path,
          ...quiet,
          ...options,
        }),
      );
      expect(error).toBeInstanceOf(CheckpointError);
      expect(error.message).toBe(message);
      expect(state(s)).toEqual(before);
    }
  });

  it('the seed and shuffle the run was saved with may be passed again', () => {
    const path = saved();
    const s = setup(9);
    const again = fit(s.model, moons, {
      optimizer: s.optimizer,
      scheduler: s.scheduler,
      epochs: 3,
      batchSize: 8,
      resumeFrom: path,
      seed: 0,
      shuffle: true,
      ...quiet,
    });
    expect([again.epochs.length, again.seed, again.shuffle]).toEqual([3, 0, true]);
    expect(JSON.parse(readFileSync(path, 'utf8')).history).toMatchObject({ seed: 0, shuffle: true });
  });

  it('another architecture: the model and optimizer are unchanged', () => {
    const path = saved();
    const model = new MLP([2, 7, 2], { seed: 1, activation: 'tanh' });
    const optimizer = new Adam(model.parameters(), { lr: 0.3 });
    const before = { w: weights(model), o: optimizer.stateDict() };
    expect(() => fit(model, moons, { optimizer, epochs: 4, batchSize: 8, resumeFrom: path, ...quiet })).toThrow(CheckpointError);
    expect({ w: weights(model), o: optimizer.stateDict() }).toEqual(before);
  });

  it('a checkpoint with non-finite weights is a CheckpointError (not "training diverged")', () => {
    const path = saved();
    const file = JSON.parse(readFileSync(path, 'utf8'));
    file.model.parameters['layers.0.weight'].data[3] = 'NaN';
    writeFileSync(path, JSON.stringify(file));
    const s = setup();
    const before = state(s);
    const error = failure(() =>
      fit(s.model, moons, { optimizer: s.optimizer, scheduler: s.scheduler, epochs: 4, batchSize: 8, resumeFrom: path, ...quiet }),
    );
    expect(error).toBeInstanceOf(CheckpointError);
    expect(error.message).toBe(
      `${path}: model: parameter "layers.0.weight" holds NaN at index 3; weights must be finite numbers; the checkpoint was saved from a diverged model and cannot be resumed`,
    );
    expect(state(s)).toEqual(before);
  });

  it('the step-loss log beside the checkpoint must be there; the history comes back exactly', () => {
    const path = saved();
    const s = setup();
    const straight = setup();
    const whole = fit(straight.model, moons, {
      optimizer: straight.optimizer,
      scheduler: straight.scheduler,
      epochs: 4,
      batchSize: 8,
      ...quiet,
    });
    const resumed = fit(s.model, moons, {
      optimizer: s.optimizer,
      scheduler: s.scheduler,
      epochs: 4,
      batchSize: 8,
      resumeFrom: path,
      checkpoint: path,
      ...quiet,
    });
    expect(resumed.stepLoss).toEqual(whole.stepLoss);
    expect(JSON.parse(readFileSync(path, 'utf8')).history.stepLoss).toBeUndefined();
    const steps = stepFileOf(path);
    expect(readFileSync(steps, 'utf8').trimEnd().split('\n').length).toBe(1 + whole.stepLoss.length);
    writeFileSync(steps, '{"format":"gradlab-step-losses","version":1}\n0.5\n');
    const t = setup();
    expect(() =>
      fit(t.model, moons, { optimizer: t.optimizer, scheduler: t.scheduler, epochs: 6, batchSize: 8, resumeFrom: path, ...quiet }),
    ).toThrow(`${path}: ${steps} holds 1 step losses, the checkpoint needs ${whole.stepLoss.length}`);
  });
});

describe('fit refuses what would silently train nothing or destroy a file', () => {
  it("an optimizer over another model's parameters", () => {
    const model = new MLP([2, 4, 2], { seed: 1 });
    const other = new MLP([2, 4, 2], { seed: 2 });
    expect(() => fit(model, moons, { optimizer: new Adam(other.parameters()), ...quiet })).toThrow(
      "fit: the optimizer updates none of this model's 4 parameter tensors (it was built over 4 other tensors, e.g. another model's parameters()); build it with model.parameters()",
    );
  });

  it('a checkpoint path holding a file gradlab did not write, before the first step', () => {
    const path = join(dir(), 'notes.json');
    writeFileSync(path, 'my notes');
    let steps = 0;
    const s = setup();
    expect(() =>
      fit(s.model, moons, {
        optimizer: s.optimizer,
        epochs: 1,
        checkpoint: path,
        callbacks: {
          onStepEnd: () => {
            steps++;
          },
        },
        ...quiet,
      }),
    ).toThrow(
      `${path}: exists and is not a file gradlab wrote (a model, checkpoint or picture); choose another path, or pass { force: true } to replace it (nothing was written)`,
    );
    expect(steps).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe('my notes');
    fit(s.model, moons, { optimizer: s.optimizer, epochs: 1, checkpoint: { path, force: true }, ...quiet });
    expect(JSON.parse(readFileSync(path, 'utf8')).format).toBe('gradlab-checkpoint');
  });
});
