/**
 * `cdk-connect-user plan`: what the next `cdk deploy` does to each Amazon
 * Connect user, from a new cloud assembly and an earlier one or the deployed
 * templates (../plan.ts compares them, ../plan-format.ts prints the result).
 */
import { readStacks, TemplateUser, usersOfStacks } from '../assembly';
import { sdkDeployedTemplates } from '../aws/cloudformation';
import { deployedUsers } from '../deployed';
import { plan } from '../plan';
import { formatPlan, planJson } from '../plan-format';
import { Command, InputError, USAGE_EXIT, UsageError } from './command';

/** The identity management types `--identity-management-type` takes (the API's InstanceIdentityManagementType). */
const IDENTITY_TYPES = ['CONNECT_MANAGED', 'SAML', 'EXISTING_DIRECTORY'];

/** `cdk-connect-user plan`. */
export const planCommand: Command = {
  name: 'plan',
  summary: 'say what the next `cdk deploy` does to each Amazon Connect user',
  usage: 'cdk-connect-user plan [<cdk.out>] (--baseline <cdk.out> | --deployed [--region <region>] [--endpoint-url <url>]) '
    + '[--identity-management-type <type>] [--json]',
  help: [
    '  <cdk.out>             the new cloud assembly (default: cdk.out)',
    '  --baseline <cdk.out>  compare with an earlier synth (the version that is deployed)',
    '  --deployed            compare with the deployed templates, read with CloudFormation GetTemplate',
    '                        (needs @aws-sdk/client-cloudformation and AWS credentials)',
    '  --region <region>     the region of --deployed (default: each stack\'s)',
    '  --endpoint-url <url>  another CloudFormation endpoint for --deployed, as the AWS CLI\'s option',
    '  --identity-management-type <type>',
    '                        the instances\' type (CONNECT_MANAGED, SAML or EXISTING_DIRECTORY): on EXISTING_DIRECTORY,',
    '                        a change of first name, last name or email MAY FAIL (AWS documents that the directory owns them)',
    '  --json                print the plan as JSON, each finding with its evidence',
    '',
    'One line per changed user, worst first: FAILS (the update fails and the stack rolls back), MOVED (created',
    'anew elsewhere: the create fails on the existing username, or depends on the order stacks deploy in),',
    'IMPORT FIRST (an adopted user no stack holds yet), MAY FAIL (documented, or only the older handler fails),',
    'MAY BE SKIPPED (CloudFormation may not apply the change to the live user), UPDATES, CREATED, REMOVED.',
    'Each finding names its evidence (the handler\'s file and lines, a registry schema version, the API model,',
    'a documentation page), listed with dates after the users; then a summary. Only properties count:',
    'a change of DependsOn, DeletionPolicy, UpdateReplacePolicy or metadata alone changes no user.',
  ],
  options: {
    'baseline': { type: 'string' },
    'deployed': { type: 'boolean' },
    'region': { type: 'string' },
    'endpoint-url': { type: 'string' },
    'identity-management-type': { type: 'string' },
    'json': { type: 'boolean' },
  },
  exitCodes: [
    { code: 0, meaning: 'no change fails at deploy or moves a user (MAY FAIL and MAY BE SKIPPED are warnings)' },
    { code: 1, meaning: 'a change fails at deploy or moves a user: FAILS, MOVED or IMPORT FIRST' },
    USAGE_EXIT,
    {
      code: 3,
      meaning: 'no plan: an input could not be read (no cloud assembly, a corrupt manifest or template, a nested template the asset '
        + 'manifest does not list, a deployed template CloudFormation did not return)',
    },
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
    const identityType = values['identity-management-type'] as string | undefined;
    if (identityType !== undefined && !IDENTITY_TYPES.includes(identityType)) {
      throw new UsageError(`--identity-management-type takes ${IDENTITY_TYPES.join(', ')}, not '${identityType}'`);
    }
    let stacks;
    let current: TemplateUser[];
    let baseline: TemplateUser[];
    try {
      stacks = readStacks(assembly);
      current = usersOfStacks(stacks);
      baseline = baselineDir !== undefined
        ? usersOfStacks(readStacks(baselineDir))
        : await deployedUsers(stacks, sdkDeployedTemplates({
          region: values.region as string | undefined, endpoint: values['endpoint-url'] as string | undefined,
        }));
    } catch (e) {
      throw new InputError((e as Error).message);
    }
    const result = plan(baseline, current, { identityType, stackNames: new Set(stacks.map(s => s.stackName)) });
    if (values.json) io.out(JSON.stringify(planJson(result), null, 2));
    else formatPlan(result).forEach(line => io.out(line));
    return result.fails ? 1 : 0;
  },
};
