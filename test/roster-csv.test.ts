import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
// The package first: the parser's rules import phone-config, which needs the package's load order.
import '../src';
import { CSV_FIELDS, fieldOfHeader, parseRosterCsv } from '../src/private/roster/csv';

const HEADER = 'first name,last name,email address,password,user login,routing profile name,security_profile_name_1|security_profile_name_2,phone type (soft/desk),phone number,soft phone auto accept (yes/no),ACW timeout (seconds),user hierarchy';
const row = (login: string, extra: { first?: string; type?: string; pw?: string } = {}) =>
  [extra.first ?? 'Agent', login, `${login}@example.com`, extra.pw ?? '', login, 'Basic', 'Agent', extra.type ?? 'soft', '', 'yes', '30', ''].join(',');
const parse = (csv: string, allowPlaintextPasswords = true) => parseRosterCsv(csv, allowPlaintextPasswords);
/** The CSV's errors, then its rows' (as the roster labels them). */
const errorsOf = (csv: string) => {
  const parsed = parse(csv);
  return [...parsed.errors, ...parsed.rows.flatMap(r => r.errors.map(e => `row ${r.line}: ${e}`))];
};
const lines = (csv: string) => parse(csv).rows.map(r => [r.line, r.spec.username]);

describe('parseRosterCsv line endings', () => {
  it('splits lines ending in CRLF, LF or CR, in any mix, and numbers them from the header (line 1)', () => {
    // A CRLF header with LF rows (an editor that kept the template's first line).
    const crlfHeader = parse(`${HEADER}\r\n${row('alice')}\n${row('bob')}\n`);
    expect(crlfHeader.errors).toEqual([]);
    expect(crlfHeader.rows.map(r => [r.line, r.spec.username])).toEqual([[2, 'alice'], [3, 'bob']]);
    // An LF header with CRLF rows, and every kind of line end at once.
    expect(lines(`${HEADER}\n${row('alice')}\r\n${row('bob')}\r\n`)).toEqual([[2, 'alice'], [3, 'bob']]);
    expect(lines(`${HEADER}\r${row('alice')}\r\n${row('bob')}\n${row('carol')}\r${row('dave')}`))
      .toEqual([[2, 'alice'], [3, 'bob'], [4, 'carol'], [5, 'dave']]);
  });

  it('cites the line of a row error in a file that mixes line ends', () => {
    expect(errorsOf(`${HEADER}\n${row('alice')}\r\n${row('bob', { type: 'mobile' })}\r\n`))
      .toEqual(["row 3: phone type 'mobile' is not soft or desk"]);
  });

  it('counts blank lines, and skips them', () => {
    expect(lines(`\r\n${HEADER}\r\n\r\n${row('alice')}\n   \n\n${row('bob')}\r\n\r\n`)).toEqual([[4, 'alice'], [7, 'bob']]);
  });
});

describe('parseRosterCsv records over several lines', () => {
  it('cites the line where a record starts, not where it ends', () => {
    const csv = [HEADER, row('alice', { first: '"Ann\nMarie"', type: 'mobile' }), row('bob', { type: 'mobile' })].join('\n');
    expect(errorsOf(csv)).toEqual(["row 2: phone type 'mobile' is not soft or desk", "row 4: phone type 'mobile' is not soft or desk"]);
    expect(lines([HEADER, row('alice', { first: '"Ann\nMarie"' }), row('bob')].join('\n'))).toEqual([[2, 'alice'], [4, 'bob']]);
  });

  it('counts a CRLF inside a quoted cell as one line end, and keeps it in the value', () => {
    const csv = [HEADER, row('alice', { first: '"Ann\r\nMarie"', type: 'mobile' }), row('bob', { type: 'mobile' })].join('\r\n');
    expect(errorsOf(csv)).toEqual(["row 2: phone type 'mobile' is not soft or desk", "row 4: phone type 'mobile' is not soft or desk"]);
    expect(parse([HEADER, row('alice', { first: '"Ann\r\nMarie"' })].join('\r\n')).rows[0].spec.identityInfo?.firstName).toBe('Ann\r\nMarie');
  });
});

describe('parseRosterCsv columns', () => {
  it('rejects two columns for the same single-valued field, naming both', () => {
    const { rows, errors } = parse('user login,routing profile,security profile,username\nalice,Basic,Agent,bob');
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      "header: columns 'user login' (column 1) and 'username' (column 4) are both the user login; expected one column per field",
    ]);
    expect(parse('Phone Type,user login,routing profile,security profile,phone type (soft/desk),PHONE TYPE\nsoft,a,Basic,Agent,desk,soft').errors).toEqual([
      "header: columns 'Phone Type' (column 1), 'phone type (soft/desk)' (column 5) and 'PHONE TYPE' (column 6) are all the phone type; expected one column per field",
    ]);
  });

  it('merges numbered security profile columns: every non-empty cell adds its profiles', () => {
    const csv = [
      'user login,routing profile,security_profile_name_1,security_profile_name_2,security profile',
      'alice,Basic,Agent,Supervisor,',
      'bob,Basic,,Supervisor,',
      'carol,Basic,Agent|Admin,,Supervisor',
    ].join('\n');
    const { rows, errors } = parse(csv);
    expect(errors).toEqual([]);
    expect(rows.map(r => [r.spec.username, r.spec.securityProfiles])).toEqual([
      ['alice', ['Agent', 'Supervisor']],
      ['bob', ['Supervisor']],
      ['carol', ['Agent', 'Admin', 'Supervisor']],
    ]);
  });
});

