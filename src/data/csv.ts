import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { Tensor } from '../tensor/index.ts';
import type { Dataset } from './dataset.ts';

/** A CSV file that cannot be read as a dataset. `line` and `column` are 1-based; null where not applicable. */
export class CsvError extends Error {
  override readonly name = 'CsvError';
  constructor(
    message: string,
    readonly file: string,
    readonly line: number | null = null,
    readonly column: number | null = null,
  ) {
    super(message);
  }
}

export interface CsvOptions {
  /** The label column: a header name, or a 0-based index (negative counts from the end). Default: the last column. */
  label?: string | number;
  /** 'classification' (default) encodes labels as classes; 'regression' reads them as numbers into `targets`. */
  task?: 'classification' | 'regression';
}

export interface ParseCsvOptions extends CsvOptions {
  /** Names the text in error messages (a file name); default '<csv>'. */
  source?: string;
}

/** Reads a headed CSV file (one row per sample) into a dataset; see `parseCsv`. Errors name `source` (default: the path). */
export function loadCsv(path: string, options: ParseCsvOptions = {}): Dataset {
  const source = options.source ?? path;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${code ?? String(err)})`;
    throw new CsvError(`${source}: ${why}`, source);
  }
  return parseCsv(text, { ...options, source });
}

/**
 * Parses headed CSV text: every column but the label column must hold numbers (features, [N, F]).
 * Class labels are numbered in order of first appearance, except that when every class name is a
 * number they are numbered in numeric order (so "0","1","2" map to 0, 1, 2).
 */
export function parseCsv(text: string, options: ParseCsvOptions = {}): Dataset {
  const source = options.source ?? '<csv>';
  const rows = readRows(text, source);
  const header = rows[0];
  if (header === undefined) throw new CsvError(`${source}: the file is empty (expected a header row and data rows)`, source);
  if (rows.length === 1) throw new CsvError(`${source}: has a header (line ${header.line}) but no data rows`, source, header.line);
  const names = header.cells.map((c) => c.trim());
  if (names.length < 2) throw new CsvError(`${source} line ${header.line}: expected at least 2 columns (features and a label), got ${names.length}`, source, header.line);
  const labelIndex = resolveLabelColumn(options.label, names, source, header.line);
  const featureColumns = names.map((_, i) => i).filter((i) => i !== labelIndex);
  const n = rows.length - 1;
  const f = featureColumns.length;
  const features = new Float64Array(n * f);
  const labelCells: string[] = new Array<string>(n);
  const task = options.task ?? 'classification';
  const targets = task === 'regression' ? new Float64Array(n) : undefined;
  for (let r = 0; r < n; r++) {
    const { cells, line } = rows[r + 1] as Row;
    if (cells.length !== names.length) {
      const col = Math.min(cells.length, names.length) + 1;
      throw new CsvError(`${source} line ${line}: expected ${names.length} cells (one per header column), got ${cells.length}`, source, line, col);
    }
    for (let j = 0; j < f; j++) {
      const c = featureColumns[j] as number;
      features[r * f + j] = toNumber(cells[c] as string, source, line, c, names);
    }
    const labelCell = (cells[labelIndex] as string).trim();
    if (targets) targets[r] = toNumber(labelCell, source, line, labelIndex, names);
    else if (labelCell === '') throw new CsvError(`${source} line ${line}, ${describeColumn(labelIndex, names)}: the label is empty`, source, line, labelIndex + 1);
    labelCells[r] = labelCell;
  }
  const base = {
    features: new Tensor(features, [n, f]),
    featureNames: featureColumns.map((c) => names[c] as string),
    labelName: names[labelIndex] as string,
    task,
    name: source,
  };
  if (targets) return { ...base, labels: new Int32Array(0), targets, classNames: [] };
  const { labels, classNames } = encodeClasses(labelCells);
  return { ...base, labels, classNames };
}

/** Numbers classes by first appearance, or numerically when every class name is a number. */
export function encodeClasses(values: readonly string[]): { labels: Int32Array; classNames: string[] } {
  const classNames: string[] = [];
  const seen = new Set<string>();
  for (const v of values) {
    if (!seen.has(v)) {
      seen.add(v);
      classNames.push(v);
    }
  }
  if (classNames.every((c) => NUMBER.test(c))) classNames.sort((a, b) => Number(a) - Number(b));
  const index = new Map(classNames.map((c, i) => [c, i]));
  return { labels: Int32Array.from(values, (v) => index.get(v) as number), classNames };
}

export interface Row {
  cells: string[];
  /** 1-based line where the record starts. */
  line: number;
}

export function readRows(text: string, source: string): Row[] {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    // With `info`, csv-parse returns { record, info } objects; its typings do not model that.
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    const line = typeof e.lines === 'number' ? e.lines : null;
    throw new CsvError(`${source}${line === null ? '' : ` line ${line}`}: malformed CSV: ${e.message ?? String(err)}`, source, line);
  }
  // csv-parse reports the line where a record ends; quoted cells may span lines.
  return records.map(({ record, info }) => {
    let breaks = 0;
    for (const cell of record) for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) breaks++;
    return { cells: record, line: info.lines - breaks };
  });
}

function resolveLabelColumn(label: string | number | undefined, names: string[], source: string, line: number): number {
  if (label === undefined) return names.length - 1;
  if (typeof label === 'number') {
    if (!Number.isInteger(label) || label < -names.length || label >= names.length) {
      throw new CsvError(`${source}: label column index ${label} is out of range for ${names.length} columns (use 0..${names.length - 1}, or -${names.length}..-1 from the end)`, source, line);
    }
    return label < 0 ? names.length + label : label;
  }
  const index = names.indexOf(label.trim());
  if (index === -1) throw new CsvError(`${source} line ${line}: no label column "${label}"; the columns are: ${names.join(', ')}`, source, line);
  return index;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function toNumber(cell: string, source: string, line: number, column: number, names: string[]): number {
  const text = cell.trim();
  if (!NUMBER.test(text)) {
    const what = text === '' ? 'the cell is empty, expected a number' : `"${cell}" is not a number`;
    throw new CsvError(`${source} line ${line}, ${describeColumn(column, names)}: ${what}`, source, line, column + 1);
  }
  const value = Number(text);
  if (!Number.isFinite(value)) throw new CsvError(`${source} line ${line}, ${describeColumn(column, names)}: "${cell}" is too large for a number`, source, line, column + 1);
  return value;
}

function describeColumn(column: number, names: string[]): string {
  return `column ${column + 1} (${names[column]!})`;
}
