#!/usr/bin/env node
/**
 * cdk-connect-user <command> [options]: the commands of the library.
 *
 *   import-mapping  the files `cdk import --resource-mapping` needs for adopted users
 *   plan            what the next `cdk deploy` does to each Amazon Connect user
 *   export          the users of an Amazon Connect instance as a roster (JSON or CSV)
 *
 * Options are parsed strictly (Node's util.parseArgs): an unknown option or a
 * missing value is a usage error (exit 2, on stderr).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs, ParseArgsConfig } from 'util';
import { readStacks, usersOfAssembly } from './assembly';
import { sdkDeployedTemplates, sdkImportCfn } from './aws/cloudformation';
import { connectApi, connectApis, formatCounts, userArnLookup } from './aws/connect';
import { deployedUsers } from './deployed';
import { adoptedTemplateUsers, checkDrift, formatDrift } from './drift';
import { checkInstanceArn, formatJson, readInstance, toCsv, toRosterDocument } from './export';
import { buildMappings, findAdoptedUsers, writeMappings } from './import-mapping';
import { IMPORTING_TAG_KEY, planRosterImport } from './import-roster-plan';
import { runRosterImport } from './import-roster-run';
import { formatPlan, plan, planJson } from './plan';

/** Where a command writes: `out` for results, `err` for usage errors and diagnostics. */
export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

type Options = NonNullable<ParseArgsConfig['options']>;

interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly help: string[];
  readonly options: Options;
  readonly run: (values: Record<string, string | boolean | undefined>, positionals: string[], io: Io) => Promise<number>;
}


