import { utf8Encode } from '../util/utf8.ts';
import { Tensor } from '../tensor/index.ts';
import { CsvError } from './csv-error.ts';
import { CsvRecords, assertUtf8 } from './csv-records.ts';
import type { Dataset } from './dataset.ts';

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

/** Parses headed CSV text; see `parseCsvBytes`. */
export function parseCsv(text: string, options: ParseCsvOptions = {}): Dataset {
  return parseCsvBytes(utf8Encode(text), options);
}

/**
 * Parses headed CSV (UTF-8 bytes): every column but the label column must hold numbers (features,
 * [N, F], parsed straight into one Float64Array). Class labels are numbered in order of first
 * appearance, except when every label is a number: then labels compare as numbers (`1`, `1.0`
 * and `01` are one class, named `1`) and classes are numbered in numeric order. Bytes that are
 * not UTF-8 and repeated column names are errors naming the line.
 */
export function parseCsvBytes(bytes: Uint8Array, options: ParseCsvOptions = {}): Dataset {
  const source = options.source ?? '<csv>';
  assertUtf8(bytes, source);
  const records = new CsvRecords(bytes, source);
  const head = records.next();
  if (head === null) throw new CsvError(`${source}: the file is empty (expected a header row and data rows)`, source);
  const names = Array.from({ length: head.cells }, (_, j) => records.text(j).trim());
  if (names.length < 2)
    throw new CsvError(
      `${source} line ${head.line}: expected at least 2 columns (features and a label), got ${names.length}`,
      source,
      head.line,
    );
  const duplicate = duplicateColumns(names);
  if (duplicate) {
    const [a, b] = duplicate;
    throw new CsvError(
      `${source} line ${head.line} (header): columns ${a + 1} and ${b + 1} are both named "${names[a]!}"; each column needs its own name`,
      source,
      head.line,
      b + 1,
    );
  }
  const labelIndex = resolveLabelColumn(options.label, names, source, head.line);
  const featureOf = new Int32Array(names.length).fill(-1);
  const featureColumns = names.map((_, i) => i).filter((i) => i !== labelIndex);
  featureColumns.forEach((c, k) => (featureOf[c] = k));
  const f = featureColumns.length;
  const task = options.task ?? 'classification';
  const bound = records.remainingBound();
  let features = new Float64Array(bound * f);
  const targets = task === 'regression' ? new Float64Array(bound) : undefined;
  const ids = targets ? new Int32Array(0) : new Int32Array(bound);
  const seen = new Map<string, number>();
  let n = 0;
  for (let rec = records.next(); rec !== null; rec = records.next(), n++) {
    const { cells, line } = rec;
    if (cells !== names.length) {
      throw new CsvError(
        `${source} line ${line}: expected ${names.length} cells (one per header column), got ${cells}`,
        source,
        line,
        Math.min(cells, names.length) + 1,
      );
    }
    for (let j = 0; j < cells; j++) {
      const k = featureOf[j]!;
      if (k >= 0) features[n * f + k] = toNumber(records.text(j), source, line, j, names);
    }
    const labelCell = records.text(labelIndex).trim();
    if (targets) targets[n] = toNumber(labelCell, source, line, labelIndex, names);
    else if (labelCell === '')
      throw new CsvError(`${source} line ${line}, ${describeColumn(labelIndex, names)}: the label is empty`, source, line, labelIndex + 1);
    else {
      let id = seen.get(labelCell);
      if (id === undefined) seen.set(labelCell, (id = seen.size));
      ids[n] = id;
    }
  }
  if (n === 0) throw new CsvError(`${source}: has a header (line ${head.line}) but no data rows`, source, head.line);
  // The bound counts line breaks, so it is exact but for blank lines and a final newline: keep a view, not a copy.
  features = features.length - n * f > features.length / 64 ? features.slice(0, n * f) : features.subarray(0, n * f);
  const base = {
    features: new Tensor(features, [n, f]),
    featureNames: featureColumns.map((c) => names[c]!),
    labelName: names[labelIndex]!,
    task,
    name: source,
  };
  if (targets) return { ...base, labels: new Int32Array(0), targets: targets.slice(0, n), classNames: [] };
  const { labels, classNames } = numberClasses([...seen.keys()], ids.subarray(0, n));
  return { ...base, labels, classNames };
}

