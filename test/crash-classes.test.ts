/**
 * Public methods given the wrong types by a plain-JavaScript (or jsii) caller: each is a
 * ConnectUserValidationError naming the argument, never a TypeError from deep inside.
 */
import { SecretValue, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { ConnectUser, PhoneConfig, UserPassword, VoicePhone } from '../src';
import { minimalProps, newStack, refs } from './util/fixtures';
import { ConnectUserValidationError } from '../src/private/problems';

/** What a JavaScript caller may pass where TypeScript would not let it. */
const js = (v: unknown): any => v;

function user(stack: Stack): ConnectUser {
  return new ConnectUser(stack, 'U', minimalProps(refs(stack)));
}

const cases: Array<[string, (stack: Stack) => unknown, RegExp]> = [
  ["user.addSecurityProfile('arn:…')", s => user(s).addSecurityProfile(js('arn:aws:connect:us-east-1:111122223333:instance/i/security-profile/x')), /addSecurityProfile\(\) has 1 problem:\n {2}- securityProfile: is the string .*; expected a reference/],
  ['user.grantRead({})', s => user(s).grantRead(js({})), /grant\(\) has 1 problem:\n {2}- grantee: is an object; expected an IGrantable/],
  ['user.addProficiency(undefined)', s => user(s).addProficiency(js(undefined)), /addProficiency\(\) has 1 problem:\n {2}- proficiency: is missing; expected an object/],
  ['PhoneConfig.softPhone(null)', () => PhoneConfig.softPhone(js(null)), /PhoneConfig.softPhone\(\) has 1 problem:\n {2}- options: is null; expected an object/],
  ['new Array(2) as securityProfiles', s => new ConnectUser(s, 'U', minimalProps(refs(s), { securityProfiles: js(new Array(2)) })), /securityProfiles\[0\]: is missing; expected a reference/],
  ...([null, 10n, new Date(0), Object.create(null)] as unknown[]).map((username): [string, (stack: Stack) => unknown, RegExp] => [
    `ConnectUser.fromUsername(…, { username: ${String(typeof username === 'object' && username !== null ? username.constructor?.name ?? 'Object.create(null)' : username)} })`,
    s => ConnectUser.fromUsername(s, 'L', { instance: refs(s).instance, username: js(username) }), /ConnectUser.fromUsername\('L'\) has 1 problem:\n {2}- username: .*expected a string/,
  ]),
  ['ConnectUser.fromUserArn(…, Object.create(null))', s => ConnectUser.fromUserArn(s, 'I', js(Object.create(null))), /ConnectUser.fromUserAttributes\('I'\) has 1 problem:\n {2}- userArn: is an object; expected a string/],
  ['VoicePhone.deskPhone(Object.create(null))', () => VoicePhone.deskPhone(js(Object.create(null))), /VoicePhone.deskPhone\(\) has 1 problem:\n {2}- phoneNumber: .*(expected a string|not an E.164)/],
  ...([10n, Symbol('x'), { toString: () => 'Passw0rd!' }] as unknown[]).map((value): [string, (stack: Stack) => unknown, RegExp] => [
    `SecretValue.unsafePlainText(${typeof value}) as a password`,
    s => new ConnectUser(s, 'U', minimalProps(refs(s), { password: UserPassword.fromSecretValue(SecretValue.unsafePlainText(js(value))) })),
    /password: the SecretValue holds .*\(value not shown\); expected a string/,
  ]),
  ['UserPassword.generate({ encryptionKey: {} })', s => new ConnectUser(s, 'U', minimalProps(refs(s), { password: UserPassword.generate({ encryptionKey: js({}) }) })), /encryptionKey: is an object; expected a KMS key/],
];

describe('wrong types from JavaScript callers', () => {
  it.each(cases)('%s: a ConnectUserValidationError naming the argument', (_what, call, message) => {
    let error: unknown;
    try {
      call(newStack());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConnectUserValidationError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toMatch(/Passw0rd/);
  });
});
