/**
 * The field table (src/private/user/fields.ts) is complete: every prop of the
 * agent's options and every property of the AWS::Connect::User registry schema
 * (as cfn-lint 1.51.0 carries it) has a row, or an exclusion with its reason;
 * the shipped roster.schema.json has exactly the rows' JSON fields; and every
 * row is needed (removing any one leaves a gap these checks report).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { AfterContactWorkMode, PhoneType, VoiceEnhancementMode } from '../src';
import { AFTER_CONTACT_WORK_MODE_VALUES, PHONE_TYPE_VALUES, VOICE_ENHANCEMENT_VALUES } from '../src/private/rules/channels';
import { EVIDENCE } from '../src/private/user/evidence';
import { Field, FIELDS, has, NOT_SETTINGS, PROPERTY_FACTS, SCHEMA_EXCLUSIONS } from '../src/private/user/fields';
import { schemaPath } from '../src/private/user/paths';

const ROOT = path.join(__dirname, '..');

/** The members of the public interfaces and classes that hold an agent's settings, as props paths. */
function optionPaths(): string[] {
  const members = (file: string, name: string): string[] => {
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, 'src', file), 'utf8'), ts.ScriptTarget.Latest, true);
    const decl = source.statements.find(s => (ts.isInterfaceDeclaration(s) || ts.isClassDeclaration(s)) && s.name?.text === name) as
      ts.InterfaceDeclaration | ts.ClassDeclaration | undefined;
    if (decl === undefined) throw new Error(`${name} is not in src/${file}`);
    return (decl.members as ts.NodeArray<ts.ClassElement | ts.TypeElement>)
      .filter(m => (ts.isPropertySignature(m) || (ts.isPropertyDeclaration(m) && !m.modifiers?.some(x => x.kind === ts.SyntaxKind.PrivateKeyword
        || x.kind === ts.SyntaxKind.StaticKeyword))) && !m.name.getText(source).startsWith('_'))
      .map(m => m.name!.getText(source));
  };
  const under = (prefix: string, names: string[]) => names.map(n => `${prefix}.${n}`);
  const channel = members('channel-settings.ts', 'ChannelSettings');
  return [
    ...members('connect-user-props.ts', 'ConnectUserOptions'),
    ...members('connect-user-props.ts', 'ConnectUserProps'),
    ...under('identityInfo', members('identity.ts', 'UserIdentityInfo')),
    ...under('phoneConfig', members('phone-config.ts', 'PhoneConfig')),
    ...under('channelSettings', members('channel-settings.ts', 'UserChannelSettings')),
    ...['chat', 'task', 'email'].flatMap(c => under(`channelSettings.${c}`, channel)),
    ...under('channelSettings.voice', [...channel, ...members('channel-settings.ts', 'VoiceChannelSettings')]),
    ...under('channelSettings.voice.phone', members('channel-settings.ts', 'VoicePhone')),
  ];
}

/** The props paths that have no row and no exclusion, given the rows. */
function propGaps(rows: readonly Field[], paths: readonly string[]): string[] {
  return paths.filter(p => !(p in NOT_SETTINGS) && !rows.some(f => f.prop === p || f.prop.startsWith(`${p}.`)));
}

/** Every property path of the registry schema: `PhoneConfig`, `PhoneConfig.AutoAccept`, `AutoAcceptConfigs[].AutoAccept`, … */
function schemaPaths(): string[] {
  const dump = spawnSync('python3', ['-c', [
    'import json',
    'from cfnlint.schema import PROVIDER_SCHEMA_MANAGER as m',
    "print(json.dumps(m.get_resource_schema('us-east-1', 'AWS::Connect::User').schema))",
  ].join('\n')], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (dump.status !== 0) throw new Error(`cfn-lint's registry schema could not be read (python3 with cfn-lint on the PATH): ${dump.stderr}`);
  const schema = JSON.parse(dump.stdout);
  const resolve = (node: any): any => (node.$ref ? resolve(schema.definitions[node.$ref.split('/').pop()]) : node);
  const paths: string[] = [];
  const walk = (prefix: string, node: any, depth: number) => {
    if (depth > 8) throw new Error(`the schema nests deeper than expected at ${prefix}`);
    const n = resolve(node);
    if (n.type === 'array') {
      const item = resolve(n.items);
      if (item.properties) walk(`${prefix}[]`, item, depth + 1);
      return;
    }
    for (const [key, child] of Object.entries<any>(n.properties ?? {})) {
      const p = prefix === '' ? key : prefix.endsWith('[]') ? `${prefix}.${key}` : `${prefix}.${key}`;
      paths.push(p);
      walk(p, child, depth + 1);
    }
  };
  walk('', schema, 0);
  return paths;
}

/** The schema paths that have no row (the path itself, or one under it) and no exclusion. */
function schemaGaps(rows: readonly Field[], paths: readonly string[]): string[] {
  const covered = rows.filter(f => has(f.cfn)).map(f => schemaPath(f.cfn as string));
  return paths.filter(p => !(p in SCHEMA_EXCLUSIONS) && !covered.some(c => c === p || c.startsWith(`${p}.`) || c.startsWith(`${p}[].`)));
}

/** The leaf fields of the user in roster.schema.json, as dotted paths. */
function documentPaths(): string[] {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'roster.schema.json'), 'utf8'));
  const resolve = (node: any): any => (node.$ref ? resolve(schema.definitions[node.$ref.split('/').pop()]) : node);
  const leaves = (prefix: string, node: any): string[] => Object.entries<any>(node.properties).flatMap(([key, child]) => {
    const n = resolve(child);
    const p = prefix ? `${prefix}.${key}` : key;
    return n.type === 'object' && n.properties ? leaves(p, n) : [p];
  });
  return leaves('', schema.definitions.RosterDocumentUser);
}

