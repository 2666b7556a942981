/**
 * `cdk-connect-user import-mapping --check-drift`: an app adopting users of a
 * fake Amazon Connect endpoint (test/util/fake-connect.ts), synthesized, then
 * compared with the live users before and after they change.
 */
import { App, Duration, NestedStack, Stack } from 'aws-cdk-lib';
import { CfnUser } from 'aws-cdk-lib/aws-connect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConnectInstance, ConnectUser, IdentityManagementType, PhoneConfig, ProficiencyLevel, RoutingProfile, SecurityProfile,
  UserHierarchyGroup, UserProficiency,
} from '../src';
import { useDummyCredentials } from './util/credentials';
import { FakeConnect, FakeInstance, generateInstance } from './util/fake-connect';
import { tempDirs } from './util/tmp';
import { TemplateUser } from '../src/cli/assembly';
import { compareUser, formatDrift } from '../src/cli/drift';
import { main } from '../src/cli/main';

useDummyCredentials();
const tmp = tempDirs('drift');

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: l => out.push(l), err: l => err.push(l) });
  return { code, out, err };
}

/**
 * An app adopting three users of the instance: agent.00001 (phone settings, names, email, tags), agent.00002 in a
 * nested stack (a proficiency, a chat setting), agent.00003 without existingUserArn, its hierarchy group a Ref.
 */
function synthApp(instance: FakeInstance, fake: FakeConnect): string {
  const outdir = tmp();
  const app = new App({ outdir });
  const stack = new Stack(app, 'Agents', { env: { account: '111122223333', region: 'us-east-1' } });
  const nested = new NestedStack(stack, 'Shard');
  const arn = (kind: 'routingProfiles' | 'securityProfiles' | 'hierarchyGroups', name: string) => instance[kind].find(x => x.Name === name)!.Arn;
  for (const scope of [stack, nested]) {
    ConnectInstance.fromInstanceAttributes(scope, 'Instance', { instanceArn: instance.arn, identityManagementType: IdentityManagementType.CONNECT_MANAGED });
  }
  const refs = (scope: Stack) => ({
    instance: scope.node.findChild('Instance') as any,
    routingProfile: RoutingProfile.fromRoutingProfileArn(scope, 'Basic', arn('routingProfiles', 'Basic Routing Profile')),
  });
  const one = fake.user(instance.arn, 'agent.00001').user;
  new ConnectUser(stack, 'One', {
    ...refs(stack),
    username: 'agent.00001',
    adopt: true,
    existingUserArn: one.Arn,
    securityProfiles: [SecurityProfile.fromSecurityProfileArn(stack, 'Agent', arn('securityProfiles', 'Agent')),
      SecurityProfile.fromSecurityProfileArn(stack, 'Manager', arn('securityProfiles', 'CallCenterManager'))],
    hierarchyGroup: UserHierarchyGroup.fromUserHierarchyGroupArn(stack, 'Team0', arn('hierarchyGroups', 'Team 0')),
    identityInfo: { firstName: 'First0', lastName: 'Last0', email: 'agent.00001@example.com' },
    phoneConfig: PhoneConfig.softPhone({ autoAccept: true, afterContactWorkTimeLimit: Duration.seconds(0), persistentConnection: true }),
    tags: { team: 'team-0', site: 'north' },
  });
  const two = fake.user(instance.arn, 'agent.00002').user;
  new ConnectUser(nested, 'Two', {
    instance: nested.node.findChild('Instance') as any,
    routingProfile: RoutingProfile.fromRoutingProfileArn(nested, 'Sales', arn('routingProfiles', 'Sales')),
    username: 'agent.00002',
    adopt: true,
    existingUserArn: two.Arn,
    securityProfiles: [SecurityProfile.fromSecurityProfileArn(nested, 'Agent', arn('securityProfiles', 'Agent'))],
    identityInfo: { firstName: 'First1', lastName: 'Last1' },
    proficiencies: [UserProficiency.of('Language', 'Lang0', ProficiencyLevel.TWO)],
    channelSettings: { chat: { autoAccept: true } },
  });
  const three = new ConnectUser(stack, 'Three', {
    instance: stack.node.findChild('Instance') as any,
    routingProfile: RoutingProfile.fromRoutingProfileArn(stack, 'Support', arn('routingProfiles', 'Support')),
    username: 'agent.00003',
    adopt: true,
    securityProfiles: [SecurityProfile.fromSecurityProfileArn(stack, 'Agent3', arn('securityProfiles', 'Agent'))],
  });
  (three.node.defaultChild as CfnUser).addPropertyOverride('HierarchyGroupArn', { Ref: 'GroupParameter' });
  app.synth();
  return outdir;
}

