import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { IRoutingProfileRef, ISecurityProfileRef, IUserHierarchyGroupRef } from 'aws-cdk-lib/aws-connect';
import { ConnectInstance, ConnectUserProps, IConnectInstance, IdentityManagementType, RoutingProfile, SecurityProfile, UserHierarchyGroup } from '../../src';

export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';
export const INSTANCE_ID = 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';
export const INSTANCE_ARN = `arn:aws:connect:${REGION}:${ACCOUNT}:instance/${INSTANCE_ID}`;
export const OTHER_INSTANCE_ARN = `arn:aws:connect:${REGION}:${ACCOUNT}:instance/ffffffff-5678-90ab-cdef-EXAMPLE99999`;

export const routingProfileArn = (id = 'rp-1', instanceArn = INSTANCE_ARN) => `${instanceArn}/routing-profile/${id}`;
export const securityProfileArn = (id = 'sp-1', instanceArn = INSTANCE_ARN) => `${instanceArn}/security-profile/${id}`;
export const hierarchyGroupArn = (id = 'hg-1', instanceArn = INSTANCE_ARN) => `${instanceArn}/agent-group/${id}`;
export const userArn = (id = 'u-1', instanceArn = INSTANCE_ARN) => `${instanceArn}/agent/${id}`;

/** A stack in the fixtures' account and region. */
export function newStack(env: { account?: string; region?: string } = { account: ACCOUNT, region: REGION }): Stack {
  return new Stack(new App(), 'Stack', { env });
}

/** References made in the console, imported by ARN. */
export interface Refs {
  readonly instance: IConnectInstance;
  readonly routingProfile: IRoutingProfileRef;
  readonly securityProfile: ISecurityProfileRef;
  readonly hierarchyGroup: IUserHierarchyGroupRef;
}

let counter = 0;
export function refs(stack: Stack, identityManagementType?: IdentityManagementType, instanceArn = INSTANCE_ARN): Refs {
  const n = counter++;
  return {
    instance: ConnectInstance.fromInstanceAttributes(stack, `Instance${n}`, { instanceArn, identityManagementType }),
    routingProfile: RoutingProfile.fromRoutingProfileArn(stack, `Routing${n}`, routingProfileArn('rp-1', instanceArn)),
    securityProfile: SecurityProfile.fromSecurityProfileArn(stack, `Security${n}`, securityProfileArn('sp-1', instanceArn)),
    hierarchyGroup: UserHierarchyGroup.fromUserHierarchyGroupArn(stack, `Group${n}`, hierarchyGroupArn('hg-1', instanceArn)),
  };
}

/** The smallest valid props on an instance of unknown identity type. */
export function minimalProps(r: Refs, overrides: Partial<ConnectUserProps> = {}): ConnectUserProps {
  return {
    instance: r.instance,
    username: 'agent.one',
    routingProfile: r.routingProfile,
    securityProfiles: [r.securityProfile],
    ...overrides,
  };
}

/** The texts of the library's warnings with this id (without the `cdk-connect-user:` prefix) in a stack. */
export function warningsOf(stack: Stack, id: string): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(`cdk-connect-user:${id}\\]`)).map(m => String(m.entry.data));
}
