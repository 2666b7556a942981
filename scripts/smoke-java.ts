/**
 * Java smoke test: the jar the build made (dist/java), installed into a local Maven repository, runs a
 * Java CDK app built with Maven against aws-cdk-lib from Maven Central.
 *
 *   ts-node scripts/smoke-java.ts [--keep] [--only floor|latest]
 *
 * The local repository is $MAVEN_LOCAL_REPOSITORY when set (.ci/run shares one with the build's
 * package:java, so the jars download once), else a temporary one for this run. Into it,
 * `mvn install:install-file` puts the built jar and its pom. Then, once with aws-cdk-lib and
 * constructs at this package's peer floor and once at the newest 2.x / 10.x Maven Central has
 * (a version range), each in a fresh temporary directory:
 *   1. copies test/smoke/java (a pom and two classes) and test/smoke/agents.csv, compiles the app with
 *      Maven and writes its runtime classpath, which must hold the jar just installed;
 *   2. runs `cdk synth --app "java … smoke.SmokeApp"` with this repository's cdk CLI (the README's
 *      quick start in Java, an advanced agent, an adopted agent and a roster with generated passwords);
 *   3. lints every template (nested ones included) with cfn-lint, counts the users, and reads the
 *      adopted one back with the package's `import-mapping` command;
 *   4. runs smoke.Validation: bad values must raise a Java exception carrying the library's message.
 * Exits non-zero on the first problem; prints the versions tested and the time of each step.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  assertFresh, cleanEnv, fail, floorOf, inTempDir, PACKAGE, ROOT, run, runSmoke, SMOKE_SOURCES, synthCheckValidate,
  toolVersion,
} from './smoke-common';

interface Variant {
  readonly name: string;
  /** Maven versions (a version or a range). */
  readonly awsCdkLib: string;
  readonly constructs: string;
}

/** Maven's own time limits on each connection and read (its default read limit is 30 minutes). */
const MAVEN_OPTS = '-Daether.connector.connectTimeout=30000 -Daether.connector.requestTimeout=120000';

function mavenArgs(repo: string): string[] {
  return ['--batch-mode', '--no-transfer-progress', '--quiet', `-Dmaven.repo.local=${repo}`];
}

/** The jar jsii-pacmak deployed into dist/java (a Maven repository layout) and its pom. */
function builtJar(): { jar: string; pom: string; group: string; artifact: string; version: string } {
  const group: string = PACKAGE.jsii?.targets?.java?.maven?.groupId;
  const artifact: string = PACKAGE.jsii?.targets?.java?.maven?.artifactId;
  if (!group || !artifact) fail('package.json has no jsii.targets.java.maven groupId/artifactId');
  const version: string = PACKAGE.version;
  const dir = path.join(ROOT, 'dist', 'java', ...group.split('.'), artifact, version);
  const jar = path.join(dir, `${artifact}-${version}.jar`);
  const remedy = "run 'npx projen build' (or 'npx projen package:java') first";
  assertFresh(jar, remedy);
  return { jar, pom: path.join(dir, `${artifact}-${version}.pom`), group, artifact, version };
}

