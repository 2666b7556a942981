import { awscdk, javascript, TaskShell } from 'projen';
import { Vitest } from './projenrc/vitest';

/** Lowest aws-cdk-lib whose CfnUser carries the per-channel configs (AutoAcceptConfigs & co.). */
const CDK_FLOOR = '2.239.0';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-connect-user',
  description: 'AWS CDK L2 constructs for Amazon Connect users: typed phone settings, proficiencies, references, safe passwords, adoption of existing agents, and synth-time validation of everything CloudFormation would reject.',
  author: 'cdk-connect-user contributors',
  authorAddress: 'cdk-connect-user@users.noreply.github.com',
  repositoryUrl: 'https://github.com/cdk-connect-user/cdk-connect-user.git',
  keywords: ['aws-cdk', 'cdk', 'amazon-connect', 'connect', 'contact-center', 'awscdk'],
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.16.0',

  cdkVersion: CDK_FLOOR,
  cdkVersionPinning: false,
  constructsVersion: '10.5.1',
  jsiiVersion: '~5.9.0',
  typescriptVersion: '~5.9.0',

  jest: false,
  eslintOptions: { dirs: ['src'], devdirs: ['test', 'examples', 'scripts', 'projenrc'] },
  sampleCode: false,
  tsconfigDev: {
    include: ['../examples/**/*.ts', '../scripts/**/*.ts'],
    compilerOptions: {},
  },

  // No runtime dependency besides the peers: the roster's CSV reader is our own (src/private/roster/csv-text.ts).
  // csv-parse, which the package bundled before (its browser and ESM builds too: 1.4 MB of 3.4 MB unpacked), stays
  // as the tests' oracle (test/roster-csv-text.test.ts), and export's tests and scripts/nag-reports.ts read CSV with it.

  devDeps: [
    'csv-parse@^6',
    'aws-cdk@^2.1100.0',
    'ts-node@^10.9.2',
    'fast-check@^4',
    // cdk-nag 3 needs aws-cdk-lib >= 2.257; 2.x runs on our 2.239 floor.
    'cdk-nag@^2.36.8',
    // Integration tests in aws-cdk's integ-runner convention (test/integ.*.ts with committed snapshots).
    '@aws-cdk/integ-runner@^2.197.10',
    // Built against the floor, like aws-cdk-lib itself: the alpha's version tracks aws-cdk-lib's.
    `@aws-cdk/integ-tests-alpha@${CDK_FLOOR}-alpha.0`,
    // 'cdk-connect-user plan --deployed' loads it on demand (users install it); the tests drive it
    // against a fake CloudFormation endpoint on 127.0.0.1.
    '@aws-sdk/client-cloudformation@^3',
    // Validates roster documents against the shipped roster.schema.json in the tests.
    'ajv@^8',
    // 'cdk-connect-user export' and 'import-mapping --lookup' load it on demand (users install it); the tests
    // drive it against a fake Amazon Connect endpoint on 127.0.0.1 (test/util/fake-connect.ts).
    '@aws-sdk/client-connect@^3',
    // 'cdk-connect-user preflight' loads it on demand when installed, for the users-per-instance quota (else it
    // uses the documented default, with a note); the tests drive it against a fake endpoint on 127.0.0.1.
    '@aws-sdk/client-service-quotas@^3',
    // test/engines.test.ts: every locked package must run on the Node.js floor of package.json's engines.
    'semver@^7',
    '@types/semver@^7',
  ],

  // jsii targets: the names each language's registry will carry. Which of them package on our
  // machines (and why the others do not) is in the README's Contributing section.
  publishToPypi: { distName: 'cdk-connect-user', module: 'cdk_connect_user' },
  publishToMaven: {
    javaPackage: 'io.github.cdkconnectuser.connectuser',
    mavenGroupId: 'io.github.cdk-connect-user',
    mavenArtifactId: 'cdk-connect-user',
  },
  publishToNuget: { dotNetNamespace: 'CdkConnectUser', packageId: 'CdkConnectUser' },
  publishToGo: { moduleName: 'github.com/cdk-connect-user/cdk-connect-user-go' },

  // .venv: the Python test oracles (requirements-dev.txt), installed by .ci/run and the README's set-up.
  gitignore: ['/cdk.out*/', '/.cdk-example/', '/import-mappings/', '/.venv/'],
  // Integration tests follow aws-cdk's integ-runner convention (test/integ.*.ts), not projen's *.integ.ts.
  integrationTestAutoDiscover: false,
  bin: { 'cdk-connect-user': 'lib/cli/main.js' },
  // commit-and-tag-version 13 (projen's default for bump) and its conventional-changelog packages ask
  // for Node 22: on Node 20, this project's floor, npm ci printed 17 engine warnings a contributor
  // cannot act on. Version 12 runs on Node 18 and later and takes the same command line.
  bumpPackage: 'commit-and-tag-version@^12',
});

