import { findUser } from './find-user';

/**
 * The inline code of the Lambda behind `ConnectUser.fromUsername()`: a
 * CloudFormation custom resource that resolves a username to the user's ARN
 * and id, and fails the deployment with a clear reason when there is no match
 * or more than one. It answers CloudFormation itself (the `cfn-response`
 * module cannot carry a reason), and uses the AWS SDK v3 of the Node.js runtime.
 */
export const LOOKUP_HANDLER_CODE = `const https = require('https');
const { ConnectClient, SearchUsersCommand } = require('@aws-sdk/client-connect');
const findUser = ${findUser.toString()};
function respond(event, status, reason, physicalId, data) {
  const body = JSON.stringify({ Status: status, Reason: reason, PhysicalResourceId: physicalId, StackId: event.StackId,
    RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId, Data: data });
  return new Promise((resolve, reject) => {
    const req = https.request(event.ResponseURL, { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } }, res => { res.resume(); res.on('end', resolve); });
    req.on('error', reject);
    req.end(body);
  });
}
exports.handler = async (event) => {
  let status = 'SUCCESS', reason = 'OK', data = {}, physicalId = event.PhysicalResourceId || 'lookup-failed';
  try {
    if (event.RequestType !== 'Delete') {
      const { InstanceArn, Username } = event.ResourceProperties;
      const user = await findUser(new ConnectClient({}), SearchUsersCommand, InstanceArn, Username);
      data = { UserArn: user.Arn, UserId: user.Id };
      physicalId = user.Arn;
    }
  } catch (e) {
    status = 'FAILED';
    reason = String(e && e.message || e);
  }
  await respond(event, status, reason, physicalId, data);
};
`;
