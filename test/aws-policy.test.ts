/**
 * The CLI's one policy for AWS calls (src/cli/aws/policy.ts), through the real
 * SDK clients, against an HTTP server on 127.0.0.1 that this file starts and
 * that accepts every request but never answers: a call fails within the
 * policy's timeouts instead of hanging, and every listing stops at its bound.
 */
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useDummyCredentials } from './util/credentials';
import { DeployedTemplates, sdkImportCfn } from '../src/cli/aws/cloudformation';
import { connectApi, listAll, loadConnectSdk, userArnLookup } from '../src/cli/aws/connect';
import {
  awsPolicy, CALL_DEADLINE_MS, clientConfig, CONNECT_BURST, CONNECT_RATE_PER_SECOND, CONNECTION_TIMEOUT_MS, MAX_ATTEMPTS, MAX_PAGES,
  REQUEST_TIMEOUT_MS, RETRY_MODE,
} from '../src/cli/aws/policy';
import { deployedUsers } from '../src/cli/deployed';
import { main } from '../src/cli/main';

useDummyCredentials();

const INSTANCE_ARN = 'arn:aws:connect:us-east-1:111122223333:instance/i-1';

/** An HTTP server on 127.0.0.1 that reads every request and never answers it. */
let silent: http.Server;
/** The requests it received (each attempt of a call is one). */
const received: string[] = [];
let endpoint: string;

beforeAll(async () => {
  silent = http.createServer(req => {
    received.push(`${req.method} ${req.url}`);
    // No answer, ever: the client must give up by itself.
  });
  await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
});

afterAll(async () => {
  silent.closeAllConnections();
  await new Promise(resolve => silent.close(resolve));
});

const defaults = { ...awsPolicy };
afterEach(() => {
  Object.assign(awsPolicy, defaults);
  delete awsPolicy.delayMs;
  received.length = 0;
});

/** How long `promise` takes to settle, and its error. */
async function timed(promise: Promise<unknown>): Promise<{ ms: number; error: any }> {
  const started = Date.now();
  const error = await promise.then(() => undefined, e => e);
  return { ms: Date.now() - started, error };
}

describe('the policy every SDK client is made with', () => {
  it('holds the named constants', () => {
    expect(awsPolicy).toEqual({
      retryMode: RETRY_MODE,
      maxAttempts: MAX_ATTEMPTS,
      connectionTimeoutMs: CONNECTION_TIMEOUT_MS,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      callDeadlineMs: CALL_DEADLINE_MS,
      maxPages: MAX_PAGES,
      connectRatePerSecond: CONNECT_RATE_PER_SECOND,
      connectBurst: CONNECT_BURST,
    });
    expect([RETRY_MODE, MAX_ATTEMPTS, CONNECTION_TIMEOUT_MS, REQUEST_TIMEOUT_MS, CALL_DEADLINE_MS]).toEqual(['adaptive', 20, 10_000, 30_000, 180_000]);
    expect([CONNECT_RATE_PER_SECOND, CONNECT_BURST]).toEqual([2, 5]);
    // The deadline is what bounds a call: it comes before ten request timeouts would.
    expect(CALL_DEADLINE_MS).toBeLessThan(MAX_ATTEMPTS * (CONNECTION_TIMEOUT_MS + REQUEST_TIMEOUT_MS));
  });

  it.each(['@aws-sdk/client-connect', '@aws-sdk/client-cloudformation'])('the installed %s takes it as the SDK resolves it', async (pkg) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require(pkg);
    const Client = sdk.ConnectClient ?? sdk.CloudFormationClient;
    const client = new Client(clientConfig(pkg, { region: 'us-east-1', endpoint }));
    try {
      expect(await client.config.maxAttempts()).toBe(MAX_ATTEMPTS);
      expect((await client.config.retryStrategy()).mode).toBe('adaptive');
      // The plain options object became the SDK's own Node.js handler (not an object without `handle`).
      expect(client.config.requestHandler.constructor.name).toBe('NodeHttpHandler');
      // A throttled retry costs nothing of the SDK's retry quota; other retries cost what the SDK says.
      const standard = (await client.config.retryStrategy()).standardRetryStrategy;
      expect(standard.getCapacityCost('THROTTLING')).toBe(0);
      expect(standard.getCapacityCost('TRANSIENT')).toBeGreaterThan(0);
    } finally {
      client.destroy();
    }
  });
});