describe('import-mapping --check-drift', () => {
  let fake: FakeConnect;
  const instance = generateInstance(20, 'CONNECT_MANAGED');
  beforeAll(async () => {
    fake = await FakeConnect.start([instance]);
  });
  afterAll(async () => fake.close());

  it('exit 0 when the live users match; exit 1 naming user and property once they changed', async () => {
    const dir = synthApp(instance, fake);
    const same = await run(['import-mapping', dir, '--lookup', '--check-drift', '--endpoint-url', fake.url]);
    expect(same.err).toEqual([]);
    expect(same.out).toEqual([
      `agent.00003: HierarchyGroupArn: cannot compare: template {"Ref":"GroupParameter"} is not a literal, live ${instance.arn}/agent-group/agent-group-2`,
      '3 adopted user(s) checked: 0 differ from the template',
    ]);
    expect(same.code).toBe(0);
    // The nested stack's user was read; agent.00003 was found by username.
    expect(fake.calls).toMatchObject({ DescribeUser: 3, ListUserProficiencies: 3, SearchUsers: 1 });

    // What the template leaves out is not compared: a new mobile or desk phone on agent.00002 is no drift.
    const two = fake.user(instance.arn, 'agent.00002');
    two.user.IdentityInfo.Mobile = '+15550000002';
    two.user.PhoneConfig.AutoAccept = true;
    expect((await run(['import-mapping', dir, '--check-drift', '--lookup', '--endpoint-url', fake.url])).code).toBe(0);

    fake.user(instance.arn, 'agent.00001').user.IdentityInfo.LastName = 'Changed';
    two.proficiencies[0].Level = 5;
    two.user.AutoAcceptConfigs.find((c: { Channel: string }) => c.Channel === 'CHAT').AutoAccept = false;
    fake.user(instance.arn, 'agent.00001').user.SecurityProfileIds = ['security-profile-0'];
    const drifted = await run(['import-mapping', dir, '--lookup', '--check-drift', '--endpoint-url', fake.url]);
    expect(drifted.out).toEqual([
      'agent.00001: IdentityInfo.LastName: template Last0, live Changed',
      `agent.00001: SecurityProfileArns: template ${JSON.stringify([0, 1].map(i => `${instance.arn}/security-profile/security-profile-${i}`))}, `
        + `live ${JSON.stringify([`${instance.arn}/security-profile/security-profile-0`])}`,
      'agent.00002: UserProficiencies[Language:Lang0].Level: template 2, live 5',
      'agent.00002: AutoAcceptConfigs[CHAT].AutoAccept: template true, live false',
      `agent.00003: HierarchyGroupArn: cannot compare: template {"Ref":"GroupParameter"} is not a literal, live ${instance.arn}/agent-group/agent-group-2`,
      '3 adopted user(s) checked: 2 differ from the template (CloudFormation does not correct this: change the template or the live user)',
    ]);
    expect(drifted.code).toBe(1);
  });

  it('without --lookup, a user without existingUserArn cannot be compared; --out goes without --check-drift', async () => {
    const dir = synthApp(instance, fake);
    const result = await run(['import-mapping', dir, '--check-drift', '--endpoint-url', fake.url]);
    expect(result.out).toContain('agent.00003: existingUserArn: cannot compare: not set, so the live user is unknown; pass --lookup to find it by username');
    // The summary does not count it as checked, and the exit is not 0: "0 differ" would not be the whole truth.
    // (The live users were changed by the test above: two of the three checked users differ.)
    expect(result.out.at(-1)).toMatch(/^2 adopted user\(s\) checked: \d differ from the template.*; 1 not checked \(see above\)$/);
    expect(result.code).toBe(1);
    const usage = await run(['import-mapping', dir, '--check-drift', '--out', 'x']);
    expect(usage.code).toBe(2);
    expect(usage.err[0]).toMatch(/--check-drift writes no files/);
  });

  it('an assembly without adopted users: nothing to check, exit 0', async () => {
    const outdir = tmp();
    const app = new App({ outdir });
    new Stack(app, 'Empty');
    app.synth();
    const result = await run(['import-mapping', outdir, '--check-drift']);
    expect(result).toEqual({ code: 0, out: [`No adopted ConnectUsers in ${outdir}: nothing to check.`], err: [] });
  });

  it('--lookup takes --endpoint-url for the mapping files too', async () => {
    const dir = synthApp(instance, fake);
    fake.resetCounts();
    const result = await run(['import-mapping', dir, '--lookup', '--endpoint-url', fake.url, '--out', `${dir}/mappings`]);
    // The app's user in a nested stack is not in the mapping files (cdk import cannot reach it): said, and exit 1.
    expect(result.err).toEqual([expect.stringMatching(/^1 adopted user\(s\) are in nested stacks/)]);
    expect(result.code).toBe(1);
    expect(fake.calls).toEqual({ SearchUsers: 1 });
  });
});

