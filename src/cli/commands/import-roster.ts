/**
 * `cdk-connect-user import-roster`: imports a roster's adopted agents, which are
 * in nested stacks (the shards), into CloudFormation; ../import-roster-plan.ts
 * checks and plans, ../import-roster-run.ts runs the steps.
 */
import { sdkImportCfn } from '../aws/cloudformation';
import { userArnLookup } from '../aws/connect';
import { IMPORTING_TAG_KEY, planRosterImport } from '../import-roster-plan';
import { runRosterImport } from '../import-roster-run';
import { Command, shellPath, shellWord, POLICY_HELP, USAGE_EXIT, UsageError } from './command';

/** `cdk-connect-user import-roster`. */
export const importRosterCommand: Command = {
  name: 'import-roster',
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
    '',
    ...POLICY_HELP,
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
  exitCodes: [
    { code: 0, meaning: 'the shards are imported and nested (or were already); with --dry-run: every check passes' },
    {
      code: 1,
      meaning: 'a check stops the import (every problem on stderr; nothing was called), or a step failed (what is done stays done, '
        + 'and a new run goes on from there)',
    },
    USAGE_EXIT,
  ],
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
};
