/**
 * Rosters express every per-agent setting a ConnectUser has: typed spec fields,
 * the CSV's extra columns and the JSON roster document, each rendered into the
 * template and linted with cfn-lint.
 */
import { App, Duration, NestedStack, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { describe, expect, it } from 'vitest';
import {
  ConnectUserRoster, ConnectUserRosterProps, IdentityManagementType, PhoneConfig, ProficiencyLevel, RosterUserSpec, UserHierarchyGroup,
  UserPassword, UserProficiency, VoiceEnhancementMode, VoicePhone,
} from '../src';
import { amendedConnectUserSchemas, assertLintClean } from './util/cfn-lint';
import { ACCOUNT, hierarchyGroupArn, INSTANCE_ARN, OTHER_INSTANCE_ARN, REGION, refs, routingProfileArn, securityProfileArn, userArn } from './util/fixtures';
import { FULL_DOCUMENT } from './util/roster-document';
import { ADOPT_METADATA_KEY } from '../src/private/adopt';

function build(props: Partial<ConnectUserRosterProps>, withMaps = true) {
  const app = new App();
  const stack = new Stack(app, 'Agents', { env: { account: ACCOUNT, region: REGION } });
  const r = refs(stack);
  const roster = new ConnectUserRoster(stack, 'Roster', {
    ...(withMaps ? {
      instance: r.instance,
      routingProfiles: { Basic: r.routingProfile },
      securityProfiles: { Agent: r.securityProfile },
      hierarchyGroups: { Team: UserHierarchyGroup.fromUserHierarchyGroupArn(stack, 'Team', hierarchyGroupArn('hg-1')) },
    } : {}),
    ...props,
  });
  return { stack, roster };
}

/** Every roster whose agents a test below reads: the last test lints them all, in one cfn-lint run. */
const rendered = new Set<ConnectUserRoster>();

/** The synthesized properties of an agent. */
function userOf(roster: ConnectUserRoster, username: string): { props: Record<string, any>; resource: Record<string, any> } {
  rendered.add(roster);
  const cfn = roster.cfnUsers[username];
  const shard = Stack.of(cfn) as NestedStack;
  const template = Template.fromStack(shard).toJSON();
  const resource = template.Resources[shard.resolve(cfn.logicalId)];
  return { props: resource.Properties, resource };
}


const errorOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
};

