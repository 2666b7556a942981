import { CsvSyntaxError, readCsv } from './csv-text';
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
  const read = readCsv(csv);
  if (read.error) return { rows: [], errors: [parseError(read.error, read.records)] };
  // A blank line (or only spaces): nothing to read.
  const records = read.records.filter(r => !(r.cells.length === 1 && r.cells[0] === '')).map(r => ({ record: r.cells, line: r.line }));
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
 * The error for CSV that cannot be read: the line where the faulty cell's quote is, its column (named by the
 * header when the header was read before it), and the kind of problem. Never the cell's text: it may be a password.
 */
function parseError(error: CsvSyntaxError, before: ReadonlyArray<{ readonly cells: string[] }>): string {
  const header = before.find(r => !(r.cells.length === 1 && r.cells[0] === ''));
  const name = header?.cells[error.column];
  return `the CSV cannot be parsed: line ${error.line}, column ${error.column + 1}${name ? ` (${name})` : ''}: ${csvQuoteProblem(error.problem)}`;
}
