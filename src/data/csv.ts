// CSV as data: parsing text or bytes is pure (here); reading a file by path is a Node adapter (src/node/csv.ts).
export { CsvError } from './csv-error.ts';
export {
  parseCsv,
  parseCsvBytes,
  encodeClasses,
  readRows,
  toNumber,
  type CsvOptions,
  type ParseCsvOptions,
  type Row,
} from './csv-parse.ts';
