/**
 * `cdk-connect-user preflight`: before a deploy, what the live Amazon Connect
 * instance will refuse of the users the deploy creates (../preflight.ts reads
 * the instances and checks the users).
 */
import { connectApis, formatCounts } from '../aws/connect';
import { usersPerInstance } from '../aws/service-quotas';
import { PreflightResult, runPreflight } from '../preflight';
import { Command, POLICY_HELP, USAGE_EXIT, UsageError } from './command';

/** Exit 3: preflight could not look (an assembly it cannot read, the SDK missing, an AWS call that failed). */
export const CANNOT_CHECK_EXIT = 3;

/** `cdk-connect-user preflight`. */
export const preflightCommand: Command = {
  name: 'preflight',
  summary: 'before a deploy: what the live Amazon Connect instance will refuse of the users it creates',
  usage: 'cdk-connect-user preflight [<cdk.out>] [--region <region>] [--endpoint-url <url>] [--service-quotas-endpoint-url <url>] [--json]',
  help: [
    '  <cdk.out>                             the cloud assembly of `cdk synth` (default: cdk.out)',
    '  --region <region>                     the region of the API calls (default: each instance\'s)',
    '  --endpoint-url <url>                  another Amazon Connect endpoint, as the AWS CLI\'s option',
    '  --service-quotas-endpoint-url <url>   another Service Quotas endpoint',
    '  --json                                print the findings as JSON',
    '',
    'For each user the next deploy creates (not adopted ones, which are imported, nor users the instance holds',
    'already as this very resource, by the aws:cloudformation:* tags CloudFormation puts on them), read-only calls',
    'to its instance (DescribeInstance, SearchUsers, ListRoutingProfiles, ListSecurityProfiles,',
    'ListUserHierarchyGroups, ListPredefinedAttributes, DescribePredefinedAttribute) find: a username the instance',
    'has (exactly: FAILS; in another case: WARNING), a routing profile, security profile or hierarchy group it does',
    'not have, a proficiency attribute or value it does not define, a password or directory user id its identity',
    'type does not take (WARNING), and more users than its users quota (Service Quotas GetServiceQuota when',
    '@aws-sdk/client-service-quotas is installed and the credentials allow; else the documented default of 500,',
    'with a NOTE, and exceeding it is a WARNING). Values that are tokens are not checked (a NOTE says which).',
    'Needs @aws-sdk/client-connect. The manual: docs/cli-preflight.md in the package\'s repository.',
    '',
    ...POLICY_HELP,
  ],
  options: {
    'region': { type: 'string' },
    'endpoint-url': { type: 'string' },
    'service-quotas-endpoint-url': { type: 'string' },
    'json': { type: 'boolean' },
  },
  exitCodes: [
    { code: 0, meaning: 'nothing found that fails the deploy (warnings and notes may be printed)' },
    { code: 1, meaning: 'something fails the deploy (a FAILS line)' },
    USAGE_EXIT,
    { code: CANNOT_CHECK_EXIT, meaning: 'could not check: an assembly it cannot read, the SDK missing, or an AWS call that failed (after its retries and timeouts)' },
  ],
  async run(values, positionals, io) {
    const assembly = positionals[0] ?? 'cdk.out';
    const region = values.region as string | undefined;
    if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new UsageError(`--region must be a region such as us-east-1, got '${region}'`);
    const apis = connectApis({ region, endpoint: values['endpoint-url'] as string | undefined, neededBy: 'preflight' });
    const used = new Map<string, ReturnType<typeof apis>>();
    let result: PreflightResult;
    try {
      result = await runPreflight(assembly, {
        connect: instanceArn => {
          const api = apis(instanceArn);
          used.set(instanceArn, api);
          return api;
        },
        usersQuota: instanceArn => usersPerInstance(instanceArn, {
          region: region ?? instanceArn.split(':')[3], endpoint: values['service-quotas-endpoint-url'] as string | undefined,
        }),
      });
    } catch (e) {
      io.err(`cdk-connect-user preflight: ${(e as Error).message}`);
      return CANNOT_CHECK_EXIT;
    }
    if (values.json) io.out(JSON.stringify(result, null, 2));
    else formatPreflight(result).forEach(l => io.out(l));
    for (const api of new Set(used.values())) formatCounts(api.counts).forEach(l => io.err(l));
    return result.fails ? 1 : 0;
  },
};

/** The result as lines: one per finding (FAILS, WARNING, NOTE), one per instance, then a summary. */
export function formatPreflight(r: PreflightResult): string[] {
  const lines: string[] = [];
  const order = { fails: 0, warning: 1, note: 2 };
  for (const f of [...r.findings].sort((a, b) => order[a.severity] - order[b.severity])) {
    const who = f.username !== undefined ? `${f.username}  ${f.where}` : f.where ?? f.instanceArn ?? '';
    lines.push(`${f.severity === 'fails' ? 'FAILS  ' : f.severity === 'warning' ? 'WARNING' : 'NOTE   '}  ${who}`);
    lines.push(`         - ${f.message}`);
  }
  for (const i of r.instances) {
    lines.push(`${i.instanceArn}: ${i.identityManagementType}, ${i.existingUsers} user(s), ${i.created} to create, users quota ${i.usersQuota.value} `
      + `(${i.usersQuota.source === 'applied' ? 'Service Quotas' : 'documented default'})`);
  }
  const count = (s: string) => r.findings.filter(f => f.severity === s).length;
  lines.push(`${r.created} user(s) to create checked: ${count('fails')} fail, ${count('warning')} warning(s), ${count('note')} note(s); `
    + `${r.notCreated} not created (adopted, or deployed already), ${r.skipped} not checked (tokens)`);
  return lines;
}
