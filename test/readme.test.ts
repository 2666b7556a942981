/**
 * The README is one working app: its TypeScript blocks, pasted in order into one
 * file, type-check against the library and synthesize, and its CSV block is the
 * `agents.csv` the roster example reads.
 */
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as lib from '../src';
import { amendedConnectUserSchemas, assertLintClean } from './util/cfn-lint';

const ROOT = path.join(__dirname, '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The fenced blocks of a language, in order (fences at the start of a line only). */
function blocks(lang: string): string[] {
  return [...README.matchAll(new RegExp(`^\`\`\`${lang}\\b[^\\n]*\\n([\\s\\S]*?)^\`\`\``, 'gm'))].map(m => m[1]);
}

/** The pasted app: every TypeScript block in order. */
const APP = blocks('ts').join('\n');

describe("README's tables", () => {
  /** The source of every file under a directory. */
  const sources = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const f = path.join(dir, e.name);
    return e.isDirectory() ? sources(f) : e.name.endsWith('.ts') ? [fs.readFileSync(f, 'utf8')] : [];
  });

  it('lists every warning id the library gives, and no other', () => {
    const lines = README.split('\n');
    const start = lines.indexOf('| id | when |');
    const rows = lines.slice(start + 2, lines.findIndex((l, i) => i > start && !l.startsWith('|')));
    const listed = rows.flatMap(r => [...r.split('|')[1].matchAll(/`([A-Za-z]+)`/g)].map(m => m[1])).sort();
    const given = sources(path.join(ROOT, 'src')).flatMap(text => [
      ...[...text.matchAll(/\.warn\('([A-Za-z]+)'/g)].map(m => m[1]),
      ...[...text.matchAll(/addWarningV2\('cdk-connect-user:([A-Za-z]+)'/g)].map(m => m[1]),
      // A warning declared as a FoundWarning (the plaintext password's, src/private/user/build.ts).
      ...[...text.matchAll(/: FoundWarning = \{\s*id: '([A-Za-z]+)'/g)].map(m => m[1]),
    ]).sort();
    expect(given).toContain('deskPhoneNumberMissing');
    expect(listed).toEqual(given);
  });
});

describe('README as one app', () => {
  it('has the blocks it should (the quick start, the roster and its CSV)', () => {
    expect(blocks('ts').length).toBeGreaterThanOrEqual(10);
    expect(blocks('csv')).toHaveLength(1);
    // cdk.json, and the roster document `team.json` the JSON roster example reads.
    expect(blocks('json').filter(b => b.includes('"users"'))).toHaveLength(1);
    expect(APP).toContain("fs.readFileSync('agents.csv', 'utf8')");
  });

  it('type-checks, pasted in order into one file', () => {
    // A file in test/, so that aws-cdk-lib resolves from the project; the package name maps to src/.
    const file = path.join(ROOT, 'test', '__readme_app__.ts');
    const options: ts.CompilerOptions = {
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      esModuleInterop: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
      baseUrl: ROOT,
      paths: { 'cdk-connect-user': ['src/index.ts'] },
    };
    const host = ts.createCompilerHost(options);
    const read = host.readFile.bind(host);
    host.readFile = f => (path.resolve(f) === file ? APP : read(f));
    const exists = host.fileExists.bind(host);
    host.fileExists = f => path.resolve(f) === file || exists(f);
    const program = ts.createProgram([file], options, host);
    const diagnostics = ts.getPreEmitDiagnostics(program).filter(d => d.file?.fileName && path.resolve(d.file.fileName) === file);
    const text = diagnostics.map(d => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return `line ${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')} (${APP.split('\n')[line].trim()})`;
    });
    expect(text).toEqual([]);
  }, 60_000);

  it('synthesizes, reading the CSV block as agents.csv, and every template passes cfn-lint', () => {
    const csv = blocks('csv')[0];
    const js = ts.transpileModule(`${APP}\nmodule.exports = { app };\n`, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    }).outputText;
    const realRequire = createRequire(path.join(ROOT, 'test', 'readme.test.ts'));
    const json = blocks('json').find(b => b.includes('"users"'))!;
    const fsWithCsv = { ...fs, readFileSync: (f: any, o?: any) => (f === 'agents.csv' ? csv : f === 'team.json' ? json : fs.readFileSync(f, o)) };
    const fakeRequire = (id: string) => (id === 'cdk-connect-user' ? lib : id === 'fs' ? fsWithCsv : realRequire(id));
    const module = { exports: {} as { app?: App } };
    new Function('require', 'module', 'exports', js)(fakeRequire, module, module.exports);
    const app = module.exports.app!;
    const assembly = app.synth();
    const templates = assembly.stacks.map(s => s.template);
    const nested = assembly.stacks.flatMap(s => fs.readdirSync(assembly.directory)
      .filter(f => f.startsWith(s.id) && f.endsWith('.nested.template.json'))
      .map(f => JSON.parse(fs.readFileSync(path.join(assembly.directory, f), 'utf8'))));
    const users = [...templates, ...nested].flatMap(t => Object.values<any>(t.Resources ?? {}).filter(r => r.Type === 'AWS::Connect::User'));
    // The quick start, jane, maria, the managed agent, the adopted user, the roster's two rows and the JSON document's agent.
    expect(users.map(u => u.Properties.Username).sort()).toEqual(
      ['agent.one', 'existing.user', 'jane.smith', 'jdoe@example.com', 'john.doe', 'maria.garcia', 'mjackson', 'rroe']);
    // Maria's task channel sets afterContactWorkMode, newer than the oracle cfn-lint: its schema plus that addition.
    const amended = amendedConnectUserSchemas();
    try {
      assertLintClean([...templates, ...nested], amended.args);
    } finally {
      amended.cleanup();
    }
  }, 60_000);
});

describe("README's set-up: what `cdk init app --language typescript` makes today", () => {
  // The template of the aws-cdk CLI this repository uses (a devDependency), as `cdk init` copies it;
  // `npm run smoke` generates and synthesizes such an app for real.
  const templates = path.join(ROOT, 'node_modules', 'aws-cdk', 'lib', 'init-templates', 'app', 'typescript');
  const cli = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'aws-cdk', 'package.json'), 'utf8')).version as string;

  it("documents the template's cdk.json app command and its TypeScript and tsx", () => {
    const cdkJson = JSON.parse(fs.readFileSync(path.join(templates, 'cdk.template.json'), 'utf8'));
    const pkg = JSON.parse(fs.readFileSync(path.join(templates, 'package.json'), 'utf8'));
    expect(README).toContain(`{ "app": "${cdkJson.app.replace(/%name%/g, 'app')}" }`);
    expect(pkg.devDependencies.typescript).toMatch(/^[~^]?7\./);
    expect(pkg.devDependencies.tsx).toBeDefined();
    expect(README).toContain(`(aws-cdk CLI ${cli.split('.').slice(0, 2).join('.')}) makes an app with TypeScript 7 and\n[tsx]`);
    // No advice to go back to TypeScript 5 for cdk init's apps.
    expect(README).not.toMatch(/typescript@~5\.9/);
  });
});
