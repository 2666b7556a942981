/**
 * Integ test: a small roster from a bulk-upload CSV on a Connect-managed instance, with generated
 * passwords; its agents live in a nested stack (one shard), which the assertions reference.
 *
 * Offline, integ-runner compares the synthesized app with `integ.roster.ts.snapshot/`. A deployed
 * run (README, "Integration tests") uses the CONNECT_MANAGED_* variables, like integ.managed-agents.
 */
import { IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, Stack, aws_connect as connect } from 'aws-cdk-lib';
import { EXAMPLE_ENV } from '../examples/stacks';
import { ConnectInstance, ConnectUserRoster, IdentityManagementType, RoutingProfile, SecurityProfile, UserPassword } from '../src';
import { deployedArns, envOfArn, expectUser, idOfArn } from './util/integ';

const PLACEHOLDER_INSTANCE_ARN = `arn:aws:connect:${EXAMPLE_ENV.region}:${EXAMPLE_ENV.account}:instance/c3d4e5f6-7890-12cd-ef01-EXAMPLE99999`;

const arns = deployedArns([
  'CONNECT_MANAGED_INSTANCE_ARN',
  'CONNECT_MANAGED_ROUTING_PROFILE_ARN',
  'CONNECT_MANAGED_SECURITY_PROFILE_ARN',
] as const);
const instanceArn = arns?.CONNECT_MANAGED_INSTANCE_ARN ?? PLACEHOLDER_INSTANCE_ARN;

const CSV = [
  'first name,last name,email address,password,user login,routing profile name,security_profile_name_1|security_profile_name_2,phone type (soft/desk),phone number,soft phone auto accept (yes/no),ACW timeout (seconds)',
  'Richard,Roe,rroe@example.com,,integ.rroe,Basic Routing Profile,Agent,soft,,yes,30',
  'Mateo,Jackson,mjackson@example.com,,integ.mjackson,Basic Routing Profile,Agent,desk,+12145550198,no,0',
  'Ana,Silva,asilva@example.com,,integ.asilva,Basic Routing Profile,Agent,soft,,no,10',
].join('\n');

const env = arns ? envOfArn(instanceArn) : EXAMPLE_ENV;
const app = new App();
const stack = new Stack(app, 'ConnectRosterInteg', { env });
const roster = new ConnectUserRoster(stack, 'Agents', {
  instance: ConnectInstance.fromInstanceAttributes(stack, 'Instance', {
    instanceArn,
    identityManagementType: IdentityManagementType.CONNECT_MANAGED,
  }),
  csv: CSV,
  routingProfiles: {
    'Basic Routing Profile': RoutingProfile.fromRoutingProfileArn(stack, 'Basic',
      arns?.CONNECT_MANAGED_ROUTING_PROFILE_ARN ?? `${instanceArn}/routing-profile/a3b4c5d6-0000-1111-2222-EXAMPLEAAAAA`),
  },
  securityProfiles: {
    Agent: SecurityProfile.fromSecurityProfileArn(stack, 'Agent',
      arns?.CONNECT_MANAGED_SECURITY_PROFILE_ARN ?? `${instanceArn}/security-profile/b3c4d5e6-3333-4444-5555-EXAMPLEBBBBB`),
  },
  passwords: UserPassword.generate(),
  // Set once and kept, as the README advises: the snapshot (and a deployed run's stack) predate the
  // fixed default of 20 shards, and a changed count would move agents between nested stacks.
  shardCount: 1,
  // A test cleans up after itself (the library's default keeps agents on stack deletion).
  removalPolicy: RemovalPolicy.DESTROY,
});
if (Object.keys(roster.cfnUsers).length !== 3) throw new Error('expected the 3 agents of the CSV');

const integ = new IntegTest(app, 'RosterInteg', {
  testCases: [stack],
  // In the test stack's account and region, so that the assertions can read its users' ids.
  assertionStack: new Stack(app, 'ConnectRosterIntegAssertions', { env }),
  // The snapshot names the placeholder account, so it cannot be deployed first and then updated.
  stackUpdateWorkflow: false,
});

// Every agent of the CSV exists in Connect with its row's username and phone settings.
for (const [username, l1] of Object.entries(roster.cfnUsers)) {
  const phone = l1.phoneConfig as connect.CfnUser.UserPhoneConfigProperty;
  expectUser(integ, roster.user(username), {
    Username: l1.username,
    RoutingProfileId: idOfArn(l1.routingProfileArn),
    PhoneConfig: Match.objectLike({
      PhoneType: phone.phoneType,
      AutoAccept: phone.autoAccept ?? false,
      AfterContactWorkTimeLimit: phone.afterContactWorkTimeLimit ?? 0,
    }),
  }, instanceArn);
}