// Node 20 is this project's CI floor (the README says it is end-of-life upstream and recommends 22 or
// 24); jsii's and jsii-rosetta's 12-line banners about it on every command are noise a contributor
// cannot act on. jsii reads DEPRECATED for a deprecated release and END_OF_LIFE (a list of majors)
// for one past its end of life.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION', '1');
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');
// Show jsii's reserved-word warnings (projen silences them) and fail on any warning:
// a public name that a target language reserves must be caught here, not by a Python user.
project.compileTask.reset('jsii --fail-on-warnings');
// `package` (and so the build) packs JavaScript, Python, Java and Go, in CI and locally alike: it needs
// Python 3 with pip and venv, a JDK with Maven, and Go (README, Packaging targets), and fails without
// them. smoke:python installs the wheel, smoke:java the jar, smoke:go the module. NuGet stays configured
// but unbuilt: no machine of ours has a .NET SDK (`package:dotnet` packs it where one is).
project.packageTask.reset();
for (const language of ['js', 'python', 'java', 'go']) {
  project.packageTask.spawn(project.tasks.tryFind(`package:${language}`)!);
}
// Maven: a time limit on each connection and read (its default read limit is 30 minutes), and the local
// repository named by MAVEN_LOCAL_REPOSITORY when set (.ci/run shares one between the build and
// smoke:java); unset, jsii-pacmak uses a fresh one of its own, as before.
// POSIX sh: projen's own shell has no ${VAR:+word}.
const packageJava = project.tasks.tryFind('package:java')!;
packageJava.shell = TaskShell.sh();
packageJava.reset(
  'MAVEN_OPTS="${MAVEN_OPTS:-} -Daether.connector.connectTimeout=30000 -Daether.connector.requestTimeout=120000" '
  + 'jsii-pacmak -v --target java ${MAVEN_LOCAL_REPOSITORY:+--maven-local-repository="$MAVEN_LOCAL_REPOSITORY"}');

// The npm package is the library, listed file by file (package.json `files`, checked by test/package.test.ts):
// an allowlist, so that whatever a working copy holds besides (the example's cdk.out.example/ with its cdk-nag
// reports, coverage/, the sources and tests, CI, scripts) never ships. npm adds package.json and the bundled
// dependencies itself. Sources stay out: the .d.ts files carry the types and doc comments, and with no source
// maps the .ts files would serve nobody. jsii needs .jsii (the assembly jsii-pacmak and jsii consumers read);
// .jsii.tabl.json is rosetta's translations of the README's examples, which `jsii-rosetta transliterate`
// (Construct Hub) reads from beside the assembly rather than recompiling them without our fixtures.
project.package.addField('files', [
  'lib/**/*.js', 'lib/**/*.d.ts', '.jsii', '.jsii.tabl.json', 'API.md', 'README.md', 'LICENSE',
  // The JSON Schema of roster documents (ConnectUserRoster's json prop), for editors.
  'roster.schema.json',
]);

// The example app and scripts are type-checked through test/tsconfig.json; eslint lints them as loose files.
project.eslint?.allowDefaultProjectFiles('examples/*.ts', 'scripts/*.ts');
// typescript-eslint stops at 8 files in its default project; the examples and scripts are a dozen small files.
project.tryFindObjectFile('.eslintrc.json')?.addOverride(
  'parserOptions.projectService.maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING', 32);

new Vitest(project, { version: '^4.1.0', coverageThreshold: 90 });