const COMMANDS: Record<string, Command> = {
  'import-mapping': {
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
    ],
    options: {
      'out': { type: 'string' },
      'lookup': { type: 'boolean' },
      'check-drift': { type: 'boolean' },
      'region': { type: 'string' },
      'endpoint-url': { type: 'string' },
    },
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
        return findings.some(f => f.kind === 'differs') ? 1 : 0;
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
  },
  'import-roster': {
    summary: "import a roster's adopted agents (in nested stacks) into CloudFormation: each shard as a stack, then nested",
    usage: 'cdk-connect-user import-roster [<cdk.out>] [--stack <id>] [--dry-run] [--lookup] [--concurrency <n>] [--region <region>] [--endpoint-url <url>] [--connect-endpoint-url <url>]',
    help: [
      '  <cdk.out>                    the cloud assembly of `cdk synth` (default: cdk.out)',
      '  --stack <id>                 the top-level stack holding the roster (default: the only one with adopted agents in shards)',
      '  --dry-run                    check and print the steps; call nothing',
      '  --lookup                     find the ARN of adopted agents without existingUserArn by username (needs @aws-sdk/client-connect)',
      '  --region <region>            the stack\'s region when the assembly does not name one',
      '  --endpoint-url <url>         another CloudFormation endpoint, as the AWS CLI\'s option',
      '  --connect-endpoint-url <url> another Amazon Connect endpoint, for --lookup',
      '  --concurrency <n>            how many shards are imported at a time (default 4, at most 20)',
      '',
      "CloudFormation cannot import into a nested stack. For each shard holding adopted agents this imports the shard's",
      'published template as a stack of its own (an IMPORT change set naming each agent by UserArn), moves that stack',
      "to UPDATE_COMPLETE with a tag-only update, then nests the shards' stacks into the parent with an IMPORT change set",
      '(the parent is made first, with a placeholder, when it does not exist). Run `cdk publish-assets <stack>` before,',
      'and `cdk deploy <stack>` after. What is done already is skipped, so a failed run can be run again.',
      'Needs @aws-sdk/client-cloudformation and AWS credentials. Exit 1 when a check or a step fails.',
    ],
    options: {
      'stack': { type: 'string' },
      'dry-run': { type: 'boolean' },
      'lookup': { type: 'boolean' },
      'region': { type: 'string' },
      'endpoint-url': { type: 'string' },
      'connect-endpoint-url': { type: 'string' },
      'concurrency': { type: 'string' },
    },
    async run(values, positionals, io) {
      const assembly = positionals[0] ?? 'cdk.out';
      const concurrency = values.concurrency === undefined ? 4 : Number(values.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 20) {
        throw new UsageError(`--concurrency takes a whole number from 1 to 20, got '${values.concurrency}'`);
      }
      const { plan: importPlan, problems } = planRosterImport(assembly, {
        stack: values.stack as string | undefined, region: values.region as string | undefined, lookup: !!values.lookup,
      });
      if (!importPlan) {
        io.err(`cdk-connect-user import-roster: ${problems.length} problem(s) stop the import; nothing was called:`);
        problems.forEach(p => io.err(`  - ${p}`));
        return 1;
      }
      const users = importPlan.shards.flatMap(s => s.users);
      const missing = users.filter(u => !u.userArn);
      if (missing.length > 0 && values['dry-run']) {
        io.out(`${missing.length} agent(s) without existingUserArn will be looked up by username (--lookup; not under --dry-run)`);
      } else if (missing.length > 0) {
        const lookup = userArnLookup({ endpoint: values['connect-endpoint-url'] as string | undefined, neededBy: '--lookup' });
        for (const u of missing) u.userArn = await lookup(u.instanceArn, u.username);
      }
      io.out(`${users.length} adopted agent(s) in ${importPlan.shards.length} shard(s) of ${importPlan.stack} (stack ${importPlan.stackName}, ${importPlan.region}):`);
      importPlan.shards.forEach(s => io.out(`  ${s.logicalId}: ${s.users.length} agents -> stack ${s.stackName}`));
      if (importPlan.topLevelAdopted > 0) {
        io.err(`${importPlan.topLevelAdopted} adopted ConnectUser(s) are in ${importPlan.stack} itself, not in a shard: import-roster leaves them; `
          + 'import them with cdk import (import-mapping writes its mapping) before cdk deploy, which would otherwise try to create them');
      }
      if (values['dry-run']) {
        io.out('Steps (--dry-run: nothing was called):');
        io.out(`  1. per shard: an IMPORT change set makes its stack from ${importPlan.shards[0]?.templateUrl ?? 'its template'} (and the others'), each agent by UserArn`);
        io.out(`  2. per shard: a tag-only UpdateStack (removing ${IMPORTING_TAG_KEY}) moves its stack from IMPORT_COMPLETE to UPDATE_COMPLETE`);
        io.out(`  3. ${importPlan.stackName}: made with a placeholder if it does not exist; an IMPORT change set nests the shards' stacks (by StackId)`);
        io.out(`Before: npx cdk publish-assets --app ${shellPath(assembly)} ${shellWord(importPlan.stack)}    After: npx cdk deploy --app ${shellPath(assembly)} ${shellWord(importPlan.stack)}`);
        return 0;
      }
      const cfn = sdkImportCfn({ region: importPlan.region, endpoint: values['endpoint-url'] as string | undefined });
      const result = await runRosterImport(importPlan, cfn, l => io.err(l), { concurrency });
      io.out(`Imported ${result.imported.length} shard(s) into ${importPlan.stackName}${result.alreadyDone.length > 0 ? ` (${result.alreadyDone.length} were nested already)` : ''}.`);
      io.out(`Next: npx cdk deploy --app ${shellPath(assembly)} ${shellWord(importPlan.stack)} brings ${importPlan.stackName} to its synthesized template`
        + `${result.parentCreated ? ' (and removes the placeholder)' : ''}; the shards' stacks do not change.`);
      return 0;
    },
  },
  'export': {
    summary: 'write the users of an Amazon Connect instance as a roster (JSON or CSV), each marked for adoption',
    usage: 'cdk-connect-user export --instance-arn <arn> [--out <file>] [--format json|csv] [--region <region>] [--endpoint-url <url>]',
    help: [
      '  --instance-arn <arn>  the Amazon Connect instance',
      '  --out <file>          where to write the roster (default: stdout)',
      '  --format json|csv     the roster document (JSON, the default; csv when --out ends in .csv) or a',
      '                        bulk-upload CSV with the extra columns this library reads',
      '  --region <region>     the region of the API calls (default: the instance\'s)',
      '  --endpoint-url <url>  another Amazon Connect endpoint, as the AWS CLI\'s option',
      '',
      'Reads every user (ListUsers, DescribeUser, ListUserProficiencies) and names the profiles and',
      'hierarchy groups (one listing each). Needs @aws-sdk/client-connect and AWS credentials; no',
      'password is read or written. On stderr: progress, every setting the output cannot express',
      '(by username and field), and the API calls made per operation.',
    ],
    options: {
      'instance-arn': { type: 'string' },
      'out': { type: 'string' },
      'format': { type: 'string' },
      'region': { type: 'string' },
      'endpoint-url': { type: 'string' },
    },
    async run(values, positionals, io) {
      if (positionals.length > 0) throw new UsageError(`export takes no positional argument, got '${positionals[0]}'`);
      const instanceArn = values['instance-arn'] as string | undefined;
      if (instanceArn === undefined) throw new UsageError('--instance-arn <arn> is required');
      if (!checkInstanceArn(instanceArn)) {
        throw new UsageError(`'${instanceArn}' is not an Amazon Connect instance ARN; expected arn:aws:connect:<region>:<account>:instance/<id>`);
      }
      const out = values.out as string | undefined;
      const format = (values.format as string | undefined) ?? (out?.toLowerCase().endsWith('.csv') ? 'csv' : 'json');
      if (format !== 'json' && format !== 'csv') throw new UsageError(`--format must be json or csv, got '${format}'`);
      const api = connectApi(instanceArn, { region: values.region as string | undefined, endpoint: values['endpoint-url'] as string | undefined, neededBy: 'export' });
      const live = await readInstance(api, instanceArn, io.err);
      const { document, notes } = toRosterDocument(live);
      const csv = format === 'csv' ? toCsv(document) : undefined;
      const text = csv ? csv.csv : formatJson(document);
      const lost = [...notes, ...(csv?.notes ?? [])];
      if (lost.length) {
        io.err(`${lost.length} setting(s) the ${format === 'csv' ? 'CSV' : 'roster document'} cannot express as Amazon Connect holds them:`);
        lost.forEach(l => io.err(`  ${l}`));
      }
      if (out !== undefined) {
        fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
        fs.writeFileSync(out, text);
        io.err(`wrote ${document.users.length} user(s) to ${out}`);
      } else {
        io.out(text.replace(/\r?\n$/, ''));
      }
      formatCounts(api.counts).forEach(l => io.err(l));
      return 0;
    },
  },
  'plan': {
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
  },
};

