/**
 * User definitions written by others, from configurations that have really been
 * deployed (Terraform's acceptance tests, AWS samples, public CDK apps) or that
 * AWS documents: translated to the L2 from the facts in fixtures/real-configs.json,
 * each must synthesize without an error, render what it says, and pass cfn-lint.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Duration, SecretValue, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  ConnectInstance, ConnectUser, ConnectUserProps, IdentityManagementType, PhoneConfig, RoutingProfile, SecurityProfile, UserHierarchyGroup,
  UserPassword,
} from '../src';
import { assertLintClean } from './util/cfn-lint';
import { hierarchyGroupArn, INSTANCE_ARN, routingProfileArn, securityProfileArn } from './util/fixtures';

interface RealUser {
  readonly id: string;
  readonly source: string;
  readonly identityManagementType: string;
  readonly username: string;
  readonly password: boolean;
  readonly identityInfo?: { firstName?: string; lastName?: string; email?: string; secondaryEmail?: string; mobile?: string };
  readonly phoneConfig?: { phoneType: string; autoAccept?: boolean; afterContactWorkTimeLimit?: number; deskPhoneNumber?: string };
  readonly hierarchyGroup?: boolean;
  readonly securityProfileCount?: number;
  readonly directoryUserId?: string;
  readonly tags?: Record<string, string>;
}

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'real-configs.json'), 'utf8')) as { users: RealUser[] };

/** The L2 props of a definition: the facts, with references made in the stack and the password from Secrets Manager. */
function propsOf(stack: Stack, u: RealUser): ConnectUserProps {
  const type = u.identityManagementType === 'unknown' ? undefined : u.identityManagementType as IdentityManagementType;
  const phone = u.phoneConfig;
  const options = {
    autoAccept: phone?.autoAccept,
    afterContactWorkTimeLimit: phone?.afterContactWorkTimeLimit === undefined ? undefined : Duration.seconds(phone.afterContactWorkTimeLimit),
  };
  return {
    instance: ConnectInstance.fromInstanceAttributes(stack, 'Instance', { instanceArn: INSTANCE_ARN, identityManagementType: type }),
    username: u.username,
    routingProfile: RoutingProfile.fromRoutingProfileArn(stack, 'Basic', routingProfileArn('basic')),
    securityProfiles: Array.from({ length: u.securityProfileCount ?? 1 }, (_, i) =>
      SecurityProfile.fromSecurityProfileArn(stack, `Profile${i}`, securityProfileArn(`sp-${i}`))),
    hierarchyGroup: u.hierarchyGroup ? UserHierarchyGroup.fromUserHierarchyGroupArn(stack, 'Group', hierarchyGroupArn('team')) : undefined,
    identityInfo: u.identityInfo,
    phoneConfig: phone === undefined ? undefined
      : phone.phoneType === 'DESK_PHONE' ? PhoneConfig.deskPhone(phone.deskPhoneNumber!, options) : PhoneConfig.softPhone(options),
    directoryUserId: u.directoryUserId,
    password: u.password ? UserPassword.fromSecretValue(SecretValue.secretsManager(`connect/${u.id}`, { jsonField: 'password' })) : undefined,
    tags: u.tags,
  };
}

describe('real user definitions, written by others', () => {
  const templates: Array<Record<string, unknown>> = [];

  it('has at least 10 of them, each with its source', () => {
    expect(fixture.users.length).toBeGreaterThanOrEqual(10);
    for (const u of fixture.users) expect(u.source, u.id).toMatch(/\S/);
  });

  it.each(fixture.users.map(u => [u.id, u] as const))('%s synthesizes as written', (_id, u) => {
    const app = new App();
    const stack = new Stack(app, 'Real', { env: { account: '111122223333', region: 'us-east-1' } });
    new ConnectUser(stack, 'User', propsOf(stack, u));
    app.synth();
    const template = Template.fromStack(stack);
    const users = Object.values(template.findResources('AWS::Connect::User'));
    expect(users).toHaveLength(1);
    const rendered = users[0].Properties;
    expect(rendered.Username).toBe(u.username);
    expect(rendered.SecurityProfileArns).toHaveLength(u.securityProfileCount ?? 1);
    if (u.identityInfo) {
      for (const [key, value] of Object.entries(u.identityInfo)) {
        expect(rendered.IdentityInfo[key[0].toUpperCase() + key.slice(1)]).toBe(value);
      }
    }
    if (u.phoneConfig) {
      expect(rendered.PhoneConfig.PhoneType).toBe(u.phoneConfig.phoneType);
      expect(rendered.PhoneConfig.DeskPhoneNumber).toBe(u.phoneConfig.deskPhoneNumber);
      expect(rendered.PhoneConfig.AfterContactWorkTimeLimit).toBe(u.phoneConfig.afterContactWorkTimeLimit);
    }
    templates.push(template.toJSON());
  });

  it('every one passes cfn-lint', () => {
    expect(templates).toHaveLength(fixture.users.length);
    assertLintClean(templates);
  });
});
