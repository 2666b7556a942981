/**
 * What JavaScript and jsii callers can send: values of the wrong type, unsupported
 * removal policies, SSM SecureString references outside the password. Each gets
 * the library's own error naming the property, never a TypeError from inside.
 */
import { CfnDynamicReference, CfnDynamicReferenceService, Duration, RemovalPolicy, SecretValue, Stack, Tags } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { ConnectUser, ConnectUserProps, ConnectUserRoster, PhoneConfig, ProficiencyLevel, UserPassword, UserProficiency, VoicePhone } from '../src';
import { minimalProps, newStack, Refs, refs } from './util/fixtures';

type Build = (r: Refs, stack: Stack) => unknown;
const js = (v: unknown) => v as any;

const cases: Array<[string, Build, RegExp]> = [
  ['username: true', r => minimalProps(r, { username: js(true) }), /username: is boolean true; expected a string/],
  ['securityProfiles: [{}]', r => minimalProps(r, { securityProfiles: [js({})] }), /securityProfiles\[0\]: is an object; expected a reference with securityProfileRef.securityProfileArn/],
  ['securityProfiles: a profile, not a list', r => minimalProps(r, { securityProfiles: js(r.securityProfile) }), /securityProfiles: is an object; expected an array/],
  ['routingProfile: an ARN string', r => minimalProps(r, { routingProfile: js('arn:aws:connect:us-east-1:111122223333:instance/i/routing-profile/r') }), /routingProfile: is the string 'arn:aws:connect.*'; expected a reference with routingProfileRef.routingProfileArn/],
  ['instance: undefined', r => minimalProps(r, { instance: js(undefined) }), /instance: is undefined undefined; expected a reference with instanceRef.instanceArn/],
  ['identityInfo.email: a BigInt', r => minimalProps(r, { identityInfo: { email: js(BigInt(7)) } }), /identityInfo.email: is the bigint 7n; expected a string, or nothing/],
  ['identityInfo: a string', r => minimalProps(r, { identityInfo: js('Jane') }), /identityInfo: is the string 'Jane'; expected an object, or nothing/],
  ['tags: a number value', r => minimalProps(r, { tags: js({ Team: 7 }) }), /tags.Team: is number 7; expected a string/],
  ['password: a plain string', r => minimalProps(r, { password: js('Passw0rd!') }), /password: is the string 'Passw0rd!'; expected a UserPassword/],
  ['proficiencies: [{}]', r => minimalProps(r, { proficiencies: [js({})] }), /proficiencies\[0\].attributeName: is undefined undefined; expected a string/],
  ['channelSettings.chat ACW: a number', r => minimalProps(r, { channelSettings: { chat: { afterContactWorkTimeLimit: js(30) } } }), /channelSettings.chat.afterContactWorkTimeLimit: is number 30; expected a Duration/],
  ['adopt: "yes"', r => minimalProps(r, { adopt: js('yes') }), /adopt: is the string 'yes'; expected true, false, or nothing/],
  ['no props at all', () => undefined, /props: is undefined undefined; expected an object/],
  ['PhoneConfig.softPhone({ afterContactWorkTimeLimit: "30" })', () => PhoneConfig.softPhone({ afterContactWorkTimeLimit: js('30') }), /afterContactWorkTimeLimit: '30' is not a Duration/],
  ['PhoneConfig.deskPhone(5555550100)', () => PhoneConfig.deskPhone(js(5555550100)), /phoneNumber: '5555550100' is not an E.164 phone number/],
  ['VoicePhone.deskPhone(undefined)', () => VoicePhone.deskPhone(js(undefined)), /phoneNumber: 'undefined' is not an E.164 phone number/],
  ['UserProficiency.of(42, ...)', () => UserProficiency.of(js(42), 'English', ProficiencyLevel.ONE), /attributeName: '42' is not a string; expected 1-64 characters/],
  ['ProficiencyLevel.of("3")', () => ProficiencyLevel.of(js('3')), /levelValue: '3' is not a proficiency level/],
  ['removalPolicy: SNAPSHOT (cfn-lint E3035)', r => minimalProps(r, { removalPolicy: RemovalPolicy.SNAPSHOT }), /removalPolicy: SNAPSHOT is not supported by AWS::Connect::User/],
  ['an ssm-secure reference as the username', r => minimalProps(r, { username: '{{resolve:ssm-secure:/agents/name:1}}' }), /username: is an SSM SecureString dynamic reference/],
  ['an ssm-secure token as the directory user id', r => minimalProps(r, { directoryUserId: new CfnDynamicReference(CfnDynamicReferenceService.SSM_SECURE, '/dir/id:1').toString() }), /directoryUserId: is an SSM SecureString dynamic reference/],
  ['an ssm-secure reference in a tag', r => minimalProps(r, { tags: { Secret: '{{resolve:ssm-secure:/x:1}}' } }), /tags.Secret: value is an SSM SecureString dynamic reference/],
];

