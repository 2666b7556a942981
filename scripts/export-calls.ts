/**
 * The API calls `cdk-connect-user export` makes for N users, measured against the
 * fake Amazon Connect endpoint of the tests (127.0.0.1, dummy credentials; nothing
 * reaches AWS):
 *
 *   npx ts-node --transpile-only scripts/export-calls.ts [users=2000] [identity type=CONNECT_MANAGED] [throttled fraction=0.05]
 *
 * Prints the CLI's stderr (progress, what the document cannot express, the calls per
 * operation), then the calls the endpoint answered and the minimum derived in src/cli/export.ts.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { awsPolicy } from '../src/cli/aws/policy';
import { minimalCalls } from '../src/cli/export';
import { main } from '../src/cli/main';
import { FakeConnect, FakeInstance, generateInstance } from '../test/util/fake-connect';

async function measure(): Promise<void> {
  const users = Number(process.argv[2] ?? 2000);
  const type = (process.argv[3] ?? 'CONNECT_MANAGED') as FakeInstance['identityManagementType'];
  const fraction = Number(process.argv[4] ?? 0.05);
  process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
  process.env.AWS_SECRET_ACCESS_KEY = 'fake-secret-for-a-local-endpoint';
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  // The SDK's retries, without its seconds of backoff (the fake answers at once).
  awsPolicy.delayMs = () => 1;
  const instance = generateInstance(users, type);
  const fake = await FakeConnect.start([instance]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-calls-'));
  try {
    fake.throttle(fraction);
    const started = Date.now();
    const code = await main(['export', '--instance-arn', instance.arn, '--endpoint-url', fake.url, '--out', path.join(dir, 'roster.json')],
      { out: () => undefined, err: line => console.error(line) });
    console.log(`exit ${code} after ${Date.now() - started} ms`);
    console.log('answered by the endpoint:', JSON.stringify(fake.calls));
    console.log('throttled (429) and retried:', JSON.stringify(fake.throttled));
    console.log('minimum:', JSON.stringify(minimalCalls(users, instance.users.map(u => u.proficiencies.length),
      instance.routingProfiles.length, instance.securityProfiles.length, instance.hierarchyGroups.length)));
  } finally {
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void measure();
