import { describe, expect, it } from 'vitest';
import { loadDataset, type BundledDatasetName } from '../../src/data/bundled.ts';
import { StandardScaler } from '../../src/data/scaler.ts';
import { trainTestSplit } from '../../src/data/split.ts';
import { LogisticRegression } from '../../src/nn/logistic.ts';
import { MLP } from '../../src/nn/mlp.ts';
import type { Module } from '../../src/nn/module.ts';
import type { Tensor } from '../../src/tensor/tensor.ts';
import { toOnnx } from '../../src/onnx/export.ts';
import { fit } from '../../src/train/fit.ts';
import { predictLogits, predictProba } from '../../src/train/evaluate.ts';
import { elementRelativeError, rowRelativeError, runOnnx } from './ort.ts';

// Every bundled data set's test split, through gradlab and through ONNX Runtime running the export.
// Training is short on purpose: what is checked is that the exported function equals gradlab's.
const DATASETS: BundledDatasetName[] = ['iris', 'wine', 'breast-cancer', 'digits'];
const KINDS = ['logistic', 'mlp-relu', 'mlp-tanh', 'mlp-sigmoid'] as const;

function build(kind: (typeof KINDS)[number], features: number, classes: number): Module {
  if (kind === 'logistic') return new LogisticRegression(features, { classes });
  return new MLP([features, 16, classes], { activation: kind.slice(4) as 'relu' | 'tanh' | 'sigmoid', seed: 3 });
}

describe.each(DATASETS)('ONNX export of models trained on %s, run by ONNX Runtime on the test split', (name) => {
  const data = loadDataset(name);
  const { train, test } = trainTestSplit(data, { testSize: 0.2, seed: 0, stratify: true });
  const scaler = new StandardScaler().fit(train.features);
  const classes = data.classNames.length;
  const names = { classNames: data.classNames, featureNames: data.featureNames };

  /** Exports `model` both ways and checks ONNX Runtime on `input` against gradlab on `gradlabInput`. */
  async function check(model: Module, input: Tensor, gradlabInput: Tensor, withScaler: boolean, float32Tolerance: number): Promise<void> {
    const logits = predictLogits(model, gradlabInput);
    const probabilities = predictProba(model, gradlabInput);
    const width = logits.shape[1]!;
    for (const elementType of ['float64', 'float32'] as const) {
      const bytes = toOnnx(model, { elementType, scaler: withScaler ? scaler : undefined, ...names });
      const ort = await runOnnx(bytes, input, elementType);
      expect(ort.dims.logits).toEqual([input.shape[0], width]);
      expect(ort.dims.probabilities).toEqual([input.shape[0], classes]);
      const tol = elementType === 'float64' ? 1e-12 : float32Tolerance;
      expect(rowRelativeError(ort.logits, logits.data, width)).toBeLessThanOrEqual(tol);
      expect(rowRelativeError(ort.probabilities, probabilities.data, classes)).toBeLessThanOrEqual(tol);
      // In float64 the probabilities match element by element, tiny ones included (the sigmoid head
      // computes σ as gradlab does).
      if (elementType === 'float64') expect(elementRelativeError(ort.probabilities, probabilities.data)).toBeLessThanOrEqual(tol);
    }
  }

  describe.each(KINDS)('%s', (kind) => {
    // As the CLI trains: on standardised features.
    const model = build(kind, data.featureNames.length, classes);
    const standardised = { ...train, features: scaler.transform(train.features) };
    fit(model, standardised, { epochs: 2, seed: 1, quiet: true });
    if (kind === 'logistic')
      it('has one logit for two classes, one per class otherwise', () =>
        expect(predictLogits(model, test.features).shape[1]).toBe(classes === 2 ? 1 : classes));

    it('scaler folded in, fed raw features: float64 within 1e-12, float32 within 1e-5', async () => {
      await check(model, test.features, scaler.transform(test.features), true, 1e-5);
    });
    it('exported without the scaler, fed standardised features: float64 within 1e-12, float32 within 1e-5', async () => {
      await check(model, scaler.transform(test.features), scaler.transform(test.features), false, 1e-5);
    });
    it('trained and run on raw features (values up to thousands): float64 within 1e-12, float32 within 1e-4', async () => {
      // float32 sums of terms in the thousands that cancel to a logit near 0 lose ~1e-7 of the terms'
      // size, i.e. 3e-5 of the row here (wine's proline, breast-cancer's areas): a property of float32
      // arithmetic on unscaled data, which the scaler removes (the two tests above).
      const raw = build(kind, data.featureNames.length, classes);
      fit(raw, train, { epochs: 2, seed: 1, quiet: true, lr: 1e-3 });
      await check(raw, test.features, test.features, false, 1e-4);
    });
  });
});
