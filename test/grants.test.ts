import { Template } from 'aws-cdk-lib/assertions';
import { CfnUser } from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import { describe, it } from 'vitest';
import { ConnectUser } from '../src';
import { minimalProps, newStack, refs, userArn } from './util/fixtures';

function setup() {
  const stack = newStack();
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const user = new ConnectUser(stack, 'U', minimalProps(refs(stack)));
  const imported = ConnectUser.fromUserArn(stack, 'Imported', userArn('u-42'));
  return { stack, role, user, imported };
}

describe('grants', () => {
  it('grantRead scopes DescribeUser and ListUserProficiencies to the user ARN', () => {
    const { stack, role, user } = setup();
    user.grantRead(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['connect:DescribeUser', 'connect:ListUserProficiencies'], Resource: { 'Fn::GetAtt': [stack.getLogicalId(user.node.defaultChild as CfnUser), 'UserArn'] } }] },
    });
  });

  it('grantUpdate works on an imported user, scoped to its ARN', () => {
    const { stack, role, imported } = setup();
    imported.grantUpdate(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: [
            'connect:UpdateUserIdentityInfo', 'connect:UpdateUserPhoneConfig', 'connect:UpdateUserConfig',
            'connect:UpdateUserRoutingProfile', 'connect:UpdateUserSecurityProfiles', 'connect:UpdateUserHierarchy',
            'connect:AssociateUserProficiencies', 'connect:DisassociateUserProficiencies', 'connect:UpdateUserProficiencies',
          ],
          Resource: userArn('u-42'),
        }],
      },
    });
  });

  it('grant passes any actions through', () => {
    const { stack, role, imported } = setup();
    imported.grant(role, 'connect:PutUserStatus');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'connect:PutUserStatus', Resource: userArn('u-42') }] },
    });
  });
});
