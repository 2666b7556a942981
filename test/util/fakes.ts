import { Resource, Stack } from 'aws-cdk-lib';
import { IInstanceRef, IRoutingProfileRef, ISecurityProfileRef, IUserHierarchyGroupRef } from 'aws-cdk-lib/aws-connect';

/**
 * References that carry any ARN, unchecked, as a third-party construct might:
 * they let a test hand the L2 a malformed literal that our own imports refuse.
 */
export function rawInstance(stack: Stack, id: string, instanceArn: string): IInstanceRef {
  return new (class extends Resource implements IInstanceRef {
    public readonly instanceRef = { instanceArn };
  })(stack, id);
}
export function rawRoutingProfile(stack: Stack, id: string, routingProfileArn: string): IRoutingProfileRef {
  return new (class extends Resource implements IRoutingProfileRef {
    public readonly routingProfileRef = { routingProfileArn };
  })(stack, id);
}
export function rawSecurityProfile(stack: Stack, id: string, securityProfileArn: string): ISecurityProfileRef {
  return new (class extends Resource implements ISecurityProfileRef {
    public readonly securityProfileRef = { securityProfileArn };
  })(stack, id);
}
export function rawHierarchyGroup(stack: Stack, id: string, userHierarchyGroupArn: string): IUserHierarchyGroupRef {
  return new (class extends Resource implements IUserHierarchyGroupRef {
    public readonly userHierarchyGroupRef = { userHierarchyGroupArn };
  })(stack, id);
}
