// CSV as data: parsing text or bytes is pure (here; csv-parse tokenizes); reading a file by path is a Node adapter (src/node/csv.ts).
export { CsvError } from './csv-error.ts';
export { parseCsv, parseCsvBytes, readCsvDataset, type CsvChunks, type CsvOptions, type ParseCsvOptions } from './csv-dataset.ts';
export { encodeClasses } from './csv-labels.ts';
