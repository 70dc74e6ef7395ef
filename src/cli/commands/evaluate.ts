import { datasetSize, type Dataset } from '../../data/dataset.ts';
import { Tensor } from '../../tensor/tensor.ts';
import { StandardScaler } from '../../data/scaler.ts';
import { evaluate } from '../../train/evaluate.ts';
import { formatReport } from '../../train/report.ts';
import { oneOf, UsageError } from '../args.ts';
import { compareFingerprints, datasetFingerprint } from '../../data/fingerprint.ts';
import { describeRef, loadData, splitDataset, type DatasetRef } from '../data.ts';
import { FLAGS } from '../flags.ts';
import { printJson, type Command } from '../io.ts';
import { describeModel } from '../model.ts';
import { evaluationSummary } from '../training.ts';
import { loadSavedModel } from '../saved-model.ts';
import { checkScorable } from '../scores.ts';
import { matchFeatures, remapClasses, type EvaluationMetadata } from './evaluate-checks.ts';

const SPLITS = ['test', 'train', 'all'] as const;
type Split = (typeof SPLITS)[number];

export const evaluateCommand: Command = {
  spec: {
    name: 'evaluate',
    summary: 'score a model saved by `gradlab train --save` on a dataset: accuracy, confusion matrix, per-class report',
    flags: [
      { name: 'model', value: '<model.json>', description: 'a model file written by gradlab train --save', required: true },
      { ...FLAGS.dataset, description: `${FLAGS.dataset.description}; its feature columns must match the model's` },
      {
        name: 'label',
        value: '<column>',
        description: 'the CSV column holding the class',
        defaultText: 'the column the model was trained on',
      },
      {
        name: 'split',
        value: '<part>',
        description: "test or train: the part of the training run's stratified split (recreated from the saved seed); all: every row",
        defaultText: 'test on the dataset the model was trained on, all on any other',
        parse: oneOf(SPLITS),
      },
      { name: 'json', description: 'print one JSON document on stdout instead of the report' },
    ],
    examples: ['gradlab evaluate --model iris.json --dataset iris', 'gradlab evaluate --model iris.json --dataset new-flowers.csv --json'],
  },
  run(values, io) {
    const modelPath = values.model as string;
    const { model, meta } = loadSavedModel(modelPath, io.cwd);
    const ref = values.dataset as DatasetRef;
    const dataset = loadData(ref, io.cwd, (values.label as string | undefined) ?? meta.labelColumn);
    const columns = matchFeatures(meta.featureNames, dataset, modelPath);
    const scaler = StandardScaler.fromJSON(meta.scaler);
    const raw = columns === null ? dataset.features : selectColumns(dataset, columns);
    checkScorable(model, raw, scaler.transform(raw), meta.scaler, meta.featureNames, (i) => `${dataset.name!} data row ${i + 1}`);
    const { sameData, changed } = identifyData(meta, describeRef(ref, io.cwd), dataset);
    const asked = values.split as Split | undefined;
    if (changed !== null && asked !== undefined && asked !== 'all') {
      throw new UsageError(`--split ${asked}: ${changed}, so the training run's ${asked} split cannot be recreated; use --split all`);
    }
    const split = asked ?? (sameData ? 'test' : 'all');
    let rows: Dataset = dataset;
    if (split !== 'all') {
      // The same stratified split as in training: it depends only on the rows, their labels and the seed.
      const parts = splitDataset(dataset, meta.split.seed);
      rows = parts[split];
    }
    const labels = remapClasses(rows, meta.classNames, modelPath);
    let features = columns === null ? rows.features : selectColumns(rows, columns);
    features = scaler.transform(features);
    const scored = { ...rows, features, labels, classNames: meta.classNames };
    const result = evaluate(model, scored, { classNames: meta.classNames });
    const where =
      split === 'all'
        ? `all ${datasetSize(rows)} rows`
        : `the ${split} split (${datasetSize(rows)} of ${datasetSize(dataset)} rows, seed ${meta.split.seed})`;
    if (values.json === true) {
      printJson(io, {
        command: 'evaluate',
        model: { path: modelPath, ...model.config() },
        dataset: { name: dataset.name, rows: datasetSize(dataset), label: dataset.labelName },
        split,
        dataChanged: changed,
        rows: datasetSize(rows),
        accuracy: result.accuracy,
        loss: result.loss,
        ...evaluationSummary(result),
        trainingTestAccuracy: sameData ? (meta.results?.testAccuracy ?? null) : null,
      });
      return 0;
    }
    io.stdout.write(`${modelPath}: ${describeModel(model)}, trained on ${meta.dataset?.name ?? 'unknown data'}\n`);
    if (changed !== null) io.stdout.write(`note: ${changed}; evaluating on every row as new data\n`);
    io.stdout.write(`evaluated on ${dataset.name!}, ${where}\n`);
    const recorded = sameData && split === 'test' && meta.results ? ` (at training: ${meta.results.testAccuracy.toFixed(4)})` : '';
    io.stdout.write(`accuracy ${result.accuracy.toFixed(4)}${recorded}, loss ${result.loss.toFixed(4)}\n\n${formatReport(result)}\n`);
    return 0;
  },
};

/** The dataset's features reordered to the model's column order. */
function selectColumns(data: Dataset, columns: readonly number[]): Tensor {
  const n = datasetSize(data);
  const f = data.featureNames.length;
  const out = new Float64Array(n * columns.length);
  for (let i = 0; i < n; i++) columns.forEach((c, j) => (out[i * columns.length + j] = data.features.data[i * f + c]!));
  return new Tensor(out, [n, columns.length]);
}

/**
 * Whether `dataset` is the data the model was trained on. With a recorded fingerprint (row count
 * and hash) the contents decide, wherever the file now lives; a file at the training path whose
 * contents differ is reported as changed (its rows would leak training rows into a "test split").
 * Models saved without a fingerprint fall back to the recorded name.
 */
function identifyData(
  meta: EvaluationMetadata,
  ref: { kind: string; name: string },
  dataset: Dataset,
): { sameData: boolean; changed: string | null } {
  const samePlace = ref.kind === meta.dataset?.kind && ref.name === meta.dataset.name;
  const then = meta.dataset?.fingerprint;
  if (!then || typeof then.rows !== 'number' || typeof then.hash !== 'string') return { sameData: samePlace, changed: null };
  const match = compareFingerprints(then, datasetFingerprint(dataset));
  if (match.same) return { sameData: true, changed: null };
  return { sameData: false, changed: samePlace ? `${dataset.name!} changed since the model was trained (${match.how})` : null };
}
