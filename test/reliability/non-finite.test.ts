import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCheckpoint } from '../../src/checkpoint/index.ts';
import { makeMoons } from '../../src/data/generated.ts';
import { oneHot } from '../../src/data/dataset.ts';
import { MLP } from '../../src/nn/mlp.ts';
import { crossEntropy } from '../../src/nn/losses.ts';
import { SGD } from '../../src/optim/sgd.ts';
import { LRScheduler } from '../../src/optim/lr-scheduler.ts';
import { exponentialDecay } from '../../src/optim/schedules.ts';
import { NonFiniteError, Tensor, debugMode, noGrad, tensor } from '../../src/tensor/index.ts';
import { NonFiniteLossError } from '../../src/train/errors.ts';
import { fit } from '../../src/train/fit.ts';
import type { Targets } from '../../src/train/losses.ts';
import { thrown } from '../support/errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'gradlab-nonfinite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Cross-entropy written the naive way, log(softmax(x)): a probability that underflows to 0 gives log 0 = −Infinity. */
const naiveCrossEntropy = (logits: Tensor, labels: Targets): Tensor =>
  logits
    .softmax()
    .log()
    .mul(oneHot(labels as Int32Array, logits.shape[1]))
    .sum()
    .div(-logits.shape[0]!);

const data = makeMoons(40, { seed: 1, noise: 0.1 });
/** The MLP with its output layer initialised like the hidden ones (not small): logits that saturate, as these runs need. */
const confident = (seed: number): MLP => new MLP([2, 16, 2], { seed, outputInit: 'standard' });
const weights = (m: MLP): number[][] => m.parameters().map((p) => Array.from(p.data));

describe('locating the op that first produces NaN/Infinity (debug mode)', () => {
  it('log of a softmax output that underflows: debug mode names log, the element and the shapes', () => {
    const model = confident(0);
    model.parameters().forEach((p) => p.data.forEach((v, i, a) => (a[i] = v * 40))); // saturated logits
    const x = data.features;
    const labels = data.labels;
    expect(Number.isFinite(naiveCrossEntropy(model.forward(x), labels).item())).toBe(false); // silently broken without debug mode

    const probs = noGrad(() => model.forward(x).softmax()).data;
    const first = probs.findIndex((p) => p === 0);
    expect(first).toBeGreaterThanOrEqual(0);
    const error = thrown(NonFiniteError, () => debugMode(() => naiveCrossEntropy(model.forward(x), labels)));
    expect(error).toMatchObject({ op: 'log', phase: 'forward', index: first, value: -Infinity, shape: [40, 2], inputShapes: [[40, 2]] });
    expect(error.message).toBe(`log: produced -Infinity at index ${first} of output [40, 2]; inputs: [40, 2]`);

    // The stable forms of the same loss stay finite on the same logits, in debug mode too.
    const stable = debugMode(() => model.forward(x).logSoftmax().mul(oneHot(labels, 2)).sum().div(-40).item());
    expect(stable).toBeCloseTo(
      debugMode(() => crossEntropy(model.forward(x), labels).item()),
      10,
    );
    expect(Number.isFinite(stable)).toBe(true);
  });

  it('a finite forward pass with an infinite derivative: debug mode names the backward of sqrt', () => {
    // ‖w − w₀‖ as a regulariser is 0 at the start, where its derivative 1/(2√0) is infinite.
    const w = tensor(
      [
        [0.5, -1],
        [2, 0.25],
      ],
      { requiresGrad: true },
    );
    const w0 = tensor([
      [0.5, -1],
      [2, 0.25],
    ]);
    const loss = () => w.sub(w0).pow(2).sum().sqrt().add(w.pow(2).mean());
    const plain = loss();
    expect(plain.item()).toBeCloseTo((0.25 + 1 + 4 + 0.0625) / 4, 14);
    plain.backward();
    expect(Array.from(w.grad!.data).every(Number.isNaN)).toBe(true); // ∞·0: silently NaN
    w.grad = null;
    const error = thrown(NonFiniteError, () => debugMode(() => loss().backward()));
    expect(error.message).toBe('sqrt (backward): produced Infinity at index 0 of the gradient for input 0 []; output []');
    expect(error).toMatchObject({ op: 'sqrt', phase: 'backward' });
  });
});

describe('training that diverges stops with a clear message, keeps the last finite weights and the last checkpoint', () => {
  // A learning rate that grows ×2.5 per epoch: fine for a few epochs, then a probability underflows.
  const train = (model: MLP, extra: object) =>
    fit(model, data, {
      optimizer: new SGD(model.parameters(), { lr: 1 }),
      scheduler: exponentialDecay({ gamma: 2.5 }),
      loss: naiveCrossEntropy,
      epochs: 30,
      batchSize: 8,
      quiet: true,
      ...extra,
    });

  it('fit: NonFiniteLossError at the step, weights from the step before, the checkpoint from the epoch before', () => {
    const model = confident(0);
    const path = join(dir, 'diverge.json');
    let lastStep = 0,
      lastWeights = weights(model),
      epochWeights: number[][] = [];
    const callbacks = {
      onStepEnd: (step: number) => void ((lastStep = step), (lastWeights = weights(model))),
      onEpochEnd: () => void (epochWeights = weights(model)),
    };
    const error = thrown(NonFiniteLossError, () => train(model, { checkpoint: path, callbacks }));
    expect(error.step).toBe(lastStep + 1);
    expect(error.epoch).toBe(5);
    // relu passes no gradient where its input is ≤ 0, not even a NaN one (PyTorch's threshold_backward), so the
    // first NaN of the first layer's gradient is in column 8, not 0.
    expect(error.message).toMatch(
      new RegExp(
        `^training diverged at epoch 5, step ${lastStep + 1} \\(batch ${error.batch} of the epoch\\): loss (NaN|Infinity); first non-finite gradient: layers\\.0\\.weight\\.grad\\[0, 8\\] = NaN; the update was not applied\\. Try a smaller learning rate`,
      ),
    );
    expect(weights(model)).toEqual(lastWeights);
    expect(weights(model).flat().every(Number.isFinite)).toBe(true);

    const restored = confident(9);
    const optimizer = new SGD(restored.parameters(), { lr: 1 });
    const scheduler = new LRScheduler(optimizer, exponentialDecay({ gamma: 2.5 }));
    expect(loadCheckpoint(path, { model: restored, optimizer, scheduler }).epoch).toBe(4);
    expect(optimizer.lr).toBe(2.5 ** 4);
    expect(weights(restored)).toEqual(epochWeights);
  });

  it('the same run in debug mode stops at the same step, naming the log op instead', () => {
    const model = confident(0);
    let lastStep = 0;
    const error = thrown(NonFiniteError, () =>
      debugMode(() => train(model, { callbacks: { onStepEnd: (step: number) => void (lastStep = step) } })),
    );
    const plain = thrown(NonFiniteLossError, () => train(confident(0), {}));
    expect(lastStep + 1).toBe(plain.step);
    expect(error.op).toBe('log');
    expect(error.message).toMatch(/^log: produced -Infinity at index \d+ of output \[8, 2\]; inputs: \[8, 2\]$/);
  });
});