describe('typed specs carry every per-agent setting', () => {
  it('renders proficiencies, channel settings, identity, directory id, hierarchy group, tags and persistent connection', () => {
    const spec: RosterUserSpec = {
      username: 'jdoe',
      routingProfile: 'Basic',
      securityProfiles: ['Agent'],
      hierarchyGroup: 'Team',
      identityInfo: { firstName: 'Jane', lastName: 'Doe', email: 'jdoe@example.com', secondaryEmail: 'jane@example.com', mobile: '+15555550100' },
      directoryUserId: 'dir-42',
      phoneConfig: PhoneConfig.softPhone({ persistentConnection: true }),
      channelSettings: {
        voice: { phone: VoicePhone.deskPhone('+15555550102'), voiceEnhancementMode: VoiceEnhancementMode.NOISE_SUPPRESSION },
        chat: { autoAccept: true, afterContactWorkTimeLimit: Duration.seconds(15) },
      },
      proficiencies: [UserProficiency.of('Language', 'English', ProficiencyLevel.FIVE), UserProficiency.of('Skill', 'Billing', ProficiencyLevel.THREE)],
      tags: { Team: 'billing' },
    };
    const { roster } = build({ users: [spec], tags: { Site: 'NYC' }, identityManagementType: IdentityManagementType.EXISTING_DIRECTORY });
    const { props } = userOf(roster, 'jdoe');
    expect(props).toMatchObject({
      HierarchyGroupArn: hierarchyGroupArn('hg-1'),
      IdentityInfo: { FirstName: 'Jane', LastName: 'Doe', Email: 'jdoe@example.com', SecondaryEmail: 'jane@example.com', Mobile: '+15555550100' },
      DirectoryUserId: 'dir-42',
      PhoneConfig: { PhoneType: 'SOFT_PHONE', PersistentConnection: true },
      PhoneNumberConfigs: [{ Channel: 'VOICE', PhoneType: 'DESK_PHONE', PhoneNumber: '+15555550102' }],
      VoiceEnhancementConfigs: [{ Channel: 'VOICE', VoiceEnhancementMode: 'NOISE_SUPPRESSION' }],
      AutoAcceptConfigs: [{ Channel: 'CHAT', AutoAccept: true }],
      AfterContactWorkConfigs: [{ Channel: 'CHAT', AfterContactWorkConfig: { AfterContactWorkTimeLimit: 15 } }],
      UserProficiencies: [
        { AttributeName: 'Language', AttributeValue: 'English', Level: 5 },
        { AttributeName: 'Skill', AttributeValue: 'Billing', Level: 3 },
      ],
    });
    expect(props.Tags).toEqual(expect.arrayContaining([{ Key: 'Site', Value: 'NYC' }, { Key: 'Team', Value: 'billing' }]));
  });

  it("takes each agent's password, else the roster's; generated ones get a secret each", () => {
    const app = new App();
    const stack = new Stack(app, 'Agents', { env: { account: ACCOUNT, region: REGION } });
    const r = refs(stack, IdentityManagementType.CONNECT_MANAGED);
    const secret = new secretsmanager.Secret(stack, 'Shared');
    const roster = new ConnectUserRoster(stack, 'Roster', {
      instance: r.instance,
      routingProfiles: { Basic: r.routingProfile },
      securityProfiles: { Agent: r.securityProfile },
      passwords: UserPassword.generate(),
      users: ['a', 'b'].map((u): RosterUserSpec => ({ username: u, routingProfile: 'Basic', securityProfiles: ['Agent'], identityInfo: { firstName: 'A', lastName: u } }))
        .concat([{ username: 'c', routingProfile: 'Basic', securityProfiles: ['Agent'], identityInfo: { firstName: 'C', lastName: 'c' }, password: UserPassword.fromSecret(secret, 'pw') }]),
      shardCount: 1,
    });
    const shard = Template.fromStack(roster.shards[0]).toJSON();
    expect(Object.values(shard.Resources).filter((x: any) => x.Type === 'AWS::SecretsManager::Secret')).toHaveLength(2);
    expect(JSON.stringify(userOf(roster, 'c').props.Password)).toContain(':SecretString:pw::}}');
    expect(JSON.stringify(userOf(roster, 'a').props.Password)).toContain('{{resolve:secretsmanager:');
  });

  it("names the replacement of the roster's old generatePasswords prop, and of a SecretValue password in a spec", () => {
    const users = [{ username: 'a', routingProfile: 'Basic', securityProfiles: ['Agent'] }];
    expect(errorOf(() => build({ users, generatePasswords: true } as any))).toMatch(/generatePasswords: is no longer a prop; use passwords: UserPassword.generate\(\)/);
    expect(errorOf(() => build({ users: [{ ...users[0], password: SecretValue.unsafePlainText('x') as any }] })))
      .toMatch(/users\[0\]: agent 'a' has 1 problem:\n {6}- password: is a SecretValue; expected a UserPassword/);
  });

  it('adopts agents, each or all: Retain, the import metadata, and no password', () => {
    const { roster } = build({
      users: [
        { username: 'old.one', routingProfile: 'Basic', securityProfiles: ['Agent'], adopt: true, existingUserArn: userArn('u-9') },
        { username: 'new.one', routingProfile: 'Basic', securityProfiles: ['Agent'] },
      ],
    });
    const adopted = userOf(roster, 'old.one').resource;
    expect(adopted.DeletionPolicy).toBe('Retain');
    expect(adopted.Metadata[ADOPT_METADATA_KEY]).toEqual({ username: 'old.one', instanceArn: INSTANCE_ARN, userArn: userArn('u-9') });
    expect(userOf(roster, 'new.one').resource.Metadata?.[ADOPT_METADATA_KEY]).toBeUndefined();

    const all = build({ users: [{ username: 'x', routingProfile: 'Basic', securityProfiles: ['Agent'] }], adopt: true }).roster;
    expect(userOf(all, 'x').resource.Metadata[ADOPT_METADATA_KEY]).toEqual({ username: 'x', instanceArn: INSTANCE_ARN });
    expect(errorOf(() => build({ users: [{ username: 'x', routingProfile: 'Basic', securityProfiles: ['Agent'] }], adopt: true, passwords: UserPassword.generate() })))
      .toMatch(/password: is set on an adopted user/);
    // The roster's removal policy is every agent's: an adopted agent keeps Retain, as a ConnectUser does.
    expect(errorOf(() => build({ users: [{ username: 'x', routingProfile: 'Basic', securityProfiles: ['Agent'], adopt: true }], removalPolicy: RemovalPolicy.DESTROY })))
      .toMatch(/users\[0\]: agent 'x' has 1 problem:\n {6}- removalPolicy: destroy conflicts with adopt: true/);
  });

  it('gives created agents RetainExceptOnCreate, adopted ones Retain, and the roster\'s removalPolicy when given', () => {
    const users = [
      { username: 'new.one', routingProfile: 'Basic', securityProfiles: ['Agent'] },
      { username: 'old.one', routingProfile: 'Basic', securityProfiles: ['Agent'], adopt: true, existingUserArn: userArn('u-9') },
    ];
    const policies = (roster: ConnectUserRoster) => ['new.one', 'old.one'].map(u => {
      const r = userOf(roster, u).resource;
      return [u, r.DeletionPolicy, r.UpdateReplacePolicy];
    });
    expect(policies(build({ users }).roster)).toEqual([['new.one', 'RetainExceptOnCreate', 'Retain'], ['old.one', 'Retain', 'Retain']]);
    expect(policies(build({ users, removalPolicy: RemovalPolicy.RETAIN }).roster)).toEqual([['new.one', 'Retain', 'Retain'], ['old.one', 'Retain', 'Retain']]);
    expect(userOf(build({ users: [users[0]], removalPolicy: RemovalPolicy.DESTROY }).roster, 'new.one').resource.DeletionPolicy).toBe('Delete');
  });

  it("retains a shard's stack resource in the parent when the shard holds an adopted agent (import-roster nests it), and only then", () => {
    const users = Array.from({ length: 12 }, (_, i) => ({
      username: `agent.${i}`, routingProfile: 'Basic', securityProfiles: ['Agent'], ...(i < 2 ? { adopt: true, existingUserArn: userArn(`u-${i}`) } : {}),
    }));
    const { roster } = build({ users, shardCount: 4 });
    const parent = Template.fromStack(Stack.of(roster)).toJSON();
    const adoptedShards = new Set(['agent.0', 'agent.1'].map(u => Stack.of(roster.cfnUsers[u])));
    let retained = 0;
    for (const shard of Object.values(roster.shards)) {
      const resource = parent.Resources[Stack.of(roster).resolve(shard.nestedStackResource!.logicalId)];
      expect(resource.DeletionPolicy).toBe(adoptedShards.has(shard) ? 'Retain' : 'Delete');
      if (adoptedShards.has(shard)) retained++;
    }
    expect(retained).toBe(adoptedShards.size);
    expect(Object.keys(roster.shards).length).toBeGreaterThan(adoptedShards.size);
  });
});

