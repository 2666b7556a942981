/**
 * ARNs built from tokens, as real apps write them, in every reference prop: the
 * checks skip what they cannot know and never crash (issue: valid apps crashed
 * in Tokenization.reverseCompleteString on concatenated tokens).
 */
import { App, Arn, ArnFormat, Aws, CfnParameter, Duration, Fn, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnInstance, CfnRoutingProfile, CfnSecurityProfile, CfnUserHierarchyGroup } from 'aws-cdk-lib/aws-connect';
import { describe, expect, it } from 'vitest';
import { ConnectInstance, ConnectUser, ConnectUserRoster, IdentityManagementType, PhoneConfig, RoutingProfile, SecurityProfile, UserHierarchyGroup, UserPassword } from '../src';
import { assertLintClean } from './util/cfn-lint';

function users(stack: Stack): number {
  return Object.keys(Template.fromStack(stack).findResources('AWS::Connect::User')).length;
}

describe('ARNs built from tokens', () => {
  const templates: Array<Record<string, unknown>> = [];

  it('pseudo parameters, Arn.format() and parameters in every reference prop', () => {
    const app = new App();
    const stack = new Stack(app, 'Tokens');
    const instanceId = new CfnParameter(stack, 'InstanceId').valueAsString;
    const instanceArn = `arn:aws:connect:${Aws.REGION}:${Aws.ACCOUNT_ID}:instance/${instanceId}`;
    const instance = ConnectInstance.fromInstanceAttributes(stack, 'Instance', { instanceArn, identityManagementType: IdentityManagementType.SAML });
    const routingProfile = RoutingProfile.fromRoutingProfileArn(stack, 'Rp', Arn.format({
      service: 'connect', resource: 'instance', resourceName: `${instanceId}/routing-profile/rp-1`, arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    }, stack));
    const securityProfile = SecurityProfile.fromSecurityProfileArn(stack, 'Sp', `${instanceArn}/security-profile/sp-1`);
    const group = UserHierarchyGroup.fromUserHierarchyGroupArn(stack, 'Hg', Fn.join('/', [instanceArn, 'agent-group', 'hg-1']));
    new ConnectUser(stack, 'Agent', {
      instance,
      username: 'agent',
      routingProfile,
      securityProfiles: [securityProfile],
      hierarchyGroup: group,
      identityInfo: { firstName: 'A', lastName: 'B' },
    });
    new ConnectUser(stack, 'Second', {
      instance,
      username: 'second',
      routingProfile,
      securityProfiles: [securityProfile],
      identityInfo: { firstName: 'C', lastName: 'D' },
    });
    expect(users(stack)).toBe(2);
    templates.push(Template.fromStack(stack).toJSON());
  });

  it('L1 profiles and groups whose instanceArn is a concatenation', () => {
    const app = new App();
    const stack = new Stack(app, 'L1s', { env: { account: '111122223333', region: 'us-east-1' } });
    const param = new CfnParameter(stack, 'InstanceId').valueAsString;
    const instanceArn = `arn:${Aws.PARTITION}:connect:${Aws.REGION}:${Aws.ACCOUNT_ID}:instance/${param}`;
    const routingProfile = new CfnRoutingProfile(stack, 'Rp', {
      instanceArn,
      name: 'Basic',
      description: 'Basic',
      defaultOutboundQueueArn: `${instanceArn}/queue/q-1`,
      mediaConcurrencies: [{ channel: 'VOICE', concurrency: 1 }],
    });
    const securityProfile = new CfnSecurityProfile(stack, 'Sp', { instanceArn, securityProfileName: 'Agent' });
    const group = new CfnUserHierarchyGroup(stack, 'Hg', { instanceArn, name: 'Team' });
    new ConnectUser(stack, 'Agent', {
      instance: ConnectInstance.fromInstanceAttributes(stack, 'Instance', { instanceArn, identityManagementType: IdentityManagementType.SAML }),
      username: 'agent',
      routingProfile,
      securityProfiles: [securityProfile],
      hierarchyGroup: group,
      identityInfo: { firstName: 'A', lastName: 'B' },
    });
    expect(users(stack)).toBe(1);
    templates.push(Template.fromStack(stack).toJSON());
  });

  it('a CfnInstance and a profile ARN that concatenates its attribute', () => {
    const app = new App();
    const stack = new Stack(app, 'Made');
    const instance = new CfnInstance(stack, 'Instance', { identityManagementType: 'CONNECT_MANAGED', attributes: { inboundCalls: true, outboundCalls: true } });
    new ConnectUser(stack, 'Agent', {
      instance,
      username: 'agent',
      routingProfile: RoutingProfile.fromRoutingProfileArn(stack, 'Rp', `${instance.attrArn}/routing-profile/rp-1`),
      securityProfiles: [SecurityProfile.fromSecurityProfileArn(stack, 'Sp', `${instance.attrArn}/security-profile/sp-1`)],
      identityInfo: { firstName: 'A', lastName: 'B' },
      password: UserPassword.generate(),
    });
    expect(users(stack)).toBe(1);
    templates.push(Template.fromStack(stack).toJSON());
  });

  it('a roster over token ARNs', () => {
    const app = new App();
    const stack = new Stack(app, 'Roster');
    const instanceArn = `arn:aws:connect:${Aws.REGION}:${Aws.ACCOUNT_ID}:instance/${new CfnParameter(stack, 'InstanceId').valueAsString}`;
    const roster = new ConnectUserRoster(stack, 'Agents', {
      instance: ConnectInstance.fromInstanceAttributes(stack, 'Instance', { instanceArn, identityManagementType: IdentityManagementType.SAML }),
      routingProfiles: { Basic: RoutingProfile.fromRoutingProfileArn(stack, 'Rp', `${instanceArn}/routing-profile/rp-1`) },
      securityProfiles: { Agent: SecurityProfile.fromSecurityProfileArn(stack, 'Sp', `${instanceArn}/security-profile/sp-1`) },
      users: [{ username: 'a', routingProfile: 'Basic', securityProfiles: ['Agent'], identityInfo: { firstName: 'A', lastName: 'A' } }],
    });
    app.synth();
    expect(Object.keys(roster.cfnUsers)).toEqual(['a']);
  });

  it('a token phone number and a token ACW in seconds beside per-channel settings', () => {
    const app = new App();
    const stack = new Stack(app, 'Phone');
    const r = {
      instance: ConnectInstance.fromInstanceAttributes(stack, 'I', {
        instanceArn: 'arn:aws:connect:us-east-1:111122223333:instance/i-1', identityManagementType: IdentityManagementType.SAML,
      }),
      routingProfile: RoutingProfile.fromRoutingProfileArn(stack, 'Rp', 'arn:aws:connect:us-east-1:111122223333:instance/i-1/routing-profile/rp'),
      securityProfiles: [SecurityProfile.fromSecurityProfileArn(stack, 'Sp', 'arn:aws:connect:us-east-1:111122223333:instance/i-1/security-profile/sp')],
    };
    const seconds = new CfnParameter(stack, 'Acw', { type: 'Number' }).valueAsNumber;
    new ConnectUser(stack, 'Agent', {
      ...r,
      username: 'agent',
      identityInfo: { firstName: 'A', lastName: 'B' },
      phoneConfig: PhoneConfig.deskPhone(new CfnParameter(stack, 'Desk').valueAsString, { autoAccept: true }),
      channelSettings: { chat: { afterContactWorkTimeLimit: Duration.seconds(seconds) } },
    });
    expect(users(stack)).toBe(1);
    templates.push(Template.fromStack(stack).toJSON());
  });

  it('every such template passes cfn-lint', () => {
    expect(templates).toHaveLength(4);
    assertLintClean(templates);
  });
});
