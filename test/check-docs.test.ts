import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, test } from 'vitest';
import { AssemblyType, docProblems, triage } from '../scripts/check-docs';
import {
  anchors, codeFacts, columnProblems, commandProblems, docFiles, linkProblems, readmeProblems, sectionProblems, slug,
} from '../scripts/check-readme';

const loc = { filename: 'src/widget.ts', line: 7 };
const scopeParams = [
  { name: 'scope', docs: { summary: 'Scope.' }, type: { fqn: 'constructs.Construct' } },
  { name: 'id', docs: { summary: 'Id.' } },
];

/** A fully documented construct, its props and an enum; tests take one thing away. */
function documented(): AssemblyType[] {
  return [
    {
      kind: 'class',
      name: 'Widget',
      locationInModule: loc,
      docs: { summary: 'A widget.', see: 'https://docs.aws.amazon.com/connect/latest/APIReference/API_CreateUser.html' },
      initializer: { parameters: scopeParams },
      properties: [{ name: 'widgetArn', docs: { summary: 'The ARN.' } }],
      methods: [{ name: 'grant', docs: { summary: 'Grants.' }, parameters: [{ name: 'grantee', docs: { summary: 'Who.' } }] }],
    },
    {
      kind: 'interface',
      name: 'WidgetProps',
      datatype: true,
      locationInModule: loc,
      docs: { summary: 'Props.', see: 'https://docs.aws.amazon.com/connect/latest/adminguide/user-management.html' },
      properties: [{ name: 'size', optional: true, docs: { summary: 'Size.', default: '- small' } }],
    },
    {
      kind: 'enum',
      name: 'Colour',
      locationInModule: loc,
      docs: { summary: 'A colour.', see: 'https://docs.aws.amazon.com/connect/latest/APIReference/API_UserPhoneConfig.html' },
      members: [{ name: 'RED', docs: { summary: 'Red.' } }],
    },
  ];
}

describe('docProblems', () => {
  test('a fully documented assembly has none', () => {
    expect(docProblems(documented())).toEqual([]);
  });

  test.each([
    ['a type summary', (t: AssemblyType[]) => { (t[0].docs as any).summary = undefined; }, /Widget: no summary/],
    ['a property summary', (t: AssemblyType[]) => { (t[0].properties![0] as any).docs = {}; }, /Widget\.widgetArn: no summary/],
    ['a method summary', (t: AssemblyType[]) => { (t[0].methods![0] as any).docs = {}; }, /Widget\.grant\(\): no summary/],
    ['a parameter description', (t: AssemblyType[]) => { (t[0].methods![0].parameters![0] as any).docs = undefined; }, /parameter 'grantee'/],
    ['an enum member summary', (t: AssemblyType[]) => { (t[2].members![0] as any).docs = {}; }, /Colour\.RED: no summary/],
    ['an optional property @default', (t: AssemblyType[]) => { (t[1].properties![0].docs as any).default = undefined; }, /WidgetProps\.size: optional but no @default/],
    ['a construct @see', (t: AssemblyType[]) => { (t[0].docs as any).see = undefined; }, /Widget: no @see .* construct/],
    ['a props @see', (t: AssemblyType[]) => { (t[1].docs as any).see = 'https://example.com/'; }, /WidgetProps: no @see .* props interface/],
    ['an enum @see', (t: AssemblyType[]) => { (t[2].docs as any).see = undefined; }, /Colour: no @see .* enum/],
  ])('names the member when %s is missing', (_what, remove, message) => {
    const types = documented();
    remove(types);
    const problems = docProblems(types);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^src\/widget\.ts:7 /);
    expect(problems[0]).toMatch(message);
  });

  test('reports a stray @ that jsii read as a tag', () => {
    const types = documented();
    (types[0].properties![0].docs as any).custom = { '': 'rest of the comment' };
    expect(docProblems(types)).toEqual([expect.stringMatching(/Widget\.widgetArn: a stray '@'/)]);
  });
});

describe('triage', () => {
  test('known gaps pass, new problems fail, fixed gaps must be deleted from the list', () => {
    const problems = ['src/a.ts:1 A: no @see x', 'src/b.ts:2 B.c: no summary'];
    expect(triage(problems, ['A: no @see', 'D: no @see'])).toEqual({
      fresh: ['src/b.ts:2 B.c: no summary'],
      stale: ['D: no @see'],
    });
  });
});

