/** One CSV record: its cells (quotes removed) and the 1-based line where it starts. */
export interface Row {
  cells: string[];
  line: number;
}

/** Malformed CSV text: the message says what, `line` (1-based) where. */
export class CsvSyntaxError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
  }
}

const QUOTE = 34, COMMA = 44, LF = 10, CR = 13;

/**
 * Splits CSV text (RFC 4180) into records: cells separated by commas, records by LF or CRLF; a cell
 * in double quotes may hold commas, line breaks and doubled quotes (""). A leading byte-order mark
 * and empty lines are skipped. A quote inside an unquoted cell, text after a closing quote, or a
 * quote never closed is an error naming the line.
 */
export function readRows(text: string): Row[] {
  const rows: Row[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) {
      // An empty line (no cells at all) is skipped, as blank lines at the end of files are common.
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      continue;
    }
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let cell: string;
      if (text.charCodeAt(i) === QUOTE) {
        const opened = line;
        let value = '';
        let from = ++i;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q === -1) throw new CsvSyntaxError(`Quote Not Closed: the quoted cell opened on line ${opened} never closes`, opened);
          for (let k = text.indexOf('\n', from); k !== -1 && k < q; k = text.indexOf('\n', k + 1)) line++;
          value += text.slice(from, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            from = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        const next = text.charCodeAt(i);
        if (i < n && next !== COMMA && next !== LF && next !== CR) {
          throw new CsvSyntaxError(`Invalid Closing Quote: found "${text[i]}" after the closing quote of a cell on line ${line}; expected a comma or the end of the line`, line);
        }
        cell = value;
      } else {
        let j = i;
        for (let d = text.charCodeAt(j); j < n && d !== COMMA && d !== LF && d !== CR; d = text.charCodeAt(++j)) {
          if (d === QUOTE) throw new CsvSyntaxError(`Invalid Opening Quote: a quote inside an unquoted cell on line ${line}; put the whole cell in quotes and double the quote ("")`, line);
        }
        cell = text.slice(i, j);
        i = j;
      }
      cells.push(cell);
      if (text.charCodeAt(i) !== COMMA) break;
      i++;
    }
    rows.push({ cells, line: start });
  }
  return rows;
}
