/**
 * An app for `plan` on what the real `cdk` CLI writes (test/plan.test.ts): two ConnectUsers in
 * stack 'Agents', in the variant PLAN_VARIANT names. The test synthesizes 'base' with `cdk synth`
 * (version reporting, path and asset metadata) and the other variants in-process.
 * - base: the two users;
 * - quiet: the same users, with what changes no user: security profiles and proficiencies in
 *   another order, a DependsOn, another DeletionPolicy and UpdateReplacePolicy;
 * - renamed: the first user's username changed.
 */
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import {
  ConnectInstance, ConnectUser, IdentityManagementType, ProficiencyLevel, RoutingProfile, SecurityProfile, UserProficiency,
} from '../../src';

/** The variants. */
export type PlanVariant = 'base' | 'quiet' | 'renamed';

/** Builds the variant into `app`. */
export function buildPlanApp(app: App, variant: PlanVariant): Stack {
  const stack = new Stack(app, 'Agents', { env: { account: '111122223333', region: 'us-east-1' } });
  const instanceArn = 'arn:aws:connect:us-east-1:111122223333:instance/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';
  const instance = ConnectInstance.fromInstanceAttributes(stack, 'Instance', { instanceArn, identityManagementType: IdentityManagementType.SAML });
  const routingProfile = RoutingProfile.fromRoutingProfileArn(stack, 'Basic', `${instanceArn}/routing-profile/basic`);
  const profiles = [
    SecurityProfile.fromSecurityProfileArn(stack, 'Agent', `${instanceArn}/security-profile/agent`),
    SecurityProfile.fromSecurityProfileArn(stack, 'Supervisor', `${instanceArn}/security-profile/supervisor`),
  ];
  const proficiencies = [
    UserProficiency.of('Language', 'English', ProficiencyLevel.THREE),
    UserProficiency.of('Skill', 'Billing', ProficiencyLevel.TWO),
  ];
  const quiet = variant === 'quiet';
  const first = new ConnectUser(stack, 'First', {
    instance,
    username: variant === 'renamed' ? 'ann.other' : 'ann',
    identityInfo: { firstName: 'Ann', lastName: 'Example' },
    routingProfile,
    securityProfiles: quiet ? [...profiles].reverse() : profiles,
    proficiencies: quiet ? [...proficiencies].reverse() : proficiencies,
  });
  const second = new ConnectUser(stack, 'Second', {
    instance,
    username: 'bob',
    identityInfo: { firstName: 'Bob', lastName: 'Example' },
    routingProfile,
    securityProfiles: profiles,
  });
  if (quiet) {
    second.node.addDependency(first);
    const cfn = second.node.defaultChild as CfnResource;
    cfn.addOverride('DeletionPolicy', 'RetainExceptOnCreate');
    cfn.addOverride('UpdateReplacePolicy', 'Delete');
  }
  return stack;
}

if (require.main === module) buildPlanApp(new App(), (process.env.PLAN_VARIANT ?? 'base') as PlanVariant);
