/**
 * Runs the machine's cfn-lint over CloudFormation templates.
 *
 * cfn-lint is a Python tool, not an npm dependency: it must be on the PATH
 * (it is on every machine of this project, CI included). When it is missing,
 * `ran` is false and callers say so loudly; `assertLintClean` fails under CI.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface LintResult {
  /** Whether cfn-lint ran at all. */
  readonly ran: boolean;
  /** Findings of level Error, as "file: rule: message (path)". */
  readonly errors: string[];
  /** Findings of level Warning. */
  readonly warnings: string[];
  /** Error findings per linted file (absolute path), for every file given. */
  readonly errorsByFile: Map<string, string[]>;
  /** cfn-lint's raw output, or why it could not run. */
  readonly output: string;
}

interface Finding {
  Level: string;
  Rule: { Id: string };
  Message: string;
  Filename: string;
  Location?: { Path?: Array<string | number> };
}

/** The cfn-lint executable; tests point it elsewhere to see how a missing cfn-lint is handled. */
export const cfnLint = { command: 'cfn-lint' };

/** Lints template files in one cfn-lint process. */
export function lintTemplateFiles(files: string[], extraArgs: readonly string[] = []): LintResult {
  if (files.length === 0) {
    return { ran: true, errors: [], warnings: [], errorsByFile: new Map(), output: '' };
  }
  const res = spawnSync(cfnLint.command, ['--format', 'json', ...extraArgs, '--', ...files], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (res.error) {
    return { ran: false, errors: [], warnings: [], errorsByFile: new Map(), output: String(res.error.message) };
  }
  // cfn-lint exit codes are bit flags: 2 errors, 4 warnings, 8 informational; 1 is a crash.
  if (res.status === 1 || (res.status !== 0 && !res.stdout.trim().startsWith('['))) {
    const crash = `cfn-lint failed (exit ${res.status}): ${res.stderr || res.stdout}`;
    return { ran: true, errors: [crash], warnings: [], errorsByFile: new Map(files.map(f => [path.resolve(f), [crash]])), output: res.stderr };
  }
  const findings: Finding[] = res.stdout.trim() ? JSON.parse(res.stdout) : [];
  const fmt = (f: Finding) => `${path.basename(f.Filename)}: ${f.Rule.Id}: ${f.Message}${f.Location?.Path ? ` (${f.Location.Path.join('/')})` : ''}`;
  const errorsByFile = new Map<string, string[]>(files.map(f => [path.resolve(f), []]));
  for (const f of findings.filter(x => x.Level === 'Error')) {
    errorsByFile.get(path.resolve(f.Filename))?.push(fmt(f));
  }
  return {
    ran: true,
    errorsByFile,
    errors: findings.filter(f => f.Level === 'Error').map(fmt),
    warnings: findings.filter(f => f.Level === 'Warning').map(fmt),
    output: res.stdout,
  };
}

/** Lints templates given as objects (from `Template.toJSON()` or an assembly). */
export function lintTemplates(templates: Array<Record<string, unknown>>, extraArgs: readonly string[] = []): LintResult {
  return lintEach(templates, extraArgs).result;
}

/**
 * Lints templates in one cfn-lint run and returns the error findings of each,
 * in the order given (`perTemplate[i]` belongs to `templates[i]`).
 */
export function lintEach(
  templates: Array<Record<string, unknown>>, extraArgs: readonly string[] = [],
): { result: LintResult; perTemplate: string[][] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfn-lint-'));
  try {
    const files = templates.map((t, i) => {
      const f = path.join(dir, `template-${i}.json`);
      fs.writeFileSync(f, JSON.stringify(t));
      return f;
    });
    const result = lintTemplateFiles(files, extraArgs);
    return { result, perTemplate: files.map(f => result.errorsByFile.get(path.resolve(f)) ?? []) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Throws when cfn-lint reports any error. When cfn-lint is missing it warns
 * loudly and passes, except under CI (`CI` set), where it throws.
 *
 * @returns whether the templates were actually linted.
 */
export function assertLintClean(templates: Array<Record<string, unknown>>, extraArgs: readonly string[] = []): boolean {
  const result = lintTemplates(templates, extraArgs);
  if (!result.ran) {
    const msg = `cfn-lint is not installed, so the templates were NOT linted (${result.output}). Install it with 'pip install cfn-lint'.`;
    if (process.env.CI) {
      throw new Error(msg);
    }
    console.warn(`\n!!! ${msg}\n`);
    return false;
  }
  if (result.errors.length > 0) {
    throw new Error(`cfn-lint found ${result.errors.length} error(s):\n${result.errors.join('\n')}`);
  }
  return true;
}

/**
 * A directory holding the oracle cfn-lint's own AWS::Connect::User registry schema with the properties it does not
 * carry yet added, for `cfn-lint --registry-schemas <dir>` (which then lints AWS::Connect::User against it). The
 * addition, as the schema has it since (us-east-1 schemas of 2026-07-15; cfn-lint 1.58.0): AfterContactWorkConfig's
 * AfterContactWorkMode, enum ON, OFF, ON_DEMAND. The schema is read from the installed cfn-lint at test time, so
 * nothing of it is copied into the repository. Remove the caller's extra arguments once the oracle carries it
 * (test/fields.test.ts NEWER_THAN_ORACLE fails then).
 */
export function amendedConnectUserSchemas(): { args: string[]; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-'));
  const res = spawnSync('python3', ['-c', [
    'import json, sys',
    'from cfnlint.schema import PROVIDER_SCHEMA_MANAGER as m',
    "s = m.get_resource_schema('us-east-1', 'AWS::Connect::User').schema",
    "s['definitions']['AfterContactWorkMode'] = {'type': 'string', 'enum': ['ON', 'OFF', 'ON_DEMAND']}",
    "s['definitions']['AfterContactWorkConfig']['properties']['AfterContactWorkMode'] = {'$ref': '#/definitions/AfterContactWorkMode'}",
    'json.dump(s, open(sys.argv[1], "w"))',
  ].join('\n'), path.join(dir, 'aws-connect-user.json')], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`cfn-lint's registry schema could not be read (python3 with cfn-lint on the PATH): ${res.stderr}`);
  return { args: ['--registry-schemas', dir], cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
