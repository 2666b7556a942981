import { awscdk, javascript } from 'projen';
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

  // Parses roster CSVs; bundled into the package, as jsii requires of non-jsii runtime dependencies.
  bundledDeps: ['csv-parse@^6'],

  devDeps: [
    'aws-cdk@^2.1100.0',
    'ts-node@^10.9.2',
    'fast-check@^4',
    // cdk-nag 3 needs aws-cdk-lib >= 2.257; 2.x runs on our 2.239 floor.
    'cdk-nag@^2.36.8',
    // Integration tests in aws-cdk's integ-runner convention (test/integ.*.ts with committed snapshots).
    '@aws-cdk/integ-runner@^2.197.10',
    // Built against the floor, like aws-cdk-lib itself: the alpha's version tracks aws-cdk-lib's.
    `@aws-cdk/integ-tests-alpha@${CDK_FLOOR}-alpha.0`,
  ],

  gitignore: ['/cdk.out*/', '/.cdk-example/', '/import-mappings/'],
  // Integration tests follow aws-cdk's integ-runner convention (test/integ.*.ts), not projen's *.integ.ts.
  integrationTestAutoDiscover: false,
  bin: { 'cdk-connect-user': 'lib/cli/main.js' },
});

// Node 20 is this project's CI floor; jsii's end-of-life banner on it is noise.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION', '1');
// Show jsii's reserved-word warnings (projen silences them) and fail on any warning:
// a public name that a target language reserves must be caught here, not by a Python user.
project.compileTask.reset('jsii --fail-on-warnings');

// The example app and scripts are type-checked through test/tsconfig.json; eslint lints them as loose files.
project.eslint?.allowDefaultProjectFiles('examples/*.ts', 'scripts/*.ts');

new Vitest(project, { version: '^4.1.0', coverageThreshold: 90 });

// The main job of a fresh clone: synthesize the example app with the real cdk CLI, then lint it.
const exampleOut = 'cdk.out.example';
const example = project.addTask('example', {
  description: 'Synthesize the example app with the cdk CLI and check every template with cfn-lint',
  env: { CDK_DISABLE_CLI_TELEMETRY: 'true' },
});
example.exec(`cdk synth --app "ts-node --transpile-only examples/app.ts" --output ${exampleOut} --quiet --no-notices`);
example.exec(`ts-node --transpile-only scripts/lint-templates.ts ${exampleOut}`);
// The adopt workflow's next step: the files `cdk import --resource-mapping` takes.
example.exec(`ts-node --transpile-only src/cli/main.ts import-mapping ${exampleOut} --out ${exampleOut}/import-mappings`);

// A 10,000-row bulk-upload CSV through the roster: every shard within quotas and cfn-lint clean.
const rosterCheck = project.addTask('roster:check', {
  description: 'Synthesize a 10,000-row roster CSV and lint every shard with cfn-lint',
});
rosterCheck.exec('ts-node --transpile-only scripts/roster-10k.ts 10000 cdk.out.roster');

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

project.synth();
