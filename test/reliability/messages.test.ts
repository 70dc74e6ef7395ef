import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckpointError, loadCheckpoint } from '../../src/checkpoint/index.ts';
import type { ModuleState } from '../../src/nn/module.ts';
import { zeros } from '../../src/tensor/index.ts';
import { fit } from '../../src/train/fit.ts';
import { runCli } from '../cli/run-cli.ts';
import { moons, setup, useTempDir } from '../checkpoint/helpers.ts';

// The "unclear messages": each must name the real cause, not a TypeError from inside gradlab.
const dir = useTempDir('gradlab-messages-');

describe('messages that name the cause', () => {
  it('loadStateDict(null) and a null entry', () => {
    const { model } = setup();
    expect(() => model.loadStateDict(null as unknown as ModuleState)).toThrow(
      new TypeError(
        'loadStateDict: expected a state dict (an object of { shape, data } per parameter name, as stateDict() returns), got null',
      ),
    );
    const state = model.stateDict() as Record<string, unknown>;
    state['layers.0.bias'] = null;
    expect(() => model.loadStateDict(state as ModuleState)).toThrow(
      'loadStateDict: the state does not fit this model:\n  parameter "layers.0.bias" is null in the file, not { shape, data }',
    );
  });

  it('a checkpoint with a null parameter or a null optimizer buffer: a CheckpointError naming the entry', () => {
    const s = setup();
    const path = join(dir(), 'run.json');
    fit(s.model, moons, { optimizer: s.optimizer, epochs: 1, batchSize: 8, quiet: true, checkpoint: path });
    const file = JSON.parse(readFileSync(path, 'utf8')) as {
      model: { parameters: Record<string, unknown> };
      optimizer: { state: Record<string, { buffers: Record<string, unknown> }> };
    };
    const cases: [(f: typeof file) => void, string][] = [
      [
        (f) => (f.model.parameters['layers.2.weight'] = null),
        'model: loadStateDict: the state does not fit this model:\n  parameter "layers.2.weight" is null in the file, not { shape, data }',
      ],
      [
        (f) => (f.optimizer.state['0']!.buffers.expAvg = null),
        'optimizer: Adam.loadStateDict: state[0].expAvg is null, not an array of numbers (params[0] has 10 elements)',
      ],
    ];
    for (const [edit, message] of cases) {
      const broken = structuredClone(file);
      edit(broken);
      const bad = join(dir(), 'bad.json');
      writeFileSync(bad, JSON.stringify(broken));
      const { model, optimizer } = setup(7);
      expect(() => loadCheckpoint(bad, { model, optimizer })).toThrow(new CheckpointError(bad, message));
    }
  });

  it('zeros([1e9, 1e9]) says how many elements that is, not "Invalid typed array length"', () => {
    expect(() => zeros([1e9, 1e9])).toThrow(
      'tensor: shape [1000000000, 1000000000] has 1.00e+18 elements (8.00e+18 bytes); one tensor holds at most 4,294,967,296',
    );
  });

  it('--epochs has a range; --batch-size 1 with sgd is sgd itself (the same run), not a contradiction', async () => {
    const epochs = await runCli(['train', '--dataset', 'iris', '--epochs', '9007199254740991']);
    expect([epochs.code, epochs.stderr.split('\n')[0]]).toEqual([
      2,
      "gradlab train: --epochs: at most 100,000 (passes over the training data; a run keeps every epoch's and every step's loss in memory), got 9007199254740991",
    ]);
    const args = ['train', '--dataset', 'iris', '--optimizer', 'sgd', '--hidden', '4', '--epochs', '2', '--json'];
    const [one, plain] = [await runCli([...args, '--batch-size', '1']), await runCli(args)];
    expect(one.code).toBe(0);
    const result = (r: { stdout: string }) => JSON.parse(r.stdout) as { batchSize: number; finalTrainLoss: number };
    expect(result(one).batchSize).toBe(1);
    expect(result(one).finalTrainLoss).toBe(result(plain).finalTrainLoss);
    const eight = await runCli(['train', '--dataset', 'iris', '--optimizer', 'sgd', '--batch-size', '8']);
    expect(eight.stderr.split('\n')[0]).toBe(
      'gradlab train: --batch-size: sgd always uses one sample per step; use --optimizer minibatch for batches of 8',
    );
  });
});
