/**
 * `cdk-connect-user import-mapping`: the files `cdk import --resource-mapping`
 * needs for the adopted users of a cloud assembly's top-level stacks (one per
 * stack), or, with --check-drift, each adopted user compared with the live one.
 */
import { connectApis, userArnLookup } from '../aws/connect';
import { adoptedTemplateUsers, checkDrift, driftExitCode, formatDrift } from '../drift';
import { buildMappings, findAdoptedUsers, writeMappings } from '../import-mapping';
import { Command, shellPath, shellWord, POLICY_HELP, USAGE_EXIT, UsageError } from './command';

/** `cdk-connect-user import-mapping`. */
export const importMappingCommand: Command = {
  name: 'import-mapping',
  summary: 'write the files `cdk import --resource-mapping` needs for adopted users, or check them for drift',
  usage: 'cdk-connect-user import-mapping [<cdk.out>] [--out <dir>] [--lookup] [--check-drift] [--region <region>] [--endpoint-url <url>]',
  help: [
    '  <cdk.out>             the cloud assembly of `cdk synth` (default: cdk.out)',
    '  --out <dir>           where to write one mapping file per stack (default: import-mappings)',
    '  --lookup              find the ARN of adopted users without existingUserArn by username (needs @aws-sdk/client-connect)',
    '  --check-drift         instead of writing mappings, compare each adopted user (nested stacks included) with the',
    '                        live user (DescribeUser, ListUserProficiencies): one line per difference,',
    '                        `<username>: <Property>: template <x>, live <y>`. Properties the template leaves out',
    '                        are not compared (CloudFormation never sends them). Exit 1 when any user differs.',
    '                        Needs @aws-sdk/client-connect and AWS credentials',
    '  --region <region>     the region of the API calls (default: each instance\'s)',
    '  --endpoint-url <url>  another Amazon Connect endpoint, as the AWS CLI\'s option',
    '',
    ...POLICY_HELP,
  ],
  options: {
    'out': { type: 'string' },
    'lookup': { type: 'boolean' },
    'check-drift': { type: 'boolean' },
    'region': { type: 'string' },
    'endpoint-url': { type: 'string' },
  },
  exitCodes: [
    { code: 0, meaning: 'the mappings are written, or there is nothing to import; with --check-drift: no adopted user differs' },
    {
      code: 1,
      meaning: 'with --check-drift: an adopted user differs from the live one, or was not checked (no existingUserArn without --lookup); '
        + 'without it: adopted users are in nested stacks, which the '
        + 'files do not cover; or the command failed (an assembly it cannot read, a user not found, an AWS error)',
    },
    USAGE_EXIT,
  ],
  async run(values, positionals, io) {
    const assembly = positionals[0] ?? 'cdk.out';
    const region = values.region as string | undefined;
    const endpoint = values['endpoint-url'] as string | undefined;
    if (values['check-drift']) {
      if (values.out !== undefined) throw new UsageError('--check-drift writes no files: --out goes without it');
      const users = adoptedTemplateUsers(assembly);
      if (users.length === 0) {
        io.out(`No adopted ConnectUsers in ${assembly}: nothing to check.`);
        return 0;
      }
      const findings = await checkDrift(users, { lookup: !!values.lookup, api: connectApis({ region, endpoint, neededBy: '--check-drift' }) });
      formatDrift(users.length, findings).forEach(l => io.out(l));
      return driftExitCode(findings);
    }
    const users = findAdoptedUsers(assembly);
    // Adopted users in nested stacks (a roster's shards): cdk import cannot import into them, so no mapping is
    // written for them. Said on stderr, and the exit is 1: the import they need is not in these files.
    const nested = adoptedTemplateUsers(assembly).length - users.length;
    if (nested > 0) {
      io.err(`${nested} adopted user(s) are in nested stacks (a roster's shards): cdk import cannot import into nested stacks, `
        + "so these files do not cover them: import them with 'cdk-connect-user import-roster' (see \"Importing a roster\" in the README); "
        + '--check-drift covers them.');
    }
    if (users.length === 0) {
      io.out(`No adopted ConnectUsers in the top-level stacks of ${assembly}: nothing to import with cdk import.`);
      return nested > 0 ? 1 : 0;
    }
    const mappings = await buildMappings(users, values.lookup ? userArnLookup({ region, endpoint, neededBy: '--lookup' }) : undefined);
    const files = writeMappings(mappings, (values.out as string | undefined) ?? 'import-mappings');
    // --app: the assembly the mappings were made from. Without it, cdk import needs a cdk.json (else '--app is
    // required'), and would synthesize anew: with other logical ids than the mappings name, if the code changed.
    io.out(`${users.length} adopted user(s) in ${mappings.length} stack(s). Import each stack with (--app: the cloud assembly these mappings were made from):`);
    mappings.forEach((m, i) => io.out(`  npx cdk import --app ${shellPath(assembly)} ${shellWord(m.stack)} --resource-mapping ${shellPath(files[i])}`));
    return nested > 0 ? 1 : 0;
  },
};