// The main job of a fresh clone: synthesize the example app with the real cdk CLI, then lint it.
const exampleOut = 'cdk.out.example';
const example = project.addTask('example', {
  description: 'Synthesize the example app with the cdk CLI (cdk-nag applied) and check every template with cfn-lint',
  env: { CDK_DISABLE_CLI_TELEMETRY: 'true' },
});
example.exec(`cdk synth --app "ts-node --transpile-only examples/app.ts" --output ${exampleOut} --quiet --no-notices`);
example.exec(`ts-node --transpile-only scripts/lint-templates.ts ${exampleOut}`);
// cdk-nag ran during the synth (examples/app.ts): say so, with its findings and where its reports are.
example.exec(`ts-node --transpile-only scripts/nag-reports.ts ${exampleOut}`);
// The adopt workflow's next step: the files `cdk import --resource-mapping` takes.
example.exec(`ts-node --transpile-only src/cli/main.ts import-mapping ${exampleOut} --out ${exampleOut}/import-mappings`);

// A 10,000-row bulk-upload CSV through the roster: every shard within quotas and cfn-lint clean.
const rosterCheck = project.addTask('roster:check', {
  description: 'Synthesize a 10,000-row roster CSV and lint every shard with cfn-lint',
});
rosterCheck.exec('ts-node --transpile-only scripts/roster-10k.ts 10000 cdk.out.roster');

// API.md is only as good as the doc comments: after compile, check the assembly for a summary on every type and
// member, @default on every optional property and an AWS docs @see on every construct, props interface and enum.
const docsCheck = project.addTask('docs:check', {
  description: 'Check the API docs in the .jsii assembly (summaries, @default on optional props, @see to the AWS docs) and the README (sections, commands, CSV columns, links)',
});
docsCheck.exec('ts-node --transpile-only scripts/check-docs.ts .jsii');
// The README for consumers: its sections in order, every CLI command and option (src/cli/main.ts's routing) and every
// CSV column and alias (the field table) documented, every link of README.md, CONTRIBUTING.md and docs/*.md resolving.
docsCheck.exec('ts-node --transpile-only scripts/check-readme.ts');
project.postCompileTask.spawn(docsCheck);

