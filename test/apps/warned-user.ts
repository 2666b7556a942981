/**
 * An app for the real `cdk` CLI (test/real-cli.test.ts): one ConnectUser whose username draws the
 * `usernameCharacters` warning, acknowledged on the stack with the id in ACK when it is set.
 */
import { App, Annotations, Stack } from 'aws-cdk-lib';
import { ConnectInstance, ConnectUser, IdentityManagementType, RoutingProfile, SecurityProfile } from '../../src';

const app = new App();
const stack = new Stack(app, 'Warned', { env: { account: '111122223333', region: 'us-east-1' } });
const instanceArn = 'arn:aws:connect:us-east-1:111122223333:instance/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';
new ConnectUser(stack, 'User', {
  instance: ConnectInstance.fromInstanceAttributes(stack, 'Instance', { instanceArn, identityManagementType: IdentityManagementType.EXISTING_DIRECTORY }),
  username: 'john doe',
  routingProfile: RoutingProfile.fromRoutingProfileArn(stack, 'Basic', `${instanceArn}/routing-profile/basic`),
  securityProfiles: [SecurityProfile.fromSecurityProfileArn(stack, 'Agent', `${instanceArn}/security-profile/agent`)],
});
if (process.env.ACK) Annotations.of(stack).acknowledgeWarning(process.env.ACK, 'a name from our directory');
