/**
 * What the Python, Java and Go smoke tests (scripts/smoke-<language>.ts) share: running a command
 * with a time limit, the peer floors, the built artifact's freshness, and the check of a cloud
 * assembly (cfn-lint over every template, nested ones included, and the users counted).
 */
import { spawnSync, SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintTemplateFiles } from '../test/util/cfn-lint';

export const ROOT = path.resolve(__dirname, '..');
export const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** The app's directory; the same in every language (test/smoke/<language> and the shared CSV). */
export const SMOKE_SOURCES = path.join(ROOT, 'test', 'smoke');

/**
 * The AWS::Connect::User resources each language's smoke app makes: in the stack `Agents`, the
 * quick start's JohnDoe, the advanced JaneSmith and the adopted Existing; in the roster's nested
 * stacks, the 3 rows of test/smoke/agents.csv.
 */
export const EXPECTED_USERS = 6;

export class SmokeError extends Error {}

export function fail(message: string): never {
  throw new SmokeError(message);
}

export interface RunOptions extends SpawnSyncOptions {
  readonly cwd: string;
  /** Seconds before the command is killed (every command gets one: some reach a registry). */
  readonly timeoutSeconds: number;
  /** Show the command as this instead (e.g. without a long classpath). */
  readonly shown?: string;
}

/** Runs a command; on failure or time-out, fails with its output. Returns stdout. */
export function run(cmd: string, args: string[], options: RunOptions): string {
  const started = Date.now();
  const { timeoutSeconds, shown: shownAs, ...spawnOptions } = options;
  const res = spawnSync(cmd, args, {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: timeoutSeconds * 1000,
    killSignal: 'SIGKILL',
    ...spawnOptions,
  });
  const shown = shownAs ?? `${path.basename(cmd)} ${args.join(' ')}`;
  if (res.error && (res.error as NodeJS.ErrnoException).code === 'ENOENT') {
    fail(`${shown}: '${cmd}' is not installed or not on the PATH`);
  }
  if (res.error && (res.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') {
    fail(`${shown} (in ${options.cwd}) did not finish within ${timeoutSeconds} s:\n${res.stdout ?? ''}${res.stderr ?? ''}`);
  }
  if (res.error) fail(`${shown}: ${res.error.message}`);
  if (res.status !== 0) {
    fail(`${shown} (in ${options.cwd}) exited ${res.status ?? res.signal}:\n${res.stdout ?? ''}${res.stderr ?? ''}`);
  }
  console.log(`    ${shown.length > 110 ? `${shown.slice(0, 107)}...` : shown} (${seconds(started)} s)`);
  return String(res.stdout ?? '');
}

/** The first line a toolchain prints about its version; fails loudly when the toolchain is missing. */
export function toolVersion(cmd: string, args: string[], what: string, env?: NodeJS.ProcessEnv): string {
  const res = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000, env });
  if (res.error || res.status !== 0) {
    fail(`${what} is required for this smoke test, and '${cmd} ${args.join(' ')}' failed: `
      + `${res.error?.message ?? `exit ${res.status}: ${res.stderr}`}`);
  }
  return `${res.stdout}${res.stderr}`.trim().split('\n')[0];
}

export function seconds(since: number, until = Date.now()): string {
  return ((until - since) / 1000).toFixed(1);
}

/**
 * The environment for the app's toolchains: this process's, less what `npm run` adds
 * (npm_config_local_prefix would point npm at this repository), with the CDK CLI's telemetry off.
 */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_(config_local_prefix|package_|lifecycle_|command|execpath|node_execpath)/i.test(k) || k === 'INIT_CWD') continue;
    env[k] = v;
  }
  return {
    ...env,
    CDK_DISABLE_CLI_TELEMETRY: 'true',
    // The jsii runtimes start Node 20 (this project's floor): its end-of-life banner is noise here.
    JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20',
    JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1',
    ...extra,
  };
}

/** `^2.239.0` -> `2.239.0`: the lowest version a peer range admits. */
export function floorOf(name: string): string {
  const range: string | undefined = PACKAGE.peerDependencies?.[name];
  const m = range?.match(/^[\^~>=\s]*(\d+\.\d+\.\d+)$/);
  if (!m) fail(`cannot read a floor from peerDependencies['${name}'] = ${range}`);
  return m[1];
}

