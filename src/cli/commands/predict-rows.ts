import { CsvError, readRows, toNumber } from '../../data/csv.ts';
import { Tensor } from '../../tensor/tensor.ts';
import { readCsvFile } from '../../node/csv.ts';

/** Rows to score: the model's features in the model's order, and the label column's cells when present. */
export interface RowsToScore {
  features: Tensor;
  /** 1-based line of each row in the file. */
  lines: number[];
  labels: string[] | null;
}

/**
 * Reads a headed CSV of rows to score. Columns are matched to the model's features by name (any
 * order); the label column may be present or not. A missing feature, a column the model does not
 * know, a repeated column name or a cell that is not a number is an error naming file, line and column.
 */
export function readRowsToScore(
  path: string,
  source: string,
  featureNames: readonly string[],
  labelColumn: string | undefined,
  modelFile: string,
): RowsToScore {
  const rows = readRows(readCsvFile(path, source), source);
  const header = rows[0];
  if (header === undefined)
    throw new CsvError(`${source}: the file is empty (expected a header row naming the columns, then data rows)`, source);
  if (rows.length === 1) throw new CsvError(`${source}: has a header (line ${header.line}) but no data rows`, source, header.line);
  const names = header.cells.map((c) => c.trim());
  const at = (j: number): string => `${source} line ${header.line}, column ${j + 1} (${names[j] ?? ''})`;
  const repeated = names.findIndex((name, j) => names.indexOf(name) !== j);
  if (repeated >= 0)
    throw new CsvError(
      `${at(repeated)}: the column name "${names[repeated] ?? ''}" appears twice (also column ${names.indexOf(names[repeated]!) + 1})`,
      source,
      header.line,
      repeated + 1,
    );
  const extra = names.findIndex((name) => name !== labelColumn && !featureNames.includes(name));
  if (extra >= 0) {
    const label = labelColumn === undefined ? '' : ` and the label column "${labelColumn}"`;
    throw new CsvError(
      `${at(extra)}: not a feature of the model; ${modelFile} takes ${featureNames.length} features (${featureNames.join(', ')})${label}`,
      source,
      header.line,
      extra + 1,
    );
  }
  const missing = featureNames.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    throw new CsvError(
      `${source} line ${header.line}: missing feature column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (${modelFile} takes ${featureNames.join(', ')})`,
      source,
      header.line,
    );
  }
  const columns = featureNames.map((name) => names.indexOf(name));
  const labelIndex = labelColumn === undefined ? -1 : names.indexOf(labelColumn);
  const n = rows.length - 1;
  const f = columns.length;
  const features = new Float64Array(n * f);
  const lines: number[] = [];
  const labels: string[] = [];
  for (let r = 0; r < n; r++) {
    const { cells, line } = rows[r + 1]!;
    if (cells.length !== names.length) {
      throw new CsvError(
        `${source} line ${line}: expected ${names.length} cells (one per header column), got ${cells.length}`,
        source,
        line,
        Math.min(cells.length, names.length) + 1,
      );
    }
    columns.forEach((c, j) => (features[r * f + j] = toNumber(cells[c]!, source, line, c, names)));
    lines.push(line);
    if (labelIndex >= 0) labels.push(cells[labelIndex]!.trim());
  }
  return { features: new Tensor(features, [n, f]), lines, labels: labelIndex >= 0 ? labels : null };
}
