/**
 * What every rule file shares (src/private/rules/common.ts): how lengths are
 * counted, how SSM SecureString references and enum values are told, that every
 * rule skips unresolved tokens, and how the problems the rules find are reported.
 */
import * as path from 'path';
import { Annotations, CfnParameter, Duration, Fn, Lazy, SecretValue, Stack, Tags, Token } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ConnectInstance, ConnectUser, ConnectUserProps, PhoneConfig, PhoneType, ProficiencyLevel, RoutingProfile, SecurityProfile, UserHierarchyGroup,
  UserPassword, UserProficiency,
} from '../../src';
import { codePoints, hasSsmSecureReference, isAscii, isEnumValue, isToken } from '../../src/private/rules/common';
import { minimalProps, newStack, refs, securityProfileArn, warningsOf } from '../util/fixtures';
import { AcceptCase, repeat, ruleCases, SAML, synth } from '../util/rules';

/** Every field a token: parameters, Lazy values and token numbers. None may be checked or crash. */
function tokensEverywhere(stack: Stack): ConnectUserProps {
  const p = (id: string, type = 'String') => new CfnParameter(stack, id, { type });
  const instance = ConnectInstance.fromInstanceArn(stack, 'TokInstance', p('InstanceArn').valueAsString);
  const pw = new CfnParameter(stack, 'Password', { type: 'String', noEcho: true });
  return {
    instance,
    username: p('Username').valueAsString,
    routingProfile: RoutingProfile.fromRoutingProfileArn(stack, 'TokRp', p('RoutingProfileArn').valueAsString),
    securityProfiles: [SecurityProfile.fromSecurityProfileArn(stack, 'TokSp', Lazy.string({ produce: () => securityProfileArn('sp-lazy') }))],
    hierarchyGroup: UserHierarchyGroup.fromUserHierarchyGroupArn(stack, 'TokHg', p('HierarchyGroupArn').valueAsString),
    phoneConfig: PhoneConfig.deskPhone(p('DeskPhone').valueAsString, { afterContactWorkTimeLimit: Duration.seconds(p('Acw', 'Number').valueAsNumber) }),
    identityInfo: {
      firstName: p('FirstName').valueAsString,
      lastName: p('LastName').valueAsString,
      email: p('Email').valueAsString,
      secondaryEmail: p('SecondaryEmail').valueAsString,
      mobile: p('Mobile').valueAsString,
    },
    directoryUserId: p('DirectoryUserId').valueAsString,
    password: UserPassword.fromSecretValue(SecretValue.cfnParameter(pw)),
    proficiencies: [UserProficiency.of(p('AttrName').valueAsString, p('AttrValue').valueAsString, ProficiencyLevel.of(p('Level', 'Number').valueAsNumber))],
    tags: { [Lazy.string({ produce: () => 'LazyKey' })]: p('TagValue').valueAsString },
  };
}

const accept: AcceptCase[] = [
  { name: 'tokens in every field (every rule skips unresolved tokens)', build: tokensEverywhere },
];

ruleCases({ accept });