/** Fails unless `artifact` exists and is newer than the compiled assembly (else it would test yesterday's code). */
export function assertFresh(artifact: string, remedy: string): void {
  if (!fs.existsSync(artifact)) fail(`${artifact} does not exist; ${remedy}`);
  const assembly = path.join(ROOT, '.jsii');
  if (fs.existsSync(assembly) && fs.statSync(assembly).mtimeMs > fs.statSync(artifact).mtimeMs) {
    fail(`${artifact} is older than .jsii; ${remedy}`);
  }
}

/** The one file in `dir` whose name ends with `suffix`. */
export function theOneFile(dir: string, suffix: string, remedy: string): string {
  const found = fs.existsSync(dir) ? fs.readdirSync(dir).filter(f => f.endsWith(suffix)) : [];
  if (found.length !== 1) {
    fail(`expected exactly one *${suffix} in ${dir}, found ${found.length ? found.join(', ') : 'none'}; ${remedy}`);
  }
  return path.join(dir, found[0]);
}

/** The `cdk` CLI of this repository (aws-cdk, a dev dependency): the apps of every language synthesize with it. */
export function cdkCli(): { path: string; version: string } {
  const cli = path.join(ROOT, 'node_modules', '.bin', 'cdk');
  if (!fs.existsSync(cli)) fail(`${cli} is missing; run 'npm ci' first`);
  const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'aws-cdk', 'package.json'), 'utf8')).version;
  return { path: cli, version };
}

/** Every template file below `dir`, nested ones included. */
export function templatesIn(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return templatesIn(p);
    return e.name.endsWith('.template.json') ? [p] : [];
  });
}

export interface AssemblyCheck {
  readonly templates: number;
  readonly nested: number;
  readonly users: number;
  readonly warnings: number;
}

/**
 * Lints every template of a cloud assembly (nested ones included) with cfn-lint and counts its
 * AWS::Connect::User resources; fails on any lint error, a missing cfn-lint, no nested template,
 * a user count other than EXPECTED_USERS, or an adopted user the package's `import-mapping` command
 * does not find.
 */
export function checkAssembly(outDir: string, cwd: string, env: NodeJS.ProcessEnv): AssemblyCheck {
  const files = templatesIn(outDir).sort();
  const nested = files.filter(f => f.endsWith('.nested.template.json')).length;
  if (nested === 0) fail(`no nested template in ${outDir}: the roster's shards are missing`);
  const { users, warnings } = lintAndCount(files, EXPECTED_USERS, `${files.length} templates (${nested} nested)`);
  // The adopted user carries what `cdk import` needs: the package's own command reads it back.
  const cli = path.join(ROOT, 'lib', 'cli', 'main.js');
  if (!fs.existsSync(cli)) fail(`${cli} is missing; run 'npx projen compile' first`);
  const mapping = run(process.execPath, [cli, 'import-mapping', outDir, '--out', path.join(cwd, 'import-mappings')],
    { cwd, env, timeoutSeconds: 120, shown: 'cdk-connect-user import-mapping cdk.out' });
  if (!/1 adopted user\(s\) in 1 stack\(s\)/.test(mapping)) fail(`import-mapping did not find the one adopted user:\n${mapping}`);
  return { templates: files.length, nested, users, warnings };
}

/**
 * Lints template files in one cfn-lint run and counts their AWS::Connect::User resources; fails on a
 * missing cfn-lint, any lint error, or another number of users than `expectedUsers`. Prints what it
 * found after `what` (which templates), and each warning.
 */
