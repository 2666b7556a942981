/**
 * One benchmark run, in its own process: synthesizes N agents either through
 * ConnectUserRoster (l2), as raw CfnUsers in nested stacks of 400 under one
 * stack (l1), or as raw CfnUsers in top-level stacks of 400 in one App (l1top,
 * what a user would otherwise hand-write), or as ConnectUser constructs in top-level
 * stacks of 400 (l2user), with the same properties, and prints
 * {cpuMs, wallMs, maxRssMb} as JSON.
 *
 *   ts-node scripts/bench-run.ts l1|l1top|l2|l2user <N>
 *
 * The library is loaded from lib/ (the jsii build), as a consumer gets it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, NestedStack, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { CfnUser, IInstanceRef, IRoutingProfileRef, ISecurityProfileRef } from 'aws-cdk-lib/aws-connect';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib: typeof import('../src') = require('../lib');
type ConnectUserOptions = import('../src').ConnectUserOptions;

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const INSTANCE = `arn:aws:connect:${REGION}:${ACCOUNT}:instance/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111`;
const RP = `${INSTANCE}/routing-profile/rp-basic`;
const SP = `${INSTANCE}/security-profile/sp-agent`;
const PER_STACK = 400;

const LANGUAGES = ['English', 'Spanish', 'French'];
const agent = (i: number) => ({
  username: `agent.${i.toString().padStart(5, '0')}`,
  firstName: 'Agent',
  lastName: `Number${i}`,
  email: `agent.${i}@example.com`,
  // Routing by proficiency and per-channel settings in every spec: two proficiencies, voice, chat and task settings.
  language: LANGUAGES[i % LANGUAGES.length],
  languageLevel: 1 + (i % 5),
  skillLevel: 1 + ((i * 7) % 5),
});

function cfnUser(scope: Stack, i: number): void {
  const a = agent(i);
  new CfnUser(scope, a.username, {
    instanceArn: INSTANCE,
    username: a.username,
    routingProfileArn: RP,
    securityProfileArns: [SP],
    // Per-channel settings, as AWS recommends: the voice channel's auto-accept and ACW are not in PhoneConfig
    // (the API reference says a PhoneConfig field and its per-channel list cannot both be set).
    phoneConfig: { phoneType: 'SOFT_PHONE' },
    identityInfo: { firstName: a.firstName, lastName: a.lastName, email: a.email },
    userProficiencies: [
      { attributeName: 'Language', attributeValue: a.language, level: a.languageLevel },
      { attributeName: 'Skill', attributeValue: 'Billing', level: a.skillLevel },
    ],
    autoAcceptConfigs: [{ channel: 'VOICE', autoAccept: true }, { channel: 'CHAT', autoAccept: true }, { channel: 'TASK', autoAccept: false }],
    afterContactWorkConfigs: [
      { channel: 'VOICE', afterContactWorkConfig: { afterContactWorkTimeLimit: 30 } },
      { channel: 'CHAT', afterContactWorkConfig: { afterContactWorkTimeLimit: 15 } },
      { channel: 'TASK', afterContactWorkConfig: { afterContactWorkTimeLimit: 60 } },
    ],
    tags: [{ key: 'Site', value: 'NYC' }],
  }).applyRemovalPolicy(RemovalPolicy.RETAIN);
}

/** An agent's settings, the same for a roster agent and a ConnectUser (ConnectUserOptions). */
function options(i: number): ConnectUserOptions {
  const a = agent(i);
  return {
    username: a.username,
    identityInfo: { firstName: a.firstName, lastName: a.lastName, email: a.email },
    phoneConfig: lib.PhoneConfig.softPhone(),
    proficiencies: [
      lib.UserProficiency.of('Language', a.language, lib.ProficiencyLevel.of(a.languageLevel)),
      lib.UserProficiency.of('Skill', 'Billing', lib.ProficiencyLevel.of(a.skillLevel)),
    ],
    channelSettings: {
      voice: { autoAccept: true, afterContactWorkTimeLimit: Duration.seconds(30) },
      chat: { autoAccept: true, afterContactWorkTimeLimit: Duration.seconds(15) },
      task: { autoAccept: false, afterContactWorkTimeLimit: Duration.seconds(60) },
    },
  };
}

