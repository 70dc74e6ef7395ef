import { CsvError } from '../../data/csv.ts';
import { describeColumn, numberError, parseNumber } from '../../data/csv-cells.ts';
import { cellCountError } from '../../data/csv-header.ts';
import { readRecords } from '../../data/csv-records.ts';
import { scanCsv } from '../../data/csv-scan.ts';
import { Tensor } from '../../tensor/tensor.ts';
import { nodeTokenizer, withCsvFile } from '../../node/csv.ts';

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
  return withCsvFile(path, source, (chunks) => {
    const bound = scanCsv(chunks(), source);
    const read: { rows?: Rows } = {};
    readRecords(
      chunks(),
      source,
      (cells, _, line) => {
        if (read.rows) read.rows.add(cells, line(), source);
        else read.rows = new Rows(checkHeader(cells, line(), source, featureNames, labelColumn, modelFile), bound);
      },
      { tokenizer: nodeTokenizer },
    );
    if (!read.rows) throw new CsvError(`${source}: the file is empty (expected a header row naming the columns, then data rows)`, source);
    return read.rows.finish(source);
  });
}

/** The header's names, checked against the model's features: each present once, nothing unknown. */
function checkHeader(
  cells: readonly string[],
  line: number,
  source: string,
  featureNames: readonly string[],
  labelColumn: string | undefined,
  modelFile: string,
): Header {
  const names = cells.map((c) => c.trim());
  const at = (j: number): string => `${source} line ${line}, ${describeColumn(j, names)}`;
  const repeated = names.findIndex((name, j) => names.indexOf(name) !== j);
  if (repeated >= 0)
    throw new CsvError(
      `${at(repeated)}: the column name "${names[repeated] ?? ''}" appears twice (also column ${names.indexOf(names[repeated]!) + 1})`,
      source,
      line,
      repeated + 1,
    );
  const extra = names.findIndex((name) => name !== labelColumn && !featureNames.includes(name));
  if (extra >= 0) {
    const label = labelColumn === undefined ? '' : ` and the label column "${labelColumn}"`;
    throw new CsvError(
      `${at(extra)}: not a feature of the model; ${modelFile} takes ${featureNames.length} features (${featureNames.join(', ')})${label}`,
      source,
      line,
      extra + 1,
    );
  }
  const missing = featureNames.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    throw new CsvError(
      `${source} line ${line}: missing feature column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (${modelFile} takes ${featureNames.join(', ')})`,
      source,
      line,
    );
  }
  return {
    names,
    line,
    columns: featureNames.map((name) => names.indexOf(name)),
    labelIndex: labelColumn === undefined ? -1 : names.indexOf(labelColumn),
  };
}

interface Header {
  names: string[];
  line: number;
  /** The column of each of the model's features, in the model's order. */
  columns: number[];
  labelIndex: number;
}

/** The rows read so far: features in the model's order, each row's line, its label cell. */
class Rows {
  private features: Float64Array;
  private n = 0;
  readonly lines: number[] = [];
  readonly labels: string[] = [];

  constructor(
    private readonly header: Header,
    bound: number,
  ) {
    this.features = new Float64Array(bound * header.columns.length);
  }

  add(cells: string[], line: number, source: string): void {
    const { names, columns, labelIndex } = this.header;
    if (cells.length !== names.length) throw cellCountError(cells, names.length, source, line);
    const f = columns.length;
    if ((this.n + 1) * f > this.features.length) {
      const grown = new Float64Array(2 * this.features.length + f);
      grown.set(this.features);
      this.features = grown;
    }
    columns.forEach((c, j) => {
      const value = parseNumber(cells[c]!);
      if (value - value !== 0) throw numberError(cells[c]!, value, source, line, c, names);
      this.features[this.n * f + j] = value;
    });
    this.lines.push(line);
    if (labelIndex >= 0) this.labels.push(cells[labelIndex]!.trim());
    this.n++;
  }

  finish(source: string): RowsToScore {
    if (this.n === 0) throw new CsvError(`${source}: has a header (line ${this.header.line}) but no data rows`, source, this.header.line);
    const f = this.header.columns.length;
    const features = new Tensor(this.features.slice(0, this.n * f), [this.n, f]);
    return { features, lines: this.lines, labels: this.header.labelIndex >= 0 ? this.labels : null };
  }
}
