import { App, Duration, RemovalPolicy, SecretValue, Stack, Tags, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CfnInstance, CfnRoutingProfile, CfnSecurityProfile, CfnUser, CfnUserHierarchyGroup, IRoutingProfileRef } from 'aws-cdk-lib/aws-connect';
import { describe, expect, it } from 'vitest';
import {
  ConnectUser, IdentityManagementType, PhoneConfig, ProficiencyLevel, RoutingProfile, SecurityProfile, UserPassword, UserProficiency,
} from '../src';
import {
  INSTANCE_ARN, INSTANCE_ID, minimalProps, newStack, OTHER_INSTANCE_ARN, refs, routingProfileArn, securityProfileArn, userArn, warningsOf,
} from './util/fixtures';

describe('ConnectUser: the documented scenarios', () => {
  it('minimal: a soft-phone agent with exactly the intended properties', () => {
    const stack = newStack();
    const r = refs(stack);
    new ConnectUser(stack, 'JohnDoe', {
      instance: r.instance,
      username: 'john.doe',
      routingProfile: r.routingProfile,
      securityProfiles: [r.securityProfile],
      phoneConfig: PhoneConfig.softPhone({ autoAccept: true, afterContactWorkTimeLimit: Duration.seconds(0) }),
      tags: { Department: 'Sales', Location: 'New York' },
    });

    const resources = Template.fromStack(stack).findResources('AWS::Connect::User');
    expect(Object.values(resources)).toHaveLength(1);
    expect(Object.values(resources)[0].Properties).toEqual({
      InstanceArn: INSTANCE_ARN,
      Username: 'john.doe',
      RoutingProfileArn: `${INSTANCE_ARN}/routing-profile/rp-1`,
      SecurityProfileArns: [`${INSTANCE_ARN}/security-profile/sp-1`],
      PhoneConfig: { PhoneType: 'SOFT_PHONE', AutoAccept: true, AfterContactWorkTimeLimit: 0 },
      Tags: [{ Key: 'Department', Value: 'Sales' }, { Key: 'Location', Value: 'New York' }],
    });
  });

  it('advanced: desk phone, identity, directory id, hierarchy group and proficiencies', () => {
    const stack = newStack();
    const r = refs(stack);
    const jane = new ConnectUser(stack, 'JaneSmith', {
      instance: r.instance,
      username: 'jane.smith',
      routingProfile: r.routingProfile,
      securityProfiles: [r.securityProfile],
      phoneConfig: PhoneConfig.deskPhone('+15555559876', { autoAccept: true, afterContactWorkTimeLimit: Duration.seconds(0) }),
      directoryUserId: 'user-123456',
      identityInfo: { firstName: 'Jane', lastName: 'Smith', email: 'jane.smith@example.com', secondaryEmail: 'jane.secondary@example.com' },
      hierarchyGroup: r.hierarchyGroup,
      proficiencies: [UserProficiency.of('Language', 'English', ProficiencyLevel.FIVE)],
    });
    jane.addProficiency(UserProficiency.of('Language', 'Spanish', ProficiencyLevel.of(3)));

    const props = Object.values(Template.fromStack(stack).findResources('AWS::Connect::User'))[0].Properties;
    expect(props).toEqual({
      InstanceArn: INSTANCE_ARN,
      Username: 'jane.smith',
      RoutingProfileArn: `${INSTANCE_ARN}/routing-profile/rp-1`,
      SecurityProfileArns: [`${INSTANCE_ARN}/security-profile/sp-1`],
      PhoneConfig: { PhoneType: 'DESK_PHONE', DeskPhoneNumber: '+15555559876', AutoAccept: true, AfterContactWorkTimeLimit: 0 },
      DirectoryUserId: 'user-123456',
      IdentityInfo: { FirstName: 'Jane', LastName: 'Smith', Email: 'jane.smith@example.com', SecondaryEmail: 'jane.secondary@example.com' },
      HierarchyGroupArn: `${INSTANCE_ARN}/agent-group/hg-1`,
      UserProficiencies: [
        { AttributeName: 'Language', AttributeValue: 'English', Level: 5 },
        { AttributeName: 'Language', AttributeValue: 'Spanish', Level: 3 },
      ],
    });
  });

  it('adopt: forces Retain on deletion and replacement', () => {
    const stack = newStack();
    const user = new ConnectUser(stack, 'Existing', minimalProps(refs(stack), {
      username: 'existing.user', phoneConfig: PhoneConfig.softPhone(), adopt: true,
    }));
    expect(user.adopted).toBe(true);
    Template.fromStack(stack).hasResource('AWS::Connect::User', {
      DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', Properties: Match.objectLike({ Username: 'existing.user' }),
    });
  });
});

