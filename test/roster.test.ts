import { App, NestedStack, Stack, Tags } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnUser } from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { ConnectUser, ConnectUserRoster, IdentityManagementType, RoutingProfile, UserPassword } from '../src';
import { rawRoutingProfile } from './util/fakes';
import { ACCOUNT, hierarchyGroupArn, INSTANCE_ARN, minimalProps, OTHER_INSTANCE_ARN, REGION, refs, routingProfileArn, securityProfileArn } from './util/fixtures';
import { BULK_HEADER as HEADER, bulkRoster as roster, bulkRow as row } from './util/roster';

/** username -> { shard nested stack id, logical id inside it } */
function placement(r: ConnectUserRoster) {
  return Object.fromEntries(Object.entries(r.cfnUsers).map(([name, user]) => {
    const nested = Stack.of(user) as NestedStack;
    return [name, `${nested.node.id}/${nested.resolve(user.logicalId)}`];
  }));
}

describe('ConnectUserRoster from bulk-upload CSV', () => {
  it('creates every agent in nested stacks with the row\'s settings', () => {
    const { roster: r } = roster({
      rows: [
        row('alice', { sp: 'Agent|Supervisor', hier: 'support/eu' }),
        row('bob', { rp: 'Sales', type: 'desk', number: '+15555550123', auto: 'no', acw: '0' }),
      ],
    });
    expect(Object.keys(r.cfnUsers)).toEqual(['alice', 'bob']);
    const alice = Template.fromStack(Stack.of(r.cfnUsers.alice));
    alice.hasResourceProperties('AWS::Connect::User', {
      Username: 'alice',
      InstanceArn: INSTANCE_ARN,
      SecurityProfileArns: [securityProfileArn('sp-1'), securityProfileArn('sp-sup')],
      HierarchyGroupArn: hierarchyGroupArn('hg-eu'),
      PhoneConfig: { PhoneType: 'SOFT_PHONE', AutoAccept: true, AfterContactWorkTimeLimit: 30 },
      IdentityInfo: { FirstName: 'Agent', LastName: 'alice', Email: 'alice@example.com' },
    });
    Template.fromStack(Stack.of(r.cfnUsers.bob)).hasResourceProperties('AWS::Connect::User', {
      Username: 'bob',
      RoutingProfileArn: routingProfileArn('rp-sales'),
      PhoneConfig: { PhoneType: 'DESK_PHONE', DeskPhoneNumber: '+15555550123', AutoAccept: false, AfterContactWorkTimeLimit: 0 },
    });
  });

  it('gives each agent a logical id derived from its username alone', () => {
    const { roster: r } = roster({ rows: [row('agent.one'), row('agentone')] });
    const ids = placement(r);
    expect(ids['agent.one']).toMatch(/\/Useragentone[0-9A-F]{8}$/);
    expect(ids.agentone).toMatch(/\/Useragentone[0-9A-F]{8}$/);
    expect(ids['agent.one'].split('/')[1]).not.toBe(ids.agentone.split('/')[1]);
    // Independent of the other rows.
    const other = roster({ rows: [row('zed'), row('agent.one')] }).roster;
    expect(placement(other)['agent.one'].split('/')[1]).toBe(ids['agent.one'].split('/')[1]);
  });

  it('keeps every agent where it was when rows are reordered or inserted', () => {
    const before = placement(roster({ rows: ['a', 'b', 'c', 'd', 'e'].map(n => row(`agent.${n}`)), shardCount: 3 }).roster);
    const after = placement(roster({ rows: ['x', 'e', 'c', 'y', 'a', 'd', 'b'].map(n => row(`agent.${n}`)), shardCount: 3 }).roster);
    for (const [name, where] of Object.entries(before)) expect(after[name]).toBe(where);
    expect(new Set(Object.values(after).map(w => w.split('/')[0])).size).toBeGreaterThan(1);
  });

  it('reports every row error at once, each with its row number', () => {
    let message = '';
    try {
      roster({
        rows: [
          row('ok.one'),
          row('ok.one'),
          row('three', { rp: 'Nope' }),
          row('four', { type: 'mobile' }),
          row('five', { type: 'desk', number: '555' }),
          row('six', { acw: 'soon', auto: 'maybe' }),
          row('a'.repeat(65)),
        ],
      });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^ConnectUserRoster 'Agents\/Roster' has 6 problems:\n/);
    for (const line of [
      "  - row 5: agent 'four' has 1 problem:\n      - phone type 'mobile' is not soft or desk",
      "  - row 7: agent 'six' has 2 problems:\n      - soft phone auto accept 'maybe' is not yes or no\n      - ACW timeout 'soon' is not a whole number of seconds",
      "  - row 3: username 'ok.one' duplicates row 2; expected a username unique in the instance",
      "  - row 4: agent 'three' has 1 problem:\n      - routingProfile 'Nope' is not in routingProfiles (known: Basic, Sales)",
      "  - row 6: agent 'five' has 1 problem:\n      - phoneConfig.deskPhoneNumber: '555' is not an E.164",
      `  - row 8: agent '${'a'.repeat(65)}' has 1 problem:\n      - username: '${'a'.repeat(65)}' is 65 characters long`,
    ]) {
      expect(message).toContain(line);
    }
  });

  it.each([
    ['an unknown routing profile', { rp: 'Nope' }, "row 2: agent 'alice' has 2 problems:\n      - routingProfile 'Nope' is not in routingProfiles (known: Basic, Sales)"],
    ['an empty routing profile cell', { rp: '' }, "row 2: agent 'alice' has 2 problems:\n      - routing profile name is empty"],
    ['a bad cell and an unknown security profile', { sp: 'Nope', auto: 'maybe' }, "row 2: agent 'alice' has 3 problems:\n      - soft phone auto accept 'maybe' is not yes or no\n      - securityProfile 'Nope' is not in securityProfiles"],
  ])("reports all of a row's problems in one error: %s does not hide the user rules' findings", (_what, cells, first) => {
    let message = '';
    try {
      roster({ rows: [row('alice', { ...cells, type: 'desk', number: '555-1234' })] });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(first);
    expect(message).toMatch(/\n {6}- phoneConfig.deskPhoneNumber: '555-1234' is not an E.164 phone number/);
  });

  it("reports all of a row's problems in one error: an empty user login does not hide them either", () => {
    const cells = row('alice', { type: 'desk', number: '555-1234' }).split(',');
    cells[4] = '';
    expect(() => roster({ rows: [cells.join(',')] }))
      .toThrow(/row 2: the agent has 2 problems:\n {6}- user login is empty\n {6}- phoneConfig.deskPhoneNumber: '555-1234' is not an E.164 phone number/);
  });

  it('reports a problem of a shared input (profile, instance) on every agent that uses it', () => {
    // The roster checks each distinct profile and stack once; every agent must still get what was found.
    let message = '';
    try {
      const app = new App();
      const stack = new Stack(app, 'Agents', { env: { account: ACCOUNT, region: REGION } });
      const r = refs(stack);
      new ConnectUserRoster(stack, 'Roster', {
        instance: r.instance,
        routingProfiles: { Basic: r.routingProfile, Bad: rawRoutingProfile(stack, 'Bad', 'rp-1') },
        securityProfiles: { Agent: r.securityProfile },
        csv: [HEADER, row('alice', { rp: 'Bad' }), row('bob'), row('carol', { rp: 'Bad' })].join('\n'),
      });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^ConnectUserRoster 'Agents\/Roster' has 2 problems:\n/);
    expect(message).toMatch(/row 2: agent 'alice' has 1 problem:\n {6}- routingProfile: 'rp-1' is not an Amazon Connect routing-profile ARN/);
    expect(message).toMatch(/row 4: agent 'carol' has 1 problem:\n {6}- routingProfile: 'rp-1' is not an Amazon Connect routing-profile ARN/);

    // Warnings too: a profile of another instance, and an instance in another region than the stack.
    const app = new App();
    const stack = new Stack(app, 'Agents', { env: { account: ACCOUNT, region: 'eu-west-1' } });
    const r = refs(stack);
    const foreign = RoutingProfile.fromRoutingProfileArn(stack, 'O', routingProfileArn('rp-x', OTHER_INSTANCE_ARN));
    const built = new ConnectUserRoster(stack, 'Roster', {
      instance: r.instance,
      routingProfiles: { Basic: r.routingProfile, Other: foreign },
      securityProfiles: { Agent: r.securityProfile },
      csv: [HEADER, row('alice', { rp: 'Other' }), row('bob'), row('carol', { rp: 'Other' })].join('\n'),
      shardCount: 2,
    });
    // One warning per rule, on the roster, naming the agents; none on the agents themselves.
    const onRoster = (id: string) => built.node.metadata
      .filter(m => m.type === 'aws:cdk:warning' && String(m.data).includes(`[ack: cdk-connect-user:${id}]`)).map(m => String(m.data));
    expect(onRoster('otherInstance')).toEqual([expect.stringMatching(/^2 agents \('alice', 'carol'\): routingProfile: /)]);
    expect(onRoster('instanceRegion')).toEqual([expect.stringMatching(/^3 agents \('alice', 'bob', 'carol'\): /)]);
    expect(Object.values(built.cfnUsers).flatMap(u => u.node.metadata.filter(m => m.type === 'aws:cdk:warning'))).toEqual([]);
  });

  it('reports a rule that many agents break once, with the count and the first usernames (1,000 SAML agents with an email)', () => {
    const app = new App();
    const stack = new Stack(app, 'Agents', { env: { account: ACCOUNT, region: REGION } });
    const r = refs(stack, IdentityManagementType.SAML);
    const users = Array.from({ length: 1000 }, (_, i) => ({
      username: `agent.${String(i).padStart(4, '0')}`,
      routingProfile: 'Basic',
      securityProfiles: ['Agent'],
      identityInfo: { firstName: 'A', lastName: 'B', email: `a${i}@example.com` },
    }));
    const built = new ConnectUserRoster(stack, 'Roster', {
      instance: r.instance, routingProfiles: { Basic: r.routingProfile }, securityProfiles: { Agent: r.securityProfile }, users,
    });
    const warnings = built.node.metadata.filter(m => m.type === 'aws:cdk:warning').map(m => String(m.data));
    expect(warnings).toEqual([expect.stringMatching(
      /^1000 agents \('agent.0000', 'agent.0001', 'agent.0002', 'agent.0003', 'agent.0004', and 995 more\): identityInfo.email: is set on a SAML instance.* \[ack: cdk-connect-user:samlEmail\]$/)]);
    expect(Object.values(built.cfnUsers).some(u => u.node.metadata.some(m => m.type === 'aws:cdk:warning'))).toBe(false);
  });

  it('names the new place of a setting a roster agent took flat before (JavaScript callers)', () => {
    const users = [{ username: 'alice', routingProfile: 'Basic', securityProfiles: ['Agent'], firstName: 'Al', autoAccept: true }];
    expect(() => roster({ users: users as never }))
      .toThrow(/firstName: is no longer a prop; use identityInfo.firstName[\s\S]*autoAccept: is no longer a prop; use phoneConfig.autoAccept/);
  });

  it('rejects unknown and missing columns', () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    const r = refs(stack);
    expect(() => new ConnectUserRoster(stack, 'R', {
      instance: r.instance, routingProfiles: {}, securityProfiles: {}, csv: 'first name,favourite colour\nA,blue',
    })).toThrow(/header: column 'favourite colour' is not a column the roster reads; expected one of: [\s\S]*header: column 'user login' is missing/);
  });

});