/** A word of a printed command line, quoted for a POSIX shell where it needs to be. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

/** A path as a printed command takes it: relative to the working directory when inside it, else whole. */
function shellPath(p: string): string {
  const relative = path.relative(process.cwd(), path.resolve(p));
  return shellWord(relative === '' ? '.' : relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative) ? path.resolve(p) : relative);
}

/** A mistake in the command line: exit 2. */
class UsageError extends Error {}

function usage(): string[] {
  return [
    'usage: cdk-connect-user <command> [options]',
    '',
    'commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(16)}${c.summary}`),
    '',
    "'cdk-connect-user <command> --help' describes a command's options.",
  ];
}

/**
 * Runs a command line; resolves to the exit code: 0, 1 when the command failed
 * (a file it cannot read, a plan that fails), 2 on bad usage. Messages go to `io.err`.
 */
export async function main(argv: string[], io: Io = { out: console.log, err: console.error }): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    usage().forEach(l => (name === undefined ? io.err : io.out)(l));
    return name === undefined ? 2 : 0;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    io.err(`cdk-connect-user: unknown command '${name}'`);
    usage().forEach(l => io.err(l));
    return 2;
  }
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: rest, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true }) as any;
    if (parsed.values.help) {
      [`usage: ${command.usage}`, '', ...command.help].forEach(l => io.out(l));
      return 0;
    }
    if (parsed.positionals.length > 1) {
      throw new UsageError(`expected at most one cloud assembly directory, got ${parsed.positionals.map(p => `'${p}'`).join(' and ')}`);
    }
    return await command.run(parsed.values, parsed.positionals, io);
  } catch (e) {
    io.err(`cdk-connect-user ${name}: ${(e as Error).message}`);
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`usage: ${command.usage}`);
      return 2;
    }
    return 1;
  }
}

if (require.main === module) {
  // exitCode rather than exit(): exit() would cut off output still on its way into a pipe (`plan --json | jq`).
  main(process.argv.slice(2)).then(code => { process.exitCode = code; }, (e: Error) => {
    console.error(`cdk-connect-user: ${e.message}`);
    process.exitCode = 1;
  });
}
