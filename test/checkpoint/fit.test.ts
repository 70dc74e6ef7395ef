import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCheckpointFile } from '../../src/checkpoint/index.ts';
import { makeMoons } from '../../src/data/generated.ts';
import { MLP } from '../../src/nn/mlp.ts';
import { linearWarmup } from '../../src/optim/schedules.ts';
import { fit, type FitOptions, type History } from '../../src/train/fit.ts';
import { moons, setup, useTempDir, weights } from './helpers.ts';

const dir = useTempDir('gradlab-checkpoint-fit-');
const quiet = { quiet: true, now: () => 0 } as const;

/** A method-name optimizer, a per-step schedule, shuffling, validation and metrics: everything resume must carry. */
function run(epochs: number, extra: FitOptions = {}): { model: MLP; history: History; steps: number[] } {
  const model = new MLP([2, 6, 2], { seed: 4 });
  const steps: number[] = [];
  const history = fit(model, moons, {
    optimizer: 'momentum',
    lr: 0.05,
    optimizerOptions: { nesterov: true },
    batchSize: 6,
    epochs,
    seed: 11,
    scheduler: linearWarmup({ warmupSteps: 10 }),
    schedulerInterval: 'step',
    validationData: makeMoons(20, { seed: 2 }),
    metrics: ['accuracy', 'f1'],
    callbacks: { onStepEnd: (step) => void steps.push(step) },
    ...quiet,
    ...extra,
  });
  return { model, history, steps };
}

const plain = (h: History): Omit<History, 'optimizer'> => {
  const { optimizer: _, ...rest } = h;
  return rest;
};

describe('fit with checkpoint and resumeFrom', () => {
  it('refuses to resume with another batch size, naming both', () => {
    const path = join(dir(), 'batch.json');
    run(2, { checkpoint: path });
    expect(() => run(4, { resumeFrom: path, batchSize: 8 })).toThrow(
      `${path}: was written with batch size 6; resuming with 8 would not continue that run (pass batchSize: 6)`,
    );
  });

  it('6 epochs == 2 epochs, checkpoint, then resume to 6: same weights, optimizer state, history and step numbers', () => {
    const straight = run(6);
    const path = join(dir(), 'run.json');
    run(2, { checkpoint: path });
    const resumed = run(6, { resumeFrom: path });
    expect(weights(resumed.model)).toEqual(weights(straight.model));
    expect(resumed.history.optimizer.stateDict()).toEqual(straight.history.optimizer.stateDict());
    expect(plain(resumed.history)).toEqual(plain(straight.history));
    expect(resumed.history.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(resumed.steps[0]).toBe(2 * 7 + 1); // 40 samples in batches of 6: 7 steps per epoch
    expect(resumed.steps).toEqual(straight.steps.slice(14));
  });

  it('the shuffling generator is part of the state: resuming without it changes the result', () => {
    const straight = run(4);
    const path = join(dir(), 'run.json');
    run(2, { checkpoint: path });
    const json = JSON.parse(readFileSync(path, 'utf8')) as { rng: unknown };
    json.rng = null; // the generator restarts from the seed
    writeFileSync(path, JSON.stringify(json));
    expect(weights(run(4, { resumeFrom: path }).model)).not.toEqual(weights(straight.model));
  });

  it('writes every k-th epoch and after the last; a checkpoint holds the history so far', () => {
    const path = join(dir(), 'every.json');
    const seen: (number | null)[] = [];
    run(7, {
      checkpoint: { path, every: 3 },
      callbacks: { onEpochEnd: () => void seen.push(existsSync(path) ? readCheckpointFile(path).epoch : null) },
    });
    expect(seen).toEqual([null, null, 3, 3, 3, 6, 7]);
    const file = readCheckpointFile(path);
    expect([file.epoch, file.step, file.history!.epochs.length, file.history!.stepLoss.length]).toEqual([7, 49, 7, 49]);
    expect(file.scheduler).toEqual({ baseLr: 0.05, count: 49 });
  });

  it('a run stopped mid-epoch keeps the last complete epoch on disk', () => {
    const path = join(dir(), 'stop.json');
    run(5, { checkpoint: path, callbacks: { onStepEnd: (step) => (step === 17 ? 'stop' : undefined) } });
    expect(readCheckpointFile(path).epoch).toBe(2);
  });

  it('resuming a finished run trains nothing and returns the saved history', () => {
    const path = join(dir(), 'done.json');
    const first = run(3, { checkpoint: path });
    const again = run(3, { resumeFrom: path });
    expect(again.steps).toEqual([]);
    expect(weights(again.model)).toEqual(weights(first.model));
    expect(plain(again.history)).toEqual(plain(first.history));
  });

  it('errors name the file or the option', () => {
    const s = setup();
    const missing = join(dir(), 'missing.json');
    expect(() => fit(s.model, moons, { resumeFrom: missing, ...quiet })).toThrow(`${missing}: cannot read checkpoint: ENOENT`);
    const path = join(dir(), 'momentum.json');
    run(1, { checkpoint: path });
    expect(() =>
      fit(new MLP([2, 6, 2], { seed: 4 }), moons, { optimizer: 'adam', batchSize: 6, resumeFrom: path, scheduler: () => 1, ...quiet }),
    ).toThrow(`${path}: optimizer: Adam.loadStateDict: the state dict was saved by optimizer 'Momentum', not Adam`);
    expect(() => fit(s.model, moons, { checkpoint: '', ...quiet })).toThrow(
      'fit: checkpoint must be a file path or { path, every }, got ""',
    );
    expect(() => fit(s.model, moons, { checkpoint: { path, every: 0 }, ...quiet })).toThrow(
      'fit: checkpoint.every must be a positive integer (epochs), got 0',
    );
  });
});
