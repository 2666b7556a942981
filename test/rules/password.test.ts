/**
 * The rules of src/private/rules/password.ts: whether the identity-management type
 * takes a password, the policy of a plaintext one, and SSM SecureString references,
 * which CloudFormation does not resolve in AWS::Connect::User (the password or any
 * other property).
 */
import { CfnDynamicReference, CfnDynamicReferenceService, SecretValue } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ConnectUser, UserPassword } from '../../src';
import { minimalProps, newStack, refs, userArn, warningsOf } from '../util/fixtures';
import { AcceptCase, CM, DIR, names, RejectCase, ruleCases, SAML, samlInfo, secretPassword, WarnCase } from '../util/rules';

const plaintext = (value: string) => UserPassword.fromSecretValue(SecretValue.unsafePlainText(value));

const reject: RejectCase[] = [
  // checkPlaintextPassword
  { rule: 'plaintext password too short', build: (_s, r) => minimalProps(r, { password: plaintext('Sh0rtPw') }), error: /password: the plaintext password \(7 characters, value not shown\) does not meet Amazon Connect's policy/ },
  { rule: 'plaintext password without uppercase', build: (_s, r) => minimalProps(r, { password: plaintext('alllower1') }), error: /password: the plaintext password/ },
  { rule: 'plaintext password with a space', build: (_s, r) => minimalProps(r, { password: plaintext('With Space1') }), error: /password: the plaintext password/ },
  { rule: 'plaintext password of 6 characters, 3 of them emoji (counted in code points)', build: (_s, r) => minimalProps(r, { password: plaintext('Aa1\u{1F600}\u{1F600}\u{1F600}') }), error: /password: the plaintext password \(6 characters, value not shown\)/ },
  // checkPasswordReference
  { rule: 'SSM SecureString password (CloudFormation does not resolve it here)', type: CM, build: (_s, r) => minimalProps(r, { password: UserPassword.fromSecretValue(SecretValue.ssmSecure('/agents/agent.one/password', '3')), identityInfo: names }), error: /password: is an SSM SecureString reference/ },
  // checkSecureReferenceElsewhere
  { rule: 'an ssm-secure reference as the username', build: (_s, r) => minimalProps(r, { username: '{{resolve:ssm-secure:/agents/name:1}}' }), error: /username: is an SSM SecureString dynamic reference, which CloudFormation does not resolve in AWS::Connect::User/ },
  { rule: 'an ssm-secure token as the directory user id', build: (_s, r) => minimalProps(r, { directoryUserId: new CfnDynamicReference(CfnDynamicReferenceService.SSM_SECURE, '/dir/id:1').toString() }), error: /directoryUserId: is an SSM SecureString dynamic reference/ },
];

const warn: WarnCase[] = [
  // checkPasswordPresence
  { rule: 'CONNECT_MANAGED without password', type: CM, build: (_s, r) => minimalProps(r, { identityInfo: names }), id: 'passwordRequired', text: /password: missing; the API reference documents a password as required on CONNECT_MANAGED/ },
  { rule: 'SAML with password', type: SAML, build: (_s, r) => minimalProps(r, { password: secretPassword, identityInfo: samlInfo }), id: 'passwordNotAllowed', text: /password: set on a SAML instance/ },
  { rule: 'EXISTING_DIRECTORY with password', type: DIR, build: (_s, r) => minimalProps(r, { password: secretPassword }), id: 'passwordNotAllowed', text: /password: set on a EXISTING_DIRECTORY instance/ },
];

const accept: AcceptCase[] = [
  { name: 'Secrets Manager password on CONNECT_MANAGED', type: CM, build: (_s, r) => minimalProps(r, { password: UserPassword.fromSecretValue(SecretValue.secretsManager('arn:aws:secretsmanager:us-east-1:111122223333:secret:agent-AbCdEf', { jsonField: 'password' })), identityInfo: names }) },
  { name: 'plaintext password that meets the policy', type: CM, build: (_s, r) => minimalProps(r, { password: plaintext('Pass@Word1'), identityInfo: names }) },
];

ruleCases({ reject, warn, accept });

describe('a plaintext password (checkPlaintextPassword)', () => {
  it('never shows it in an error', () => {
    const stack = newStack();
    const pw = 'nouppercase-secret-42';
    let message = '';
    try {
      new ConnectUser(stack, 'Agent', minimalProps(refs(stack), { password: plaintext(pw) }));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/password: the plaintext password \(21 characters, value not shown\)/);
    expect(message).not.toContain(pw);
  });
});

describe('whether a password is given (checkPasswordPresence)', () => {
  it('needs none for an adopted user on CONNECT_MANAGED: an import calls no CreateUser', () => {
    const stack = newStack();
    const r = refs(stack, CM);
    new ConnectUser(stack, 'Adopted', minimalProps(r, { identityInfo: names, adopt: true, existingUserArn: userArn('u-7') }));
    new ConnectUser(stack, 'Created', minimalProps(r, { identityInfo: names, username: 'agent.two' }));
    expect(warningsOf(stack, 'passwordRequired')).toEqual([expect.stringMatching(/^password: missing/)]);
    expect(Annotations.fromStack(stack).findWarning('/Stack/Created', Match.stringLikeRegexp('passwordRequired'))).toHaveLength(1);
  });
});
