import type { Evaluation } from './evaluate.ts';
import { formatNumber } from '../util/format-number.ts';

export interface ReportOptions {
  /** Decimals for precision, recall, F1 and accuracy (default 3). */
  digits?: number;
  /** Append the confusion matrix (default true). */
  confusion?: boolean;
}

function table(rows: string[][], alignLeft: number): string {
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => r[j]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, j) => (j < alignLeft ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * A plain-text classification report in the layout of scikit-learn's `classification_report`: one
 * row per class (precision, recall, F1, support), macro and weighted averages, accuracy and loss,
 * followed by the confusion matrix (rows: true class, columns: predicted class).
 */
export function formatReport(result: Evaluation, options: ReportOptions = {}): string {
  const digits = options.digits ?? 3;
  const f = (v: number): string => v.toFixed(digits);
  const rows: string[][] = [['', 'precision', 'recall', 'f1-score', 'support']];
  result.perClass.forEach((m, k) =>
    rows.push([result.classNames[k] ?? String(k), f(m.precision), f(m.recall), f(m.f1), String(m.support)]),
  );
  rows.push(['', '', '', '', '']);
  rows.push(['accuracy', '', '', f(result.accuracy), String(result.support)]);
  for (const [name, avg] of [
    ['macro avg', result.macro],
    ['weighted avg', result.weighted],
  ] as const) {
    rows.push([name, f(avg.precision), f(avg.recall), f(avg.f1), String(result.support)]);
  }
  let text = `${table(rows, 1)}\n\nloss ${formatNumber(result.loss)}`;
  if (options.confusion ?? true) {
    const header = ['true \\ predicted', ...result.classNames];
    const matrix = result.confusion.map((row, k) => [result.classNames[k] ?? String(k), ...row.map(String)]);
    text += `\n\nconfusion matrix (rows: true class, columns: predicted class)\n${table([header, ...matrix], 1)}`;
  }
  return text;
}
