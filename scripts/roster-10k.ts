/**
 * npm run roster:check: builds a 10,000-row bulk-upload CSV and, through
 * ConnectUserRoster with generated passwords (two resources per agent):
 * 1. checks that the default 20 shards cannot hold it within CloudFormation's quotas per template
 *    (60 dynamic references: one a generated password), so the roster picks a count and warns naming it;
 * 2. synthesizes it with that count (a cloud assembly on disk, the cdk CLI's
 *    own synthesis path) and lints every shard with cfn-lint;
 * 3. grows it by 10 % with the same count and runs `cdk-connect-user plan`
 *    against the first synth: no agent may move.
 *
 *   ts-node scripts/roster-10k.ts [rows] [outdir]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { App, Stack } from 'aws-cdk-lib';
import { ConnectInstance, ConnectUserRoster, IdentityManagementType, RoutingProfile, SecurityProfile, UserHierarchyGroup, UserPassword } from '../src';

const rows = Number(process.argv[2] ?? 10_000);
const outdir = process.argv[3] ?? 'cdk.out.roster';
const INSTANCE = 'arn:aws:connect:us-east-1:111122223333:instance/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';

const header = 'first name,last name,email address,password,user login,routing profile name,'
  + 'security_profile_name_1|security_profile_name_2,phone type (soft/desk),phone number,'
  + 'soft phone auto accept (yes/no),ACW timeout (seconds),user hierarchy';
const lines = [header];
for (let i = 0; i < Math.round(rows * 1.1); i++) {
  const desk = i % 7 === 0;
  lines.push([
    'Agent', `Number${i}`, `agent.${i}@example.com`, '', `agent.${i}`, i % 3 ? 'Basic' : 'Sales',
    i % 10 ? 'Agent' : 'Agent|Supervisor', desk ? 'desk' : 'soft', desk ? `+1555${String(i).padStart(7, '0')}` : '',
    i % 2 ? 'yes' : 'no', String(i % 120), i % 4 ? '' : 'support/eu',
  ].join(','));
}

/** Synthesizes the first `n` rows as a roster with generated passwords into `dir`. */
function synthRoster(n: number, dir: string, shardCount?: number): ConnectUserRoster {
  fs.rmSync(dir, { recursive: true, force: true });
  const app = new App({ outdir: dir });
  const stack = new Stack(app, 'Roster10k', { env: { account: '111122223333', region: 'us-east-1' } });
  const roster = new ConnectUserRoster(stack, 'Agents', {
    instance: ConnectInstance.fromInstanceAttributes(stack, 'Instance', { instanceArn: INSTANCE, identityManagementType: IdentityManagementType.CONNECT_MANAGED }),
    routingProfiles: {
      Basic: RoutingProfile.fromRoutingProfileArn(stack, 'Basic', `${INSTANCE}/routing-profile/rp-basic`),
      Sales: RoutingProfile.fromRoutingProfileArn(stack, 'Sales', `${INSTANCE}/routing-profile/rp-sales`),
    },
    securityProfiles: {
      Agent: SecurityProfile.fromSecurityProfileArn(stack, 'Agent', `${INSTANCE}/security-profile/sp-agent`),
      Supervisor: SecurityProfile.fromSecurityProfileArn(stack, 'Supervisor', `${INSTANCE}/security-profile/sp-sup`),
    },
    hierarchyGroups: { 'support/eu': UserHierarchyGroup.fromUserHierarchyGroupArn(stack, 'Eu', `${INSTANCE}/agent-group/hg-eu`) },
    csv: lines.slice(0, n + 1).join('\n'),
    passwords: UserPassword.generate(),
    shardCount,
  });
  app.synth();
  return roster;
}

// 1. Without a shardCount the default (20 shards) cannot hold 10,000 agents with their password secrets and
//    dynamic references: the roster uses the smallest count that fits, and its warning names it.
const first = synthRoster(rows, outdir);
const warning = first.node.metadata.find(m => typeof m.data === 'string' && m.data.includes('cdk-connect-user:templateQuota'))?.data as string | undefined;
const suggested = Number(/Set shardCount: (\d+)/.exec(warning ?? '')?.[1]);
if (!suggested || suggested !== Object.keys(first.shards).length) {
  console.error(`expected the roster to pick a shard count for ${rows} agents with generated passwords and name it in a warning, got: ${warning}`);
  process.exit(1);
}
console.log(`default shard count: ${warning!.split(' [ack:')[0]}`);

// 2. With the suggested count it synthesizes, and every shard lints clean.
const roster = synthRoster(rows, outdir, suggested);
const templates = fs.readdirSync(outdir).filter(f => f.endsWith('.template.json'));
let largest = 0;
let mostResources = 0;
let mostReferences = 0;
for (const f of templates) {
  const text = fs.readFileSync(`${outdir}/${f}`, 'utf8');
  largest = Math.max(largest, Buffer.byteLength(text));
  mostResources = Math.max(mostResources, Object.keys(JSON.parse(text).Resources ?? {}).length);
  mostReferences = Math.max(mostReferences, text.split('{{resolve:').length - 1);
}
console.log(`${rows} rows with generated passwords, shardCount ${suggested} (suggested) -> ${Object.keys(roster.cfnUsers).length} users in `
  + `${Object.keys(roster.shards).length} nested stacks; largest template ${(largest / 1024).toFixed(0)} KiB (quota 1 MiB), `
  + `most resources in one template ${mostResources} (quota 500), most dynamic references ${mostReferences} (quota 60)`);
if (mostResources > 500 || mostReferences > 60) process.exit(1);
const lint = spawnSync('ts-node', ['--transpile-only', 'scripts/lint-templates.ts', outdir], { stdio: 'inherit' });
if (lint.status !== 0) process.exit(lint.status ?? 1);

// 3. Grown by 10 % with the same count: it still synthesizes, and `plan` finds no agent moved.
const grown = `${outdir}.grown`;
const rowsGrown = Math.round(rows * 1.1);
synthRoster(rowsGrown, grown, suggested);
const plan = spawnSync('ts-node', ['--transpile-only', 'src/cli/main.ts', 'plan', grown, '--baseline', outdir], { encoding: 'utf8' });
const summary = plan.stdout.trim().split('\n').pop();
console.log(`grown to ${rowsGrown} rows with the same shardCount: plan says "${summary}" (exit ${plan.status})`);
fs.rmSync(grown, { recursive: true, force: true });
if (plan.status !== 0 || !/ 0 moved, /.test(summary ?? '') || !new RegExp(` ${rowsGrown - rows} created, `).test(summary ?? '')) {
  console.error(`expected the grown roster to create ${rowsGrown - rows} agents and move none:\n${plan.stdout}${plan.stderr}`);
  process.exit(1);
}
