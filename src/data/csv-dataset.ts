import { utf8Encode } from '../util/utf8.ts';
import { Tensor } from '../tensor/index.ts';
import { CsvError } from './csv-error.ts';
import { describeColumn, numberError, parseNumber, showCell } from './csv-cells.ts';
import { cellCountError, headerNames, resolveLabelColumn } from './csv-header.ts';
import { LabelTexts, numberClasses } from './csv-labels.ts';
import { lineOfRecord, readRecords } from './csv-records.ts';
import { scanCsv } from './csv-scan.ts';
import type { CsvTokenizer } from './csv-tokenizer.ts';
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

/** A CSV's bytes in chunks, from the start each time it is called: a first pass checks them and counts lines, a second reads them. */
export type CsvChunks = () => Iterable<Uint8Array>;

/** Parses headed CSV text; see `parseCsvBytes`. */
export function parseCsv(text: string, options: ParseCsvOptions = {}): Dataset {
  return parseCsvBytes(utf8Encode(text), options);
}

/**
 * Parses headed CSV (UTF-8 bytes; csv-parse reads the RFC 4180 quoting): every column but the label
 * column must hold numbers (features, [N, F], parsed into one Float64Array as records arrive).
 * Labels that are all numbers are classes in numeric order, each named as written (`1` and `1.0`
 * in one column are an error, not one class); other labels are text, numbered by first appearance.
 * Bytes that are not UTF-8, unnamed or repeated columns are errors naming the line.
 */
export function parseCsvBytes(bytes: Uint8Array, options: ParseCsvOptions = {}): Dataset {
  return readCsvDataset(() => [bytes], options);
}

/** `parseCsvBytes` over bytes that arrive in chunks (a file read piece by piece); `tokenizer` is csv-parse's build for the platform. */
export function readCsvDataset(chunks: CsvChunks, options: ParseCsvOptions, tokenizer?: CsvTokenizer): Dataset {
  const source = options.source ?? '<csv>';
  const table = new CsvTable(source, scanCsv(chunks(), source), options);
  readRecords(chunks(), source, (cells, index, line) => table.add(cells, index, line), { tokenizer });
  return table.finish((index) => lineOfRecord(chunks(), source, index, tokenizer));
}

/** The dataset being filled, record by record: the header first, then one row per record. */
class CsvTable {
  private names: string[] = [];
  private headerLine = 0;
  private labelIndex = -1;
  private featureColumns: number[] = [];
  private features = new Float64Array(0);
  private targets: Float64Array | null = null;
  private ids = new Int32Array(0);
  private readonly labels = new LabelTexts();
  private n = 0;

  constructor(
    private readonly source: string,
    /** At least the number of records (line breaks + 1), so the arrays are allocated once. */
    private readonly bound: number,
    private readonly options: ParseCsvOptions,
  ) {}

  add(cells: string[], index: number, line: () => number): void {
    if (index === 0) {
      this.header(cells, line());
      return;
    }
    const { names, featureColumns, source } = this;
    if (cells.length !== names.length) throw cellCountError(cells, names.length, source, line());
    const f = featureColumns.length;
    if ((this.n + 1) * f > this.features.length) this.grow();
    const { features } = this;
    const base = this.n * f;
    for (let k = 0; k < f; k++) {
      const cell = cells[featureColumns[k]!]!;
      const value = parseNumber(cell);
      if (value - value !== 0) throw numberError(cell, value, source, line(), featureColumns[k]!, names);
      features[base + k] = value;
    }
    const label = cells[this.labelIndex]!;
    if (this.targets) {
      const value = parseNumber(label);
      if (value - value !== 0) throw numberError(label, value, source, line(), this.labelIndex, names);
      this.targets[this.n] = value;
    } else {
      const text = label.trim();
      if (text === '') {
        const at = line();
        throw new CsvError(
          `${source} line ${at}, ${describeColumn(this.labelIndex, names)}: the label is empty`,
          source,
          at,
          this.labelIndex + 1,
        );
      }
      this.ids[this.n] = this.labels.id(text, index);
    }
    this.n++;
  }

  private header(cells: string[], line: number): void {
    this.headerLine = line;
    this.names = headerNames(cells, this.source, line, 2);
    this.labelIndex = resolveLabelColumn(this.options.label, this.names, this.source, this.headerLine);
    this.featureColumns = this.names.map((_, j) => j).filter((j) => j !== this.labelIndex);
    this.allocate(this.bound);
  }

  private allocate(rows: number): void {
    const f = this.featureColumns.length;
    try {
      const features = new Float64Array(rows * f);
      features.set(this.features.subarray(0, this.n * f));
      this.features = features;
      if (this.options.task === 'regression') this.targets = copyInto(new Float64Array(rows), this.targets, this.n);
      else this.ids = copyInto(new Int32Array(rows), this.ids, this.n);
    } catch (error) {
      const gib = ((rows * (f + 1) * 8) / 2 ** 30).toFixed(1);
      throw new CsvError(
        `${this.source}: up to ${rows} rows × ${f} features need ${gib} GiB, more than this machine gives (${String(error)})`,
        this.source,
      );
    }
  }

  /** More records than line breaks: the data changed between the two passes (a file being written). */
  private grow(): void {
    this.allocate(Math.max(16, 2 * (this.features.length / Math.max(1, this.featureColumns.length))));
  }

  finish(lineOf: (index: number) => number): Dataset {
    const { source, n, names } = this;
    if (this.headerLine === 0) throw new CsvError(`${source}: the file is empty (expected a header row and data rows)`, source);
    if (n === 0) throw new CsvError(`${source}: has a header (line ${this.headerLine}) but no data rows`, source, this.headerLine);
    const f = this.featureColumns.length;
    // The bound counts line breaks, so it is exact but for blank lines and a final newline: keep a view, not a copy.
    let features = this.features;
    features = features.length - n * f > features.length / 64 ? features.slice(0, n * f) : features.subarray(0, n * f);
    const base = {
      features: new Tensor(features, [n, f]),
      featureNames: this.featureColumns.map((c) => names[c]!),
      labelName: names[this.labelIndex]!,
      task: this.options.task ?? 'classification',
      name: source,
    };
    if (this.targets) return { ...base, labels: new Int32Array(0), targets: this.targets.slice(0, n), classNames: [] };
    const { texts, firstAt } = this.labels;
    const classes = numberClasses(texts, this.ids.subarray(0, n), (a, b) => {
      const [la, lb] = [lineOf(firstAt[a]!), lineOf(firstAt[b]!)];
      throw new CsvError(
        `${source} lines ${la} and ${lb}, ${describeColumn(this.labelIndex, names)}: the labels ${showCell(texts[a]!)} and ${showCell(texts[b]!)} are the same number; numeric labels are compared as numbers, so write each class one way`,
        source,
        lb,
        this.labelIndex + 1,
      );
    });
    return { ...base, ...classes };
  }
}

function copyInto<T extends Float64Array | Int32Array>(into: T, from: T | null, n: number): T {
  if (from) into.set(from.subarray(0, n));
  return into;
}
