import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * What `npm pack` puts in the package, whatever the state of the build: npm packs a copy of the
 * repository (every file git knows, empty) with the real package.json and .npmignore, plus the
 * build's outputs made up (lib/ mirroring src/, .jsii, the example's and the tests' leftovers).
 */
const ROOT = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** Files of a working copy after `npx projen build`, `npm run example` and `npm test`, beside the sources. */
const BUILD_OUTPUTS = [
  '.jsii', '.jsii.tabl.json', 'tsconfig.tsbuildinfo',
  'cdk.out/manifest.json', 'cdk.out.example/manifest.json', 'cdk.out.example/AgentsStack.template.json',
  'cdk.out.example/AwsSolutions-AgentsStack-NagReport.csv', 'cdk.out.example/import-mappings/AgentsStack.import-mapping.json',
  'cdk.out.roster/manifest.json', '.cdk-example/app.ts', 'import-mappings/S.import-mapping.json',
  'coverage/lcov.info', 'coverage/lcov-report/index.html', 'dist/js/cdk-connect-user@0.0.0.jsii.tgz', 'dist/python/x.whl',
  'test/cdk-integ.out.integ.agents.ts/manifest.json', 'test/integ.agents.ts.snapshot/asset.abc/index.js',
];

let dir: string;
let packed: string[];
let libFiles: string[];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'package-'));
  const sources = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n').filter(f => f && !f.startsWith('node_modules'));
  // jsii compiles src/**/*.ts to lib/**/*.js and lib/**/*.d.ts.
  libFiles = sources.filter(f => /^src\/.*\.ts$/.test(f)).flatMap(f => {
    const base = f.replace(/^src\//, 'lib/').replace(/\.ts$/, '');
    return [`${base}.js`, `${base}.d.ts`];
  });
  // The bundled dependency: npm packs it from node_modules whatever `files` says.
  const bundled = (pkg.bundledDependencies ?? []).map((d: string) => `node_modules/${d}/package.json`);
  for (const f of [...sources, ...libFiles, ...BUILD_OUTPUTS, ...bundled]) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), f.endsWith('package.json') && f !== 'package.json' ? JSON.stringify({ name: f.split('/')[1], version: '1.0.0' }) : '');
  }
  for (const f of ['package.json', '.npmignore']) fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--offline', '--loglevel=error'], {
    cwd: dir, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  packed = JSON.parse(out)[0].files.map((f: { path: string }) => f.path).sort();
}, 20_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('holds exactly the compiled library, its jsii assembly, the docs and the bundled dependency', () => {
    expect(libFiles.length).toBeGreaterThan(20);
    expect(packed).toEqual([
      '.jsii', '.jsii.tabl.json', 'API.md', 'LICENSE', 'README.md',
      ...libFiles,
      ...(pkg.bundledDependencies ?? []).map((d: string) => `node_modules/${d}/package.json`),
      'package.json', 'roster.schema.json',
    ].sort());
  });

  it('has no runtime dependency besides its peers: nothing bundled (the CSV reader is its own)', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.bundledDependencies ?? pkg.bundleDependencies ?? []).toEqual([]);
    expect(packed.filter(f => f.startsWith('node_modules/'))).toEqual([]);
  });

  it('holds what package.json points at: main, types and the bin', () => {
    const targets = [pkg.main, pkg.types, ...Object.values<string>(pkg.bin ?? {})];
    expect(targets).toContain('lib/cli/main.js');
    for (const t of targets) expect(packed).toContain(t.replace(/^\.\//, ''));
  });

  it('leaves out the example\'s cloud assemblies and cdk-nag reports, tests, sources, scripts, coverage and CI', () => {
    const leftOut = /^(cdk\.out[^/]*|test|src|scripts|examples|coverage|\.ci|rosetta|projenrc|dist|\.cdk-example|import-mappings|\.github|\.projen)\//;
    expect(packed.filter(f => leftOut.test(f) || f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });
});