describe('compareUser', () => {
  const user = (properties: Record<string, unknown>): TemplateUser => ({
    stack: 'S', logicalId: 'U', properties, adoption: { username: 'jo', instanceArn: 'arn:aws:connect:us-east-1:111122223333:instance/i-1' },
  });

  it('compares declared tags and live non-aws: tags, hierarchy groups, per-channel nested fields; tokens cannot be compared', () => {
    const findings = compareUser(user({
      Tags: [{ Key: 'team', Value: 'a' }],
      HierarchyGroupArn: 'arn:aws:connect:us-east-1:111122223333:instance/i-1/agent-group/hg-1',
      AfterContactWorkConfigs: [{ Channel: 'VOICE', AfterContactWorkConfig: { AfterContactWorkTimeLimit: 30 } }],
      PhoneConfig: { 'Fn::If': ['C', {}, {}] },
      RoutingProfileArn: { 'Fn::GetAtt': ['Rp', 'Arn'] },
    }), {
      Tags: { 'team': 'b', 'aws:cloudformation:stack-name': 'S', 'extra': 'x' },
      AfterContactWorkConfigs: [{ Channel: 'VOICE', AfterContactWorkConfig: { AfterContactWorkTimeLimit: 0 } }],
      RoutingProfileId: 'rp',
    }, [{ AttributeName: 'A', AttributeValue: 'B', Level: 1 }]);
    expect(formatDrift(1, findings)).toEqual([
      'jo: RoutingProfileArn: cannot compare: template {"Fn::GetAtt":["Rp","Arn"]} is not a literal, live arn:aws:connect:us-east-1:111122223333:instance/i-1/routing-profile/rp',
      'jo: PhoneConfig: cannot compare: template {"Fn::If":["C",{},{}]} is not a literal, live (not set)',
      'jo: HierarchyGroupArn: template arn:aws:connect:us-east-1:111122223333:instance/i-1/agent-group/hg-1, live (not set)',
      'jo: Tags.team: template a, live b',
      'jo: Tags.extra: template (not set), live x',
      'jo: AfterContactWorkConfigs[VOICE].AfterContactWorkConfig.AfterContactWorkTimeLimit: template 30, live 0',
      '1 adopted user(s) checked: 1 differ from the template (CloudFormation does not correct this: change the template or the live user)',
    ]);
  });

  // Findings come in the field table's order (src/private/user/fields.ts).
  it('a whole list or map that is not a literal cannot be compared', () => {
    const token = { 'Fn::Split': [',', { Ref: 'P' }] };
    const findings = compareUser(user({
      SecurityProfileArns: token, UserProficiencies: token, Tags: token, AutoAcceptConfigs: token, IdentityInfo: { FirstName: { Ref: 'Name' } },
    }), { IdentityInfo: { FirstName: 'Jo' } }, []);
    expect(findings.map(f => `${f.property} ${f.kind}`)).toEqual([
      'IdentityInfo.FirstName cannot compare', 'SecurityProfileArns cannot compare', 'UserProficiencies cannot compare',
      'Tags cannot compare', 'AutoAcceptConfigs cannot compare',
    ]);
    expect(formatDrift(1, findings).at(-1)).toBe('1 adopted user(s) checked: 0 differ from the template');
  });

  it('a proficiency only the live user has is a difference when the template declares the list', () => {
    const findings = compareUser(user({ UserProficiencies: [] }), {}, [{ AttributeName: 'A', AttributeValue: 'B', Level: 1 }]);
    expect(formatDrift(1, findings)[0]).toBe('jo: UserProficiencies[A:B].Level: template (not set), live 1');
  });
});