describe('bad input gets the library\'s error, naming the property', () => {
  it.each(cases)('%s', (_what, build, message) => {
    const stack = newStack();
    const r = refs(stack);
    let error: unknown;
    try {
      const built = build(r, stack);
      if (built === undefined || (typeof built === 'object' && 'routingProfile' in (built as object))) {
        new ConnectUser(stack, 'User', built as ConnectUserProps);
        (stack.node.root as any).synth();
      }
    } catch (e) {
      error = e;
    }
    // The library's own error at construction, or CDK's validation error for what is checked at synth (tags).
    expect(['ConnectUserValidationError', 'ValidationError']).toContain((error as Error)?.name);
    expect((error as Error).message).toMatch(message);
  });

  it('checks tags added with Tags.of() for ssm-secure references too', () => {
    const stack = newStack();
    new ConnectUser(stack, 'User', minimalProps(refs(stack)));
    Tags.of(stack).add('Secret', '{{resolve:ssm-secure:/x:1}}');
    expect(() => (stack.node.root as any).synth()).toThrow(/tags.Secret: value is an SSM SecureString dynamic reference/);
  });
});

describe('the roster checks the types of its props and specs', () => {
  function roster(stack: Stack, r: Refs, extra: Record<string, unknown>) {
    return new ConnectUserRoster(stack, 'Roster', {
      instance: r.instance, routingProfiles: { Basic: r.routingProfile }, securityProfiles: { Agent: r.securityProfile }, ...js(extra),
    });
  }
  it.each([
    ['a spec with username: true', { users: [{ username: true, routingProfile: 'Basic', securityProfiles: ['Agent'] }] }, /users\[0\]: the agent has 1 problem:\n {6}- username: is boolean true; expected a string/],
    ['a spec whose security profiles are one string', { users: [{ username: 'a', routingProfile: 'Basic', securityProfiles: 'Agent' }] }, /users\[0\]: agent 'a' has 1 problem:\n {6}- securityProfiles: is the string 'Agent'; expected an array/],
    ['a spec with an ACW in seconds as a number', { users: [{ username: 'a', routingProfile: 'Basic', securityProfiles: ['Agent'], channelSettings: { chat: { afterContactWorkTimeLimit: 30 } } }] }, /users\[0\]: agent 'a' has 1 problem:\n {6}- channelSettings.chat.afterContactWorkTimeLimit: is number 30; expected a Duration/],
    ['csv: a Buffer', { csv: Buffer.from('x') }, /csv: is an object; expected a string, or nothing/],
    ['routingProfiles: an array', { csv: 'x', routingProfiles: [] }, /routingProfiles: is an array; expected an object/],
    ['shardCount: "4"', { csv: 'x', shardCount: '4' }, /shardCount: is the string '4'; expected a whole number, or nothing/],
    ['removalPolicy: SNAPSHOT', { users: [{ username: 'a', routingProfile: 'Basic', securityProfiles: ['Agent'] }], removalPolicy: RemovalPolicy.SNAPSHOT }, /removalPolicy: SNAPSHOT is not supported/],
  ])('%s', (_what, extra, message) => {
    const stack = newStack();
    expect(() => roster(stack, refs(stack), extra)).toThrow(message);
  });

  it('a valid roster still builds (the checks pass what they should)', () => {
    const stack = newStack();
    const built = roster(stack, refs(stack), {
      users: [{ username: 'a', routingProfile: 'Basic', securityProfiles: ['Agent'], phoneConfig: PhoneConfig.softPhone({ afterContactWorkTimeLimit: Duration.seconds(5) }), password: UserPassword.fromSecretValue(SecretValue.secretsManager('s')), tags: { T: 'v' } }],
    });
    expect(Object.keys(built.cfnUsers)).toEqual(['a']);
  });
});
