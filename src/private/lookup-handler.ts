import { findUser } from './find-user';

/**
 * Time the lookup Lambda keeps for itself after the search: to send its answer
 * to CloudFormation before the function times out.
 */
export const LOOKUP_RESPONSE_MARGIN_MS = 10_000;

/**
 * How long the search may take when the Lambda context cannot tell the time
 * left (`getRemainingTimeInMillis`): within the function's one-minute timeout,
 * less the margin.
 */
export const LOOKUP_FIXED_DEADLINE_MS = 45_000;

/**
 * The inline code of the Lambda behind `ConnectUser.fromUsername()`: a
 * CloudFormation custom resource that resolves a username to the user's ARN
 * and id, and fails the deployment with a clear reason when there is no match
 * or more than one. It answers CloudFormation itself (the `cfn-response`
 * module cannot carry a reason), and uses the AWS SDK v3 of the Node.js runtime.
 *
 * A search that does not end (a SearchUsers call that never answers, or pages
 * that never stop) is given up at a deadline: the time the context says is left,
 * less a margin for the answer, so CloudFormation hears FAILED with the reason
 * rather than nothing (it would then wait an hour for the custom resource).
 * A NextToken that comes back a second time stops the search at once (`findUser`).
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
// A client whose calls fail once the deadline has passed, or when a call has not answered by then.
function withDeadline(client, start, deadline, what) {
  let calls = 0;
  const giveUp = detail => new Error('Gave up looking for ' + what + ' after ' + (Date.now() - start) +
    ' ms, to answer CloudFormation before the Lambda times out: ' + detail);
  return {
    send(command) {
      if (Date.now() >= deadline) {
        return Promise.reject(giveUp('the search had not finished after ' + calls + ' SearchUsers call' + (calls === 1 ? '' : 's')));
      }
      const call = ++calls;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(giveUp('SearchUsers call ' + call + ' had not answered')), deadline - Date.now());
        client.send(command).then(
          value => { clearTimeout(timer); resolve(value); },
          error => { clearTimeout(timer); reject(error); });
      });
    },
  };
}
exports.handler = async (event, context) => {
  let status = 'SUCCESS', reason = 'OK', data = {}, physicalId = event.PhysicalResourceId || 'lookup-failed';
  try {
    if (event.RequestType !== 'Delete') {
      const { InstanceArn, Username } = event.ResourceProperties;
      const start = Date.now();
      const deadline = start + (context && typeof context.getRemainingTimeInMillis === 'function'
        ? context.getRemainingTimeInMillis() - ${LOOKUP_RESPONSE_MARGIN_MS}
        : ${LOOKUP_FIXED_DEADLINE_MS});
      const client = withDeadline(new ConnectClient({}), start, deadline, "the username '" + Username + "' in instance " + InstanceArn);
      const user = await findUser(client, SearchUsersCommand, InstanceArn, Username);
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
