import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Linear, MLP, Module, configOf, modelFromConfig, registerModel, registeredModels } from '../../src/nn/index.ts';
import { loadModel, saveModel } from '../../src/node/model-files.ts';
import { loadCheckpoint, saveCheckpoint } from '../../src/checkpoint/index.ts';
import { Adam } from '../../src/optim/index.ts';
import type { Tensor } from '../../src/tensor/index.ts';

/** A user's own Module: a residual block x + W₂·tanh(W₁·x), its width the only thing its config needs. */
class Residual extends Module {
  readonly inner: Linear;
  readonly outer: Linear;
  constructor(
    readonly width: number,
    seed = 0,
  ) {
    super();
    this.inner = new Linear(width, width, { seed });
    this.outer = new Linear(width, width, { seed: seed + 1 });
  }
  forward(x: Tensor): Tensor {
    return x.add(this.outer.forward(this.inner.forward(x).tanh()));
  }
}
class WideMLP extends MLP {}

let built = 0;
registerModel('Residual', {
  type: Residual,
  toConfig: (m) => ({ width: m.width }),
  fromConfig: (c) => (built++, new Residual(c.width as number)),
  checkConfig: (c) =>
    Number.isInteger(c.width) && (c.width as number) >= 1
      ? null
      : `Residual config "width" must be a positive integer, got ${JSON.stringify(c.width)}`,
  parameterShapes: (c) =>
    ['inner', 'outer'].flatMap((l): [string, number[]][] => [
      [`${l}.weight`, [c.width as number, c.width as number]],
      [`${l}.bias`, [c.width as number]],
    ]),
});

const dir = mkdtempSync(join(tmpdir(), 'gradlab-codec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const values = (m: Module): number[][] => m.parameters().map((p) => Array.from(p.data));

describe('model codec', () => {
  it('a registered Module saves with its config and loadModel rebuilds it by name, weights bit for bit', () => {
    const model = new Residual(3, 7);
    model.inner.weight.data[0] = -0; // −0 survives JSON through the shared number codec
    const path = join(dir, 'residual.json');
    saveModel(path, model, { note: 'mine' });
    expect((JSON.parse(readFileSync(path, 'utf8')) as { config: unknown }).config).toEqual({ width: 3, type: 'Residual' });
    const { model: back, metadata } = loadModel<Residual>(path);
    expect(back).toBeInstanceOf(Residual);
    expect(back.width).toBe(3);
    expect(values(back)).toEqual(values(model));
    expect(Object.is(back.inner.weight.data[0], -0)).toBe(true);
    expect(metadata).toEqual({ note: 'mine' });
  });

  it("a codec's checkConfig and parameterShapes judge a file before its model is built", () => {
    const path = join(dir, 'residual-edited.json');
    saveModel(path, new Residual(2));
    const file = JSON.parse(readFileSync(path, 'utf8')) as { config: { width: unknown } };
    const edit = (width: unknown): string => {
      writeFileSync(path, JSON.stringify({ ...file, config: { ...file.config, width } }));
      return path;
    };
    const before = built;
    expect(() => loadModel(edit(0))).toThrow(`${path}: Residual config "width" must be a positive integer, got 0`);
    expect(() => loadModel(edit(50000))).toThrow(
      `${path}: the stored weights do not fit the model's config {"width":50000,"type":"Residual"}:\n  parameter "inner.weight" has shape [2,2], the config needs [50000, 50000]`,
    );
    expect(built).toBe(before); // refused from the file alone: no 50000×50000 model was allocated
    expect(loadModel<Residual>(edit(2)).model.width).toBe(2);
  });

  it('checkpoints store the same config and refuse a model of another config', () => {
    const model = new Residual(2);
    const path = join(dir, 'residual.ckpt.json');
    saveCheckpoint(path, { model, optimizer: new Adam(model.parameters()), epoch: 1, step: 1 });
    expect((JSON.parse(readFileSync(path, 'utf8')) as { model: { config: unknown } }).model.config).toEqual(configOf(model));
    const other = new Residual(2, 5);
    loadCheckpoint(path, { model: other, optimizer: new Adam(other.parameters()) });
    expect(values(other)).toEqual(values(model));
    const wider = new Residual(4);
    expect(() => loadCheckpoint(path, { model: wider, optimizer: new Adam(wider.parameters()) })).toThrow(
      `${path}: the checkpoint was saved from {"width":2,"type":"Residual"} but the model is {"width":4,"type":"Residual"}`,
    );
  });

  it('built-ins are registered first; a subclass without its own codec saves as its base; unknown types list the known', () => {
    expect(registeredModels().slice(0, 3)).toEqual(['MLP', 'LogisticRegression', 'Residual']);
    expect(configOf(new WideMLP([2, 3], { seed: 1 }))).toEqual({ type: 'MLP', sizes: [2, 3], activation: 'relu' });
    expect(modelFromConfig({ type: 'MLP', sizes: [2, 4, 1], activation: 'tanh' })).toBeInstanceOf(MLP);
    expect(() => modelFromConfig({ type: 'CNN' })).toThrow(
      'model file: unknown model type "CNN" (known: MLP, LogisticRegression, Residual); registerModel adds your own',
    );
    expect(() => registerModel('X', { type: Residual, toConfig: 1 } as never)).toThrow("registerModel('X'): toConfig must be a function");
  });
});