const HEADER = 'user login,routing profile name,security_profile_name_1|security_profile_name_2,user hierarchy,secondary email,mobile,directory user id,proficiencies,tags,adopt,existing user arn';

describe('the CSV\'s extra columns', () => {
  it('renders each column into the template', () => {
    const csv = [HEADER,
      `alice,Basic,Agent,Team,alice@example.org,+15555550100,dir-1,Language:English:5|Skill:Billing:3,Team=billing|Site=NYC,yes,${userArn('u-1')}`,
      'bob,Basic,Agent,,,,,"Lang:en:us:2",,no,'].join('\n');
    const { roster } = build({ csv });
    const alice = userOf(roster, 'alice');
    expect(alice.props).toMatchObject({
      HierarchyGroupArn: hierarchyGroupArn('hg-1'),
      IdentityInfo: { SecondaryEmail: 'alice@example.org', Mobile: '+15555550100' },
      DirectoryUserId: 'dir-1',
      UserProficiencies: [{ AttributeName: 'Language', AttributeValue: 'English', Level: 5 }, { AttributeName: 'Skill', AttributeValue: 'Billing', Level: 3 }],
    });
    expect(alice.props.Tags).toEqual(expect.arrayContaining([{ Key: 'Team', Value: 'billing' }, { Key: 'Site', Value: 'NYC' }]));
    expect(alice.resource.Metadata[ADOPT_METADATA_KEY].userArn).toBe(userArn('u-1'));
    // The value of a proficiency may hold ':' (the level is after the last one).
    const bob = userOf(roster, 'bob');
    expect(bob.props.UserProficiencies).toEqual([{ AttributeName: 'Lang', AttributeValue: 'en:us', Level: 2 }]);
    expect(bob.resource.Metadata?.[ADOPT_METADATA_KEY]).toBeUndefined();
  });

  it('reports malformed cells of each extra column', () => {
    const csv = [HEADER, 'alice,Basic,Agent,,,,,Language-English-5,Team,maybe,'].join('\n');
    const message = errorOf(() => build({ csv }));
    expect(message).toContain("proficiencies entry 'Language-English-5' is not Attribute:Value:Level");
    expect(message).toContain("tags entry 'Team' is not key=value");
    expect(message).toContain("adopt 'maybe' is not yes or no");
  });

  it('reports every problem of a row with several mistakes in one error', () => {
    const csv = [
      'user login,routing profile name,security_profile_name_1|security_profile_name_2,phone type,phone number,ACW timeout,proficiencies,tags,mobile',
      `${'x'.repeat(65)},Basic,Agent|Ghost,desk,555,soon,Language:English:9,a=1|a=2,0800`,
    ].join('\n');
    const message = errorOf(() => build({ csv }));
    expect(message).toMatch(/has 1 problem:\n {2}- row 2: agent 'x{65}' has 7 problems:\n/);
    for (const part of [
      "ACW timeout 'soon' is not a whole number of seconds",
      "tags entry 'a=2' repeats the key 'a'",
      "securityProfile 'Ghost' is not in securityProfiles",
      'is 65 characters long',
      "phoneConfig.deskPhoneNumber: '555' is not an E.164",
      'identityInfo.mobile: ',
      'proficiencies[0].level: ',
    ]) expect(message).toContain(part);
  });

  it('reports rows without a username as such, not as duplicates of each other', () => {
    const message = errorOf(() => build({ csv: 'user login,routing profile name,security_profile_name_1\n,Basic,Agent\n,Basic,Agent' }));
    expect(message).toMatch(/has 2 problems:\n {2}- row 2: the agent has 1 problem:\n {6}- user login is empty\n {2}- row 3: the agent has 1 problem:\n {6}- user login is empty$/);
  });

  it('still refuses an unknown column, naming the extra ones', () => {
    expect(errorOf(() => build({ csv: 'user login,routing profile name,security_profile_name_1,skills\na,Basic,Agent,x' })))
      .toMatch(/column 'skills' is not a column the roster reads; expected one of: .*, secondary email, mobile, directory user id, proficiencies, tags, adopt, existing user arn \(case/);
  });
});

describe('the JSON roster document', () => {
  it('with its maps and instance: the roster makes the references itself', () => {
    const { roster, stack } = build({ json: JSON.stringify(FULL_DOCUMENT) }, false);
    const { props, resource } = userOf(roster, 'jdoe');
    expect(props).toMatchObject({
      InstanceArn: INSTANCE_ARN,
      RoutingProfileArn: routingProfileArn('rp-1'),
      SecurityProfileArns: [securityProfileArn('sp-1')],
      HierarchyGroupArn: hierarchyGroupArn('hg-1'),
      IdentityInfo: { FirstName: 'Jane', LastName: 'Doe', Email: 'jdoe@example.com', SecondaryEmail: 'jane@example.com', Mobile: '+15555550100' },
      DirectoryUserId: 'dir-1',
      PhoneConfig: { PhoneType: 'SOFT_PHONE', DeskPhoneNumber: '+15555550101', PersistentConnection: true },
      UserProficiencies: [{ AttributeName: 'Language', AttributeValue: 'English', Level: 5 }],
      Tags: [{ Key: 'Team', Value: 'billing' }],
    });
    expect(resource.Metadata[ADOPT_METADATA_KEY].userArn).toBe(`${INSTANCE_ARN}/agent/u-1`);
    // afterContactWorkMode, which the aws-cdk-lib floor's CfnUser does not know, reaches the template for each channel that sets it.
    expect(props.AfterContactWorkConfigs).toEqual([
      { Channel: 'VOICE', AfterContactWorkConfig: { AfterContactWorkTimeLimit: 30, AfterContactWorkMode: 'ON' }, AgentFirstCallbackAfterContactWorkConfig: { AfterContactWorkTimeLimit: 10 } },
      { Channel: 'CHAT', AfterContactWorkConfig: { AfterContactWorkTimeLimit: 0, AfterContactWorkMode: 'ON_DEMAND' } },
      { Channel: 'TASK', AfterContactWorkConfig: { AfterContactWorkTimeLimit: 60, AfterContactWorkMode: 'OFF' } },
      { Channel: 'EMAIL', AfterContactWorkConfig: { AfterContactWorkTimeLimit: 120 } },
    ]);
    const wrong = JSON.parse(JSON.stringify(FULL_DOCUMENT));
    wrong.users[0].channelSettings.email.afterContactWorkMode = 'LATER';
    expect(errorOf(() => build({ json: JSON.stringify(wrong) }, false)))
      .toMatch(/users\[0\]: agent 'jdoe' has 1 problem:\n {6}- channelSettings.email.afterContactWorkMode: 'LATER' is not an after contact work mode; expected ON, OFF, ON_DEMAND/);
    // The document's identity type reached the checks: CONNECT_MANAGED documents an email on SAML only as a warning, and none here.
    expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toContain('identityTypeUnknown');
  });

  it('without maps: the props give them', () => {
    const doc = { users: [{ username: 'a', routingProfile: 'Basic', securityProfiles: ['Agent'], channelSettings: { task: { autoAccept: true } } }] };
    const { roster } = build({ json: JSON.stringify(doc) });
    expect(userOf(roster, 'a').props.AutoAcceptConfigs).toEqual([{ Channel: 'TASK', AutoAccept: true }]);
  });

  it('joins the maps of the props and the document, and refuses two answers to one question', () => {
    const doc = { ...FULL_DOCUMENT, routingProfiles: { Basic: routingProfileArn('rp-other') }, identityManagementType: 'SAML' };
    const message = errorOf(() => build({ json: JSON.stringify(doc), identityManagementType: IdentityManagementType.CONNECT_MANAGED }));
    expect(message).toContain("routingProfiles.Basic: the JSON document says '" + routingProfileArn('rp-other'));
    expect(message).toContain('identityManagementType: the prop says CONNECT_MANAGED and the JSON document SAML');
    const otherInstance = { ...FULL_DOCUMENT, instanceArn: OTHER_INSTANCE_ARN };
    expect(errorOf(() => build({ json: JSON.stringify(otherInstance) })))
      .toContain(`instanceArn: the JSON document says '${OTHER_INSTANCE_ARN}' and the instance prop '${INSTANCE_ARN}'`);
    expect(errorOf(() => build({ json: JSON.stringify({ users: [] }) }, false))).toMatch(/instance: missing; expected the instance prop, or instanceArn in the JSON document/);
  });

  it('reports every problem of the document with its path, and unparsable text', () => {
    const doc = { users: [{ username: 'a', routingProfile: 'Basic', securityProfiles: ['Agent'], autoAccept: 'yes', proficiencies: [{ attributeName: 'L', attributeValue: 'E' }] }] };
    const message = errorOf(() => build({ json: JSON.stringify(doc) }));
    expect(message).toContain("users[0].autoAccept: is the string 'yes'; expected true or false");
    expect(message).toContain('users[0].proficiencies[0].level: missing');
    expect(errorOf(() => build({ json: '{"users": [' }))).toMatch(/the JSON document cannot be parsed: /);
  });
});

describe('cfn-lint', () => {
  // Runs after the tests above (a file's tests run in order): every template they rendered.
  it('passes every shard template of the rosters rendered above', () => {
    expect(rendered.size).toBe(10);
    // The full document sets afterContactWorkMode, newer than the oracle cfn-lint: linted with its schema plus that addition.
    const amended = amendedConnectUserSchemas();
    try {
      expect(assertLintClean([...rendered].flatMap(r => Object.values(r.shards).map(s => Template.fromStack(s).toJSON())), amended.args)).toBe(true);
    } finally {
      amended.cleanup();
    }
  }, 120_000);
});
