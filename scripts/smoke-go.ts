/**
 * Go smoke test: the module the build made (dist/go), used through a `replace` directive by a Go CDK
 * app built against aws-cdk-go from the Go module proxy.
 *
 *   ts-node scripts/smoke-go.ts [--keep] [--only floor|latest]
 *
 * Once with aws-cdk-go at this package's peer floor and once at the newest v2 the module proxy lists,
 * each in a fresh temporary directory:
 *   1. copies test/smoke/go (go.mod, main.go, validation.go) and test/smoke/agents.csv, points the
 *      package at dist/go with `go mod edit -replace`, sets the aws-cdk-go version, runs `go mod tidy`
 *      (the module proxy) and `go build`, and checks the replace is in effect;
 *   2. runs `cdk synth --app ./smoke` with this repository's cdk CLI (the README's quick start in Go,
 *      an advanced agent, an adopted agent and a roster with generated passwords);
 *   3. lints every template (nested ones included) with cfn-lint, counts the users, and reads the
 *      adopted one back with the package's `import-mapping` command;
 *   4. runs `./smoke validation`: bad values must panic with the library's message.
 * Go's module and build caches are Go's own (GOMODCACHE, GOCACHE). GOTOOLCHAIN=local: a go.mod that
 * asks for a newer Go fails rather than downloading one. Exits non-zero on the first problem; prints
 * the versions tested and the time of each step.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  assertFresh, cleanEnv, fail, floorOf, inTempDir, PACKAGE, ROOT, run, runSmoke, SMOKE_SOURCES, synthCheckValidate,
  toolVersion,
} from './smoke-common';

const AWS_CDK_GO = 'github.com/aws/aws-cdk-go/awscdk/v2';
const CONSTRUCTS_GO = 'github.com/aws/constructs-go/constructs/v10';
const JSII_RUNTIME_GO = 'github.com/aws/jsii-runtime-go';

interface Variant {
  readonly name: string;
  /** A version for `go get` (`v2.239.0`, or `latest`). */
  readonly awsCdkGo: string;
}

/** The Go module jsii-pacmak wrote into dist/go, and its module path. */
function builtModule(): { dir: string; module: string } {
  const base: string = PACKAGE.jsii?.targets?.go?.moduleName;
  if (!base) fail('package.json has no jsii.targets.go.moduleName');
  const dist = path.join(ROOT, 'dist', 'go');
  const dirs = fs.existsSync(dist) ? fs.readdirSync(dist).filter(d => fs.existsSync(path.join(dist, d, 'go.mod'))) : [];
  if (dirs.length !== 1) {
    fail(`expected one Go module in ${dist}, found ${dirs.length ? dirs.join(', ') : 'none'}; run 'npx projen build' (or 'npx projen package:go') first`);
  }
  const dir = path.join(dist, dirs[0]);
  const module = fs.readFileSync(path.join(dir, 'go.mod'), 'utf8').match(/^module\s+(\S+)$/m)?.[1];
  if (module !== `${base}/${dirs[0]}`) fail(`${dir}/go.mod declares module ${module}, expected ${base}/${dirs[0]}`);
  // The embedded npm package is what the Go module runs: it must be as new as the compiled assembly.
  const tarballs = fs.readdirSync(path.join(dir, 'jsii')).filter(f => f.endsWith('.tgz'));
  if (tarballs.length !== 1) fail(`expected one embedded package in ${dir}/jsii, found ${tarballs.join(', ') || 'none'}`);
  assertFresh(path.join(dir, 'jsii', tarballs[0]), "run 'npx projen package:go' again");
  return { dir, module };
}

function smoke(variant: Variant, built: ReturnType<typeof builtModule>, keep: boolean): string {
  const t0 = Date.now();
  const env = cleanEnv({ GOTOOLCHAIN: 'local' });
  return inTempDir(`cdk-connect-user-smoke-go-${variant.name}-`, keep, dir => {
    console.log(`\n== ${variant.name}: aws-cdk-go ${variant.awsCdkGo} in ${dir}`);
    // 1. The module: the built package by replace, aws-cdk-go at the variant's version, the rest by tidy.
    for (const f of ['go.mod', 'main.go', 'validation.go']) fs.copyFileSync(path.join(SMOKE_SOURCES, 'go', f), path.join(dir, f));
    fs.copyFileSync(path.join(SMOKE_SOURCES, 'agents.csv'), path.join(dir, 'agents.csv'));
    run('go', ['mod', 'edit', `-replace=${built.module}=${built.dir}`], { cwd: dir, env, timeoutSeconds: 60 });
    run('go', ['get', `${AWS_CDK_GO}@${variant.awsCdkGo}`], { cwd: dir, env, timeoutSeconds: 900 });
    run('go', ['mod', 'tidy'], { cwd: dir, env, timeoutSeconds: 900 });
    run('go', ['build', '-o', 'smoke', '.'], { cwd: dir, env, timeoutSeconds: 1200 });
    const listed = run('go', ['list', '-m', '-f', '{{.Path}} {{.Version}} {{with .Replace}}{{.Path}}{{end}}',
      AWS_CDK_GO, CONSTRUCTS_GO, JSII_RUNTIME_GO, built.module], { cwd: dir, env, timeoutSeconds: 120 });
    const modules = new Map(listed.trim().split('\n').map(l => {
      const [p, v, replacement] = l.split(' ');
      return [p, { version: v, replacement }] as const;
    }));
    if (modules.get(built.module)?.replacement !== built.dir) {
      fail(`${built.module} is not replaced by ${built.dir}: ${listed}`);
    }
    const versions = `${path.basename(built.dir)} (dist/go, by replace), aws-cdk-go ${modules.get(AWS_CDK_GO)?.version}, `
      + `constructs-go ${modules.get(CONSTRUCTS_GO)?.version}, jsii-runtime-go ${modules.get(JSII_RUNTIME_GO)?.version}`;
    console.log(`    ${versions}`);
    const tBuild = Date.now();

    // 2. cdk synth (the app started by the CLI), the assembly's checks, and the library's error reaching Go as a
    // panic with its message.
    return synthCheckValidate({
      variant: variant.name,
      versions,
      dir,
      env,
      app: './smoke',
      validation: { cmd: path.join(dir, 'smoke'), args: ['validation'], passed: "validation error surfaced as a Go panic with the library's message" },
      install: { label: 'go get/tidy/build', started: t0, ended: tBuild },
    });
  });
}

function main(): string[] {
  const keep = process.argv.includes('--keep');
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  const env = cleanEnv({ GOTOOLCHAIN: 'local' });
  console.log(`Go smoke test: ${toolVersion('go', ['version'], 'Go', env)}`);
  const built = builtModule();
  console.log(`  ${path.relative(ROOT, built.dir)} (module ${built.module})`);
  const variants: Variant[] = [
    { name: 'floor', awsCdkGo: `v${floorOf('aws-cdk-lib')}` },
    // The newest v2 the module proxy lists (it lists only some releases; it serves others when asked).
    { name: 'latest', awsCdkGo: 'latest' },
  ].filter(v => only === undefined || v.name === only);
  if (variants.length === 0) fail(`--only takes floor or latest, not ${only}`);
  return variants.map(v => smoke(v, built, keep));
}

runSmoke('Go', main);
