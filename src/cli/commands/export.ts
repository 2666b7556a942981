/**
 * `cdk-connect-user export`: the users of an Amazon Connect instance as a
 * roster, JSON or CSV (../export.ts reads the instance and writes the document).
 */
import * as fs from 'fs';
import * as path from 'path';
import { connectApi, formatCounts } from '../aws/connect';
import { awsPolicy, CONNECT_BURST, CONNECT_RATE_PER_SECOND } from '../aws/policy';
import { checkInstanceArn, formatJson, readInstance, toCsv, toRosterDocument } from '../export';
import { Command, POLICY_HELP, USAGE_EXIT, UsageError } from './command';

/** `cdk-connect-user export`. */
export const exportCommand: Command = {
  name: 'export',
  summary: 'write the users of an Amazon Connect instance as a roster (JSON or CSV), each marked for adoption',
  usage: 'cdk-connect-user export --instance-arn <arn> [--out <file>] [--format json|csv] [--rate <n>] [--region <region>] [--endpoint-url <url>]',
  help: [
    '  --instance-arn <arn>  the Amazon Connect instance',
    '  --out <file>          where to write the roster (default: stdout)',
    '  --format json|csv     the roster document (JSON, the default; csv when --out ends in .csv) or a',
    '                        bulk-upload CSV with the extra columns this library reads',
    `  --rate <n>            DescribeUser and ListUserProficiencies calls a second, each (default: ${CONNECT_RATE_PER_SECOND},`,
    `                        Amazon Connect's documented rate, bursts of ${CONNECT_BURST}); raise it if your account's limit is raised`,
    '  --region <region>     the region of the API calls (default: the instance\'s)',
    '  --endpoint-url <url>  another Amazon Connect endpoint, as the AWS CLI\'s option',
    '',
    ...POLICY_HELP,
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
    'rate': { type: 'string' },
    'region': { type: 'string' },
    'endpoint-url': { type: 'string' },
  },
  exitCodes: [
    { code: 0, meaning: 'the roster is written' },
    { code: 1, meaning: 'the export failed: the SDK is missing, an AWS call failed (after its retries and timeouts), or the file cannot be written' },
    USAGE_EXIT,
  ],
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
    const rate = values.rate === undefined ? undefined : Number(values.rate);
    if (rate !== undefined && !(rate > 0 && rate <= 1000)) throw new UsageError(`--rate must be a number of calls a second above 0 and at most 1000, got '${values.rate}'`);
    const api = connectApi(instanceArn, {
      region: values.region as string | undefined,
      endpoint: values['endpoint-url'] as string | undefined,
      neededBy: 'export',
      ratePerSecond: rate ?? awsPolicy.connectRatePerSecond,
    });
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
      // Through a file of its own beside it, renamed over the target: a run that stops half way (an error, a
      // kill) leaves the previous export whole rather than a truncated one.
      const partial = `${out}.${process.pid}.partial`;
      try {
        fs.writeFileSync(partial, text);
        fs.renameSync(partial, out);
      } finally {
        fs.rmSync(partial, { force: true });
      }
      io.err(`wrote ${document.users.length} user(s) to ${out}`);
    } else {
      io.out(text.replace(/\r?\n$/, ''));
    }
    formatCounts(api.counts).forEach(l => io.err(l));
    return 0;
  },
};
