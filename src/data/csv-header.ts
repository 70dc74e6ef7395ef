import { CsvError } from './csv-error.ts';
import { printable } from './csv-cells.ts';

/** The header's names, checked: at least `min` columns, each named, no name twice. Errors name the header line. */
export function headerNames(cells: readonly string[], source: string, line: number, min: number): string[] {
  const names = cells.map((c) => c.trim());
  const at = `${source} line ${line} (header)`;
  if (names.length < min)
    throw new CsvError(
      `${source} line ${line}: expected at least ${min} columns (features and a label), got ${names.length}`,
      source,
      line,
    );
  const unnamed = names.indexOf('');
  if (unnamed >= 0) {
    const why =
      unnamed === names.length - 1
        ? 'the header line ends with a comma (if every line does, remove the trailing commas)'
        : 'every column needs a name';
    throw new CsvError(`${at}: column ${unnamed + 1} has no name; ${why}`, source, line, unnamed + 1);
  }
  const duplicate = duplicateColumns(names);
  if (duplicate) {
    const [a, b] = duplicate;
    throw new CsvError(
      `${at}: columns ${a + 1} and ${b + 1} are both named "${printable(names[a]!)}"; each column needs its own name`,
      source,
      line,
      b + 1,
    );
  }
  return names;
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

/** The label column's index: a header name, or an index (negative from the end); default the last column. */
export function resolveLabelColumn(label: string | number | undefined, names: readonly string[], source: string, line: number): number {
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
    throw new CsvError(
      `${source} line ${line}: no label column "${label}"; the columns are: ${names.map(printable).join(', ')}`,
      source,
      line,
    );
  return index;
}

/** A record whose cell count is not the header's: line and the first missing or extra cell. */
export function cellCountError(cells: readonly string[], width: number, source: string, line: number): CsvError {
  // A comma at the end of the line adds one empty cell: say so rather than only counting.
  const trailing = cells.length === width + 1 && cells[width]!.trim() === '' ? ': the line ends with a comma' : '';
  return new CsvError(
    `${source} line ${line}: expected ${width} cells (one per header column), got ${cells.length}${trailing}`,
    source,
    line,
    Math.min(cells.length, width) + 1,
  );
}