export function lintAndCount(files: string[], expectedUsers: number, what: string): { users: number; warnings: number } {
  const lint = lintTemplateFiles(files);
  if (!lint.ran) fail(`cfn-lint is not installed, so the templates were NOT checked: ${lint.output}`);
  if (lint.errors.length > 0) fail(`cfn-lint found ${lint.errors.length} error(s):\n  ${lint.errors.join('\n  ')}`);
  let users = 0;
  for (const f of files) {
    const resources = JSON.parse(fs.readFileSync(f, 'utf8')).Resources ?? {};
    users += Object.values<{ Type: string }>(resources).filter(r => r.Type === 'AWS::Connect::User').length;
  }
  if (users !== expectedUsers) fail(`the templates hold ${users} AWS::Connect::User, expected ${expectedUsers}`);
  console.log(`    ${what}, ${users} AWS::Connect::User, cfn-lint: 0 errors, ${lint.warnings.length} warning(s)`);
  for (const w of lint.warnings) console.log(`      warning: ${w.length > 300 ? `${w.slice(0, 300)}...` : w}`);
  return { users, warnings: lint.warnings.length };
}

/** Runs `main`, turning a SmokeError into a one-line failure and exit code 1. */
export function runSmoke(language: string, main: () => string[]): void {
  const started = Date.now();
  try {
    const lines = main();
    console.log(`\n${language} smoke test passed:`);
    for (const l of lines) console.log(`  ${l}`);
    console.log(`  total ${seconds(started)} s`);
  } catch (e) {
    if (!(e instanceof SmokeError)) throw e;
    console.error(`\n${language.toUpperCase()} SMOKE TEST FAILED: ${e.message}`);
    process.exit(1);
  }
}

/** What the steps every language shares need to know of one language's app. */
export interface AppSteps {
  /** The variant's name (`floor`, `latest`). */
  readonly variant: string;
  /** The installed versions, as the summary line says them. */
  readonly versions: string;
  /** Where the app is; its cloud assembly goes to `cdk.out` there. */
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  /** The `--app` command the cdk CLI runs. */
  readonly app: string;
  /** The validation check: its command, and the line it prints when the library's error reached the language. */
  readonly validation: {
    readonly cmd: string;
    readonly args: string[];
    readonly passed: string;
    /** The line to show of the check's output (default: its first). */
    readonly shows?: (out: string) => string | undefined;
  };
  /** The install step's name in the summary, and when the variant started and its install ended. */
  readonly install: { readonly label: string; readonly started: number; readonly ended: number };
}

/**
 * The steps every language shares, after its install: `cdk synth` with the repository's CLI, the
 * assembly's checks ({@link checkAssembly}), and the validation check (a bad username and mobile must
 * raise an error carrying the library's message). Returns the variant's summary line.
 */
export function synthCheckValidate(s: AppSteps): string {
  const cdk = cdkCli();
  run(cdk.path, ['synth', '--app', s.app, '--output', 'cdk.out', '--quiet', '--no-notices', '--ci'], { cwd: s.dir, env: s.env, timeoutSeconds: 600 });
  const synthed = Date.now();
  const check = checkAssembly(path.join(s.dir, 'cdk.out'), s.dir, s.env);
  const linted = Date.now();
  const out = run(s.validation.cmd, s.validation.args, { cwd: s.dir, env: s.env, timeoutSeconds: 300 });
  const shown = s.validation.shows ? s.validation.shows(out) : out.split('\n')[0];
  if (!out.includes(s.validation.passed) || shown === undefined) {
    fail(`${[s.validation.cmd, ...s.validation.args].join(' ')} did not report the library's error:\n${out}`);
  }
  console.log(`    ${shown}`);
  const validated = Date.now();
  return `${s.variant}: ${s.versions}, cdk CLI ${cdk.version}: ${check.templates} templates (${check.nested} nested), `
    + `${check.users} users, cfn-lint: 0 errors, ${check.warnings} warnings, validation error raised `
    + `(${s.install.label} ${seconds(s.install.started, s.install.ended)} s, synth ${seconds(s.install.ended, synthed)} s, `
    + `lint ${seconds(synthed, linted)} s, validation ${seconds(linted, validated)} s; ${seconds(s.install.started, validated)} s)`;
}

/** Runs `fn` in a new temporary directory, removed afterwards unless `keep` (then its path is printed). */
export function inTempDir<T>(prefix: string, keep: boolean, fn: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    return fn(dir);
  } finally {
    if (keep) console.log(`    kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}
