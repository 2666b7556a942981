import { describe, expect, test } from 'vitest';
import { AssemblyType, docProblems, triage } from '../scripts/check-docs';

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
