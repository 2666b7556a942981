/**
 * `cdk-connect-user plan`: what the next `cdk deploy` does to each Amazon
 * Connect user, from a new cloud assembly and an earlier one or the deployed
 * templates (../plan.ts compares them).
 */
import { readStacks, usersOfAssembly } from '../assembly';
import { sdkDeployedTemplates } from '../aws/cloudformation';
import { deployedUsers } from '../deployed';
import { formatPlan, plan, planJson } from '../plan';
import { Command, USAGE_EXIT, UsageError } from './command';

/** `cdk-connect-user plan`. */
export const planCommand: Command = {
  name: 'plan',
  summary: 'say what the next `cdk deploy` does to each Amazon Connect user',
  usage: 'cdk-connect-user plan [<cdk.out>] (--baseline <cdk.out> | --deployed [--region <region>] [--endpoint-url <url>]) [--json]',
  help: [
    '  <cdk.out>             the new cloud assembly (default: cdk.out)',
    '  --baseline <cdk.out>  compare with an earlier synth (the version that is deployed)',
    '  --deployed            compare with the deployed templates, read with CloudFormation GetTemplate',
    '                        (needs @aws-sdk/client-cloudformation and AWS credentials)',
    '  --region <region>     the region of --deployed (default: each stack\'s)',
    '  --endpoint-url <url>  another CloudFormation endpoint for --deployed, as the AWS CLI\'s option',
    '  --json                print the plan as JSON',
    '',
    'One line per changed user: FAILS (the update fails and the stack rolls back), MOVED (created anew',
    'elsewhere: the create fails on the existing username), MAY BE SKIPPED (CloudFormation may not apply',
    'the change to the live user), UPDATES, CREATED, REMOVED; then a summary.',
    'Exit 1 when any change fails at deploy (FAILS or MOVED), 0 otherwise, 2 on bad usage.',
  ],
  options: {
    'baseline': { type: 'string' },
    'deployed': { type: 'boolean' },
    'region': { type: 'string' },
    'endpoint-url': { type: 'string' },
    'json': { type: 'boolean' },
  },
  exitCodes: [
    { code: 0, meaning: 'no change fails at deploy' },
    { code: 1, meaning: 'a change fails at deploy (FAILS or MOVED), or there is no plan (an assembly or a deployed template it cannot read, an AWS error)' },
    USAGE_EXIT,
  ],
  async run(values, positionals, io) {
    const assembly = positionals[0] ?? 'cdk.out';
    const baselineDir = values.baseline as string | undefined;
    if ((baselineDir === undefined) === !values.deployed) {
      throw new UsageError('expected exactly one of --baseline <cdk.out> and --deployed');
    }
    if (!values.deployed && (values.region !== undefined || values['endpoint-url'] !== undefined)) {
      throw new UsageError('--region and --endpoint-url go with --deployed');
    }
    const current = usersOfAssembly(assembly);
    const baseline = baselineDir !== undefined
      ? usersOfAssembly(baselineDir)
      : await deployedUsers(readStacks(assembly), sdkDeployedTemplates({
        region: values.region as string | undefined, endpoint: values['endpoint-url'] as string | undefined,
      }));
    const result = plan(baseline, current);
    if (values.json) io.out(JSON.stringify(planJson(result), null, 2));
    else formatPlan(result).forEach(line => io.out(line));
    return result.fails ? 1 : 0;
  },
};
