/**
 * The rules of src/private/rules/adoption.ts: the removal policies a user takes,
 * and what would make a CloudFormation resource import of an adopted user fail
 * or silently drop a setting.
 */
import { CfnDeletionPolicy, CfnParameter, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { ConnectInstance, ConnectUserRoster, UserPassword } from '../../src';
import { INSTANCE_ARN, newStack, minimalProps, OTHER_INSTANCE_ARN, refs, userArn } from '../util/fixtures';
import { AcceptCase, RejectCase, ruleCases } from '../util/rules';

const parameter = (stack: Stack, id: string) => new CfnParameter(stack, id).valueAsString;

const reject: RejectCase[] = [
  // checkRemovalPolicy
  { rule: 'removalPolicy: SNAPSHOT (cfn-lint E3035)', build: (_s, r) => minimalProps(r, { removalPolicy: RemovalPolicy.SNAPSHOT }), error: /removalPolicy: SNAPSHOT is not supported by AWS::Connect::User \(a user has no snapshot\)/ },
  // checkAdoption
  { rule: 'an existingUserArn without adopt', build: (_s, r) => minimalProps(r, { existingUserArn: userArn() }), error: /existingUserArn: is set without adopt: true; expected adopt: true, or no existingUserArn/ },
  { rule: 'a removal policy other than RETAIN on an adopted user', build: (_s, r) => minimalProps(r, { adopt: true, removalPolicy: RemovalPolicy.DESTROY }), error: /removalPolicy: destroy conflicts with adopt: true; expected RemovalPolicy.RETAIN or unset/ },
  { rule: 'a password on an adopted user', build: (_s, r) => minimalProps(r, { adopt: true, password: UserPassword.fromSecretValue(SecretValue.secretsManager('p')) }), error: /password: is set on an adopted user; expected none/ },
  { rule: 'a generated password on an adopted user', build: (_s, r) => minimalProps(r, { adopt: true, password: UserPassword.generate() }), error: /password: is set on an adopted user/ },
  { rule: 'a malformed existingUserArn', build: (_s, r) => minimalProps(r, { adopt: true, existingUserArn: `${INSTANCE_ARN}/user/u-1` }), error: /existingUserArn: .* is not an Amazon Connect agent ARN/ },
  { rule: 'an existingUserArn of another instance', build: (_s, r) => minimalProps(r, { adopt: true, existingUserArn: userArn('u-1', OTHER_INSTANCE_ARN) }), error: /existingUserArn: .* is a user of another instance; expected a user of arn:aws:connect:us-east-1:111122223333:instance\/a1b2c3d4/ },
  { rule: 'a token existingUserArn, which a mapping file cannot hold', build: (s, r) => minimalProps(r, { adopt: true, existingUserArn: parameter(s, 'Arn') }), error: /existingUserArn: is a token; expected the literal ARN/ },
  { rule: 'no existingUserArn, and a token username', build: (s, r) => minimalProps(r, { adopt: true, username: parameter(s, 'Username') }), error: /existingUserArn: missing, and the username or instance ARN is a token, so the user cannot be looked up/ },
  { rule: 'no existingUserArn, and a token instance ARN', build: (s, r) => minimalProps(r, { adopt: true, instance: ConnectInstance.fromInstanceArn(s, 'Tok', parameter(s, 'InstanceArn')) }), error: /existingUserArn: missing, and the username or instance ARN is a token/ },
];

const accept: AcceptCase[] = [
  { name: 'an adopted user with its ARN and an explicit RETAIN', build: (_s, r) => minimalProps(r, { adopt: true, existingUserArn: userArn('u-7'), removalPolicy: RemovalPolicy.RETAIN }) },
  { name: 'an adopted user found by its literal username', build: (_s, r) => minimalProps(r, { adopt: true }) },
  { name: 'a user that is not adopted, with DESTROY', build: (_s, r) => minimalProps(r, { removalPolicy: RemovalPolicy.DESTROY }) },
];

ruleCases({ reject, accept });

describe("a roster's removal policy and adoption (the same rules, for every agent)", () => {
  function roster(stack: Stack, extra: Record<string, unknown>) {
    const r = refs(stack);
    return new ConnectUserRoster(stack, 'Roster', {
      instance: r.instance,
      routingProfiles: { Basic: r.routingProfile },
      securityProfiles: { Agent: r.securityProfile },
      users: [{ username: 'a', routingProfile: 'Basic', securityProfiles: ['Agent'] }],
      ...extra,
    });
  }

  it('rejects SNAPSHOT (checkRemovalPolicy)', () => {
    const stack = newStack();
    expect(() => roster(stack, { removalPolicy: RemovalPolicy.SNAPSHOT })).toThrow(/users\[0\]: agent 'a' has 1 problem:\n {6}- removalPolicy: SNAPSHOT is not supported/);
  });

  it('rejects DESTROY for adopted agents (checkAdoption)', () => {
    const stack = newStack();
    expect(() => roster(stack, { adopt: true, removalPolicy: RemovalPolicy.DESTROY })).toThrow(/users\[0\]: agent 'a' has 1 problem:\n {6}- removalPolicy: destroy conflicts with adopt: true/);
  });

  it('accepts adopted agents under the default removal policy, RETAIN', () => {
    const stack = newStack();
    const built = roster(stack, { adopt: true });
    expect(built.cfnUsers.a.cfnOptions.deletionPolicy).toBe(CfnDeletionPolicy.RETAIN);
  });
});
