/**
 * The example app's stacks: the three documented scenarios and an import by ARN
 * (AgentsStack), and the newer features on a Connect-managed instance
 * (ManagedAgentsStack). `examples/app.ts` synthesizes them; `npm run example`
 * runs it and lints the templates.
 */
import { App, Duration, Stack, StackProps, Tags } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { ConnectInstance, ConnectUser, IdentityManagementType, PhoneConfig, ProficiencyLevel, RoutingProfile, SecurityProfile, UserHierarchyGroup, UserPassword, UserProficiency, VoiceEnhancementMode, VoicePhone } from '../src';

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const INSTANCE_ARN = `arn:aws:connect:${REGION}:${ACCOUNT}:instance/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111`;

/**
 * The console-made resources of AgentsStack. Each defaults to a placeholder (in
 * the instance given, else in account 111122223333); the integ test passes real
 * ones for a deployed run.
 */
export interface AgentsStackProps extends StackProps {
  readonly instanceArn?: string;
  readonly routingProfileArn?: string;
  readonly securityProfileArn?: string;
  readonly hierarchyGroupArn?: string;
  readonly existingUserArn?: string;
  readonly supervisorArn?: string;
}

/** A contact center whose instance, profiles and hierarchy were made in the console. */
export class AgentsStack extends Stack {
  constructor(scope: Construct, id: string, props: AgentsStackProps = {}) {
    super(scope, id, props);

    const instanceArn = props.instanceArn ?? INSTANCE_ARN;
    const instance = ConnectInstance.fromInstanceArn(this, 'Instance', instanceArn);
    const basicRouting = RoutingProfile.fromRoutingProfileArn(this, 'BasicRouting',
      props.routingProfileArn ?? `${instanceArn}/routing-profile/b1c2d3e4-0000-1111-2222-EXAMPLE22222`);
    const agentProfile = SecurityProfile.fromSecurityProfileArn(this, 'AgentProfile',
      props.securityProfileArn ?? `${instanceArn}/security-profile/c1d2e3f4-3333-4444-5555-EXAMPLE33333`);
    const salesTeam = UserHierarchyGroup.fromUserHierarchyGroupArn(this, 'SalesTeam',
      props.hierarchyGroupArn ?? `${instanceArn}/agent-group/d1e2f3a4-6666-7777-8888-EXAMPLE44444`);

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

    // 3. Adopt: the user exists already (made in the console) and is brought under the stack by a
    //    resource import: `npm run example` writes the mapping that `cdk import` needs.
    new ConnectUser(this, 'ExistingUser', {
      instance,
      username: 'existing.user',
      routingProfile: basicRouting,
      securityProfiles: [agentProfile],
      phoneConfig: PhoneConfig.softPhone(),
      adopt: true,
      existingUserArn: props.existingUserArn ?? `${instanceArn}/agent/f1a2b3c4-aaaa-bbbb-cccc-EXAMPLE00000`,
    });

    // 4. Import by ARN: a supervisor made elsewhere, usable wherever an IUserRef is expected.
    ConnectUser.fromUserArn(this, 'Supervisor',
      props.supervisorArn ?? `${instanceArn}/agent/e1f2a3b4-9999-aaaa-bbbb-EXAMPLE55555`);

    Tags.of(this).add('CostCenter', 'contact-center');
  }
}

const MANAGED_INSTANCE_ARN = `arn:aws:connect:${REGION}:${ACCOUNT}:instance/b2c3d4e5-6789-01bc-def0-EXAMPLE66666`;

/**
 * The console-made resources of ManagedAgentsStack (a Connect-managed instance).
 * Each defaults to a placeholder (in the instance given, else in account 111122223333).
 */
export interface ManagedAgentsStackProps extends StackProps {
  readonly instanceArn?: string;
  readonly routingProfileArn?: string;
  readonly securityProfileArn?: string;
}

/** Agents of a Connect-managed instance: generated passwords and per-channel settings. */
export class ManagedAgentsStack extends Stack {
  constructor(scope: Construct, id: string, props: ManagedAgentsStackProps = {}) {
    super(scope, id, props);

    const instanceArn = props.instanceArn ?? MANAGED_INSTANCE_ARN;
    const instance = ConnectInstance.fromInstanceAttributes(this, 'Instance', {
      instanceArn,
      identityManagementType: IdentityManagementType.CONNECT_MANAGED,
    });
    const routing = RoutingProfile.fromRoutingProfileArn(this, 'Omnichannel',
      props.routingProfileArn ?? `${instanceArn}/routing-profile/e2f3a4b5-0000-1111-2222-EXAMPLE77777`);
    const agentProfile = SecurityProfile.fromSecurityProfileArn(this, 'AgentProfile',
      props.securityProfileArn ?? `${instanceArn}/security-profile/f2a3b4c5-3333-4444-5555-EXAMPLE88888`);

    const maria = new ConnectUser(this, 'MariaGarcia', {
      instance,
      username: 'maria.garcia',
      routingProfile: routing,
      securityProfiles: [agentProfile],
      identityInfo: { firstName: 'María', lastName: 'García', email: 'maria.garcia@example.com' },
      password: UserPassword.generate(),
      channelSettings: {
        voice: {
          phone: VoicePhone.SOFT_PHONE,
          autoAccept: true,
          afterContactWorkTimeLimit: Duration.seconds(30),
          voiceEnhancementMode: VoiceEnhancementMode.NOISE_SUPPRESSION,
        },
        chat: { autoAccept: true, afterContactWorkTimeLimit: Duration.seconds(0) },
        email: { afterContactWorkTimeLimit: Duration.minutes(5) },
      },
    });
    NagSuppressions.addResourceSuppressions(maria.passwordSecret!, [{
      id: 'AwsSolutions-SMG4',
      reason: 'The secret holds the initial password handed to the agent once. Amazon Connect does not read the secret again '
        + '(CloudFormation sends the password only on create), so rotating it would not change the agent\'s password and would '
        + 'mislead operators; the agent changes the password at first sign-in.',
    }]);
  }
}

/** Where the example stacks deploy: the account and region of their placeholder ARNs. */
export const EXAMPLE_ENV = { account: ACCOUNT, region: REGION };

/** Adds the example stacks to an app. */
export function addExampleStacks(app: App): Stack[] {
  const env = EXAMPLE_ENV;
  return [
    new AgentsStack(app, 'ConnectAgents', { env }),
    new ManagedAgentsStack(app, 'ConnectManagedAgents', { env }),
  ];
}