function l1(app: App, n: number): void {
  const stack = new Stack(app, 'Agents', { env: { account: ACCOUNT, region: REGION } });
  let shard: NestedStack | undefined;
  for (let i = 0; i < n; i++) {
    if (i % PER_STACK === 0) shard = new NestedStack(stack, `Shard${i / PER_STACK}`);
    cfnUser(shard!, i);
  }
}

/** What a user would otherwise hand-write: top-level stacks of 400, no nesting. */
export function l1top(app: App, n: number): void {
  let stack: Stack | undefined;
  for (let i = 0; i < n; i++) {
    if (i % PER_STACK === 0) stack = new Stack(app, `Agents${i / PER_STACK}`, { env: { account: ACCOUNT, region: REGION } });
    cfnUser(stack!, i);
  }
}

export function l2(app: App, n: number): void {
  const stack = new Stack(app, 'Agents', { env: { account: ACCOUNT, region: REGION } });
  new lib.ConnectUserRoster(stack, 'Roster', {
    instance: lib.ConnectInstance.fromInstanceArn(stack, 'Instance', INSTANCE),
    routingProfiles: { Basic: lib.RoutingProfile.fromRoutingProfileArn(stack, 'Basic', RP) },
    securityProfiles: { Agent: lib.SecurityProfile.fromSecurityProfileArn(stack, 'Agent', SP) },
    shardCount: Math.ceil(n / PER_STACK),
    tags: { Site: 'NYC' },
    users: Array.from({ length: n }, (_, i) => ({ ...options(i), routingProfile: 'Basic', securityProfiles: ['Agent'] })),
  });
}


/** ConnectUser constructs (L2) in top-level stacks of 400, the same settings as the roster's agents. */
export function l2user(app: App, n: number): void {
  let stack: Stack | undefined;
  let refs: { instance: IInstanceRef; routingProfile: IRoutingProfileRef; agent: ISecurityProfileRef } | undefined;
  for (let i = 0; i < n; i++) {
    if (i % PER_STACK === 0) {
      stack = new Stack(app, `Agents${i / PER_STACK}`, { env: { account: ACCOUNT, region: REGION } });
      refs = {
        instance: lib.ConnectInstance.fromInstanceArn(stack, 'Instance', INSTANCE),
        routingProfile: lib.RoutingProfile.fromRoutingProfileArn(stack, 'Basic', RP),
        agent: lib.SecurityProfile.fromSecurityProfileArn(stack, 'Agent', SP),
      };
    }
    new lib.ConnectUser(stack!, agent(i).username, {
      ...options(i),
      instance: refs!.instance,
      routingProfile: refs!.routingProfile,
      securityProfiles: [refs!.agent],
      tags: { Site: 'NYC' },
    });
  }
}

function main(): void {
  const [mode, count] = process.argv.slice(2);
  const n = Number(count);
  const modes: { [mode: string]: () => (app: App, n: number) => void } = {
    l1: () => l1,
    l1top: () => l1top,
    l2: () => l2,
    l2user: () => l2user,
  };
  if (!Object.prototype.hasOwnProperty.call(modes, mode) || !Number.isInteger(n)) {
    console.error('usage: bench-run l1|l1top|l2|l2user <N>');
    process.exit(2);
  }
  const build = modes[mode]();
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const app = new App({ outdir });
  build(app, n);
  const built = process.cpuUsage(cpu0);
  const assembly = app.synth();
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  const templates = fs.readdirSync(outdir).filter(f => f.endsWith('.template.json')).length;
  const users = assembly.stacks.length;
  if (process.env.BENCH_KEEP) console.error(`kept ${outdir}`);
  else fs.rmSync(outdir, { recursive: true, force: true });
  console.log(JSON.stringify({
    mode,
    n,
    // CPU of construction alone (the app's constructs made), the rest of cpuMs being app.synth().
    constructMs: (built.user + built.system) / 1000,
    templates,
    stacks: users,
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }));
}

// Run as a script; scripts/bench-warm.ts imports the builders.
if (require.main === module) main();
