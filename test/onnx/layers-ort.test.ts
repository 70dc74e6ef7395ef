import { describe, expect, it } from 'vitest';
import { randn } from '../../src/tensor/index.ts';
import { Linear, Sequential } from '../../src/nn/layers.ts';
import { Dropout } from '../../src/nn/dropout.ts';
import { MLP } from '../../src/nn/mlp.ts';
import { toOnnx } from '../../src/onnx/export.ts';
import { predictLogits } from '../../src/train/evaluate.ts';
import { runOnnx, rowRelativeError } from './ort.ts';

/** An MLP whose normalization layers hold trained-looking values: random weights, running statistics moved by training-mode forwards. */
function trainedLooking(norm: 'layer' | 'batch'): MLP {
  const model = new MLP([5, 8, 6, 3], { seed: 7, norm, dropout: 0.3 });
  for (const [name, p] of model.namedParameters())
    if (!name.startsWith('layers.0') && p.ndim === 1) p.data.set(randn(p.shape, { seed: p.size + name.length }).data);
  for (let step = 0; step < 4; step++)
    model.forward(
      randn([16, 5], { seed: 100 + step })
        .mul(2)
        .add(1),
    );
  return model;
}

describe('ONNX export of LayerNorm, BatchNorm1d and Dropout, run by ONNX Runtime', () => {
  const x = randn([32, 5], { seed: 3 }).mul(1.5);

  for (const norm of ['layer', 'batch'] as const) {
    it(`MLP with norm '${norm}' and dropout 0.3: ONNX Runtime's logits equal gradlab's evaluation-mode output`, async () => {
      const model = trainedLooking(norm);
      const expected = predictLogits(model, x);
      expect(model.training, 'predictLogits restores training mode').toBe(true);
      const out = await runOnnx(toOnnx(model), x);
      // LayerNorm: the same roundings, to the last bits; BatchNormalization: ORT's own kernel and a float32 epsilon.
      expect(rowRelativeError(out.logits, expected.data, 3)).toBeLessThan(norm === 'layer' ? 1e-14 : 1e-12);
      // Not the identity on the running statistics: training-mode output differs.
      const training = model.forward(x);
      expect(rowRelativeError(out.logits, training.data, 3)).toBeGreaterThan(1e-3);
    });
  }

  it('writes BatchNorm1d as one BatchNormalization node with the running statistics, and Dropout as nothing', async () => {
    const model = trainedLooking('batch');
    const bytes = toOnnx(model);
    const text = new TextDecoder('latin1').decode(bytes);
    expect(text).toContain('BatchNormalization');
    expect(text).toContain('layers.1.running_mean');
    expect(text).not.toContain('Dropout');
    const out = await runOnnx(toOnnx(model, { elementType: 'float32' }), x, 'float32');
    expect(rowRelativeError(out.logits, predictLogits(model, x).data, 3)).toBeLessThan(1e-5);
  });

  it('exports a Dropout at the end of a model as an Identity node named logits', async () => {
    const model = new Sequential(new Linear(5, 2, { seed: 1 }), new Dropout(0.5, { seed: 2 }));
    const out = await runOnnx(toOnnx(model), x);
    expect(rowRelativeError(out.logits, model.eval().forward(x).data, 2)).toBeLessThan(1e-15);
  });
});