describe('ConnectUser: removal policy', () => {
  it('retains a created user, except when the operation that created it rolls back (RetainExceptOnCreate)', () => {
    const stack = newStack();
    const user = new ConnectUser(stack, 'U', minimalProps(refs(stack)));
    expect(user.adopted).toBe(false);
    Template.fromStack(stack).hasResource('AWS::Connect::User', { DeletionPolicy: 'RetainExceptOnCreate', UpdateReplacePolicy: 'Retain' });
  });

  it("gives a generated password's secret the user's policy: RetainExceptOnCreate, or the one given", () => {
    const stack = newStack();
    const r = refs(stack, IdentityManagementType.CONNECT_MANAGED);
    const names = { identityInfo: { firstName: 'A', lastName: 'B' }, password: UserPassword.generate() };
    new ConnectUser(stack, 'U', minimalProps(r, { username: 'gen.default', ...names }));
    new ConnectUser(stack, 'V', minimalProps(r, { username: 'gen.kept', ...names, removalPolicy: RemovalPolicy.RETAIN }));
    const template = Template.fromStack(stack);
    const secrets = Object.values(template.findResources('AWS::SecretsManager::Secret'));
    expect(secrets.map(x => [x.DeletionPolicy, x.UpdateReplacePolicy]).sort()).toEqual([['Retain', 'Retain'], ['RetainExceptOnCreate', 'Retain']]);
    const users = Object.values(template.findResources('AWS::Connect::User'));
    expect(users.map(x => [x.Properties.Username, x.DeletionPolicy]).sort()).toEqual([['gen.default', 'RetainExceptOnCreate'], ['gen.kept', 'Retain']]);
  });

  it('keeps an explicit removal policy: RETAIN gives Retain, RETAIN_ON_UPDATE_OR_DELETE RetainExceptOnCreate', () => {
    const stack = newStack();
    const r = refs(stack);
    new ConnectUser(stack, 'U', minimalProps(r, { username: 'kept', removalPolicy: RemovalPolicy.RETAIN }));
    new ConnectUser(stack, 'V', minimalProps(r, { username: 'explicit', removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE }));
    const users = Object.values(Template.fromStack(stack).findResources('AWS::Connect::User'));
    expect(users.map(x => [x.Properties.Username, x.DeletionPolicy, x.UpdateReplacePolicy]).sort())
      .toEqual([['explicit', 'RetainExceptOnCreate', 'Retain'], ['kept', 'Retain', 'Retain']]);
  });

  it('refuses RETAIN_ON_UPDATE_OR_DELETE on an adopted user: the stack did not create it, it stays Retain', () => {
    const stack = newStack();
    expect(() => new ConnectUser(stack, 'U', minimalProps(refs(stack), { adopt: true, removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE })))
      .toThrow(/removalPolicy: retain-on-update-or-delete conflicts with adopt: true; expected RemovalPolicy.RETAIN or unset/);
  });

  it('deletes the user when told to', () => {
    const stack = newStack();
    new ConnectUser(stack, 'U', minimalProps(refs(stack), { removalPolicy: RemovalPolicy.DESTROY }));
    Template.fromStack(stack).hasResource('AWS::Connect::User', { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
  });
});

describe('ConnectUser: tags', () => {
  it('merges the tags prop with Tags.of()', () => {
    const stack = newStack();
    new ConnectUser(stack, 'U', minimalProps(refs(stack), { tags: { Department: 'Sales' } }));
    Tags.of(stack).add('CostCenter', 'cc-1');
    Template.fromStack(stack).hasResourceProperties('AWS::Connect::User', {
      Tags: Match.arrayEquals([{ Key: 'CostCenter', Value: 'cc-1' }, { Key: 'Department', Value: 'Sales' }]),
    });
  });

  it('renders no Tags at all when there are none', () => {
    const stack = newStack();
    new ConnectUser(stack, 'U', minimalProps(refs(stack)));
    Template.fromStack(stack).hasResourceProperties('AWS::Connect::User', { Tags: Match.absent() });
  });
});

describe('ConnectUser: attributes and collections', () => {
  it('exposes the ARN, the id (last ARN segment), the instance ARN and a userRef', () => {
    const stack = newStack();
    const user = new ConnectUser(stack, 'U', minimalProps(refs(stack)));
    const logicalId = stack.getLogicalId(user.node.defaultChild as CfnUser);
    expect(stack.resolve(user.userArn)).toEqual({ 'Fn::GetAtt': [logicalId, 'UserArn'] });
    expect(stack.resolve(user.userId)).toEqual({ 'Fn::Select': [3, { 'Fn::Split': ['/', { 'Fn::GetAtt': [logicalId, 'UserArn'] }] }] });
    expect(user.instanceArn).toBe(INSTANCE_ARN);
    expect(stack.resolve(user.userRef.userArn)).toEqual(stack.resolve(user.userArn));
    expect(user.username).toBe('agent.one');
    // aws-cdk-lib accepts it where it wants an IUserRef.
    expect(stack.resolve(CfnUser.arnForUser(user))).toEqual(stack.resolve(user.userArn));
  });

  it("keeps its CfnUser as the 'Resource' child, so escape hatches work", () => {
    const stack = newStack();
    const user = new ConnectUser(stack, 'U', minimalProps(refs(stack)));
    const cfn = user.node.defaultChild as CfnUser;
    expect(cfn).toBeInstanceOf(CfnUser);
    cfn.addPropertyOverride('PhoneConfig.PhoneType', 'SOFT_PHONE');
    Template.fromStack(stack).hasResourceProperties('AWS::Connect::User', { PhoneConfig: { PhoneType: 'SOFT_PHONE' } });
  });

  it('adds security profiles and proficiencies after construction', () => {
    const stack = newStack();
    const r = refs(stack);
    const user = new ConnectUser(stack, 'U', minimalProps(r));
    user.addSecurityProfile(SecurityProfile.fromSecurityProfileArn(stack, 'Admin', securityProfileArn('sp-admin')));
    user.addProficiency(UserProficiency.of('Skill', 'Billing', ProficiencyLevel.ONE));
    Template.fromStack(stack).hasResourceProperties('AWS::Connect::User', {
      SecurityProfileArns: [securityProfileArn('sp-1'), securityProfileArn('sp-admin')],
      UserProficiencies: [{ AttributeName: 'Skill', AttributeValue: 'Billing', Level: 1 }],
    });
  });

  it('tells ConnectUsers from other constructs', () => {
    const stack = newStack();
    const user = new ConnectUser(stack, 'U', minimalProps(refs(stack)));
    expect(ConnectUser.isConnectUser(user)).toBe(true);
    expect(ConnectUser.isConnectUser(stack)).toBe(false);
    expect(ConnectUser.isConnectUser(ConnectUser.fromUserArn(stack, 'I', userArn()))).toBe(false);
    expect(ConnectUser.isConnectUser(null)).toBe(false);
  });
});

describe('ConnectUser.fromUserArn / fromUserAttributes', () => {
  it('exposes userArn, userId, instanceArn and userRef, and creates no resource', () => {
    const stack = newStack();
    const user = ConnectUser.fromUserArn(stack, 'Imported', userArn('87654321-2222'));
    expect(user.userArn).toBe(userArn('87654321-2222'));
    expect(user.userId).toBe('87654321-2222');
    expect(user.instanceArn).toBe(INSTANCE_ARN);
    expect(user.userRef).toEqual({ userArn: userArn('87654321-2222') });
    expect(user.env).toEqual({ account: '111122223333', region: 'us-east-1' });
    expect(Template.fromStack(stack).toJSON().Resources ?? {}).toEqual({});
  });

  it('derives the id and instance from a token ARN with intrinsics', () => {
    const stack = newStack();
    const user = ConnectUser.fromUserAttributes(stack, 'Imported', { userArn: Token.asString({ Ref: 'UserArnParam' }) });
    expect(stack.resolve(user.userId)).toEqual({ 'Fn::Select': [3, { 'Fn::Split': ['/', { Ref: 'UserArnParam' }] }] });
    expect(stack.resolve(user.instanceArn)).toEqual({
      'Fn::Join': ['/', [
        { 'Fn::Select': [0, { 'Fn::Split': ['/', { Ref: 'UserArnParam' }] }] },
        { 'Fn::Select': [1, { 'Fn::Split': ['/', { Ref: 'UserArnParam' }] }] },
      ]],
    });
  });

  it.each([
    ['a routing profile ARN', `${INSTANCE_ARN}/routing-profile/rp-1`],
    ['an instance ARN', INSTANCE_ARN],
    ['a username', 'john.doe'],
    ['an ARN of another service', 'arn:aws:iam::111122223333:user/john'],
  ])('rejects %s', (_what, arn) => {
    const stack = newStack();
    expect(() => ConnectUser.fromUserArn(stack, 'Imported', arn)).toThrow(/userArn: .* is not an Amazon Connect agent ARN; expected arn:<partition>:connect:<region>:<account>:instance\/<instance-id>\/agent\/<agent-id>/);
  });
});

describe('ConnectUser: L1 references', () => {
  function l1s(stack: Stack, identityManagementType = 'CONNECT_MANAGED') {
    const instance = new CfnInstance(stack, 'Instance', {
      identityManagementType, attributes: { inboundCalls: true, outboundCalls: true },
    });
    const routingProfile = new CfnRoutingProfile(stack, 'Routing', {
      instanceArn: instance.attrArn,
      name: 'Basic',
      description: 'basic',
      defaultOutboundQueueArn: `${INSTANCE_ARN}/queue/q-1`,
      mediaConcurrencies: [{ channel: 'VOICE', concurrency: 1 }],
    });
    const securityProfile = new CfnSecurityProfile(stack, 'Security', { instanceArn: instance.attrArn, securityProfileName: 'Agent' });
    const hierarchyGroup = new CfnUserHierarchyGroup(stack, 'Group', { instanceArn: instance.attrArn, name: 'Sales' });
    return { instance, routingProfile, securityProfile, hierarchyGroup };
  }

  it('accepts CfnInstance, CfnRoutingProfile, CfnSecurityProfile and CfnUserHierarchyGroup', () => {
    const stack = newStack();
    const l1 = l1s(stack);
    const user = new ConnectUser(stack, 'U', {
      ...l1,
      securityProfiles: [l1.securityProfile],
      username: 'agent',
      password: UserPassword.fromSecretValue(SecretValue.secretsManager('agent-password')),
      identityInfo: { firstName: 'A', lastName: 'B' },
    });
    expect(user.identityManagementType).toBe(IdentityManagementType.CONNECT_MANAGED);
    Template.fromStack(stack).hasResourceProperties('AWS::Connect::User', {
      InstanceArn: stack.resolve(l1.instance.instanceRef.instanceArn),
      RoutingProfileArn: stack.resolve(l1.routingProfile.routingProfileRef.routingProfileArn),
      SecurityProfileArns: [stack.resolve(l1.securityProfile.securityProfileRef.securityProfileArn)],
      HierarchyGroupArn: stack.resolve(l1.hierarchyGroup.userHierarchyGroupRef.userHierarchyGroupArn),
    });
  });

  it("infers the identity-management type from a CfnInstance and applies that type's rules", () => {
    const stack = newStack();
    const l1 = l1s(stack);
    const user = new ConnectUser(stack, 'U', { ...l1, securityProfiles: [l1.securityProfile], username: 'agent' });
    expect(user.identityManagementType).toBe(IdentityManagementType.CONNECT_MANAGED);
    expect(warningsOf(stack, 'passwordRequired')).toEqual([expect.stringMatching(/password: missing; the API reference documents a password as required on CONNECT_MANAGED/)]);
  });

  it('rejects an explicit identity-management type that contradicts the CfnInstance', () => {
    const stack = newStack();
    const l1 = l1s(stack, 'SAML');
    expect(() => new ConnectUser(stack, 'U', {
      ...l1,
      securityProfiles: [l1.securityProfile],
      username: 'agent',
      identityManagementType: IdentityManagementType.CONNECT_MANAGED,
    })).toThrow(/identityManagementType: CONNECT_MANAGED conflicts with the instance's SAML/);
  });

  it('reads no type from a CfnInstance whose type is a token', () => {
    const stack = newStack();
    const l1 = l1s(stack, Token.asString({ Ref: 'IdentityType' }));
    const user = new ConnectUser(stack, 'U', { ...l1, securityProfiles: [l1.securityProfile], username: 'agent' });
    expect(user.identityManagementType).toBeUndefined();
  });
});

describe('ConnectUser: password', () => {
  it('renders a Secrets Manager password as a dynamic reference', () => {
    const stack = newStack();
    new ConnectUser(stack, 'U', minimalProps(refs(stack, IdentityManagementType.CONNECT_MANAGED), {
      password: UserPassword.fromSecretValue(SecretValue.secretsManager('agents/agent.one', { jsonField: 'password' })),
      identityInfo: { firstName: 'Agent', lastName: 'One' },
    }));
    Template.fromStack(stack).hasResourceProperties('AWS::Connect::User', {
      Password: '{{resolve:secretsmanager:agents/agent.one:SecretString:password::}}',
    });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  it('warns, naming the construct, when the password is plaintext', () => {
    const stack = newStack();
    new ConnectUser(stack, 'U', minimalProps(refs(stack), { password: UserPassword.fromSecretValue(SecretValue.unsafePlainText('Plain1Text')) }));
    Annotations.fromStack(stack).hasWarning('/Stack/U', Match.stringLikeRegexp('password is plaintext'));
  });
});

describe('ConnectUser: works in an app with several stacks', () => {
  it('allows the same username in different instances', () => {
    const app = new App();
    const a = new Stack(app, 'A', { env: { account: '111122223333', region: 'us-east-1' } });
    const b = new Stack(app, 'B', { env: { account: '111122223333', region: 'us-east-1' } });
    new ConnectUser(a, 'U', minimalProps(refs(a)));
    const other = `arn:aws:connect:us-east-1:111122223333:instance/${INSTANCE_ID.replace('a1', 'b2')}`;
    expect(() => new ConnectUser(b, 'U', minimalProps(refs(b, undefined, other)))).not.toThrow();
  });
});

describe('ConnectUser: inputs the users of a stack share', () => {
  // The instance, profiles, group and tags of a stack's users are checked once per distinct input (stackSharedChecks);
  // what the first check found reaches every user that shares the input.
  it('every user that shares a routing profile of another instance gets the warning; a malformed one is refused for each', () => {
    const stack = newStack();
    const r = refs(stack);
    const elsewhere = RoutingProfile.fromRoutingProfileArn(stack, 'Elsewhere', routingProfileArn('rp-9', OTHER_INSTANCE_ARN));
    const first = new ConnectUser(stack, 'First', minimalProps(r, { username: 'first.agent', routingProfile: elsewhere }));
    const second = new ConnectUser(stack, 'Second', minimalProps(r, { username: 'second.agent', routingProfile: elsewhere }));
    const paths = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('cdk-connect-user:otherInstance')).map(m => m.id);
    expect(paths).toEqual([`/${first.node.path}`, `/${second.node.path}`]);
    // A security profile's ARN where a routing profile's goes: an error of the ARN's shape, for the second user too.
    const wrong = { routingProfileRef: { routingProfileArn: securityProfileArn() } } as unknown as IRoutingProfileRef;
    expect(() => new ConnectUser(stack, 'Third', minimalProps(r, { username: 'third.agent', routingProfile: wrong }))).toThrow(/routingProfile: /);
    expect(() => new ConnectUser(stack, 'Fourth', minimalProps(r, { username: 'fourth.agent', routingProfile: wrong }))).toThrow(/routingProfile: /);
  });

  it('the instance warns once; a shared wrong tag is refused for every user', () => {
    const stack = newStack();
    const r = refs(stack);
    // The instance of unknown identity type warns once, on the instance, whatever the number of its users; a tag
    // with the reserved aws: prefix is refused for every user that has it, not only the first.
    new ConnectUser(stack, 'First', minimalProps(r, { username: 'first.agent', tags: { Site: 'NYC' } }));
    new ConnectUser(stack, 'Second', minimalProps(r, { username: 'second.agent', tags: { Site: 'NYC' } }));
    expect(warningsOf(stack, 'identityTypeUnknown')).toHaveLength(1);
    const badTag = () => new ConnectUser(stack, 'Third', minimalProps(r, { username: 'third.agent', tags: { 'aws:site': 'NYC' } }));
    expect(badTag).toThrow(/aws:/);
    expect(() => new ConnectUser(stack, 'Fourth', minimalProps(r, { username: 'fourth.agent', tags: { 'aws:site': 'NYC' } }))).toThrow(/aws:/);
  });
});

describe('ConnectUser: the checks shared in a stack follow a CfnInstance whose type changes', () => {
  it('a user made after the instance\'s identityManagementType changed is checked against the new type', () => {
    const stack = newStack();
    const instance = new CfnInstance(stack, 'Instance', {
      identityManagementType: 'SAML', instanceAlias: 'contact-center', attributes: { inboundCalls: true, outboundCalls: true },
    });
    const props = (username: string) => ({
      instance,
      username,
      routingProfile: refs(stack).routingProfile,
      securityProfiles: [refs(stack).securityProfile],
      identityInfo: { firstName: 'Ann', lastName: 'Agent' },
    });
    const first = new ConnectUser(stack, 'First', props('first.agent'));
    instance.identityManagementType = 'CONNECT_MANAGED';
    const second = new ConnectUser(stack, 'Second', props('second.agent'));
    const missing = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('cdk-connect-user:passwordRequired')).map(m => m.id);
    expect(missing).toEqual([`/${second.node.path}`]);
    expect(first.identityManagementType).toBe('SAML');
    expect(second.identityManagementType).toBe('CONNECT_MANAGED');
  });
});

describe('ConnectUser: logical ids', () => {
  // rememberAllocatedLogicalId (src/private/user/build.ts): CDK's id, hashed from the path once, renames and overrides kept.
  function usersIn(stack: Stack) {
    const r = refs(stack);
    const user = new ConnectUser(stack, 'Jane', minimalProps(r, { username: 'jane', password: UserPassword.generate() }));
    const other = new ConnectUser(stack, 'John', minimalProps(r, { username: 'john' }));
    return { user, other };
  }

  it('are the ids CDK derives from the path, the generated password secret\'s included', () => {
    const stack = newStack();
    const { user, other } = usersIn(stack);
    const elements = [user.node.defaultChild, user.passwordSecret!.node.defaultChild, other.node.defaultChild] as CfnUser[];
    // Stack.getLogicalId() allocates afresh, without the remembered id.
    const expected = elements.map(e => stack.getLogicalId(e));
    expect(expected).toEqual([expect.stringMatching(/^Jane[0-9A-F]{8}$/), expect.stringMatching(/^JanePasswordSecret[0-9A-F]{8}$/), expect.stringMatching(/^John[0-9A-F]{8}$/)]);
    expect(Object.keys(Template.fromStack(stack).toJSON().Resources).sort()).toEqual([...expected].sort());
  });

  it('hash the construct path once per user, however often the template is resolved', () => {
    const stack = newStack();
    const calls = new Map<string, number>();
    const allocate = (stack as unknown as { allocateLogicalId: (e: CfnUser) => string }).allocateLogicalId.bind(stack);
    (stack as unknown as { allocateLogicalId: (e: CfnUser) => string }).allocateLogicalId = (e: CfnUser) => {
      calls.set(e.node.path, (calls.get(e.node.path) ?? 0) + 1);
      return allocate(e);
    };
    const { user } = usersIn(stack);
    for (let i = 0; i < 3; i++) Template.fromStack(stack);
    expect(calls.get(user.node.defaultChild!.node.path)).toBe(1);
  });

  it('follow Stack.renameLogicalId() and overrideLogicalId() made after the user, on every read', () => {
    const stack = newStack();
    const { user, other } = usersIn(stack);
    const app = stack.node.root as App;
    app.synth();
    stack.renameLogicalId(stack.getLogicalId(user.node.defaultChild as CfnUser), 'Jane');
    (other.node.defaultChild as CfnUser).overrideLogicalId('John');
    // force: a second synth, not the first one's cached assembly.
    const ids = Object.keys(app.synth({ force: true }).getStackArtifact(stack.artifactId).template.Resources);
    expect(ids).toEqual(expect.arrayContaining(['Jane', 'John']));
    expect(stack.resolve(user.userArn)).toEqual({ 'Fn::GetAtt': ['Jane', 'UserArn'] });
  });
});
