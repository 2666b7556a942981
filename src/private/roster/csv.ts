import { parse } from 'csv-parse/sync';
import { UserPassword } from '../../password';
import type { RosterUserSpec } from '../../roster-props';
import {
  checkCellCount, checkOneColumn, checkPasswordCell, checkRequiredCells, csvQuoteProblem, phoneTypeCell, proficienciesCell, secondsCell, tagsCell,
  yesNoCell,
} from '../rules/roster';
import { CsvColumn, FIELDS, Field, has } from '../user/fields';
import { proficienciesOf, specOf } from '../user/read';

/**
 * A parsed row: its line in the CSV (the header is line 1), the agent it
 * describes, and the problems of its cells (a bad cell's field is left out of
 * the spec; a missing username or routing profile leaves it `undefined`).
 */
export interface RosterRow {
  readonly line: number;
  readonly spec: RosterUserSpec;
  readonly errors: string[];
}

/** The settings the CSV has a column for, in the column order export writes. */
export const CSV_FIELDS: ReadonlyArray<Field & { readonly csv: CsvColumn }> = FIELDS.filter((f): f is Field & { csv: CsvColumn } => has(f.csv));

/** A header as it is matched: lower case, spaces folded. */
const normal = (header: string) => header.trim().toLowerCase().replace(/\s+/g, ' ');

const BY_HEADER = new Map(CSV_FIELDS.flatMap(f => f.csv.headers.map(h => [normal(h), f] as const)));
const BY_PREFIX = CSV_FIELDS.flatMap(f => (f.csv.prefixes ?? []).map(p => [normal(p), f] as const));
const SECURITY_PROFILES = CSV_FIELDS.find(f => f.kind === 'references')!;

/**
 * The setting of a column: the columns of Amazon Connect's bulk user upload template (admin website: Users →
 * Add new users → Upload my users from a template), matched by their header after lower-casing and
 * collapsing spaces, with the short forms people write; then the roster's extra columns. Evidence: library.
 */
export function fieldOfHeader(header: string): Field | undefined {
  const h = normal(header);
  return BY_HEADER.get(h) ?? BY_PREFIX.find(([p]) => h.startsWith(p))?.[1];
}

/** How errors name a column's cell. */
const nameOf = (f: Field & { csv: CsvColumn }) => f.csv.name ?? f.csv.headers[0];

/** Every column the reader accepts, with the other headers read as it, as the header error lists them. */
const ACCEPTED_COLUMNS = CSV_FIELDS.map(f => {
  const also = [...f.csv.headers.slice(1), ...(f.csv.prefixes ?? []).map(p => `any header starting with ${p}`)];
  return also.length === 0 ? f.csv.headers[0] : `${f.csv.headers[0]} (or ${also.join(', or ')})`;
}).join(', ');

const REQUIRED = CSV_FIELDS.filter(f => f.required);

/**
 * How the CSV is read. Evidence: library (the CSV format, RFC 4180, as csv-parse reads it).
 */
const CSV_OPTIONS = {
  // Per record, `info.bytes` is where it ends: the next record starts there (see LineCounter).
  info: true,
  trim: true,
  bom: true,
  // A row with more cells than the header is reported below, with its row.
  relax_column_count: true,
  // Evidence: library. Lines end in CRLF, LF or CR, mixed in one file (an editor may keep the template's
  // CRLF header and add LF rows): csv-parse would otherwise take the first line end it meets for all.
  record_delimiter: ['\r\n', '\n', '\r'],
  // Blank lines come out as records of one empty cell and are skipped below, so that every record
  // starts where the previous one ended.
  skip_empty_lines: false,
};

/**
 * The line (1-based) of byte offsets of the CSV, asked in increasing order: one pass over the text
 * in all. CRLF, LF and CR each end a line, also inside a quoted cell. csv-parse's own line count
 * gives the line where a record ends, and counts a CRLF as two lines inside a quoted cell or where
 * CRLF is not the record delimiter.
 */