describe('scripts/check-readme: the README for consumers, and every command, option, column and alias documented', () => {
  const files = docFiles();
  const facts = codeFacts();
  const exists = (f: string) => fs.existsSync(path.join(__dirname, '..', f));
  const readme = files.get('README.md')!;
  const cliDoc = files.get('docs/cli.md')!;
  /** The docs with README.md (or another file) changed. */
  const withFile = (name: string, text: string) => new Map([...files, [name, text]]);

  test("this repository's README and docs have no problem", () => {
    expect(readmeProblems(files, facts, exists)).toEqual([]);
  });

  test('the lists come from the code: every command of the routing, every column and alias of the field table', () => {
    expect(facts.commands.map(c => c.name).sort()).toEqual(['export', 'import-mapping', 'import-roster', 'plan', 'preflight', 'version']);
    expect(facts.commands.find(c => c.name === 'import-roster')!.options).toContain('connect-endpoint-url');
    expect(facts.columns.map(c => c.column)).toContain('user login');
    expect(facts.columns.flatMap(c => c.aliases)).toEqual(expect.arrayContaining(['username', 'acw timeout', 'security profile']));
  });

  test('fails on a section out of order, missing, or not one of the sections', () => {
    const [rosters, adopting] = ['## Rosters: thousands of agents from a spreadsheet\n', '## Adopting users created in the console\n'];
    const swapped = readme.replace(rosters, '## TEMP\n').replace(adopting, rosters).replace('## TEMP\n', adopting);
    expect(sectionProblems(swapped)).toEqual([expect.stringMatching(/sections in the order .*'Adopting users created in the console', 'Rosters: thousands/)]);
    expect(sectionProblems(readme.replace('## Limits and known CloudFormation behaviours', '### Limits')))
      .toEqual([expect.stringMatching(/no section '## Limits and known CloudFormation behaviours'/)]);
    expect(sectionProblems(readme.replace('## Changes', '## Preflight\n\n## Changes')))
      .toEqual([expect.stringMatching(/section '## Preflight' is not one of the README's sections/)]);
  });

  test('fails when a command is not named in the README, or has no section in docs/cli.md', () => {
    const without = readme.split('cdk-connect-user plan').join('cdk-connect-user PLAN');
    expect(readmeProblems(withFile('README.md', without), facts, exists)).toContain("README.md: the command 'plan' is not named ('cdk-connect-user plan')");
    const noSection = cliDoc.replace('## `export`:', '## Export:');
    expect(commandProblems(readme, noSection, facts.commands)).toEqual(["docs/cli.md: no section for the command 'export' (a '## `export`…' heading)"]);
    // A new command, as the routing would list it.
    expect(commandProblems(readme, cliDoc, [...facts.commands, { name: 'refresh', options: [] }])).toEqual([
      "README.md: the command 'refresh' is not named ('cdk-connect-user refresh')",
      "docs/cli.md: no section for the command 'refresh' (a '## `refresh`…' heading)",
    ]);
  });

  test("fails when a command's option is not in its section", () => {
    const section = cliDoc.slice(cliDoc.indexOf('## `import-roster`'), cliDoc.indexOf('## `export`'));
    const cut = cliDoc.replace(section, section.split('--connect-endpoint-url').join('--connect-url'));
    expect(commandProblems(readme, cut, facts.commands)).toEqual(["docs/cli.md: the section of 'import-roster' does not name its option '--connect-endpoint-url'"]);
    const more = facts.commands.map(c => c.name === 'plan' ? { ...c, options: [...c.options, 'strict'] } : c);
    expect(commandProblems(readme, cliDoc, more)).toEqual(["docs/cli.md: the section of 'plan' does not name its option '--strict'"]);
  });

  test('fails when a CSV column or an alias is not documented', () => {
    expect(columnProblems(readme.split('`acw timeout`').join('ACW'), facts.columns))
      .toEqual(["README.md: 'acw timeout', read as the CSV column 'ACW timeout (seconds)', is not documented"]);
    expect(columnProblems(readme.split('`existing user arn`').join('existing user ARN'), facts.columns))
      .toEqual(["README.md: the CSV column 'existing user arn' is not documented"]);
    expect(columnProblems(readme, [...facts.columns, { column: 'extension', aliases: ['ext'] }])).toEqual([
      "README.md: the CSV column 'extension' is not documented",
      "README.md: 'ext', read as the CSV column 'extension', is not documented",
    ]);
  });

  test('fails on a link to a missing file or heading', () => {
    const broken = `${readme}\nSee [rules](docs/rule.md), [warnings](#warning) and [the CLI](docs/cli.md#no-such-heading).\n`;
    expect(linkProblems(withFile('README.md', broken), exists)).toEqual([
      "README.md: link 'docs/rule.md': no file docs/rule.md",
      "README.md: link '#warning': README.md has no heading with the anchor '#warning'",
      "README.md: link 'docs/cli.md#no-such-heading': docs/cli.md has no heading with the anchor '#no-such-heading'",
    ]);
  });

  test("anchors are GitHub's: punctuation dropped, spaces made dashes, repeats numbered", () => {
    expect(slug('Checking a change before you deploy: `cdk-connect-user plan`')).toBe('checking-a-change-before-you-deploy-cdk-connect-user-plan');
    expect(slug("`import-roster`: import a roster's adopted agents")).toBe('import-roster-import-a-rosters-adopted-agents');
    expect([...anchors('# A\n## B\n```\n# not a heading\n```\n## B\n<a id="c"></a>\n')]).toEqual(['a', 'b', 'b-1', 'c']);
  });
});