function smoke(variant: Variant, built: ReturnType<typeof builtJar>, repo: string, keep: boolean): string {
  const t0 = Date.now();
  const env = cleanEnv({ MAVEN_OPTS: `${process.env.MAVEN_OPTS ?? ''} ${MAVEN_OPTS}`.trim() });
  return inTempDir(`cdk-connect-user-smoke-java-${variant.name}-`, keep, dir => {
    console.log(`\n== ${variant.name}: aws-cdk-lib ${variant.awsCdkLib}, constructs ${variant.constructs} in ${dir}`);
    // 1. The app, compiled by Maven, and its runtime classpath.
    fs.cpSync(path.join(SMOKE_SOURCES, 'java'), dir, { recursive: true });
    fs.copyFileSync(path.join(SMOKE_SOURCES, 'agents.csv'), path.join(dir, 'agents.csv'));
    run('mvn', [...mavenArgs(repo), `-Dcdk.version=${variant.awsCdkLib}`, `-Dconstructs.version=${variant.constructs}`,
      `-Dcdk-connect-user.version=${built.version}`, 'compile', 'dependency:build-classpath'], { cwd: dir, env, timeoutSeconds: 900 });
    const classpath = fs.readFileSync(path.join(dir, 'target', 'classpath.txt'), 'utf8').trim().split(path.delimiter);
    const ours = classpath.find(p => path.basename(p) === path.basename(built.jar));
    if (!ours) fail(`the app's classpath has no ${path.basename(built.jar)}:\n${classpath.join('\n')}`);
    if (!fs.readFileSync(ours).equals(fs.readFileSync(built.jar))) fail(`${ours} is not the jar in dist/java`);
    const versionOf = (name: string) => {
      const found = classpath.map(p => path.basename(p).match(new RegExp(`^${name}-(\\d[^-]*)\\.jar$`))).find(m => m);
      if (!found) fail(`no ${name} jar on the app's classpath`);
      return found[1];
    };
    const versions = `${built.artifact} ${built.version} (the built jar), aws-cdk-lib ${versionOf('aws-cdk-lib')}, `
      + `constructs ${versionOf('constructs')}, jsii-runtime ${versionOf('jsii-runtime')}`;
    console.log(`    ${versions}`);
    // The JVM's arguments in a file (java @file): the classpath is long.
    fs.writeFileSync(path.join(dir, 'java.args'), `-cp\n${['target/classes', ...classpath].join(path.delimiter)}\n`);
    const tBuild = Date.now();

    // 2. cdk synth (the JVM started by the CLI), the assembly's checks, and the library's error reaching Java
    // as an exception with its message.
    return synthCheckValidate({
      variant: variant.name,
      versions,
      dir,
      env,
      app: 'java @java.args smoke.SmokeApp',
      validation: { cmd: 'java', args: ['@java.args', 'smoke.Validation'], passed: "validation error surfaced as a Java exception with the library's message" },
      install: { label: 'mvn compile', started: t0, ended: tBuild },
    });
  });
}

function main(): string[] {
  const keep = process.argv.includes('--keep');
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  const env = cleanEnv();
  console.log(`Java smoke test: ${toolVersion('java', ['-version'], 'A Java runtime', env)}; `
    + `${toolVersion('javac', ['-version'], 'A JDK (javac)', env)}; ${toolVersion('mvn', ['--version'], 'Maven', env).replace(/\x1b\[[0-9;]*m/g, '')}`);
  const built = builtJar();
  console.log(`  ${path.relative(ROOT, built.jar)} (${Math.round(fs.statSync(built.jar).size / 1024)} KiB)`);

  const shared = process.env.MAVEN_LOCAL_REPOSITORY;
  const repo = shared ? path.resolve(shared) : fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-connect-user-smoke-java-m2-'));
  console.log(`  Maven local repository: ${repo}${shared ? ' ($MAVEN_LOCAL_REPOSITORY)' : ' (for this run)'}`);
  try {
    // The built jar and its pom into the local repository (replacing any earlier build of the same version).
    const installDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-connect-user-smoke-java-install-'));
    try {
      run('mvn', [...mavenArgs(repo), 'org.apache.maven.plugins:maven-install-plugin:3.1.1:install-file',
        `-Dfile=${built.jar}`, `-DpomFile=${built.pom}`],
      { cwd: installDir, env: cleanEnv({ MAVEN_OPTS: `${process.env.MAVEN_OPTS ?? ''} ${MAVEN_OPTS}`.trim() }), timeoutSeconds: 600 });
    } finally {
      fs.rmSync(installDir, { recursive: true, force: true });
    }
    const variants: Variant[] = [
      { name: 'floor', awsCdkLib: floorOf('aws-cdk-lib'), constructs: floorOf('constructs') },
      { name: 'latest', awsCdkLib: `[${floorOf('aws-cdk-lib')},3.0.0)`, constructs: `[${floorOf('constructs')},11.0.0)` },
    ].filter(v => only === undefined || v.name === only);
    if (variants.length === 0) fail(`--only takes floor or latest, not ${only}`);
    return variants.map(v => smoke(v, built, repo, keep));
  } finally {
    if (!shared && !keep) fs.rmSync(repo, { recursive: true, force: true });
  }
}

runSmoke('Java', main);