describe('the helpers of the rules', () => {
  it('codePoints counts Unicode code points, as the schema and the API model do, not UTF-16 units', () => {
    expect(codePoints('')).toBe(0);
    expect(codePoints('agent')).toBe(5);
    expect(codePoints('José')).toBe(4);
    expect(codePoints('\u{1D49C}\u{1F600}')).toBe(2);
    expect('\u{1D49C}\u{1F600}'.length).toBe(4);
    // A lone surrogate, at the end or before another character, is one code point.
    expect(codePoints('a\ud800')).toBe(2);
    expect(codePoints('\ud800a')).toBe(2);
  });

  it('isAscii tells ASCII text', () => {
    expect(isAscii('agent.one@example.com')).toBe(true);
    expect(isAscii('José')).toBe(false);
  });

  it('hasSsmSecureReference finds an SSM SecureString reference anywhere in a text, and only that', () => {
    expect(hasSsmSecureReference('{{resolve:ssm-secure:/agents/pw:1}}')).toBe(true);
    expect(hasSsmSecureReference('prefix {{resolve:ssm-secure:/x}} suffix')).toBe(true);
    expect(hasSsmSecureReference('{{resolve:ssm:/agents/name}}')).toBe(false);
    expect(hasSsmSecureReference('{{resolve:secretsmanager:pw}}')).toBe(false);
  });

  it("isEnumValue takes an enum's values, and nothing else a JavaScript caller may pass", () => {
    expect(isEnumValue(PhoneType, 'DESK_PHONE')).toBe(true);
    expect(isEnumValue(PhoneType, 'desk_phone')).toBe(false);
    expect(isEnumValue(PhoneType, 'toString')).toBe(false);
    expect(isEnumValue(PhoneType, undefined)).toBe(false);
    expect(isEnumValue(PhoneType, 1)).toBe(false);
  });

  it('isToken tells unresolved values, also inside a string', () => {
    const stack = newStack();
    const token = new CfnParameter(stack, 'P').valueAsString;
    expect(isToken(token)).toBe(true);
    expect(isToken(`arn:${token}:x`)).toBe(true);
    expect(isToken('arn:aws:connect')).toBe(false);
  });

  it('isToken says what Token.isUnresolved says, for every kind of token and for literals near them', () => {
    const stack = newStack();
    const text = new CfnParameter(stack, 'Text').valueAsString;
    const list = new CfnParameter(stack, 'List', { type: 'CommaDelimitedList' }).valueAsList;
    const number = new CfnParameter(stack, 'Number', { type: 'Number' }).valueAsNumber;
    const values: unknown[] = [
      text, `a${text}b`, list, list[0], number, Token.asNumber({ resolve: () => 7 }), Fn.importValue('X'), Lazy.string({ produce: () => 'x' }),
      // A number token written into text: CDK finds it by its digits, not by a marker.
      `v${number}`, String(Token.asNumber({ resolve: () => 8 })),
      // Literals that look like parts of tokens: the markers without their brackets, and numbers around a token's.
      '${Token', '{Token', '#{Token[', '${Token[x', '1e+289', '-1.5e+289', -1.888e289, -1e288, -1e300, -Infinity, Infinity, NaN, 0, 5, -7.5,
      'plain', ['a'], {},
    ];
    for (const v of values) expect(isToken(v), String(v)).toBe(Token.isUnresolved(v));
    // The ten tokens but `list[0]`: a list token's element alone is no token to CDK (only the one-element list is).
    expect(values.filter(isToken)).toHaveLength(9);
    // Random text with, now and then, a marker or a number token's digits in it (a literal such text is a token to CDK too).
    const piece = fc.oneof(fc.string(), fc.constantFrom('${Token[', '#{Token[', ']}', 'e+289', '-1.', 'TOKEN.1'),
      fc.nat({ max: 99 }).map(n => String(Token.asNumber({ resolve: () => n }))), fc.nat({ max: 99 }).map(n => Token.asString({ resolve: () => n })));
    const texts = fc.array(piece, { maxLength: 4 }).map(parts => parts.join(''));
    fc.assert(fc.property(fc.oneof(texts, fc.double(), fc.integer()), v => isToken(v) === Token.isUnresolved(v)), { numRuns: 2000 });
  });
});

describe('how the rules report: one error per construct, naming it and every problem', () => {
  it('names the construct path in constructor errors', () => {
    const stack = newStack();
    expect(() => new ConnectUser(stack, 'Agent', minimalProps(refs(stack), { username: '' })))
      .toThrow(/^ConnectUser 'Stack\/Agent' has 1 problem:\n {2}- username:/);
  });

  it('names the construct path in synth-time errors, and where the user was made', () => {
    const stack = newStack();
    // A problem only synth can see (a Tags.of() tag); a security profile list is checked when the user is made.
    const user = new ConnectUser(stack, 'Agent', minimalProps(refs(stack)));
    Tags.of(user).add('aws:team', 'x');
    expect(() => synth(stack)).toThrow(/\[Stack\/Agent\] ConnectUser 'Stack\/Agent' \(created at [^)]*common\.test\.ts:\d+:\d+\) has 1 problem:\n {2}- tags.aws:team/);
  });

  it('lists every problem of a construct in one error', () => {
    const stack = newStack();
    expect(() => new ConnectUser(stack, 'Agent', minimalProps(refs(stack, SAML), {
      username: repeat(65), identityInfo: { firstName: repeat(256), secondaryEmail: 'x', mobile: '12' }, password: UserPassword.fromSecretValue(SecretValue.unsafePlainText('short')),
    }))).toThrow(/has 5 problems:\n {2}- username: .*\n {2}- identityInfo.firstName: .*\n {2}- identityInfo.secondaryEmail: .*\n {2}- identityInfo.mobile: .*\n {2}- password: the plaintext password/);
  });

  it("starts a validation error's stack at the caller's line, not inside the library", () => {
    const stack = newStack();
    let error: Error | undefined;
    try {
      new ConnectUser(stack, 'Agent', minimalProps(refs(stack), { username: '' }));
    } catch (e) {
      error = e as Error;
    }
    const frames = error!.stack!.split('\n').filter(l => /^\s+at /.test(l));
    expect(frames[0]).toContain(path.join('test', 'rules', 'common.test.ts'));
    expect(frames.filter(f => f.includes(`${path.sep}src${path.sep}`))).toEqual([]);
  });

  it('does not show a warning acknowledged on the stack', () => {
    const stack = newStack();
    Annotations.of(stack).acknowledgeWarning('cdk-connect-user:usernameCharacters', 'names come from our directory');
    new ConnectUser(stack, 'User', minimalProps(refs(stack), { username: 'john doe' }));
    synth(stack);
    expect(warningsOf(stack, 'usernameCharacters')).toEqual([]);

    const unacknowledged = newStack();
    new ConnectUser(unacknowledged, 'User', minimalProps(refs(unacknowledged), { username: 'john doe' }));
    expect(warningsOf(unacknowledged, 'usernameCharacters')).toHaveLength(1);
  });
});
