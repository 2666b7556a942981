/**
 * Shared by the integ-runner apps (`test/integ.*.ts`).
 *
 * Snapshots are synthesized with the examples' placeholder ARNs. A deployed run
 * names real Connect resources through environment variables (integ-runner has
 * no `-c` option, and passes its environment on to the app); see the README's
 * "Integration tests".
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { ConnectUser, IConnectUser } from '../../src';

/**
 * The ARNs named by `variables` (all of them, or none: then the examples' placeholders are used).
 *
 * @returns the values by variable name, or undefined when none is set
 */
export function deployedArns<K extends string>(variables: readonly K[]): Record<K, string> | undefined {
  const set = variables.filter(v => process.env[v]);
  if (set.length === 0) {
    return undefined;
  }
  const missing = variables.filter(v => !process.env[v]);
  if (missing.length > 0) {
    throw new Error(`A deployed integ run needs all of ${variables.join(', ')}; missing ${missing.join(', ')}`);
  }
  return Object.fromEntries(variables.map(v => [v, process.env[v]!])) as Record<K, string>;
}

/** The account and region of a Connect ARN: where the stack deploys. */
export function envOfArn(arn: string): { account: string; region: string } {
  const [, , , region, account] = arn.split(':');
  return { account, region };
}

/** The last segment of a Connect ARN: the id that the Connect API takes and returns. */
export function idOfArn(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** The instance id in an instance ARN, or in the ARN of one of its resources. */
export function instanceIdOfArn(arn: string): string {
  return arn.split(':')[5].split('/')[1];
}

/**
 * The users of `scope`, each made deletable when the test stack is destroyed.
 *
 * The examples keep users (and their password secrets) on stack deletion, the
 * library's default; a test must clean up, or its next run fails on the
 * usernames it left behind. integ-runner deploys rather than imports, so an
 * "adopted" user is created by the test, and deleted with it as well.
 */
export function destroyUsersOnTeardown(scope: Construct): ConnectUser[] {
  const users = scope.node.findAll().filter((c: IConstruct): c is ConnectUser => c instanceof ConnectUser);
  for (const user of users) {
    user.applyRemovalPolicy(RemovalPolicy.DESTROY);
    user.passwordSecret?.applyRemovalPolicy(RemovalPolicy.DESTROY);
  }
  return users;
}

/** Asserts, after deployment, that Connect's DescribeUser returns what the user was given. */
export function expectUser(integ: IntegTest, user: IConnectUser, expected: Record<string, unknown>, instanceArn = user.instanceArn): void {
  integ.assertions
    .awsApiCall('Connect', 'describeUser', {
      InstanceId: instanceIdOfArn(instanceArn),
      UserId: user.userId,
    })
    .expect(ExpectedResult.objectLike({ User: expected }));
}

/** The one user with construct id `id` in `stack`. */
export function userOf(stack: Stack, id: string): ConnectUser {
  return stack.node.findChild(id) as ConnectUser;
}
