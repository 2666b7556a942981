/**
 * The shipped JSON Schema of roster documents (roster.schema.json) against the
 * TypeScript types of the document (src/private/roster/document.ts) and against
 * the roster's own parser: the three must say the same.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { FULL_DOCUMENT } from './util/roster-document';
import { parseRosterDocument } from '../src/private/roster/document';

const ROOT = path.join(__dirname, '..');
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'roster.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

type SchemaNode = Record<string, any>;

/** The schema node of an interface: the root for RosterDocument, else its definition. */
const nodeOf = (name: string): SchemaNode => (name === 'RosterDocument' ? schema : schema.definitions[name]);

/** What a TypeScript type node says, in the schema's words. */
function expectedOf(type: ts.TypeNode, sourceFile: ts.SourceFile): unknown {
  if (ts.isUnionTypeNode(type)) {
    return { enum: type.types.map(t => (t as ts.LiteralTypeNode).literal.getText(sourceFile).replace(/'/g, '')) };
  }
  if (ts.isLiteralTypeNode(type)) return { const: Number(type.literal.getText(sourceFile)) };
  if (ts.isArrayTypeNode(type)) return { array: expectedOf(type.elementType, sourceFile) };
  if (ts.isTypeLiteralNode(type)) {
    // `{ [name: string]: string }`
    const index = type.members[0] as ts.IndexSignatureDeclaration;
    return { map: expectedOf(index.type, sourceFile) };
  }
  if (ts.isTypeReferenceNode(type)) return { ref: type.typeName.getText(sourceFile) };
  return { type: type.getText(sourceFile) };
}

/** What a schema node says, in the same words. */
function actualOf(node: SchemaNode): unknown {
  if (node.enum) return { enum: node.enum };
  if (node.const !== undefined) return { const: node.const };
  if (node.$ref) {
    const name = node.$ref.split('/').pop();
    return name === 'ArnMap' ? actualOf(schema.definitions.ArnMap) : { ref: name };
  }
  if (node.type === 'array') return { array: actualOf(node.items) };
  if (node.type === 'object' && typeof node.additionalProperties === 'object') return { map: actualOf(node.additionalProperties) };
  return { type: node.type };
}

describe('roster.schema.json', () => {
  const file = path.join(ROOT, 'src/private/roster/document.ts');
  const sourceFile = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const interfaces = sourceFile.statements.filter(ts.isInterfaceDeclaration).filter(i => i.name.text.startsWith('RosterDocument'));

  it('has every interface of the document, no more', () => {
    const names = interfaces.map(i => i.name.text).filter(n => n !== 'RosterDocument').sort();
    expect(Object.keys(schema.definitions).filter(n => n !== 'ArnMap').sort()).toEqual(names);
    expect(names.length).toBeGreaterThan(3);
  });

  it.each(['RosterDocument', 'RosterDocumentUser', 'RosterDocumentChannelSettings', 'RosterDocumentChannel', 'RosterDocumentVoiceChannel', 'RosterDocumentProficiency'])(
    'says what the TypeScript interface %s says: the same fields, required alike, of the same types', name => {
      const decl = interfaces.find(i => i.name.text === name)!;
      const node = nodeOf(name);
      const members = decl.members.filter(ts.isPropertySignature);
      expect(Object.keys(node.properties).sort()).toEqual(members.map(m => m.name.getText(sourceFile)).sort());
      expect([...(node.required ?? [])].sort()).toEqual(members.filter(m => !m.questionToken).map(m => m.name.getText(sourceFile)).sort());
      expect(node.additionalProperties).toBe(false);
      for (const m of members) {
        const field = m.name.getText(sourceFile);
        const expected = expectedOf(m.type!, sourceFile);
        const actual = actualOf(node.properties[field]);
        // The TypeScript `number` of a duration or a level is the schema's number.
        expect({ field, type: actual }).toEqual({ field, type: expected });
      }
    });
});

/** Every path to a value in `v`, with the value. */
function leaves(v: unknown, at: Array<string | number> = []): Array<{ at: Array<string | number>; value: unknown }> {
  if (Array.isArray(v)) return v.flatMap((item, i) => leaves(item, [...at, i]));
  if (v !== null && typeof v === 'object') return Object.entries(v).flatMap(([k, item]) => leaves(item, [...at, k]));
  return [{ at, value: v }];
}

function withValue(doc: unknown, at: Array<string | number>, value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(doc));
  let node = copy;
  for (const key of at.slice(0, -1)) node = node[key];
  node[at[at.length - 1]] = value;
  return copy;
}

describe('the schema and the parser agree', () => {
  it('both accept the document that uses every field', () => {
    expect(validate(FULL_DOCUMENT), JSON.stringify(validate.errors)).toBe(true);
    expect(parseRosterDocument(JSON.stringify(FULL_DOCUMENT)).errors).toEqual([]);
  });

  it('both reject a value of the wrong JSON type at every path, and the parser names the path', () => {
    const cases = leaves(FULL_DOCUMENT).filter(l => l.at[0] !== 'version');
    expect(cases.length).toBeGreaterThan(40);
    for (const { at, value } of cases) {
      // A value of another JSON type: a string becomes a number, anything else a string.
      const wrong = typeof value === 'string' ? 7 : 'seven';
      const doc = withValue(FULL_DOCUMENT, at, wrong);
      const label = at.join('.');
      expect(validate(doc), label).toBe(false);
      const errors = parseRosterDocument(JSON.stringify(doc)).errors;
      expect(errors.length, label).toBeGreaterThan(0);
      const last = at[at.length - 1];
      expect(errors.join('\n'), label).toContain(typeof last === 'number' ? `[${last}]` : `.${last}`);
    }
  });

  it('both reject an unknown field at every level, and a missing required one', () => {
    const objects: Array<Array<string | number>> = [[], ['users', 0], ['users', 0, 'channelSettings'], ['users', 0, 'channelSettings', 'voice'],
      ['users', 0, 'channelSettings', 'chat'], ['users', 0, 'proficiencies', 0]];
    for (const at of objects) {
      const doc = withValue(FULL_DOCUMENT, [...at, 'colour'], 'blue');
      expect(validate(doc), at.join('.')).toBe(false);
      expect(parseRosterDocument(JSON.stringify(doc)).errors.join('\n')).toMatch(/\.colour: is not a field of the roster document/);
    }
    for (const at of [['users'], ['users', 0, 'username'], ['users', 0, 'routingProfile'], ['users', 0, 'securityProfiles'],
      ['users', 0, 'proficiencies', 0, 'level']]) {
      const doc = JSON.parse(JSON.stringify(FULL_DOCUMENT));
      let node = doc;
      for (const key of at.slice(0, -1)) node = node[key];
      delete node[at[at.length - 1]];
      expect(validate(doc), at.join('.')).toBe(false);
      expect(parseRosterDocument(JSON.stringify(doc)).errors.join('\n')).toContain(`${at[at.length - 1]}: missing`);
    }
  });

  it("both accept the README's example document", () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const example = [...readme.matchAll(/^```json\n([\s\S]*?)^```/gm)].map(m => m[1]).find(b => b.includes('"users"'))!;
    expect(validate(JSON.parse(example)), JSON.stringify(validate.errors)).toBe(true);
    expect(parseRosterDocument(example).errors).toEqual([]);
  });

  it('both reject a negative number of seconds and another version', () => {
    for (const doc of [withValue(FULL_DOCUMENT, ['users', 0, 'afterContactWorkTimeLimit'], -1), withValue(FULL_DOCUMENT, ['version'], 2)]) {
      expect(validate(doc)).toBe(false);
      expect(parseRosterDocument(JSON.stringify(doc)).errors).toHaveLength(1);
    }
  });
});
