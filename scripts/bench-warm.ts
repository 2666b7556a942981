/**
 * Construction alone, cold and warm: builds the same N users (default 3,000, in stacks of 400) six times in
 * one process, as raw CfnUsers (l1top) or ConnectUsers (l2user) with the settings of scripts/bench-run.ts,
 * and prints the CPU milliseconds of each build. The first build pays for V8 warming up to the code; the
 * later ones show the steady cost per user. No synthesis.
 *
 *   node --expose-gc --single-threaded -r ts-node/register/transpile-only scripts/bench-warm.ts l1top|l2user [N]
 *
 * The library is loaded from lib/ (run `npx projen compile` first).
 */
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { CfnUser, IInstanceRef, IRoutingProfileRef, ISecurityProfileRef } from 'aws-cdk-lib/aws-connect';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib: typeof import('../src') = require('../lib');

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const INSTANCE = `arn:aws:connect:${REGION}:${ACCOUNT}:instance/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111`;
const RP = `${INSTANCE}/routing-profile/rp-basic`;
const SP = `${INSTANCE}/security-profile/sp-agent`;
const LANGUAGES = ['English', 'Spanish', 'French'];

function build(mode: string, n: number): App {
  // No stack traces in metadata, as under `cdk synth`.
  const app = new App({ context: { 'aws:cdk:disable-stack-trace': true } });
  let stack: Stack | undefined;
  let refs: { instance: IInstanceRef; rp: IRoutingProfileRef; sp: ISecurityProfileRef } | undefined;
  for (let i = 0; i < n; i++) {
    if (i % 400 === 0) {
      stack = new Stack(app, `Agents${i / 400}`, { env: { account: ACCOUNT, region: REGION } });
      if (mode === 'l2user') {
        refs = {
          instance: lib.ConnectInstance.fromInstanceArn(stack, 'Instance', INSTANCE),
          rp: lib.RoutingProfile.fromRoutingProfileArn(stack, 'Basic', RP),
          sp: lib.SecurityProfile.fromSecurityProfileArn(stack, 'Agent', SP),
        };
      }
    }
    const username = `agent.${i.toString().padStart(5, '0')}`;
    const language = LANGUAGES[i % LANGUAGES.length];
    if (mode === 'l1top') {
      new CfnUser(stack!, username, {
        instanceArn: INSTANCE,
        username,
        routingProfileArn: RP,
        securityProfileArns: [SP],
        phoneConfig: { phoneType: 'SOFT_PHONE' },
        identityInfo: { firstName: 'Agent', lastName: `Number${i}`, email: `agent.${i}@example.com` },
        userProficiencies: [
          { attributeName: 'Language', attributeValue: language, level: 1 + (i % 5) },
          { attributeName: 'Skill', attributeValue: 'Billing', level: 1 + ((i * 7) % 5) },
        ],
        autoAcceptConfigs: [{ channel: 'VOICE', autoAccept: true }, { channel: 'CHAT', autoAccept: true }, { channel: 'TASK', autoAccept: false }],
        afterContactWorkConfigs: [
          { channel: 'VOICE', afterContactWorkConfig: { afterContactWorkTimeLimit: 30 } },
          { channel: 'CHAT', afterContactWorkConfig: { afterContactWorkTimeLimit: 15 } },
          { channel: 'TASK', afterContactWorkConfig: { afterContactWorkTimeLimit: 60 } },
        ],
        tags: [{ key: 'Site', value: 'NYC' }],
      }).applyRemovalPolicy(RemovalPolicy.RETAIN);
    } else {
      new lib.ConnectUser(stack!, username, {
        username,
        instance: refs!.instance,
        routingProfile: refs!.rp,
        securityProfiles: [refs!.sp],
        identityInfo: { firstName: 'Agent', lastName: `Number${i}`, email: `agent.${i}@example.com` },
        phoneConfig: lib.PhoneConfig.softPhone(),
        proficiencies: [
          lib.UserProficiency.of('Language', language, lib.ProficiencyLevel.of(1 + (i % 5))),
          lib.UserProficiency.of('Skill', 'Billing', lib.ProficiencyLevel.of(1 + ((i * 7) % 5))),
        ],
        channelSettings: {
          voice: { autoAccept: true, afterContactWorkTimeLimit: Duration.seconds(30) },
          chat: { autoAccept: true, afterContactWorkTimeLimit: Duration.seconds(15) },
          task: { autoAccept: false, afterContactWorkTimeLimit: Duration.seconds(60) },
        },
        tags: { Site: 'NYC' },
      });
    }
  }
  return app;
}

function main(): void {
  const [mode, count] = process.argv.slice(2);
  const n = Number(count ?? 3000);
  if ((mode !== 'l1top' && mode !== 'l2user') || !Number.isInteger(n)) {
    console.error('usage: bench-warm l1top|l2user [N]');
    process.exit(2);
  }
  const cpu = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  const builds: number[] = [];
  for (let r = 0; r < 6; r++) {
    const t = cpu();
    build(mode, n);
    builds.push(Math.round(cpu() - t));
    (globalThis as { gc?: () => void }).gc?.();
  }
  console.log(`${mode} ${n}: CPU ms per build, first (cold) to last: ${builds.join(' ')}`);
}

main();
