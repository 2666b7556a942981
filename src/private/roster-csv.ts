import { SecretValue } from 'aws-cdk-lib';
import { parse } from 'csv-parse/sync';
import { RosterUserSpec } from '../roster';
import { checkPasswordCell, checkRequiredCells, phoneTypeCell, secondsCell, yesNoCell } from './rules/roster';

/** A parsed row: its line in the CSV (the header is line 1) and the agent it describes. */
export interface RosterRow {
  readonly line: number;
  readonly spec: RosterUserSpec;
}

type Field = 'firstName' | 'lastName' | 'email' | 'password' | 'username' | 'routingProfile' | 'securityProfiles'
| 'phoneType' | 'phoneNumber' | 'autoAccept' | 'acw' | 'hierarchyGroup';

/**
 * The columns of Amazon Connect's bulk user upload template (admin website: Users →
 * Add new users → Upload my users from a template), matched by their header
 * after lower-casing and collapsing spaces, with the short forms people write.
 */
function fieldOf(header: string): Field | undefined {
  const h = header.trim().toLowerCase().replace(/\s+/g, ' ');
  if (h.startsWith('security_profile_name') || h.startsWith('security profile')) return 'securityProfiles';
  const fields: Record<string, Field> = {
    'first name': 'firstName',
    'last name': 'lastName',
    'email address': 'email',
    'email': 'email',
    'password': 'password',
    'user login': 'username',
    'username': 'username',
    'routing profile name': 'routingProfile',
    'routing profile': 'routingProfile',
    'phone type (soft/desk)': 'phoneType',
    'phone type': 'phoneType',
    'phone number': 'phoneNumber',
    'soft phone auto accept (yes/no)': 'autoAccept',
    'auto accept': 'autoAccept',
    'acw timeout (seconds)': 'acw',
    'acw timeout': 'acw',
    'user hierarchy': 'hierarchyGroup',
    'userhierarchy': 'hierarchyGroup',
    'hierarchy group': 'hierarchyGroup',
  };
  return fields[h];
}

const REQUIRED: Array<[Field, string]> = [['username', 'user login'], ['routingProfile', 'routing profile name'], ['securityProfiles', 'security_profile_name_1|security_profile_name_2']];

/**
 * Parses bulk-upload CSV text into agent specs. Every problem is returned (with
 * its line) rather than thrown, so that the roster reports them all at once.
 */
export function parseRosterCsv(csv: string, allowPlaintextPasswords: boolean): { rows: RosterRow[]; errors: string[] } {
  const errors: string[] = [];
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(csv, { info: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: true }) as any;
  } catch (e) {
    return { rows: [], errors: [`the CSV cannot be parsed: ${(e as Error).message}`] };
  }
  if (records.length === 0) {
    return { rows: [], errors: ['the CSV is empty; expected a header row and one row per agent'] };
  }
  const [header, ...data] = records;
  const columns = header.record.map(fieldOf);
  header.record.forEach((h, i) => {
    if (columns[i] === undefined) errors.push(`header: column '${h}' is not a column of Amazon Connect's bulk user upload template`);
  });
  for (const [field, name] of REQUIRED) {
    if (!columns.includes(field)) errors.push(`header: column '${name}' is missing`);
  }
  if (errors.length > 0) return { rows: [], errors };

  const rows: RosterRow[] = [];
  for (const { record, info } of data) {
    const line = info.lines;
    const cell: Partial<Record<Field, string>> = {};
    columns.forEach((field, i) => {
      const v = record[i];
      if (field && v !== undefined && v !== '') cell[field] = v;
    });
    const rowErrors: string[] = [];
    if (record.length > columns.length) rowErrors.push(`${record.length} cells but the header has ${columns.length} columns`);
    const phoneType = phoneTypeCell(cell.phoneType, rowErrors);
    const autoAccept = yesNoCell(cell.autoAccept, 'soft phone auto accept', rowErrors);
    const acw = secondsCell(cell.acw, 'ACW timeout', rowErrors);
    checkPasswordCell(cell.password, allowPlaintextPasswords, rowErrors);
    checkRequiredCells(cell, rowErrors);
    if (rowErrors.length > 0) {
      errors.push(...rowErrors.map(e => `row ${line}: ${e}`));
      continue;
    }
    rows.push({
      line,
      spec: {
        username: cell.username!,
        routingProfile: cell.routingProfile!,
        securityProfiles: (cell.securityProfiles ?? '').split('|').map(s => s.trim()).filter(s => s.length > 0),
        hierarchyGroup: cell.hierarchyGroup,
        firstName: cell.firstName,
        lastName: cell.lastName,
        email: cell.email,
        phoneType,
        deskPhoneNumber: cell.phoneNumber,
        autoAccept,
        afterContactWorkTimeLimit: acw,
        password: cell.password === undefined ? undefined : SecretValue.unsafePlainText(cell.password),
      },
    });
  }
  return { rows, errors };
}