/** The first two columns that share a name (0-based), or null. */
export function duplicateColumns(names: readonly string[]): [number, number] | null {
  const first = new Map<string, number>();
  for (let j = 0; j < names.length; j++) {
    const earlier = first.get(names[j]!);
    if (earlier !== undefined) return [earlier, j];
    first.set(names[j]!, j);
  }
  return null;
}

/** Numbers classes by first appearance, or numerically when every class name is a number (then `1`, `1.0`, `01` are one class, `1`). */
export function encodeClasses(values: readonly string[]): { labels: Int32Array; classNames: string[] } {
  const seen = new Map<string, number>();
  const ids = new Int32Array(values.length);
  values.forEach((v, i) => {
    let id = seen.get(v);
    if (id === undefined) seen.set(v, (id = seen.size));
    ids[i] = id;
  });
  return numberClasses([...seen.keys()], ids);
}

/** Final class numbers from first-appearance ids: kept, or merged by numeric value and sorted when every name is a number. */
function numberClasses(firstSeen: readonly string[], ids: Int32Array): { labels: Int32Array; classNames: string[] } {
  if (!firstSeen.every((c) => NUMBER.test(c))) return { labels: ids.slice(), classNames: [...firstSeen] };
  const canonical = firstSeen.map((c) => String(Number(c)));
  const classNames = [...new Set(canonical)].sort((a, b) => Number(a) - Number(b));
  const index = new Map(classNames.map((c, i) => [c, i]));
  const remap = Int32Array.from(canonical, (c) => index.get(c)!);
  const labels = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) labels[i] = remap[ids[i]!]!;
  return { labels, classNames };
}

function resolveLabelColumn(label: string | number | undefined, names: string[], source: string, line: number): number {
  if (label === undefined) return names.length - 1;
  if (typeof label === 'number') {
    if (!Number.isInteger(label) || label < -names.length || label >= names.length) {
      throw new CsvError(
        `${source}: label column index ${label} is out of range for ${names.length} columns (use 0..${names.length - 1}, or -${names.length}..-1 from the end)`,
        source,
        line,
      );
    }
    return label < 0 ? names.length + label : label;
  }
  const index = names.indexOf(label.trim());
  if (index === -1)
    throw new CsvError(`${source} line ${line}: no label column "${label}"; the columns are: ${names.join(', ')}`, source, line);
  return index;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A feature cell as a number; errors name file, line and column. */
export function toNumber(cell: string, source: string, line: number, column: number, names: string[]): number {
  const text = cell.trim();
  if (!NUMBER.test(text)) {
    const what = text === '' ? 'the cell is empty, expected a number' : `"${cell}" is not a number`;
    throw new CsvError(`${source} line ${line}, ${describeColumn(column, names)}: ${what}`, source, line, column + 1);
  }
  const value = Number(text);
  if (!Number.isFinite(value))
    throw new CsvError(
      `${source} line ${line}, ${describeColumn(column, names)}: "${cell}" is too large for a number`,
      source,
      line,
      column + 1,
    );
  return value;
}

function describeColumn(column: number, names: string[]): string {
  return `column ${column + 1} (${names[column]!})`;
}

/** One record as strings, with the line it starts on. */
export interface Row {
  cells: string[];
  line: number;
}

/**
 * Every record of CSV text or UTF-8 bytes as strings (for small inputs, such as rows to predict;
 * datasets use parseCsvBytes). Bytes that are not UTF-8 are an error naming the line.
 */
export function readRows(input: string | Uint8Array, source: string): Row[] {
  const bytes = typeof input === 'string' ? utf8Encode(input) : input;
  assertUtf8(bytes, source);
  const records = new CsvRecords(bytes, source);
  const rows: Row[] = [];
  for (let rec = records.next(); rec !== null; rec = records.next())
    rows.push({ cells: Array.from({ length: rec.cells }, (_, j) => records.text(j)), line: rec.line });
  return rows;
}
