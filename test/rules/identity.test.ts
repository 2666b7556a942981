/**
 * The rules of src/private/rules/identity.ts: the identity-management type (given,
 * inferred from the instance, or unknown), the identity information (names, email
 * addresses, mobile) and the directory user id.
 */
import { Annotations as AssertAnnotations, Match } from 'aws-cdk-lib/assertions';
import { CfnInstance } from 'aws-cdk-lib/aws-connect';
import { describe, expect, it } from 'vitest';
import { ConnectInstance, ConnectUser, ConnectUserRoster, IdentityManagementType } from '../../src';
import { INSTANCE_ARN, minimalProps, newStack, refs, warningsOf } from '../util/fixtures';
import { AcceptCase, CM, DIR, names, RejectCase, repeat, ruleCases, SAML, samlInfo, secretPassword, WarnCase } from '../util/rules';

const reject: RejectCase[] = [
  // checkIdentityInfo
  { rule: 'mobile not E.164', build: (_s, r) => minimalProps(r, { identityInfo: { mobile: '5555550100' } }), error: /identityInfo.mobile: '5555550100' is not an E.164 phone number/ },
  { rule: 'secondary email shape', build: (_s, r) => minimalProps(r, { identityInfo: { secondaryEmail: 'jane at example.com' } }), error: /identityInfo.secondaryEmail: 'jane at example.com' is not an email address/ },
  { rule: 'secondary email with text before it', build: (_s, r) => minimalProps(r, { identityInfo: { secondaryEmail: 'x a@b.co' } }), error: /identityInfo.secondaryEmail: 'x a@b.co' is not an email address/ },
  { rule: 'first name longer than 255', build: (_s, r) => minimalProps(r, { identityInfo: { firstName: repeat(256) } }), error: /identityInfo.firstName: .* is 256 characters long; expected at most 255/ },
  { rule: 'last name longer than 300', build: (_s, r) => minimalProps(r, { identityInfo: { lastName: repeat(301) } }), error: /identityInfo.lastName: .* is 301 characters long; expected at most 300/ },
  { rule: 'first name of 256 astral characters (counted in code points)', build: (_s, r) => minimalProps(r, { identityInfo: { firstName: repeat(256, '\u{1D49C}') } }), error: /identityInfo.firstName: .* is 256 characters long; expected at most 255/ },
  // resolveIdentityType
  { rule: 'identity-management type that is not one', build: (_s, r) => minimalProps(r, { identityManagementType: 'LDAP' as IdentityManagementType }), error: /identityManagementType: 'LDAP' is not an identity-management type/ },
  { rule: "identity-management type that contradicts the instance's", type: SAML, build: (_s, r) => minimalProps(r, { identityManagementType: CM, identityInfo: names }), error: /identityManagementType: CONNECT_MANAGED conflicts with the instance's SAML; expected SAML or unset/ },
];

const warn: WarnCase[] = [
  // checkIdentityInfo
  { rule: 'CONNECT_MANAGED without first name', type: CM, build: (_s, r) => minimalProps(r, { password: secretPassword, identityInfo: { lastName: 'One' } }), id: 'nameRequired', text: /identityInfo.firstName: missing/ },
  { rule: 'CONNECT_MANAGED with an empty first name', type: CM, build: (_s, r) => minimalProps(r, { password: secretPassword, identityInfo: { firstName: '', lastName: 'One' } }), id: 'nameRequired', text: /identityInfo.firstName: empty/ },
  { rule: 'SAML without names', type: SAML, build: (_s, r) => minimalProps(r, { identityInfo: { email: 'a@example.com' } }), id: 'nameRequired', text: /identityInfo.lastName: missing/ },
  { rule: 'last name longer than 256 on CONNECT_MANAGED', type: CM, build: (_s, r) => minimalProps(r, { password: secretPassword, identityInfo: { firstName: 'A', lastName: repeat(257) } }), id: 'lastNameLength', text: /identityInfo.lastName: .* is 257 characters long; the API reference documents at most 256/ },
  { rule: 'SAML with email', type: SAML, build: (_s, r) => minimalProps(r, { identityInfo: samlInfo }), id: 'samlEmail', text: /identityInfo.email: is set on a SAML instance/ },
  { rule: 'name not in NFC', build: (_s, r) => minimalProps(r, { identityInfo: { firstName: 'Jose\u0301' } }), id: 'nameNotNfc', text: /identityInfo.firstName: .* is not in Unicode Normalization Form C/ },
  { rule: 'secondary email with text after it', build: (_s, r) => minimalProps(r, { identityInfo: { secondaryEmail: 'jane@example.com and more' } }), id: 'secondaryEmailShape', text: /identityInfo.secondaryEmail: 'jane@example.com and more' has text after the email address/ },
  // checkDirectoryUserId
  { rule: 'SAML with directory user id', type: SAML, build: (_s, r) => minimalProps(r, { directoryUserId: 'user-1', identityInfo: names }), id: 'samlDirectoryUserId', text: /directoryUserId: 'user-1' is set on a SAML instance/ },
];

const accept: AcceptCase[] = [
  { name: 'SAML user without email', type: SAML, build: (_s, r) => minimalProps(r, { identityInfo: names }) },
  { name: 'SAML user with names and email', type: SAML, build: (_s, r) => minimalProps(r, { identityInfo: samlInfo }) },
  { name: 'first name of 200 characters outside the Basic Multilingual Plane', build: (_s, r) => minimalProps(r, { identityInfo: { firstName: repeat(200, '\u{1D49C}') } }) },
  { name: 'names at their maximum length', build: (_s, r) => minimalProps(r, { identityInfo: { firstName: repeat(255), lastName: repeat(300) } }) },
  { name: 'names at their CONNECT_MANAGED maximum length', type: CM, build: (_s, r) => minimalProps(r, { password: secretPassword, identityInfo: { firstName: repeat(255), lastName: repeat(256) } }) },
  { name: 'unicode names in NFC', type: CM, build: (_s, r) => minimalProps(r, { password: secretPassword, identityInfo: { firstName: 'José', lastName: '李 Ørsted-Ñúñez' } }) },
  { name: 'mobile and secondary email', build: (_s, r) => minimalProps(r, { identityInfo: { mobile: '+442071838750', secondaryEmail: 'first.last+tag@sub.example.museum' } }) },
  { name: 'EXISTING_DIRECTORY user with a directory id and no password', type: DIR, build: (_s, r) => minimalProps(r, { directoryUserId: 'user-123456' }) },
];

ruleCases({ reject, warn, accept });

describe('the identity-management type (resolveIdentityType)', () => {
  it('warns once per instance reference when it is unknown, naming the fix', () => {
    const stack = newStack();
    const instance = ConnectInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN);
    const r = refs(stack);
    new ConnectUser(stack, 'A', minimalProps(r, { instance, username: 'a' }));
    new ConnectUser(stack, 'B', minimalProps(r, { instance, username: 'b' }));
    const found = AssertAnnotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('cdk-connect-user:identityTypeUnknown'));
    expect(found).toHaveLength(1);
    expect(found[0].id).toBe('/Stack/Instance');
    expect(found[0].entry.data).toMatch(/fromInstanceAttributes\(\{ instanceArn, identityManagementType \}\) or the identityManagementType prop/);
  });

  it('does not warn when the instance or the prop states it', () => {
    const stack = newStack();
    const r = refs(stack, CM);
    new ConnectUser(stack, 'A', minimalProps(r, { username: 'a', password: secretPassword, identityInfo: names }));
    new ConnectUser(stack, 'B', minimalProps(refs(stack), { username: 'b', identityManagementType: DIR }));
    expect(warningsOf(stack, 'identityTypeUnknown')).toEqual([]);
  });

  it.each([
    ["'saml' (a JavaScript caller's lower case)", 'saml', "'saml'"],
    ['a number', 1, 'the number 1'],
  ])('rejects %s in ConnectInstance.fromInstanceAttributes, naming the value and the allowed ones', (_what, value, shown) => {
    const stack = newStack();
    expect(() => ConnectInstance.fromInstanceAttributes(stack, 'I', { instanceArn: INSTANCE_ARN, identityManagementType: value as IdentityManagementType }))
      .toThrow(`ConnectInstance.fromInstanceAttributes('I') has 1 problem:\n  - identityManagementType: ${shown} is not an identity-management type; `
        + 'expected one of CONNECT_MANAGED, SAML, EXISTING_DIRECTORY');
  });

  it("rejects a roster's identity-management type that is not one, once for the roster", () => {
    const stack = newStack();
    const r = refs(stack);
    const csv = 'user login,routing profile name,security_profile_name_1\na,Basic,Agent\nb,Basic,Agent';
    const json = JSON.stringify({ version: 1, instanceArn: INSTANCE_ARN, users: [{ username: 'a', routingProfile: 'Basic', securityProfiles: ['Agent'] }] });
    for (const source of [{ csv, instance: r.instance }, { json }]) {
      expect(() => new ConnectUserRoster(stack, `R${Object.keys(source)[0]}`, {
        routingProfiles: { Basic: r.routingProfile }, securityProfiles: { Agent: r.securityProfile }, ...source, identityManagementType: 'saml' as IdentityManagementType,
      })).toThrow(/ has 1 problem:\n {2}- identityManagementType: 'saml' is not an identity-management type; expected one of CONNECT_MANAGED, SAML, EXISTING_DIRECTORY$/);
    }
  });

  it("reads the type of a CfnInstance in the app, and applies that type's rules", () => {
    const stack = newStack();
    const r = refs(stack);
    const instance = new CfnInstance(stack, 'Saml', { identityManagementType: 'SAML', attributes: { inboundCalls: true, outboundCalls: true } });
    const user = new ConnectUser(stack, 'U', minimalProps(r, { instance, directoryUserId: 'user-1', identityInfo: names }));
    expect(user.identityManagementType).toBe(SAML);
    expect(warningsOf(stack, 'samlDirectoryUserId')).toHaveLength(1);
  });
});
