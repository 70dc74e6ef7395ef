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
