/**
 * CSV text → records: RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180) as spreadsheets write it, read
 * leniently where they differ. Evidence: library (the format the roster's CSV is documented to take).
 *
 * - Cells are separated by commas; a record ends at CRLF, LF or a lone CR, mixed in one text (an editor
 *   may keep the bulk-upload template's CRLF header and add LF rows).
 * - A cell in double quotes may hold commas, line ends and quotes, each quote doubled (`""`).
 * - Spaces and tabs around a cell are dropped (also around a quoted cell's quotes; inside them they stay).
 * - A byte order mark before the first cell is dropped.
 * - Records may have any number of cells (the reader checks the count against the header, by row).
 * - A blank line is a record of one empty cell (the reader skips it), so every line is counted.
 *
 * Each record carries the line where it starts: lines are counted at each LF and each CR not followed by
 * an LF, also inside a quoted cell (a CRLF is one line end). The first problem stops the reading, with
 * the line and the cell where it is and the kind of problem, never the text (the cell may be a password).
 */
import type { CsvQuoteProblem } from '../rules/roster';

export type { CsvQuoteProblem };

/** One record: its cells, and the line (1-based) where it starts. */
export interface CsvRecord {
  readonly cells: string[];
  readonly line: number;
}

/** Where the reading stopped: the kind of problem, the line of the cell's first quote, the cell's index in its record (0-based). */
export interface CsvSyntaxError {
  readonly problem: CsvQuoteProblem;
  readonly line: number;
  readonly column: number;
}

/** The records read; on a syntax error, those read before the faulty one, and the error. */
export interface CsvText {
  readonly records: CsvRecord[];
  readonly error?: CsvSyntaxError;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;
const BOM = 0xfeff;

const isBlank = (c: number) => c === SPACE || c === TAB;
const endsCell = (c: number) => c === COMMA || c === CR || c === LF;

/** Reads CSV text into records (see the module's comment for the format). One pass; no cell text in an error. */
export function readCsv(text: string): CsvText {
  const n = text.length;
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === BOM ? 1 : 0;
  let line = 1;
  while (i < n) {
    const record: CsvRecord = { cells: [], line };
    const cells = record.cells;
    for (;;) {
      let start = i;
      while (start < n && isBlank(text.charCodeAt(start))) start++;
      if (start < n && text.charCodeAt(start) === QUOTE) {
        const quoteLine = line;
        let value = '';
        let k = start + 1;
        let chunk = k;
        for (;;) {
          if (k >= n) return { records, error: { problem: 'unclosedQuote', line: quoteLine, column: cells.length } };
          const c = text.charCodeAt(k);
          if (c === QUOTE) {
            value += text.slice(chunk, k);
            if (text.charCodeAt(k + 1) === QUOTE) {
              // A doubled quote is one quote of the value.
              value += '"';
              k += 2;
              chunk = k;
              continue;
            }
            k++;
            break;
          }
          if (c === LF || (c === CR && text.charCodeAt(k + 1) !== LF)) line++;
          k++;
        }
        while (k < n && isBlank(text.charCodeAt(k))) k++;
        if (k < n && !endsCell(text.charCodeAt(k))) {
          return { records, error: { problem: 'textAfterQuote', line: quoteLine, column: cells.length } };
        }
        cells.push(value);
        i = k;
      } else {
        let k = start;
        for (; k < n; k++) {
          const c = text.charCodeAt(k);
          if (endsCell(c)) break;
          if (c === QUOTE) return { records, error: { problem: 'strayQuote', line, column: cells.length } };
        }
        let end = k;
        while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
        cells.push(text.slice(start, end));
        i = k;
      }
      if (i < n && text.charCodeAt(i) === COMMA) {
        i++;
        continue;
      }
      // A line end (CRLF, LF or CR) or the end of the text ends the record.
      if (i < n) {
        i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
      }
      break;
    }
    records.push(record);
  }
  return { records };
}