describe('the columns the README documents are those the reader accepts (from the field table)', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8').split('\n');
  const start = readme.indexOf('| column | also read as | example | what it sets |');
  /** The README's table of CSV columns: each row's column, the names also read as it, and its cells. */
  const table = readme.slice(start + 2, readme.findIndex((l, i) => i > start && !l.startsWith('|'))).map(line => {
    const cells = line.slice(1, -1).split(/(?<!\\)\|/).map(c => c.trim());
    const names = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map(m => m[1].replace(/\\\|/g, '|'));
    return { column: names(cells[0]), also: names(cells[1]), sets: cells[3] };
  });

  it('has one row per column of the field table, in its order, with every header and alias', () => {
    expect(start).toBeGreaterThan(0);
    expect(table.map(r => r.column)).toEqual(CSV_FIELDS.map(f => [f.csv.headers[0]]));
    for (const [i, f] of CSV_FIELDS.entries()) {
      expect(table[i].also, f.prop).toEqual([...f.csv.headers.slice(1), ...(f.csv.prefixes ?? []).map(p => `${p}…`)]);
      expect(table[i].sets, f.prop).toContain(`\`${f.prop}\``);
    }
  });

  it('each documented name is read as its column, whatever its case and spacing', () => {
    for (const [i, f] of CSV_FIELDS.entries()) {
      for (const name of [...table[i].column, ...table[i].also].map(n => n.replace(/…$/, '_2'))) {
        expect(fieldOfHeader(name), name).toBe(f);
        expect(fieldOfHeader(` ${name.toUpperCase().replace(/ /g, '  ')} `), name).toBe(f);
      }
    }
  });

  it("names every column and alias in an unknown column's error", () => {
    const { errors } = parse('user login,routing profile name,security profile,phone extension\nalice,Basic,Agent,42');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^header: column 'phone extension' is not a column the roster reads; expected one of: first name, last name, email address \(or email\), /);
    for (const name of [...CSV_FIELDS.flatMap(f => f.csv.headers), 'security_profile_name', 'security profile']) expect(errors[0]).toContain(name);
  });
});

describe('parseRosterCsv quotes', () => {
  it('reports an unclosed quote at the line where the quoted cell starts', () => {
    const csv = [HEADER, row('alice'), row('bob'), row('carol', { first: '"Carol' }), row('dave'), row('erin')].join('\n');
    const { rows, errors } = parse(csv);
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      'the CSV cannot be parsed: line 4, column 1 (first name): the quote that opens this cell is never closed; '
      + 'expected a closing quote (") at the end of the cell, and every quote inside it doubled ("")',
    ]);
    // Also when the cell is not the row's first, in a CRLF file, after a record over two lines.
    const crlf = [HEADER, row('alice', { first: '"Ann\r\nMarie"' }), row('bob'), 'x,y,z,,"carol', row('dave')].join('\r\n');
    expect(parse(crlf).errors[0]).toMatch(/^the CSV cannot be parsed: line 5, column 5 \(user login\): the quote that opens this cell is never closed/);
  });

  const PASSWORD = 'Hx4Qzv"9Wkp7JdT';
  /** Every 4-character piece of the password cell: none may appear in an error. */
  const pieces = (secret: string) => Array.from({ length: secret.length - 3 }, (_, i) => secret.slice(i, i + 4));

  it.each([
    ['a stray quote', PASSWORD, 'a quote (") inside a cell that does not start with one; expected the whole cell in quotes, with every quote inside it doubled ("")'],
    ['a quote that ends a quoted cell too early', `"${PASSWORD}"`, 'a quote (") inside this quoted cell is followed by more text; expected a comma or a line end after the closing quote, and every quote inside the cell doubled ("")'],
    ['a quote never closed', '"Hx4Qzv9Wkp7JdT', 'the quote that opens this cell is never closed; expected a closing quote (") at the end of the cell, and every quote inside it doubled ("")'],
  ])('never shows a password cell with %s, nor any other raw input', (_, cell, problem) => {
    for (const allowed of [true, false]) {
      const { errors } = parse([HEADER, row('alice'), row('bob', { pw: cell })].join('\n'), allowed);
      expect(errors).toHaveLength(1);
      for (const piece of pieces(cell.replace(/^"|"$/g, ''))) expect(errors[0]).not.toContain(piece);
      expect(errors[0]).toBe(`the CSV cannot be parsed: line 3, column 4 (password): ${problem}`);
    }
  });

  it('reports a quote problem in the header by line and column number', () => {
    expect(parse('user login,rout"ing profile,security profile\nalice,Basic,Agent').errors).toEqual([
      'the CSV cannot be parsed: line 1, column 2: a quote (") inside a cell that does not start with one; expected the whole cell in quotes, with every quote inside it doubled ("")',
    ]);
  });
});
