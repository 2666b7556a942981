/**
 * npm run roster:check: builds a 10,000-row bulk-upload CSV, synthesizes it
 * through ConnectUserRoster with the cdk CLI's own synthesis path (a cloud
 * assembly on disk), and lints every shard with cfn-lint.
 *
 *   ts-node scripts/roster-10k.ts [rows] [outdir]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { App, Stack } from 'aws-cdk-lib';
import { ConnectInstance, ConnectUserRoster, RoutingProfile, SecurityProfile, UserHierarchyGroup } from '../src';

const rows = Number(process.argv[2] ?? 10_000);
const outdir = process.argv[3] ?? 'cdk.out.roster';
const INSTANCE = 'arn:aws:connect:us-east-1:111122223333:instance/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';

const header = 'first name,last name,email address,password,user login,routing profile name,'
  + 'security_profile_name_1|security_profile_name_2,phone type (soft/desk),phone number,'
  + 'soft phone auto accept (yes/no),ACW timeout (seconds),user hierarchy';
const lines = [header];
for (let i = 0; i < rows; i++) {
  const desk = i % 7 === 0;
  lines.push([
    'Agent', `Number${i}`, `agent.${i}@example.com`, '', `agent.${i}`, i % 3 ? 'Basic' : 'Sales',
    i % 10 ? 'Agent' : 'Agent|Supervisor', desk ? 'desk' : 'soft', desk ? `+1555${String(i).padStart(7, '0')}` : '',
    i % 2 ? 'yes' : 'no', String(i % 120), i % 4 ? '' : 'support/eu',
  ].join(','));
}

fs.rmSync(outdir, { recursive: true, force: true });
const app = new App({ outdir });
const stack = new Stack(app, 'Roster10k', { env: { account: '111122223333', region: 'us-east-1' } });
const roster = new ConnectUserRoster(stack, 'Agents', {
  instance: ConnectInstance.fromInstanceArn(stack, 'Instance', INSTANCE),
  routingProfiles: {
    Basic: RoutingProfile.fromRoutingProfileArn(stack, 'Basic', `${INSTANCE}/routing-profile/rp-basic`),
    Sales: RoutingProfile.fromRoutingProfileArn(stack, 'Sales', `${INSTANCE}/routing-profile/rp-sales`),
  },
  securityProfiles: {
    Agent: SecurityProfile.fromSecurityProfileArn(stack, 'Agent', `${INSTANCE}/security-profile/sp-agent`),
    Supervisor: SecurityProfile.fromSecurityProfileArn(stack, 'Supervisor', `${INSTANCE}/security-profile/sp-sup`),
  },
  hierarchyGroups: { 'support/eu': UserHierarchyGroup.fromUserHierarchyGroupArn(stack, 'Eu', `${INSTANCE}/agent-group/hg-eu`) },
  csv: lines.join('\n'),
});
app.synth();

const templates = fs.readdirSync(outdir).filter(f => f.endsWith('.template.json'));
let largest = 0;
let mostResources = 0;
for (const f of templates) {
  const text = fs.readFileSync(`${outdir}/${f}`, 'utf8');
  largest = Math.max(largest, Buffer.byteLength(text));
  mostResources = Math.max(mostResources, Object.keys(JSON.parse(text).Resources ?? {}).length);
}
console.log(`${rows} rows -> ${Object.keys(roster.users).length} users in ${Object.keys(roster.shards).length} nested stacks; `
  + `largest template ${(largest / 1024).toFixed(0)} KiB (quota 1 MiB), most resources in one template ${mostResources} (quota 500)`);
const lint = spawnSync('ts-node', ['--transpile-only', 'scripts/lint-templates.ts', outdir], { stdio: 'inherit' });
process.exit(lint.status ?? 1);