class LineCounter {
  private line = 1;
  private pos = 0;

  constructor(private readonly bytes: Buffer) {}

  public lineAt(offset: number): number {
    const b = this.bytes;
    for (; this.pos < offset; this.pos++) {
      const c = b[this.pos];
      // LF, or a CR that no LF follows (a CRLF counts at its LF).
      if (c === 0x0a || (c === 0x0d && b[this.pos + 1] !== 0x0a)) this.line++;
    }
    return this.line;
  }
}

type CsvRecord = { record: string[]; info: { bytes: number } };

/**
 * A cell's value as the options take it, by the kind of its setting; a bad cell
 * is recorded in `errors` and gives no value. Evidence: library (the template's own values).
 */
function valueOf(f: Field & { csv: CsvColumn }, cell: string, allowPlaintextPasswords: boolean, errors: string[]): unknown {
  switch (f.kind) {
    case 'boolean': return yesNoCell(cell, nameOf(f), errors);
    case 'seconds': return secondsCell(cell, nameOf(f), errors);
    case 'phoneType': return phoneTypeCell(cell, errors);
    case 'proficiencies': {
      const found = proficienciesCell(cell, errors);
      return found && proficienciesOf(found.map(p => ({ attributeName: p.name, attributeValue: p.value, level: p.level })));
    }
    case 'tags': return tagsCell(cell, errors);
    case 'password':
      checkPasswordCell(cell, allowPlaintextPasswords, errors);
      return allowPlaintextPasswords ? UserPassword.unsafePlainText(cell) : undefined;
    default: return cell;
  }
}

/**
 * Parses bulk-upload CSV text into agent specs. Every problem is returned (with
 * its line) rather than thrown, so that the roster reports them all at once.
 * A row's line is where its record starts (the header is line 1), also when a
 * quoted cell holds a line break.
 */
export function parseRosterCsv(csv: string, allowPlaintextPasswords: boolean): { rows: RosterRow[]; errors: string[] } {
  const errors: string[] = [];
  // Parsed as UTF-8 bytes, as csv-parse would, so that its byte offsets index this buffer.
  const bytes = Buffer.from(csv, 'utf8');
  let parsed: CsvRecord[];
  try {
    parsed = parse(bytes, CSV_OPTIONS) as unknown as CsvRecord[];
  } catch (e) {
    return { rows: [], errors: [parseError(bytes, e)] };
  }
  const lines = new LineCounter(bytes);
  const records: Array<{ record: string[]; line: number }> = [];
  let start = 0;
  for (const { record, info } of parsed) {
    const line = lines.lineAt(start);
    start = info.bytes;
    // A blank line (or only spaces): nothing to read.
    if (record.length === 1 && record[0] === '') continue;
    records.push({ record, line });
  }
  if (records.length === 0) {
    return { rows: [], errors: ['the CSV is empty; expected a header row and one row per agent'] };
  }
  const [header, ...data] = records;
  const columns = header.record.map(fieldOfHeader);
  header.record.forEach((h, i) => {
    if (columns[i] === undefined) {
      errors.push(`header: column '${h}' is not a column the roster reads; expected one of: ${ACCEPTED_COLUMNS} (case and spacing do not matter)`);
    }
  });
  for (const f of REQUIRED) {
    if (!columns.includes(f)) errors.push(`header: column '${f.csv.headers[0].toLowerCase()}' is missing`);
  }
  // Every field but the security profiles has one value: two columns for it are refused (see
  // checkOneColumn). An agent has several security profiles, which the template writes as `a|b` in
  // its one `security_profile_name_1|security_profile_name_2` column, and which other versions of the
  // template (and people) write in numbered columns `security_profile_name_1`,
  // `security_profile_name_2`, …: every such column is read, and each non-empty cell adds its
  // profiles, in column order. (A profile named twice is then reported by the user's checks.)
  const profileColumns: number[] = [];
  for (const field of new Set(columns)) {
    if (field === undefined) continue;
    const positions = columns.flatMap((f, i) => f === field ? [i] : []);
    if (field === SECURITY_PROFILES) {
      profileColumns.push(...positions);
    } else {
      checkOneColumn(nameOf(field as Field & { csv: CsvColumn }), positions.map(i => header.record[i]), positions.map(i => i + 1), errors);
    }
  }
  if (errors.length > 0) return { rows: [], errors };

  const rows: RosterRow[] = [];
  for (const { record, line } of data) {
    const cells = new Map<Field, string>();
    columns.forEach((field, i) => {
      const v = record[i];
      if (field && field !== SECURITY_PROFILES && v !== undefined && v !== '') cells.set(field, v);
    });
    const securityProfiles: string[] = [];
    for (const i of profileColumns) {
      const v = record[i];
      if (v === undefined || v === '') continue;
      for (const name of v.split('|')) {
        const trimmed = name.trim();
        if (trimmed.length > 0) securityProfiles.push(trimmed);
      }
    }
    const rowErrors: string[] = [];
    // First: with a cell too many or too few, the row's other problems may come from cells read as the wrong column.
    checkCellCount(record.length, columns.length, rowErrors);
    // Every cell is read, whatever the others hold: a row's problems are all reported at once.
    const values: Array<readonly [Field, unknown]> = [[SECURITY_PROFILES, securityProfiles]];
    for (const [f, cell] of cells) values.push([f, valueOf(f as Field & { csv: CsvColumn }, cell, allowPlaintextPasswords, rowErrors)]);
    const text = (prop: string) => [...cells].find(([f]) => f.prop === prop)?.[1];
    checkRequiredCells({ username: text('username'), routingProfile: text('routingProfile') }, rowErrors);
    rows.push({ line, errors: rowErrors, spec: specOf(values) });
  }
  return { rows, errors };
}