/**
 * Registry-schema properties the oracle (cfn-lint 1.51.0) does not carry yet, with their evidence: AfterContactWorkMode
 * is in the us-east-1 AWS::Connect::User schema of 2026-07-15 (terraform-provider-awscc's schema refresh of that day,
 * commit 8581774de; absent from its 2026-02-11 refresh) and in cfn-lint 1.58.0's, enum ON, OFF, ON_DEMAND.
 */
const NEWER_THAN_ORACLE = ['AfterContactWorkConfigs[].AfterContactWorkConfig.AfterContactWorkMode'];

const options = optionPaths();
const registry = schemaPaths();

describe('the field table', () => {
  it('has a row (or a written exclusion) for every prop of the options, and of what they hold', () => {
    expect(options.length).toBeGreaterThan(30);
    expect(propGaps(FIELDS, options)).toEqual([]);
    // Every row names a prop that exists.
    expect(FIELDS.map(f => f.prop).filter(p => !options.includes(p))).toEqual([]);
  });

  it('has a row (or a written exclusion) for every property of the AWS::Connect::User registry schema', () => {
    expect(registry).toEqual(expect.arrayContaining(['Username', 'PhoneConfig.AutoAccept', 'AfterContactWorkConfigs[].AfterContactWorkConfig.AfterContactWorkTimeLimit']));
    expect(schemaGaps(FIELDS, registry)).toEqual([]);
    // Every row's CloudFormation path and every exclusion is in the schema, but the properties newer than the oracle.
    const rowPaths = FIELDS.filter(f => has(f.cfn)).map(f => schemaPath(f.cfn as string));
    expect([...new Set([...rowPaths, ...Object.keys(SCHEMA_EXCLUSIONS)].filter(p => !registry.includes(p)))]).toEqual([...NEWER_THAN_ORACLE]);
  });

  it('has rows newer than the oracle only where the registry schema has them since, and names them for the floor', () => {
    // Once the oracle (requirements-dev.txt) carries them, the test above fails until NEWER_THAN_ORACLE is emptied.
    for (const p of NEWER_THAN_ORACLE) expect(registry, p).not.toContain(p);
    const rows = FIELDS.filter(f => has(f.cfn) && NEWER_THAN_ORACLE.includes(schemaPath(f.cfn as string)));
    expect(rows.map(f => f.prop)).toEqual(['voice', 'chat', 'task', 'email'].map(c => `channelSettings.${c}.afterContactWorkMode`));
    // aws-cdk-lib 2.239's CfnUser does not know them: the builder writes them by override (build.ts).
    expect(rows.every(f => f.newerThanFloor)).toBe(true);
    expect(FIELDS.filter(f => f.newerThanFloor).length).toBe(rows.length);
  });

  it('needs every row: without any one of them, a check above reports the gap', () => {
    const unnoticed = FIELDS.filter(removed => {
      const rest = FIELDS.filter(f => f !== removed);
      return propGaps(rest, options).length === 0 && (has(removed.cfn) ? schemaGaps(rest, registry).length === 0 : true);
    }).map(f => f.prop);
    expect(unnoticed).toEqual([]);
  });

  it('is the shape of roster.schema.json: one document field per row with a JSON path, no more', () => {
    const rows = FIELDS.filter(f => has(f.json)).map(f => f.json as string);
    expect([...rows].sort()).toEqual([...documentPaths()].sort());
  });

  it('names each prop, CSV header and JSON path once, and gives each refusal its evidence', () => {
    const once = (list: string[]) => list.filter((x, i) => list.indexOf(x) !== i);
    expect(once(FIELDS.map(f => f.prop))).toEqual([]);
    expect(once(FIELDS.flatMap(f => (has(f.csv) ? f.csv.headers.map(h => h.toLowerCase()) : [])))).toEqual([]);
    expect(once(FIELDS.flatMap(f => (has(f.json) ? [f.json] : [])))).toEqual([]);
    for (const f of FIELDS) {
      // A setting in the template has a verdict with evidence that exists; one outside it has none.
      expect(has(f.change), f.prop).toBe(has(f.cfn));
      if (has(f.change)) {
        expect(f.change.evidence.length, f.prop).toBeGreaterThan(0);
        expect(f.change.evidence.filter(id => !(id in EVIDENCE)), f.prop).toEqual([]);
      }
      if (f.perChannel !== undefined) expect(FIELDS.some(g => g.prop === f.perChannel), f.prop).toBe(true);
    }
    for (const [prop, facts] of Object.entries(PROPERTY_FACTS)) {
      const ids = [facts.unordered, facts.notUpdatable?.evidence, ...(facts.removed?.evidence ?? []), ...(facts.added?.evidence ?? [])]
        .filter(x => x !== undefined);
      expect(ids.filter(id => !(id in EVIDENCE)), prop).toEqual([]);
      expect(FIELDS.some(f => has(f.cfn) && (f.cfn === prop || f.cfn.startsWith(`${prop}.`) || f.cfn.startsWith(`${prop}[`))), prop).toBe(true);
    }
  });

  it('declares as sets exactly the lists the registry schema calls unordered, and as required exactly its required properties', () => {
    const dump = spawnSync('python3', ['-c', [
      'import json',
      'from cfnlint.schema import PROVIDER_SCHEMA_MANAGER as m',
      "s = m.get_resource_schema('us-east-1', 'AWS::Connect::User').schema",
      "print(json.dumps([sorted(k for k, v in s['properties'].items() if v.get('insertionOrder') is False), sorted(s['required'])]))",
    ].join('\n')], { encoding: 'utf8' });
    const [unordered, required] = JSON.parse(dump.stdout);
    expect(unordered.length).toBeGreaterThan(2);
    expect(Object.keys(PROPERTY_FACTS).filter(p => PROPERTY_FACTS[p].unordered !== undefined).sort()).toEqual(unordered);
    expect(FIELDS.filter(f => f.required && has(f.cfn)).map(f => f.cfn as string).sort()).toEqual(required);
  });

  it("takes the enums' values from the registry schema, as the public enums have them", () => {
    // The rules hold the schema's values (they import no public module); the public enums must say the same.
    expect([...PHONE_TYPE_VALUES].sort()).toEqual(Object.values(PhoneType).sort());
    expect([...VOICE_ENHANCEMENT_VALUES].sort()).toEqual(Object.values(VoiceEnhancementMode).sort());
    // Newer than the oracle: the values of the 2026-07-15 schema (NEWER_THAN_ORACLE), in the rule, the enum and the document's schema.
    expect([...AFTER_CONTACT_WORK_MODE_VALUES]).toEqual(['ON', 'OFF', 'ON_DEMAND']);
    expect(Object.values(AfterContactWorkMode)).toEqual([...AFTER_CONTACT_WORK_MODE_VALUES]);
    const doc = JSON.parse(fs.readFileSync(path.join(ROOT, 'roster.schema.json'), 'utf8')).definitions;
    for (const def of ['RosterDocumentChannel', 'RosterDocumentVoiceChannel']) {
      expect(doc[def].properties.afterContactWorkMode.enum).toEqual([...AFTER_CONTACT_WORK_MODE_VALUES]);
    }
    const dump = spawnSync('python3', ['-c', [
      'import json',
      'from cfnlint.schema import PROVIDER_SCHEMA_MANAGER as m',
      "d = m.get_resource_schema('us-east-1', 'AWS::Connect::User').schema['definitions']",
      "print(json.dumps([d['PhoneType']['enum'], d['VoiceEnhancementMode']['enum']]))",
    ].join('\n')], { encoding: 'utf8' });
    const [phone, voice] = JSON.parse(dump.stdout);
    expect([...PHONE_TYPE_VALUES].sort()).toEqual([...phone].sort());
    expect([...VOICE_ENHANCEMENT_VALUES].sort()).toEqual([...voice].sort());
  });
});