describe('ConnectUserRoster from typed specs', () => {
  it('takes specs and merges tags', () => {
    const { roster: r } = roster({ users: [{ username: 'carol', routingProfile: 'Basic', securityProfiles: ['Agent'], tags: { Team: 'A' } }], tags: { Site: 'NYC' } });
    Template.fromStack(Stack.of(r.cfnUsers.carol)).hasResourceProperties('AWS::Connect::User', {
      Tags: [{ Key: 'Site', Value: 'NYC' }, { Key: 'Team', Value: 'A' }],
    });
  });

  it('cites the index of a bad spec', () => {
    expect(() => roster({ users: [{ username: 'x', routingProfile: 'Basic', securityProfiles: ['Ghost'] }] }))
      .toThrow(/users\[0\]: agent 'x' has 1 problem:\n {6}- securityProfile 'Ghost' is not in securityProfiles \(known: Agent, Supervisor\)/);
  });
});

describe('ConnectUserRoster agents', () => {
  it('may be named like a property of every JavaScript object (constructor, __proto__, toString)', () => {
    const names = ['constructor', '__proto__', 'toString', 'alice'];
    const specs = names.map(username => ({ username, routingProfile: 'Basic', securityProfiles: ['Agent'] }));
    const shared = { shardCount: 1, passwords: UserPassword.generate(), identityManagementType: IdentityManagementType.CONNECT_MANAGED };
    for (const source of [{ rows: names.map(n => row(n)) }, { users: specs }]) {
      const { roster: r } = roster({ ...source, ...shared });
      expect(Object.keys(r.cfnUsers)).toEqual(names);
      for (const name of names) {
        expect(Object.prototype.hasOwnProperty.call(r.cfnUsers, name)).toBe(true);
        expect(r.cfnUsers[name]).toBeInstanceOf(CfnUser);
        expect(r.user(name).userArn).toBe(r.cfnUsers[name].attrUserArn);
      }
      const template = Template.fromStack(r.shards['0']);
      expect(Object.values(template.findResources('AWS::Connect::User')).map(u => u.Properties.Username).sort()).toEqual([...names].sort());
      expect(Object.keys(template.findResources('AWS::SecretsManager::Secret'))).toHaveLength(4);
      // A name no agent has is not found on Object.prototype either.
      expect(() => r.user('hasOwnProperty')).toThrow(/no agent has the username 'hasOwnProperty'/);
    }
  });

  it('are bare CfnUsers in their shards: no construct per agent beyond the resource', () => {
    const { roster: r } = roster({ rows: [row('alice'), row('bob'), row('carol')], shardCount: 1 });
    const shard = r.shards['0'];
    expect(shard.node.children.filter(c => c instanceof CfnUser).map(c => c.node.id).sort()).toEqual(['alice', 'bob', 'carol']);
    for (const user of Object.values(r.cfnUsers)) {
      expect(user).toBeInstanceOf(CfnUser);
      expect(user.node.children).toHaveLength(0);
    }
  });

  it('are given as IConnectUser on demand, once each, for grants', () => {
    const { stack, roster: r } = roster({ rows: [row('alice'), row('bob')] });
    const alice = r.user('alice');
    expect(r.user('alice')).toBe(alice);
    expect(alice.userArn).toBe(r.cfnUsers.alice.attrUserArn);
    const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    alice.grantRead(role);
    const policy = Template.fromStack(stack).findResources('AWS::IAM::Policy');
    const statement = Object.values(policy)[0].Properties.PolicyDocument.Statement[0];
    expect(statement.Action).toEqual(['connect:DescribeUser', 'connect:ListUserProficiencies']);
    // The ARN comes out of the agent's nested stack.
    expect(JSON.stringify(statement.Resource)).toMatch(/Shard\d+NestedStack.*Outputs/);
    expect(() => r.user('zed')).toThrow(/ConnectUserRoster 'Agents\/Roster': no agent has the username 'zed'/);
  });

  it('check tags added later through Tags.of() in one validation for the roster', () => {
    const { app, roster: r } = roster({ rows: [row('alice'), row('bob')] });
    Tags.of(r).add('bad key', 'x');
    expect(() => app.synth()).toThrow(/agent 'alice' has 1 problem:\n\s+- tags.bad key: key 'bad key' has characters CloudFormation or Amazon Connect rejects[\s\S]*agent 'bob' has 1 problem/);
  });

  it('keep generated password secrets beside their agent, with ids from the username', () => {
    const { roster: r } = roster({ rows: [row('alice')], passwords: UserPassword.generate(), identityManagementType: IdentityManagementType.CONNECT_MANAGED });
    const nested = Stack.of(r.cfnUsers.alice) as NestedStack;
    const template = Template.fromStack(nested);
    const userId = nested.resolve(r.cfnUsers.alice.logicalId);
    // The agent and its secret: deleted if the operation that created them rolls back, retained afterwards.
    template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'RetainExceptOnCreate', UpdateReplacePolicy: 'Retain' });
    template.hasResource('AWS::Connect::User', { DeletionPolicy: 'RetainExceptOnCreate', UpdateReplacePolicy: 'Retain' });
    expect(Object.keys(template.findResources('AWS::SecretsManager::Secret'))).toEqual([`${userId}Password`]);
    expect(JSON.stringify(template.findResources('AWS::Connect::User')[userId].Properties.Password)).toContain(`${userId}Password`);
  });

  it('may not take a username that a ConnectUser of the app holds', () => {
    const app = new App();
    const stack = new Stack(app, 'Agents', { env: { account: ACCOUNT, region: REGION } });
    const r = refs(stack);
    new ConnectUser(stack, 'Alice', minimalProps(r, { username: 'alice' }));
    expect(() => new ConnectUserRoster(stack, 'Roster', {
      instance: r.instance,
      routingProfiles: { Basic: r.routingProfile },
      securityProfiles: { Agent: r.securityProfile },
      users: [{ username: 'alice', routingProfile: 'Basic', securityProfiles: ['Agent'] }],
    })).toThrow(/users\[0\]: agent 'alice' has 1 problem:\n\s+- username: 'alice' is already used in the same instance by 'Agents\/Alice'/);
  });
});
