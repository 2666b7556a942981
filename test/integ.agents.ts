/**
 * Integ test: the AgentsStack example (a soft-phone agent, a desk-phone agent with identity,
 * hierarchy group and proficiencies, an adopted user, an import by ARN).
 *
 * Offline, integ-runner compares the synthesized app with `integ.agents.ts.snapshot/`. A deployed
 * run (README, "Integration tests") needs an instance whose agents sign in without a Connect
 * password (SAML or an existing directory), named with its resources by CONNECT_* variables.
 */
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, Stack, aws_connect as connect } from 'aws-cdk-lib';
import { AgentsStack, EXAMPLE_ENV } from '../examples/stacks';
import { deployedArns, destroyUsersOnTeardown, envOfArn, expectUser, idOfArn, instanceIdOfArn, userOf } from './util/integ';

const arns = deployedArns([
  'CONNECT_INSTANCE_ARN',
  'CONNECT_ROUTING_PROFILE_ARN',
  'CONNECT_SECURITY_PROFILE_ARN',
  'CONNECT_HIERARCHY_GROUP_ARN',
] as const);

const env = arns ? envOfArn(arns.CONNECT_INSTANCE_ARN) : EXAMPLE_ENV;
const app = new App();
const stack = new AgentsStack(app, 'ConnectAgentsInteg', {
  env,
  instanceArn: arns?.CONNECT_INSTANCE_ARN,
  routingProfileArn: arns?.CONNECT_ROUTING_PROFILE_ARN,
  securityProfileArn: arns?.CONNECT_SECURITY_PROFILE_ARN,
  hierarchyGroupArn: arns?.CONNECT_HIERARCHY_GROUP_ARN,
});
destroyUsersOnTeardown(stack);

const integ = new IntegTest(app, 'AgentsInteg', {
  testCases: [stack],
  // In the test stack's account and region, so that the assertions can read its users' ids.
  assertionStack: new Stack(app, 'ConnectAgentsIntegAssertions', { env }),
  // The snapshot names the placeholder account, so it cannot be deployed first and then updated.
  stackUpdateWorkflow: false,
});

// What the deployed users must look like to Connect (run only on deploy).
const john = userOf(stack, 'JohnDoe');
const johnL1 = john.node.defaultChild as connect.CfnUser;
expectUser(integ, john, {
  Username: 'john.doe',
  RoutingProfileId: idOfArn(johnL1.routingProfileArn),
  SecurityProfileIds: johnL1.securityProfileArns.map(idOfArn),
  PhoneConfig: Match.objectLike({ PhoneType: 'SOFT_PHONE', AutoAccept: true, AfterContactWorkTimeLimit: 0 }),
  Tags: Match.objectLike({ Department: 'Sales', Location: 'New York', CostCenter: 'contact-center' }),
});

const jane = userOf(stack, 'JaneSmith');
const janeL1 = jane.node.defaultChild as connect.CfnUser;
expectUser(integ, jane, {
  Username: 'jane.smith',
  HierarchyGroupId: idOfArn(janeL1.hierarchyGroupArn!),
  PhoneConfig: Match.objectLike({ PhoneType: 'DESK_PHONE', DeskPhoneNumber: '+15555559876', AutoAccept: true }),
  IdentityInfo: Match.objectLike({
    FirstName: 'Jane',
    LastName: 'Smith',
    Email: 'jane.smith@example.com',
    SecondaryEmail: 'jane.secondary@example.com',
  }),
});
// The proficiency added after construction (addProficiency) reaches Connect too.
integ.assertions
  .awsApiCall('Connect', 'listUserProficiencies', { InstanceId: instanceIdOfArn(jane.instanceArn), UserId: jane.userId })
  .expect(ExpectedResult.objectLike({
    UserProficiencyList: Match.arrayWith([{ AttributeName: 'Language', AttributeValue: 'Spanish', Level: 3 }]),
  }));

expectUser(integ, userOf(stack, 'ExistingUser'), { Username: 'existing.user' });