/**
 * The error for CSV that csv-parse refuses: the line where the faulty cell starts, its column, and
 * the kind of problem. Never csv-parse's message: it quotes the cell, which may be a password.
 */
function parseError(bytes: Buffer, e: unknown): string {
  const { code, bytes: at, column } = e as { code?: unknown; bytes?: unknown; column?: unknown };
  const problem = csvQuoteProblem(code);
  // csv-parse's `bytes` is where the faulty cell's record starts, or the comma before the cell. A
  // quote problem is in a cell that starts with a quote or has one where it should not, and only
  // spaces may come before the opening quote: the first quote from there on is in that cell. (Its own
  // line count gives where the text ends for an unclosed quote, and may count a CRLF as two lines.)
  let where = typeof at === 'number' ? at : undefined;
  if (problem !== undefined && where !== undefined) {
    const quote = bytes.indexOf(0x22, where);
    where = quote >= 0 ? quote : undefined;
  }
  const parts: string[] = [];
  if (where !== undefined) parts.push(`line ${new LineCounter(bytes).lineAt(where)}`);
  if (typeof column === 'number') {
    const name = headerCells(bytes, where)?.[column];
    parts.push(`column ${column + 1}${name ? ` (${name})` : ''}`);
  }
  const kind = problem ?? `csv-parse error ${typeof code === 'string' && /^[A-Z_]+$/.test(code) ? code : 'without a code'}`;
  return `the CSV cannot be parsed: ${parts.length > 0 ? `${parts.join(', ')}: ` : ''}${kind}`;
}

/** The header's cells, when the header ends before byte `before` and parses: the names of the columns. */
function headerCells(bytes: Buffer, before: number | undefined): string[] | undefined {
  if (before === undefined) return undefined;
  try {
    const [header] = parse(bytes, { ...CSV_OPTIONS, skip_empty_lines: true, to: 1 }) as unknown as CsvRecord[];
    return header !== undefined && header.info.bytes <= before ? header.record : undefined;
  } catch {
    return undefined;
  }
}
