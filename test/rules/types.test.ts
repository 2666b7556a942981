/**
 * The rules of src/private/rules/types.ts: a value of the wrong type that a
 * JavaScript or jsii caller passes in any prop of a user or a roster gets the
 * library's own error naming the property, never a TypeError from inside.
 */
import { Duration, SecretValue, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { ConnectUser, ConnectUserProps, ConnectUserRoster, PhoneConfig, UserPassword } from '../../src';
import { Problems } from '../../src/private/problems';
import { FIELDS } from '../../src/private/user/fields';
import { checkRow } from '../../src/private/user/types';
import { minimalProps, newStack, Refs, refs } from '../util/fixtures';

const js = (v: unknown) => v as any;

const cases: Array<[string, (r: Refs) => ConnectUserProps | undefined, RegExp]> = [
  // checkOptionTypes (src/private/user/types.ts, row by row from the field table), and expectString, expectBoolean, expectDuration, expectPassword, expectObject, expectStringMap, expectRef, expectArray
  ['username: true', r => minimalProps(r, { username: js(true) }), /username: is the boolean true; expected a string/],
  ['securityProfiles: [{}]', r => minimalProps(r, { securityProfiles: [js({})] }), /securityProfiles\[0\]: is an object; expected a reference with securityProfileRef.securityProfileArn/],
  ['securityProfiles: a profile, not a list', r => minimalProps(r, { securityProfiles: js(r.securityProfile) }), /securityProfiles: is an object; expected an array/],
  ['routingProfile: an ARN string', r => minimalProps(r, { routingProfile: js('arn:aws:connect:us-east-1:111122223333:instance/i/routing-profile/r') }), /routingProfile: is the string 'arn:aws:connect.*'; expected a reference with routingProfileRef.routingProfileArn/],
  ['hierarchyGroup: an ARN string', r => minimalProps(r, { hierarchyGroup: js('arn:aws:connect:us-east-1:111122223333:instance/i/agent-group/g') }), /hierarchyGroup: is the string 'arn:aws:connect.*'; expected a reference with userHierarchyGroupRef.userHierarchyGroupArn/],
  ['instance: undefined', r => minimalProps(r, { instance: js(undefined) }), /instance: is missing; expected a reference with instanceRef.instanceArn/],
  ['identityInfo.email: a BigInt', r => minimalProps(r, { identityInfo: { email: js(BigInt(7)) } }), /identityInfo.email: is the bigint 7n; expected a string, or nothing/],
  ['identityInfo: a string', r => minimalProps(r, { identityInfo: js('Jane') }), /identityInfo: is the string 'Jane'; expected an object, or nothing/],
  ['phoneConfig.autoAccept: "yes"', r => minimalProps(r, { phoneConfig: js({ phoneType: 'SOFT_PHONE', autoAccept: 'yes' }) }), /phoneConfig.autoAccept: is the string 'yes'; expected true, false, or nothing/],
  ['tags: a number value', r => minimalProps(r, { tags: js({ Team: 7 }) }), /tags.Team: is the number 7; expected a string/],
  ['password: a plain string', r => minimalProps(r, { password: js('Passw0rd!') }), /password: is the string 'Passw0rd!'; expected a UserPassword/],
  ['password: a SecretValue (the type before UserPassword)', r => minimalProps(r, { password: js(SecretValue.secretsManager('x')) }), /password: is a SecretValue; expected a UserPassword: UserPassword.fromSecretValue\(value\)/],
  ['generatePassword: a prop UserPassword replaced', r => js({ ...minimalProps(r), generatePassword: true }), /generatePassword: is no longer a prop; use password: UserPassword.generate\(\)/],
  ['proficiencies: [{}]', r => minimalProps(r, { proficiencies: [js({})] }), /proficiencies\[0\].attributeName: is missing; expected a string/],
  ['proficiencies[0].level: a number', r => minimalProps(r, { proficiencies: [js({ attributeName: 'L', attributeValue: 'E', level: 3 })] }), /proficiencies\[0\].level: is the number 3; expected a ProficiencyLevel: ProficiencyLevel.of\(3\)/],
  ['proficiencies[0].level: a string', r => minimalProps(r, { proficiencies: [js({ attributeName: 'L', attributeValue: 'E', level: 'high' })] }), /proficiencies\[0\].level: is the string 'high'; expected a ProficiencyLevel: ProficiencyLevel.of\(n\) with n from 1 to 5, or ProficiencyLevel.ONE to FIVE/],
  // Each part of the quick checks that clear a valid proficiency or reference before any message is written.
  ['proficiencies[0].level: an object without levelValue', r => minimalProps(r, { proficiencies: [js({ attributeName: 'L', attributeValue: 'E', level: {} })] }), /proficiencies\[0\].level.levelValue: is missing; expected a number from 1 to 5/],
  ['proficiencies[0].attributeName: a number', r => minimalProps(r, { proficiencies: [js({ attributeName: 5, attributeValue: 'E', level: { levelValue: 1 } })] }), /proficiencies\[0\].attributeName: is the number 5; expected a string/],
  ['proficiencies[1].attributeValue: missing', r => minimalProps(r, { proficiencies: [js({ attributeName: 'L', attributeValue: 'E', level: { levelValue: 1 } }), js({ attributeName: 'S', level: { levelValue: 2 } })] }), /proficiencies\[1\].attributeValue: is missing; expected a string/],
  ['securityProfiles[1]: a reference without its ARN', r => minimalProps(r, { securityProfiles: [r.securityProfile, js({ securityProfileRef: {} })] }), /securityProfiles\[1\]: is an object; expected a reference with securityProfileRef.securityProfileArn/],
  ['securityProfiles: undefined', r => minimalProps(r, { securityProfiles: js(undefined) }), /securityProfiles: is missing; expected an array/],
  ['phoneConfig: the string SOFT_PHONE', r => minimalProps(r, { phoneConfig: js('SOFT_PHONE') }), /phoneConfig: is the string 'SOFT_PHONE'; expected a PhoneConfig \(PhoneConfig.softPhone\(\) or PhoneConfig.deskPhone\(phoneNumber\)\), or nothing/],
  ['channelSettings.voice.phone: the string DESK_PHONE', r => minimalProps(r, { channelSettings: { voice: { phone: js('DESK_PHONE') } } }), /channelSettings.voice.phone: is the string 'DESK_PHONE'; expected a VoicePhone \(VoicePhone.SOFT_PHONE or VoicePhone.deskPhone\(phoneNumber\)\), or nothing/],
  ['username: a function', r => minimalProps(r, { username: js(() => 'agent') }), /username: is a function; expected a string$/m],
  ['channelSettings.chat ACW: a number', r => minimalProps(r, { channelSettings: { chat: { afterContactWorkTimeLimit: js(30) } } }), /channelSettings.chat.afterContactWorkTimeLimit: is the number 30; expected a Duration/],
  ['channelSettings.voice.voiceEnhancementMode: a number', r => minimalProps(r, { channelSettings: { voice: { voiceEnhancementMode: js(1) } } }), /channelSettings.voice.voiceEnhancementMode: is the number 1; expected a string, or nothing/],
  ['adopt: "yes"', r => minimalProps(r, { adopt: js('yes') }), /adopt: is the string 'yes'; expected true, false, or nothing/],
  ['no props at all', () => undefined, /props: is missing; expected an object/],
];

describe("bad input to a ConnectUser gets the library's error, naming the property", () => {
  it.each(cases)('%s', (_what, build, message) => {
    const stack = newStack();
    let error: Error | undefined;
    try {
      new ConnectUser(stack, 'User', build(refs(stack))!);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.name).toBe('ConnectUserValidationError');
    expect(error?.message).toMatch(message);
    // Never the words of a value printed as it is: 'undefined undefined', 'undefined' in quotes, a function's source.
    expect(error?.message).not.toMatch(/undefined undefined|'undefined'|=>/);
  });
});

describe('the roster checks the types of its props (checkRosterPropTypes) and specs (checkOptionTypes)', () => {
  function roster(stack: Stack, r: Refs, extra: Record<string, unknown>) {
    return new ConnectUserRoster(stack, 'Roster', {
      instance: r.instance, routingProfiles: { Basic: r.routingProfile }, securityProfiles: { Agent: r.securityProfile }, ...js(extra),
    });
  }
  it.each([
    ['a spec with username: true', { users: [{ username: true, routingProfile: 'Basic', securityProfiles: ['Agent'] }] }, /users\[0\]: the agent has 1 problem:\n {6}- username: is the boolean true; expected a string/],
    ['a spec that is no object', { users: [undefined, null] }, /users\[0\]: the agent has 1 problem:\n {6}- spec: is missing; expected an object\n {2}- users\[1\]: the agent has 1 problem:\n {6}- spec: is null; expected an object/],
    ['a spec with a security profile name that is a number', { users: [{ username: 'a', routingProfile: 'Basic', securityProfiles: ['Agent', 7] }] }, /securityProfiles\[1\]: is the number 7; expected a string/],
    ['a spec whose security profiles are one string', { users: [{ username: 'a', routingProfile: 'Basic', securityProfiles: 'Agent' }] }, /users\[0\]: agent 'a' has 1 problem:\n {6}- securityProfiles: is the string 'Agent'; expected an array/],
    ['a spec with an ACW in seconds as a number', { users: [{ username: 'a', routingProfile: 'Basic', securityProfiles: ['Agent'], channelSettings: { chat: { afterContactWorkTimeLimit: 30 } } }] }, /users\[0\]: agent 'a' has 1 problem:\n {6}- channelSettings.chat.afterContactWorkTimeLimit: is the number 30; expected a Duration/],
    ['csv: a Buffer', { csv: Buffer.from('x') }, /csv: is an object; expected a string, or nothing/],
    ['routingProfiles: an array', { csv: 'x', routingProfiles: [] }, /routingProfiles: is an array; expected an object/],
    ['shardCount: "4"', { csv: 'x', shardCount: '4' }, /shardCount: is the string '4'; expected a whole number, or nothing/],
    ['securityProfiles.Agent: an ARN string', { csv: 'x', securityProfiles: { Agent: 'arn:aws:connect:us-east-1:111122223333:instance/i/security-profile/s' } }, /securityProfiles.Agent: is the string 'arn:aws:connect.*'; expected a reference with securityProfileRef.securityProfileArn/],
    ['generatePasswords: a prop UserPassword replaced', { csv: 'x', generatePasswords: true }, /generatePasswords: is no longer a prop; use passwords: UserPassword.generate\(\)/],
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

describe('an optional setting left out', () => {
  // checkOptionTypes does not check an optional row whose value is undefined: every kind must pass it.
  const optional = FIELDS.filter(f => !f.required);
  it.each(optional.flatMap(f => (['props', 'spec'] as const).map(shape => [f.prop, f.kind, shape] as const)))('%s (%s, as %s) passes its check', (prop, _kind, shape) => {
    const p = new Problems();
    checkRow(p, FIELDS.find(f => f.prop === prop)!, undefined, shape);
    expect(p.all).toEqual({ errors: [], warnings: [] });
  });
  it('a required one left out is an error', () => {
    const required = FIELDS.filter(f => f.required);
    expect(required.length).toBeGreaterThan(0);
    for (const f of required) {
      const p = new Problems();
      checkRow(p, f, undefined, 'props');
      expect(p.found.join('\n')).toMatch(new RegExp(`^${f.prop.replace('.', '\\.')}: is missing`));
    }
  });
});