// Every ```ts block in README.md compiles: jsii-rosetta reads the README from the .jsii assembly, completes each
// snippet with a fixture from rosetta/ (`default`, or the one named by ```ts fixture=<name>) and fails on any
// compile error. Runs after compile, so `npx projen build` (and CI) checks it.
const rosetta = project.addTask('rosetta', {
  description: 'Compile every TypeScript example in README.md with jsii-rosetta in strict mode (needs a compiled .jsii)',
  // jsii-rosetta's own Node version banner (it calls Node 20 end-of-life); see the note on jsii's above.
  env: { JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' },
});
rosetta.exec('jsii-rosetta extract --strict');
project.postCompileTask.spawn(rosetta);
// The roster example reads its CSV with `fs`: rosetta compiles snippets in a directory of its own, so it
// needs Node's types there (it installs them with npm).
project.package.addField('jsiiRosetta', { exampleDependencies: { '@types/node': '^20' } });
// rosetta's translations of the examples: build output (written next to .jsii), not source.
project.gitignore.exclude('/.jsii.tabl.json');
// The README's Python quick start is rosetta's translation of the TypeScript one, unedited, and it is the
// code the Python smoke test runs (test/smoke/python/quickstart.py): written after rosetta on every build,
// so a stale copy shows as a changed tracked file (CI fails on those). A bad translation is fixed in the
// TypeScript source.
const readmePython = project.addTask('readme:python', {
  description: "Write rosetta's Python translation of the README's quick start into README.md and test/smoke/python/quickstart.py",
});
readmePython.exec('ts-node --transpile-only scripts/readme-python.ts', { receiveArgs: true });
project.postCompileTask.spawn(readmePython);
// The package as npm would publish it (dist/js, made by the build or package:js), installed into a
// fresh CDK app outside the repository at the aws-cdk-lib floor and at the latest 2.x, synthesized
// with the cdk CLI and linted with cfn-lint.
const smoke = project.addTask('smoke', {
  description: 'Install the packed library into fresh CDK apps (aws-cdk-lib floor and latest), synth and cfn-lint them',
  env: { CDK_DISABLE_CLI_TELEMETRY: 'true' },
});
smoke.exec('ts-node --transpile-only scripts/smoke.ts', { receiveArgs: true });
// The same in Python: the wheel the build made (dist/python) in fresh virtualenvs with aws-cdk-lib from
// PyPI (floor and latest), the README's Python quick start and more synthesized, linted and counted, and
// a validation error checked as a Python exception.
const smokePython = project.addTask('smoke:python', {
  description: 'Install the built wheel into fresh Python CDK apps (aws-cdk-lib floor and latest), synth and cfn-lint them',
  env: { CDK_DISABLE_CLI_TELEMETRY: 'true' },
});
smokePython.exec('ts-node --transpile-only scripts/smoke-python.ts', { receiveArgs: true });
// The same in Java: the jar the build made (dist/java) installed into a local Maven repository, an app built
// with Maven against aws-cdk-lib from Maven Central (floor and newest 2.x), synthesized, linted and counted.
const smokeJava = project.addTask('smoke:java', {
  description: 'Install the built jar into a local Maven repository and synth fresh Java CDK apps against it (floor and latest)',
  env: { CDK_DISABLE_CLI_TELEMETRY: 'true' },
});
smokeJava.exec('ts-node --transpile-only scripts/smoke-java.ts', { receiveArgs: true });
// The same in Go: the module the build made (dist/go) by a replace directive, aws-cdk-go from the Go module
// proxy (floor and newest listed), built, synthesized, linted and counted.
const smokeGo = project.addTask('smoke:go', {
  description: 'Build fresh Go CDK apps against the built module (dist/go, by replace) and aws-cdk-go (floor and latest), synth and cfn-lint them',
  env: { CDK_DISABLE_CLI_TELEMETRY: 'true' },
});
smokeGo.exec('ts-node --transpile-only scripts/smoke-go.ts', { receiveArgs: true });

// Integration tests: test/integ.*.ts apps (integ-runner convention) with committed snapshots.
const integEnv = {
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  // The test task's tsc type-checks the apps; integ-runner only needs to run them.
  TS_NODE_TRANSPILE_ONLY: 'true',
  // Offline: without a region, the toolkit asks the EC2 metadata service for one (any region will do).
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
};
project.gitattributes.addAttributes('/test/*.snapshot/**', 'linguist-generated');
// After construction: projen's later `!/test/` would otherwise drop them. integ-runner's working
// directories (left behind when a test fails), and the assertion handler bundle it copies into each
// snapshot (2 MiB of integ-tests-alpha's code, which the snapshot check does not read).
project.gitignore.exclude('/test/cdk-integ.out.*/', '/test/*.snapshot/asset.*/');
const integSnapshot = project.addTask('integ:snapshot', {
  description: 'Verify the integ tests\' committed snapshots offline: synthesize each test/integ.*.ts and diff (no AWS access)',
  env: integEnv,
});
integSnapshot.exec('integ-runner --language typescript', { receiveArgs: true });
const integUpdate = project.addTask('integ:update', {
  description: 'Rewrite the snapshots of the integ tests whose snapshot differs, offline (synthesize only, no deployment)',
  env: integEnv,
});
integUpdate.exec('integ-runner --language typescript --update-on-failed --dry-run', { receiveArgs: true });

// Performance is measured by a benchmark that prints figures, not by a timed test.
const bench = project.addTask('bench', {
  description: 'Benchmark: the roster (L2) against raw CfnUsers (L1) at 1,000 / 5,000 / 10,000 agents',
});
bench.spawn(project.compileTask);
bench.exec('ts-node --transpile-only scripts/bench.ts');
// The same runs counted in instructions under valgrind: steady where timings on a shared VM are not.
const benchInstructions = project.addTask('bench:instructions', {
  description: 'Benchmark in CPU instructions (valgrind callgrind): the roster (L2) against raw CfnUsers (L1)',
});
benchInstructions.spawn(project.compileTask);
benchInstructions.exec('ts-node --transpile-only scripts/bench-instructions.ts');

project.synth();
