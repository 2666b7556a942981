/**
 * The README is for the library's users, and says everything they can type: this checks
 *   - its sections, in the consumer's order (what it is, install, quick start, features, rosters,
 *     adopting, later deploys, the CLI, limits; then the contributor's set-up, changes, API);
 *   - every command of `cdk-connect-user` (from src/cli/main.ts's routing) is named in the README and
 *     has a section in docs/cli.md that names each of its options (from the command's option table);
 *   - every CSV column and every other header read as it (from the field table,
 *     src/private/user/fields.ts, as src/private/roster/csv.ts reads it) is in the README;
 *   - every relative link of the README, CONTRIBUTING.md and docs/*.md leads to a file, and its
 *     `#anchor` to a heading (or `<a id>`) of that file.
 *
 *   ts-node scripts/check-readme.ts      (npx projen docs:check runs it; test/check-docs.test.ts too)
 *
 * The lists come from the code, so a new command, option, column or alias fails this check until the
 * docs name it. Prints each problem and exits 1 when there is one.
 */
import * as fs from 'fs';
import * as path from 'path';
import { COMMANDS } from '../src/cli/main';
import { CSV_FIELDS } from '../src/private/roster/csv';

const ROOT = path.resolve(__dirname, '..');

/** The README's `## ` sections, in order: the consumer's path first, then the contributor's. */
export const SECTIONS: readonly string[] = [
  'Install',
  'Quick start',
  'Features',
  'Rosters: thousands of agents from a spreadsheet',
  'Adopting users created in the console',
  'Later deploys: what a change does',
  'The `cdk-connect-user` command',
  'Limits and known CloudFormation behaviours',
  'Developing this library',
  'Changes',
  'API reference',
];

/** A command as the check needs it: its name and its options' names (src/cli/commands/<name>.ts). */
export interface CommandFacts {
  readonly name: string;
  readonly options: readonly string[];
}

/** A CSV field as the check needs it: its column (the first header) and the other names read as it. */
export interface ColumnFacts {
  readonly column: string;
  readonly aliases: readonly string[];
}

/** What the code says is there to document. */
export interface Facts {
  readonly commands: readonly CommandFacts[];
  readonly columns: readonly ColumnFacts[];
}

/** The facts of this repository's code. */
export function codeFacts(): Facts {
  return {
    commands: COMMANDS.map(c => ({ name: c.name, options: Object.keys(c.options) })),
    columns: CSV_FIELDS.map(f => ({ column: f.csv.headers[0], aliases: [...f.csv.headers.slice(1), ...(f.csv.prefixes ?? [])] })),
  };
}

/** A markdown file's text without its fenced code blocks (whose headings and links are not headings and links). */
function prose(text: string): string {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
}

/** The `#`-headings of a markdown file: level and text. */
export function headings(text: string): Array<{ level: number; text: string }> {
  return [...prose(text).matchAll(/^(#{1,6}) +(.+?) *#*$/gm)].map(m => ({ level: m[1].length, text: m[2] }));
}

/** GitHub's anchor for a heading: lower case, punctuation dropped (but `-` and `_`), each space a `-`. */
export function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\p{M} _-]/gu, '').replace(/ /g, '-');
}

/** Every anchor of a markdown file: its headings' (a repeated one gets `-1`, `-2`, …) and its `<a id>`s. */
export function anchors(text: string): Set<string> {
  const found = new Set<string>();
  const seen = new Map<string, number>();
  for (const h of headings(text)) {
    const base = slug(h.text);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    found.add(n === 0 ? base : `${base}-${n}`);
  }
  for (const m of text.matchAll(/<a id="([^"]+)"/g)) found.add(m[1]);
  return found;
}

/** The README's `## ` sections against {@link SECTIONS}: a missing, unexpected or misplaced one. */
export function sectionProblems(readme: string): string[] {
  const found = headings(readme).filter(h => h.level === 2).map(h => h.text);
  if (JSON.stringify(found) === JSON.stringify(SECTIONS)) return [];
  const problems: string[] = [];
  for (const s of SECTIONS) if (!found.includes(s)) problems.push(`README.md: no section '## ${s}'`);
  for (const s of found) if (!SECTIONS.includes(s)) problems.push(`README.md: section '## ${s}' is not one of the README's sections (${SECTIONS.join(' · ')}); make it a ### under one of them`);
  const common = found.filter(s => SECTIONS.includes(s));
  const expected = SECTIONS.filter(s => found.includes(s));
  if (JSON.stringify(common) !== JSON.stringify(expected)) {
    problems.push(`README.md: sections in the order ${common.map(s => `'${s}'`).join(', ')}; expected ${expected.map(s => `'${s}'`).join(', ')}`);
  }
  return problems;
}

