import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Tensor, tensor } from '../../src/tensor/index.ts';
import { Module } from '../../src/nn/module.ts';
import { Linear } from '../../src/nn/layers.ts';
import { MLP } from '../../src/nn/mlp.ts';
import { LogisticRegression } from '../../src/nn/logistic.ts';
import { MODEL_FORMAT, MODEL_VERSION, type ModelFile } from '../../src/nn/serialize.ts';
import { loadModel, loadWeights, readModelFile, saveModel } from '../../src/node/model-files.ts';

// renameSync is wrapped so one test can make the final step of an atomic write fail.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return { ...actual, renameSync: vi.fn(actual.renameSync) };
});

class TwoHeads extends Module {
  readonly body = new Linear(2, 2, { seed: 1 });
  readonly head = new Linear(2, 1, { seed: 2 });
  forward(x: Tensor): Tensor {
    return this.head.forward(this.body.forward(x).tanh());
  }
}

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gradlab-serialize-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const bits = (model: Module): number[][] => model.parameters().map((p) => Array.from(p.data));

describe('saveModel / loadModel', () => {
  it('round-trips an MLP bit-exactly, with its architecture and metadata', () => {
    const model = new MLP([3, 5, 2], { seed: 9, activation: 'tanh' });
    model.parameters()[1]!.data.set([0.1 + 0.2, 1e-310, -Number.MAX_VALUE, 1 / 3, Math.PI]);
    const path = join(dir, 'mlp.json');
    saveModel(path, model, { classNames: ['a', 'b'], epochs: 3 });
    const { model: loaded, metadata } = loadModel(path);
    expect(loaded).toBeInstanceOf(MLP);
    expect((loaded as MLP).config()).toEqual({ type: 'MLP', sizes: [3, 5, 2], activation: 'tanh' });
    expect(bits(loaded)).toEqual(bits(model));
    expect(metadata).toEqual({ classNames: ['a', 'b'], epochs: 3 });
    const x = tensor([[0.3, -1, 2]]);
    expect(Array.from(loaded.forward(x).data)).toEqual(Array.from(model.forward(x).data));
  });

  it('round-trips a LogisticRegression with its class count and l2', () => {
    const model = new LogisticRegression(4, { classes: 3, l2: 0.01 });
    model.linear.weight.data.forEach((_, i, w) => (w[i] = Math.sin(i + 1)));
    const path = join(dir, 'nested', 'deeper', 'logreg.json'); // missing folders are created
    saveModel(path, model);
    const { model: loaded, metadata } = loadModel(path);
    expect((loaded as LogisticRegression).config()).toEqual(model.config());
    expect(bits(loaded)).toEqual(bits(model));
    expect(metadata).toEqual({});
  });

  it('writes a JSON envelope with format and version', () => {
    const path = join(dir, 'm.json');
    saveModel(path, new LogisticRegression(2));
    const file = JSON.parse(readFileSync(path, 'utf8')) as ModelFile;
    expect(file.format).toBe(MODEL_FORMAT);
    expect(file.version).toBe(MODEL_VERSION);
    expect(Object.keys(file.parameters)).toEqual(['linear.weight', 'linear.bias']);
  });

  it('custom modules: weights load into an existing instance; loadModel explains what to do', () => {
    const model = new TwoHeads();
    const path = join(dir, 'custom.json');
    saveModel(path, model);
    expect(() => loadModel(path)).toThrow(
      `${path}: the file holds a custom model's weights; create the model and call loadWeights(path, model)`,
    );
    const other = new TwoHeads();
    other.head.weight.data.fill(7);
    loadWeights(path, other);
    expect(bits(other)).toEqual(bits(model));
  });

  it('loadWeights names the file, the parameter and both shapes on a mismatch', () => {
    const path = join(dir, 'mlp.json');
    saveModel(path, new MLP([3, 5, 2], { seed: 1 }));
    expect(() => loadWeights(path, new MLP([3, 4, 2], { seed: 1 }))).toThrow(
      `${path}: loadStateDict: the state does not fit this model:\n  parameter "layers.0.weight" has shape [3, 5] in the file, the model expects [3, 4]`,
    );
  });
});