describe('a server that never answers', () => {
  it('a Connect call fails after maxAttempts request timeouts, instead of hanging', async () => {
    Object.assign(awsPolicy, { requestTimeoutMs: 300, maxAttempts: 2 });
    awsPolicy.delayMs = () => 1;
    const api = connectApi(INSTANCE_ARN, { endpoint, neededBy: 'test' });
    const { ms, error } = await timed(api.call('DescribeUser', { InstanceId: 'i-1', UserId: 'u-1' }));
    expect(error).toMatchObject({ name: 'TimeoutError', message: expect.stringMatching(/exceeded the configured 300 ms requestTimeout/) });
    // Each attempt reached the server and was given up after the request timeout: two of them, then the error.
    expect(received).toEqual(['GET /users/i-1/u-1', 'GET /users/i-1/u-1']);
    expect(ms).toBeGreaterThanOrEqual(2 * 300 - 50);
    expect(ms).toBeLessThan(2 * 300 + 2_000);
    expect(api.counts).toEqual({ DescribeUser: { calls: 1, retries: 1 } });
  });

  it('the deadline ends a call whose attempts would go on longer, with a message naming the operation', async () => {
    Object.assign(awsPolicy, { requestTimeoutMs: 300, maxAttempts: 10, callDeadlineMs: 1_000 });
    awsPolicy.delayMs = () => 1;
    const api = connectApi(INSTANCE_ARN, { endpoint, neededBy: 'test' });
    const { ms, error } = await timed(api.call('ListUsers', { InstanceId: 'i-1' }));
    expect(error.message).toBe(`ListUsers (instance i-1, at ${endpoint}) got no answer within 1 s, retries included: check the network and the endpoint, then run the command again`);
    expect(error.cause).toMatchObject({ name: 'AbortError' });
    expect(ms).toBeGreaterThanOrEqual(1_000 - 50);
    expect(ms).toBeLessThan(1_000 + 2_000);
    // Three attempts timed out; the fourth was under way when the deadline came.
    expect(received.length).toBeGreaterThanOrEqual(3);
    expect(received.length).toBeLessThan(10);
  });

  it('a CloudFormation call fails the same way (the same policy)', async () => {
    Object.assign(awsPolicy, { requestTimeoutMs: 300, maxAttempts: 2 });
    awsPolicy.delayMs = () => 1;
    const cfn = sdkImportCfn({ region: 'us-east-1', endpoint });
    const { ms, error } = await timed(cfn.describeStack('Agents'));
    expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(received).toEqual(['POST /', 'POST /']);
    expect(ms).toBeLessThan(2 * 300 + 2_000);
  });

  it('export exits 1 with the timeout on stderr', async () => {
    Object.assign(awsPolicy, { requestTimeoutMs: 300, maxAttempts: 1 });
    const err: string[] = [];
    let code: number | undefined;
    // The code is checked outside the timed promise, whose rejections timed() catches.
    const { ms } = await timed(main(['export', '--instance-arn', INSTANCE_ARN, '--endpoint-url', endpoint], { out: () => undefined, err: l => err.push(l) })
      .then(c => { code = c; }));
    expect(code).toBe(1);
    expect(err).toEqual([expect.stringMatching(new RegExp(`^cdk-connect-user export: \\w+ \\(instance i-1, at ${endpoint}\\) failed: `
      + '@smithy/node-http-handler - \\[ERROR\\] a request has exceeded the configured 300 ms requestTimeout'))]);
    expect(ms).toBeLessThan(300 + 2_000);
  });

  it('plan --deployed exits 3 (no plan: a deployed template could not be read) with the timeout on stderr', async () => {
    Object.assign(awsPolicy, { requestTimeoutMs: 300, maxAttempts: 1 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-hung-'));
    try {
      fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({
        artifacts: { Agents: { type: 'aws:cloudformation:stack', environment: 'aws://111122223333/us-east-1', properties: { templateFile: 'Agents.template.json' } } },
      }));
      fs.writeFileSync(path.join(dir, 'Agents.template.json'), JSON.stringify({ Resources: {} }));
      const err: string[] = [];
      let code: number | undefined;
      const { ms } = await timed(main(['plan', dir, '--deployed', '--endpoint-url', endpoint], { out: () => undefined, err: l => err.push(l) })
        .then(c => { code = c; }));
      expect(code).toBe(3);
      expect(err).toEqual([expect.stringMatching(/^cdk-connect-user plan: .*requestTimeout/)]);
      expect(ms).toBeLessThan(300 + 2_000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('every listing has a bound', () => {
  /** A Connect SDK whose every answer hands out a new NextToken. */
  function endlessSdk(answer: (page: number) => Record<string, unknown>) {
    let page = 0;
    return () => ({
      ConnectClient: class { async send() { return { ...answer(++page), NextToken: `t${page}` }; } },
      ListUsersCommand: class { constructor(public readonly input: unknown) {} },
      SearchUsersCommand: class { constructor(public readonly input: unknown) {} },
    });
  }
  const sdk = loadConnectSdk.load;
  afterEach(() => {
    loadConnectSdk.load = sdk;
  });

  it('listAll stops after maxPages pages, each with a new token', async () => {
    awsPolicy.maxPages = 3;
    loadConnectSdk.load = endlessSdk(() => ({ UserSummaryList: [] }));
    const api = connectApi(INSTANCE_ARN, { neededBy: 'test' });
    await expect(listAll(api, 'ListUsers', { InstanceId: 'i-1' }, 'UserSummaryList', 1000))
      .rejects.toThrow('ListUsers (instance i-1) was still handing out pages after 3: the listing would not end, so it stopped');
    expect(api.counts.ListUsers.calls).toBe(3);
  });

  it('a loop of its own over the API (findUser in a lookup) is stopped by the API', async () => {
    awsPolicy.maxPages = 3;
    loadConnectSdk.load = endlessSdk(() => ({ Users: [] }));
    const lookup = userArnLookup({ neededBy: '--lookup' });
    await expect(lookup(INSTANCE_ARN, 'jane')).rejects.toThrow('SearchUsers (instance i-1, at https://connect.us-east-1.amazonaws.com) was still handing out pages after 3: the listing would not end, so it stopped');
  });

  it('plan --deployed reads each nested stack once: an answer that nests a stack in itself is an error, not a walk for ever', async () => {
    const template = { Resources: { Shard: { Type: 'AWS::CloudFormation::Stack' } } };
    const cfn: DeployedTemplates = { template: async () => template, nestedStackId: async () => 'arn:aws:cloudformation:us-east-1:111122223333:stack/Shard/1' };
    await expect(deployedUsers([{ id: 'Agents', stackName: 'Agents', template, nestedTemplate: () => undefined }], () => cfn))
      .rejects.toThrow('Agents/Shard/Shard: CloudFormation names arn:aws:cloudformation:us-east-1:111122223333:stack/Shard/1 as this nested stack, which was read already higher up');
  });
});
