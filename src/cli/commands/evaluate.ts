import { datasetSize, type Dataset } from '../../data/dataset.ts';
import { Tensor } from '../../tensor/tensor.ts';
import { StandardScaler } from '../../data/scaler.ts';
import { evaluate } from '../../train/evaluate.ts';
import { formatReport } from '../../train/report.ts';
import { oneOf, UsageError } from '../args.ts';
import { compareFingerprints, datasetFingerprint, rowFingerprints, rowFingerprintSet, ROW_HASH_LENGTH } from '../../data/fingerprint.ts';
import { formatNumber } from '../../util/format-number.ts';
import { subset } from '../../data/dataset.ts';
import { describeRef, loadData, splitDataset, type DatasetRef } from '../data.ts';
import { FLAGS } from '../flags.ts';
import { printJson, type Command } from '../io.ts';
import { describeModel } from '../model.ts';
import { evaluationSummary } from '../summaries.ts';
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
    const all = columns === null ? dataset.features : selectColumns(dataset, columns);
    checkScorable(model, all, scaler.transform(all), meta.scaler, meta.featureNames, (i) => `${dataset.name!} data row ${i + 1}`);
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
    const raw = columns === null ? rows.features : selectColumns(rows, columns);
    const features = scaler.transform(raw);
    const scored = { ...rows, features, labels, classNames: meta.classNames };
    const result = evaluate(model, scored, { classNames: meta.classNames });
    const seen = seenRows(meta, { ...scored, features: raw });
    const parts = seen && seen.indices.length > 0 ? scoreParts(model, scored, seen.indices, meta.classNames) : null;
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
        seenInTraining: seen === null ? null : seen.indices.length,
        seen: parts?.seen ?? null,
        unseen: parts?.unseen ?? null,
      });
      return 0;
    }
    io.stdout.write(`${modelPath}: ${describeModel(model)}, trained on ${meta.dataset?.name ?? 'unknown data'}\n`);
    if (changed !== null) io.stdout.write(`note: ${changed}; the training run's split cannot be recreated, so every row is scored\n`);
    io.stdout.write(`evaluated on ${dataset.name!}, ${where}\n`);
    const recorded = sameData && split === 'test' && meta.results ? ` (at training: ${formatNumber(meta.results.testAccuracy)})` : '';
    io.stdout.write(`accuracy ${formatNumber(result.accuracy)}${recorded}, loss ${formatNumber(result.loss)}\n`);
    io.stdout.write(`${describeSeen(seen, parts, datasetSize(rows))}\n\n${formatReport(result)}\n`);
    return 0;
  },
};

/** Which scored rows the model was trained on, by row fingerprint (null: the model file records none). */
function seenRows(meta: EvaluationMetadata, raw: Dataset & { labels: Int32Array }): { indices: number[]; trained: number } | null {
  if (!meta.trainingRows) return null;
  const known = rowFingerprintSet(meta.trainingRows.hashes);
  const hashes = rowFingerprints({ ...raw, classNames: meta.classNames, task: 'classification' });
  const indices: number[] = [];
  for (let i = 0, at = 0; at < hashes.length; i++, at += ROW_HASH_LENGTH)
    if (known.has(hashes.slice(at, at + ROW_HASH_LENGTH))) indices.push(i);
  return { indices, trained: meta.trainingRows.count };
}

interface PartScore {
  rows: number;
  accuracy: number | null;
  loss: number | null;
}

/** Accuracy and loss on the seen rows and on the others, separately. */
function scoreParts(
  model: Parameters<typeof evaluate>[0],
  data: Dataset,
  seen: readonly number[],
  classNames: string[],
): { seen: PartScore; unseen: PartScore } {
  const set = new Set(seen);
  const others = Array.from({ length: datasetSize(data) }, (_, i) => i).filter((i) => !set.has(i));
  const part = (indices: number[]): PartScore => {
    if (indices.length === 0) return { rows: 0, accuracy: null, loss: null };
    const e = evaluate(model, subset(data, indices), { classNames });
    return { rows: indices.length, accuracy: e.accuracy, loss: e.loss };
  };
  return { seen: part([...seen]), unseen: part(others) };
}

/** The line that says how many scored rows the model has seen, and the score of the unseen ones. */
function describeSeen(
  seen: { indices: number[]; trained: number } | null,
  parts: { seen: PartScore; unseen: PartScore } | null,
  total: number,
): string {
  if (seen === null)
    return 'note: this model file records no fingerprints of its training rows (saved by an older gradlab), so rows seen in training cannot be told apart';
  if (seen.indices.length === 0)
    return `none of the ${total} rows is among the ${seen.trained} rows the model was trained on (compared by content)`;
  const p = parts!;
  const score = (s: PartScore): string => `accuracy ${formatNumber(s.accuracy!)}, loss ${formatNumber(s.loss!)}`;
  const unseen =
    p.unseen.rows === 0
      ? 'no row is new to the model, so these scores say nothing about new data'
      : `on the ${p.unseen.rows} unseen row${p.unseen.rows === 1 ? '' : 's'}: ${score(p.unseen)}`;
  return `note: ${seen.indices.length} of the ${total} rows ${seen.indices.length === 1 ? 'was' : 'were'} seen in training (same values and label as a training row, compared by content): on them ${score(p.seen)}; ${unseen}`;
}

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
