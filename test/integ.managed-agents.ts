/**
 * Integ test: the ManagedAgentsStack example (a Connect-managed instance's agent with a generated
 * password in Secrets Manager and per-channel settings).
 *
 * Offline, integ-runner compares the synthesized app with `integ.managed-agents.ts.snapshot/`. A
 * deployed run (README, "Integration tests") needs an instance with CONNECT_MANAGED identities,
 * named with its resources by CONNECT_MANAGED_* variables.
 */
import { IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, Stack, aws_connect as connect } from 'aws-cdk-lib';
import { EXAMPLE_ENV, ManagedAgentsStack } from '../examples/stacks';
import { deployedArns, destroyUsersOnTeardown, envOfArn, expectUser, idOfArn, userOf } from './util/integ';

const arns = deployedArns([
  'CONNECT_MANAGED_INSTANCE_ARN',
  'CONNECT_MANAGED_ROUTING_PROFILE_ARN',
  'CONNECT_MANAGED_SECURITY_PROFILE_ARN',
] as const);

const env = arns ? envOfArn(arns.CONNECT_MANAGED_INSTANCE_ARN) : EXAMPLE_ENV;
const app = new App();
const stack = new ManagedAgentsStack(app, 'ConnectManagedAgentsInteg', {
  env,
  instanceArn: arns?.CONNECT_MANAGED_INSTANCE_ARN,
  routingProfileArn: arns?.CONNECT_MANAGED_ROUTING_PROFILE_ARN,
  securityProfileArn: arns?.CONNECT_MANAGED_SECURITY_PROFILE_ARN,
});
destroyUsersOnTeardown(stack);

const integ = new IntegTest(app, 'ManagedAgentsInteg', {
  testCases: [stack],
  // In the test stack's account and region, so that the assertions can read its users' ids.
  assertionStack: new Stack(app, 'ConnectManagedAgentsIntegAssertions', { env }),
  // The snapshot names the placeholder account, so it cannot be deployed first and then updated.
  stackUpdateWorkflow: false,
});

// Connect accepted the generated password (the user exists) and the identity, in the given profiles.
const maria = userOf(stack, 'MariaGarcia');
const mariaL1 = maria.node.defaultChild as connect.CfnUser;
expectUser(integ, maria, {
  Username: 'maria.garcia',
  RoutingProfileId: idOfArn(mariaL1.routingProfileArn),
  SecurityProfileIds: mariaL1.securityProfileArns.map(idOfArn),
  IdentityInfo: Match.objectLike({ FirstName: 'María', LastName: 'García', Email: 'maria.garcia@example.com' }),
});