/** The text of a `## ` section of docs/cli.md whose heading names the command in backquotes. */
function commandSection(cliDoc: string, name: string): string | undefined {
  const parts = cliDoc.split(/^(?=## )/m);
  return parts.find(p => new RegExp(`^## \`${name.replace(/[-]/g, '\\-')}\``).test(p));
}

/** Every command is named in the README, and has a section in docs/cli.md that names each of its options. */
export function commandProblems(readme: string, cliDoc: string, commands: readonly CommandFacts[]): string[] {
  const problems: string[] = [];
  for (const c of commands) {
    if (!readme.includes(`cdk-connect-user ${c.name}`)) problems.push(`README.md: the command '${c.name}' is not named ('cdk-connect-user ${c.name}')`);
    const section = commandSection(cliDoc, c.name);
    if (section === undefined) {
      problems.push(`docs/cli.md: no section for the command '${c.name}' (a '## \`${c.name}\`…' heading)`);
      continue;
    }
    for (const o of c.options) {
      if (!new RegExp(`--${o}(?![\\w-])`).test(section)) problems.push(`docs/cli.md: the section of '${c.name}' does not name its option '--${o}'`);
    }
  }
  return problems;
}

/** Every CSV column and every other name read as it appears in the README, in backquotes (`|` as `\|` in tables). */
export function columnProblems(readme: string, columns: readonly ColumnFacts[]): string[] {
  const named = (n: string) => readme.includes(`\`${n}\``) || readme.includes(`\`${n.replace(/\|/g, '\\|')}\``)
    // A prefix is documented as the start of a header: `security profile…`.
    || readme.includes(`\`${n}…\``);
  const problems: string[] = [];
  for (const c of columns) {
    if (!named(c.column)) problems.push(`README.md: the CSV column '${c.column}' is not documented`);
    for (const a of c.aliases) if (!named(a)) problems.push(`README.md: '${a}', read as the CSV column '${c.column}', is not documented`);
  }
  return problems;
}

/**
 * Every relative link of the given files (path → text) leads to a file that exists, and its anchor to a
 * heading of the linked markdown file. Links to the web are not followed.
 */
export function linkProblems(files: ReadonlyMap<string, string>, exists: (file: string) => boolean): string[] {
  const problems: string[] = [];
  for (const [file, text] of files) {
    for (const m of prose(text).replace(/`[^`\n]*`/g, '').matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1];
      if (/^[a-z]+:/i.test(target)) continue;
      const [where, anchor] = target.split('#', 2) as [string, string | undefined];
      const linked = where === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), where));
      if (where !== '' && !exists(linked)) {
        problems.push(`${file}: link '${target}': no file ${linked}`);
        continue;
      }
      if (anchor === undefined || !linked.endsWith('.md')) continue;
      const linkedText = files.get(linked) ?? (exists(linked) ? fs.readFileSync(path.join(ROOT, linked), 'utf8') : '');
      if (!anchors(linkedText).has(anchor)) problems.push(`${file}: link '${target}': ${linked} has no heading with the anchor '#${anchor}'`);
    }
  }
  return problems;
}

/** The documentation files whose links are checked, by path from the repository's root. */
export function docFiles(root = ROOT): Map<string, string> {
  const names = ['README.md', 'CONTRIBUTING.md', ...fs.readdirSync(path.join(root, 'docs')).filter(f => f.endsWith('.md')).map(f => `docs/${f}`)];
  return new Map(names.map(n => [n, fs.readFileSync(path.join(root, n), 'utf8')]));
}

/** Every problem of this repository's README and docs. */
export function readmeProblems(files: ReadonlyMap<string, string>, facts: Facts, exists: (file: string) => boolean): string[] {
  const readme = files.get('README.md') ?? '';
  return [
    ...sectionProblems(readme),
    ...commandProblems(readme, files.get('docs/cli.md') ?? '', facts.commands),
    ...columnProblems(readme, facts.columns),
    ...linkProblems(files, exists),
  ];
}

function main(): void {
  const problems = readmeProblems(docFiles(), codeFacts(), f => fs.existsSync(path.join(ROOT, f)));
  if (problems.length > 0) {
    for (const p of problems) console.error(p);
    console.error(`${problems.length} problem(s) in README.md, CONTRIBUTING.md and docs/ (scripts/check-readme.ts)`);
    process.exit(1);
  }
  console.log('README.md: sections in order; every command, option, CSV column and alias documented; every link resolves.');
}

if (require.main === module) main();
