// `npm run bench:onnx`: how far ONNX Runtime's results on gradlab's ONNX exports are from gradlab's own,
// per model kind and element type: the largest row-relative difference (see rowRelativeError) over every
// bundled data set's test split, with the scaler folded in, without it, and on raw features. The test
// suite asserts bounds on the same numbers (test/onnx/datasets-ort.test.ts); this prints them.
import { loadDataset, type BundledDatasetName } from '../src/node/bundled.ts';
import { StandardScaler } from '../src/data/scaler.ts';
import { trainTestSplit } from '../src/data/split.ts';
import { LogisticRegression } from '../src/nn/logistic.ts';
import { MLP } from '../src/nn/mlp.ts';
import type { Module } from '../src/nn/module.ts';
import type { Tensor } from '../src/tensor/tensor.ts';
import { toOnnx } from '../src/onnx/export.ts';
import { fit } from '../src/train/fit.ts';
import { predictLogits, predictProba } from '../src/train/evaluate.ts';
import { rowRelativeError, runOnnx } from '../test/onnx/ort.ts';

const DATASETS: BundledDatasetName[] = ['iris', 'wine', 'breast-cancer', 'digits'];
const KINDS = ['logistic', 'mlp-relu', 'mlp-tanh', 'mlp-sigmoid'] as const;
const TYPES = ['float64', 'float32'] as const;
type Kind = (typeof KINDS)[number];

function build(kind: Kind, features: number, classes: number): Module {
  if (kind === 'logistic') return new LogisticRegression(features, { classes });
  return new MLP([features, 16, classes], { activation: kind.slice(4) as 'relu' | 'tanh' | 'sigmoid', seed: 3 });
}

// The largest difference seen, per model kind, element type and input: [logits, probabilities].
const MODES = ['scaler folded in', 'standardised input', 'raw features'] as const;
const worst = new Map<string, [number, number]>();
const key = (kind: Kind, type: string, mode: string): string => `${kind}|${type}|${mode}`;

for (const name of DATASETS) {
  const data = loadDataset(name);
  const { train, test } = trainTestSplit(data, { testSize: 0.2, seed: 0, stratify: true });
  const scaler = new StandardScaler().fit(train.features);
  const classes = data.classNames.length;
  const names = { classNames: data.classNames, featureNames: data.featureNames };
  for (const kind of KINDS) {
    const model = build(kind, data.featureNames.length, classes);
    fit(model, { ...train, features: scaler.transform(train.features) }, { epochs: 2, seed: 1, quiet: true });
    const raw = build(kind, data.featureNames.length, classes);
    fit(raw, train, { epochs: 2, seed: 1, quiet: true, lr: 1e-3 });
    const cases: [(typeof MODES)[number], Module, Tensor, Tensor, boolean][] = [
      ['scaler folded in', model, test.features, scaler.transform(test.features), true],
      ['standardised input', model, scaler.transform(test.features), scaler.transform(test.features), false],
      ['raw features', raw, test.features, test.features, false],
    ];
    for (const [mode, m, input, gradlabInput, withScaler] of cases) {
      const logits = predictLogits(m, gradlabInput);
      const probabilities = predictProba(m, gradlabInput);
      for (const type of TYPES) {
        const ort = await runOnnx(toOnnx(m, { elementType: type, scaler: withScaler ? scaler : undefined, ...names }), input, type);
        const k = key(kind, type, mode);
        const [l, p] = worst.get(k) ?? [0, 0];
        worst.set(k, [
          Math.max(l, rowRelativeError(ort.logits, logits.data, logits.shape[1]!)),
          Math.max(p, rowRelativeError(ort.probabilities, probabilities.data, classes)),
        ]);
      }
    }
  }
}

const e = (x: number): string => (x === 0 ? '0' : x.toExponential(1));
console.log(`Largest row-relative difference, ONNX Runtime vs gradlab, over ${DATASETS.join(', ')} (test splits): logits / probabilities`);
console.log(`| model | type | ${MODES.join(' | ')} |`);
console.log(`|---|---|${MODES.map(() => '--:').join('|')}|`);
for (const kind of KINDS)
  for (const type of TYPES)
    console.log(
      `| ${kind} | ${type} | ${MODES.map((mode) => {
        const [l, p] = worst.get(key(kind, type, mode))!;
        return `${e(l)} / ${e(p)}`;
      }).join(' | ')} |`,
    );