describe('reading bad model files', () => {
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('a truncated file', () => {
    const good = join(dir, 'good.json');
    saveModel(good, new MLP([2, 3, 1], { seed: 0 }));
    const text = readFileSync(good, 'utf8');
    const path = write('truncated.json', text.slice(0, Math.floor(text.length / 2)));
    expect(() => loadModel(path)).toThrow(new RegExp(`^${path}: not a valid model file \\(truncated or corrupted JSON: `));
  });

  it('corrupted bytes, another JSON document, a wrong version, no parameters, a missing file', () => {
    expect(() => readModelFile(write('garbage.json', '\u0000\u0001garbage'))).toThrow(
      /garbage\.json: not a valid model file \(truncated or corrupted JSON/,
    );
    expect(() => readModelFile(write('other.json', '{"hello": 1}'))).toThrow(
      /other\.json: not a gradlab model file \(missing "format": "gradlab-model"\)/,
    );
    expect(() => readModelFile(write('null.json', 'null'))).toThrow(/null\.json: not a gradlab model file/);
    expect(() => readModelFile(write('v9.json', `{"format": "${MODEL_FORMAT}", "version": 9, "parameters": {}}`))).toThrow(
      /v9\.json: model file version 9 is not supported \(this gradlab reads version 1\)/,
    );
    expect(() => readModelFile(write('nop.json', `{"format": "${MODEL_FORMAT}", "version": 1}`))).toThrow(
      /nop\.json: model file has no "parameters" object/,
    );
    expect(() => readModelFile(join(dir, 'absent.json'))).toThrow(/absent\.json: cannot read model file: ENOENT/);
  });

  it('an unknown model type', () => {
    const path = write('t.json', JSON.stringify({ format: MODEL_FORMAT, version: 1, config: { type: 'CNN' }, parameters: {} }));
    expect(() => loadModel(path)).toThrow('model file: unknown model type "CNN" (known: MLP, LogisticRegression)');
  });

  it('values edited into non-numbers', () => {
    const path = join(dir, 'm.json');
    saveModel(path, new LogisticRegression(2));
    writeFileSync(path, readFileSync(path, 'utf8').replace('"data":[0]', '"data":["zero"]'));
    expect(() => loadModel(path)).toThrow('parameter "linear.bias" needs 1 numbers, the file has "zero" at index 0');
  });
});

describe('a failed save', () => {
  it('refuses non-finite weights (JSON would turn them into null) and keeps the old file', () => {
    const path = join(dir, 'model.json');
    const model = new LogisticRegression(2, { classes: 3 });
    saveModel(path, model);
    const before = readFileSync(path, 'utf8');
    model.linear.bias!.data[1] = -Infinity;
    expect(() => saveModel(path, model)).toThrow(
      `saveModel: parameter "linear.bias" holds -Infinity at index 1; JSON cannot store non-finite values (${path} was not written)`,
    );
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('leaves the old file intact and no temporary file behind when the final rename fails', async () => {
    // The Node adapters were loaded with the real fs before the mock existed (test/support/node-adapters.ts):
    // fresh copies see the mocked renameSync.
    vi.resetModules();
    const { saveModel, loadModel } = await import('../../src/node/model-files.ts');
    const { MLP } = await import('../../src/nn/mlp.ts');
    const path = join(dir, 'model.json');
    saveModel(path, new MLP([2, 3, 1], { seed: 1 }));
    const before = readFileSync(path, 'utf8');
    vi.mocked(renameSync).mockImplementationOnce(() => {
      throw new Error('ENOSPC: no space left on device');
    });
    expect(() => saveModel(path, new MLP([2, 3, 1], { seed: 2 }))).toThrow(`could not write ${path}: ENOSPC: no space left on device`);
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['model.json']);
    expect(bits(loadModel(path).model)).toEqual(bits(new MLP([2, 3, 1], { seed: 1 })));
  });

  it('fails with a clear error when the folder is a file, leaving that file untouched', () => {
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, 'keep me');
    const path = join(blocker, 'model.json');
    expect(() => saveModel(path, new LogisticRegression(2))).toThrow(
      `${path}: cannot be created: ${blocker} is a file, not a folder (nothing was written)`,
    );
    expect(readFileSync(blocker, 'utf8')).toBe('keep me');
    expect(readdirSync(dir)).toEqual(['blocker']);
  });
});

describe('loadModel checks the stored shapes and values before building anything big', () => {
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  it('1e400 (Infinity) in a weight names the parameter and index', () => {
    const model = new MLP([2, 3, 2], { seed: 1 });
    const text = JSON.stringify({
      format: MODEL_FORMAT,
      version: MODEL_VERSION,
      config: model.config(),
      parameters: model.stateDict(),
    }).replace(/("layers\.2\.bias":\{"shape":\[2\],"data":\[)[^,]+,/, '$11e400,');
    const path = write('inf.json', text);
    expect(() => loadModel(path)).toThrow(
      `${path}: loadStateDict: the state does not fit this model:\n  parameter "layers.2.bias" holds Infinity at index 0; weights must be finite numbers`,
    );
    expect(() =>
      new MLP([2, 3, 2]).loadStateDict({ ...model.stateDict(), 'layers.0.bias': { shape: [3], data: [0, Number.NaN, 0] } }),
    ).toThrow('parameter "layers.0.bias" holds NaN at index 1');
  });

  it('a config of [4, 12000, 12000, 3] with small weights is refused from the shapes alone', () => {
    const model = new MLP([4, 5, 5, 3], { seed: 1 });
    const path = write(
      'big.json',
      JSON.stringify({
        format: MODEL_FORMAT,
        version: MODEL_VERSION,
        config: { ...model.config(), sizes: [4, 12000, 12000, 3] },
        parameters: model.stateDict(),
      }),
    );
    expect(() => loadModel(path)).toThrow(
      `${path}: the stored weights do not fit the model's config {"type":"MLP","sizes":[4,12000,12000,3],"activation":"relu"}:\n  parameter "layers.0.weight" has shape [4,5], the config needs [4, 12000]`,
    );
    const bad = write(
      'bad.json',
      JSON.stringify({
        format: MODEL_FORMAT,
        version: MODEL_VERSION,
        config: { type: 'MLP', sizes: [4, -1, 3], activation: 'relu' },
        parameters: {},
      }),
    );
    expect(() => loadModel(bad)).toThrow(`${bad}: MLP config "sizes" must list at least two positive integers, got [4,-1,3]`);
  });
});
