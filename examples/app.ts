/**
 * The example app: the three documented scenarios and an import by ARN.
 *
 * Synthesize and lint it with `npm run example`.
 */
import { App, Duration, Stack, StackProps, Tags } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  ConnectInstance, ConnectUser, PhoneConfig, ProficiencyLevel, RoutingProfile, SecurityProfile,
  UserHierarchyGroup, UserProficiency,
} from '../src';

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const INSTANCE_ARN = `arn:aws:connect:${REGION}:${ACCOUNT}:instance/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111`;

/** A contact center whose instance, profiles and hierarchy were made in the console. */
export class AgentsStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const instance = ConnectInstance.fromInstanceArn(this, 'Instance', INSTANCE_ARN);
    const basicRouting = RoutingProfile.fromRoutingProfileArn(this, 'BasicRouting',
      `${INSTANCE_ARN}/routing-profile/b1c2d3e4-0000-1111-2222-EXAMPLE22222`);
    const agentProfile = SecurityProfile.fromSecurityProfileArn(this, 'AgentProfile',
      `${INSTANCE_ARN}/security-profile/c1d2e3f4-3333-4444-5555-EXAMPLE33333`);
    const salesTeam = UserHierarchyGroup.fromUserHierarchyGroupArn(this, 'SalesTeam',
      `${INSTANCE_ARN}/agent-group/d1e2f3a4-6666-7777-8888-EXAMPLE44444`);

    // 1. Minimal: a soft-phone agent.
    new ConnectUser(this, 'JohnDoe', {
      instance,
      username: 'john.doe',
      routingProfile: basicRouting,
      securityProfiles: [agentProfile],
      phoneConfig: PhoneConfig.softPhone({ autoAccept: true, afterContactWorkTimeLimit: Duration.seconds(0) }),
      tags: { Department: 'Sales', Location: 'New York' },
    });

    // 2. Advanced: desk phone, identity, directory id, hierarchy group, proficiencies.
    const jane = new ConnectUser(this, 'JaneSmith', {
      instance,
      username: 'jane.smith',
      routingProfile: basicRouting,
      securityProfiles: [agentProfile],
      phoneConfig: PhoneConfig.deskPhone('+15555559876', { autoAccept: true, afterContactWorkTimeLimit: Duration.seconds(0) }),
      directoryUserId: 'user-123456',
      identityInfo: {
        firstName: 'Jane',
        lastName: 'Smith',
        email: 'jane.smith@example.com',
        secondaryEmail: 'jane.secondary@example.com',
      },
      hierarchyGroup: salesTeam,
      proficiencies: [UserProficiency.of('Language', 'English', ProficiencyLevel.FIVE)],
    });
    jane.addProficiency(UserProficiency.of('Language', 'Spanish', ProficiencyLevel.THREE));

    // 3. Adopt: the user exists already and is brought under the stack by a resource import.
    new ConnectUser(this, 'ExistingUser', {
      instance,
      username: 'existing.user',
      routingProfile: basicRouting,
      securityProfiles: [agentProfile],
      phoneConfig: PhoneConfig.softPhone(),
      adopt: true,
    });

    // 4. Import by ARN: a supervisor made elsewhere, usable wherever an IUserRef is expected.
    ConnectUser.fromUserArn(this, 'Supervisor',
      `${INSTANCE_ARN}/agent/e1f2a3b4-9999-aaaa-bbbb-EXAMPLE55555`);

    Tags.of(this).add('CostCenter', 'contact-center');
  }
}

const app = new App();
new AgentsStack(app, 'ConnectAgents', { env: { account: ACCOUNT, region: REGION } });
app.synth();
