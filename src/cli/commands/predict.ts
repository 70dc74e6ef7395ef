import { formatNumber } from '../../util/format-number.ts';
import { resolve } from 'node:path';
import { StandardScaler } from '../../data/scaler.ts';
import { predict, predictProba } from '../../train/evaluate.ts';
import { UsageError } from '../args.ts';
import { formatTable, printJson, type Command } from '../io.ts';
import { describeModel } from '../model.ts';
import { loadSavedModel } from '../saved-model.ts';
import { readRowsToScore } from './predict-rows.ts';
import { checkScorable } from '../scores.ts';

export const predictCommand: Command = {
  spec: {
    name: 'predict',
    summary: 'apply a model saved by `gradlab train --save` to new rows: the predicted class and every class probability per row',
    flags: [
      { name: 'model', value: '<model.json>', description: 'a model file written by gradlab train --save', required: true },
      {
        name: 'data',
        value: '<rows.csv>',
        description:
          "a headed CSV with the model's feature columns, matched by name in any order; the label column may be present (it is shown beside the prediction) or absent",
        required: true,
      },
      { name: 'json', description: 'print one JSON document on stdout instead of the table' },
      { name: 'csv', description: 'print CSV on stdout (predicted, then one probability column per class) instead of the table' },
    ],
    examples: [
      'gradlab predict --model iris.json --data new-flowers.csv',
      'gradlab predict --model iris.json --data new-flowers.csv --csv > scored.csv',
    ],
  },
  run(values, io) {
    if (values.json === true && values.csv === true)
      throw new UsageError('--json and --csv both choose the output format; give one of them');
    const modelPath = values.model as string;
    const dataPath = values.data as string;
    const { model, meta } = loadSavedModel(modelPath, io.cwd);
    const rows = readRowsToScore(resolve(io.cwd, dataPath), dataPath, meta.featureNames, meta.labelColumn, modelPath);
    // Every CLI model file carries the scaler it was trained with (checked on load).
    const x = StandardScaler.fromJSON(meta.scaler).transform(rows.features);
    checkScorable(model, rows.features, x, meta.scaler, meta.featureNames, (i) => `${dataPath} line ${rows.lines[i]!}`);
    const classes = predict(model, x);
    const proba = predictProba(model, x).data;
    const k = meta.classNames.length;
    const probabilities = (i: number): number[] => Array.from(proba.subarray(i * k, (i + 1) * k));
    const predicted = Array.from(classes, (c) => meta.classNames[c]!);
    if (values.json === true) {
      printJson(io, {
        command: 'predict',
        model: { path: modelPath, ...model.config() },
        data: dataPath,
        rows: predicted.length,
        classNames: meta.classNames,
        labelColumn: rows.labels ? meta.labelColumn : null,
        predictions: predicted.map((p, i) => ({
          line: rows.lines[i],
          predicted: p,
          probabilities: Object.fromEntries(meta.classNames.map((c, j) => [c, probabilities(i)[j]])),
          ...(rows.labels ? { label: rows.labels[i] } : {}),
        })),
      });
      return 0;
    }
    if (values.csv === true) {
      const header = ['predicted', ...meta.classNames.map((c) => `probability_${c}`), ...(rows.labels ? [meta.labelColumn!] : [])];
      const lines = predicted.map((p, i) => [p, ...probabilities(i).map(String), ...(rows.labels ? [rows.labels[i]!] : [])]);
      io.stdout.write([header, ...lines].map((r) => r.map(csvCell).join(',')).join('\n') + '\n');
      return 0;
    }
    io.stdout.write(`${modelPath}: ${describeModel(model)}; ${predicted.length} rows of ${dataPath}\n\n`);
    const header = ['line', 'predicted', ...meta.classNames.map((c) => `p(${c})`), ...(rows.labels ? [meta.labelColumn!] : [])];
    const table = predicted.map((p, i) => [
      rows.lines[i]!,
      p,
      ...probabilities(i).map((v) => formatNumber(v)),
      ...(rows.labels ? [rows.labels[i]!] : []),
    ]);
    io.stdout.write(formatTable(header, table));
    return 0;
  },
};

/** RFC 4180: quote a cell holding a comma, quote or line break, doubling its quotes. */
function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
