/**
 * Every command that calls AWS, against endpoints on 127.0.0.1 that misbehave
 * as the probes did: 200 answers with nothing in them (an error naming
 * the operation, the resource and the endpoint: never an empty instance, a
 * missing user, a CREATED plan or hours of polling), a server that never answers
 * (the command ends within its timeouts, naming the operation), listings whose
 * NextToken never ends or repeats (stopped, naming the operation), and half of
 * the requests throttled (export of 300 users completes); and the client-side
 * rate limit of export's per-user calls.
 */
import * as http from 'http';
import { AddressInfo } from 'net';
import { App, Stack } from 'aws-cdk-lib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectUser, ConnectUserRoster, IdentityManagementType } from '../src';
import { useDummyCredentials } from './util/credentials';
import { FakeConnect, generateInstance } from './util/fake-connect';
import { ACCOUNT, INSTANCE_ARN, INSTANCE_ID, REGION, refs, routingProfileArn, securityProfileArn, userArn } from './util/fixtures';
import { tempDirs } from './util/tmp';
import { awsPolicy, RateLimiter } from '../src/cli/aws/policy';
import { main } from '../src/cli/main';

useDummyCredentials();
const tmp = tempDirs('aws-answers');

async function run(args: string[]): Promise<{ code: number; out: string; err: string; ms: number }> {
  const out: string[] = [];
  const err: string[] = [];
  const started = Date.now();
  const code = await main(args, { out: l => out.push(l), err: l => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n'), ms: Date.now() - started };
}

/**
 * A server that answers every request 200 with nothing in it: `{}` for Amazon Connect (REST-JSON), and for
 * CloudFormation (query protocol) the operation's XML envelope with an empty result; or, with `silent`, never.
 */
async function misbehaving(silent = false): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', c => { body += c; });
    req.on('end', () => {
      requests.push(`${req.method} ${req.url}`);
      if (silent) return;
      const action = new URLSearchParams(body).get('Action');
      if (action) {
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(`<${action}Response xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><${action}Result></${action}Result>`
          + `<ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></${action}Response>`);
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      }
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    },
  };
}

/**
 * An assembly: stack Agents with a top-level adopted user (with or without its ARN) and a roster of two adopted
 * agents; with `created`, also a user to create (what preflight checks).
 */
function assembly(withArn: boolean, created = false): string {
  const outdir = tmp();
  const app = new App({ outdir });
  const stack = new Stack(app, 'Agents', { env: { account: ACCOUNT, region: REGION } });
  const r = refs(stack, IdentityManagementType.SAML);
  new ConnectUser(stack, 'Adopted', {
    instance: r.instance,
    username: 'adopted.one',
    routingProfile: r.routingProfile,
    securityProfiles: [r.securityProfile],
    identityInfo: { firstName: 'A', lastName: 'B' },
    adopt: true,
    ...(withArn ? { existingUserArn: userArn('u-1') } : {}),
  });
  if (created) {
    new ConnectUser(stack, 'New', {
      instance: r.instance, username: 'new.one', routingProfile: r.routingProfile, securityProfiles: [r.securityProfile], identityInfo: { firstName: 'A', lastName: 'B' },
    });
  }
  new ConnectUserRoster(stack, 'Roster', {
    json: JSON.stringify({
      version: 1,
      instanceArn: INSTANCE_ARN,
      identityManagementType: 'SAML',
      routingProfiles: { Basic: routingProfileArn() },
      securityProfiles: { Agent: securityProfileArn() },
      users: [0, 1].map(i => ({
        username: `agent.${i}`, routingProfile: 'Basic', securityProfiles: ['Agent'], firstName: 'A', lastName: 'B', adopt: true, existingUserArn: userArn(`u-2${i}`),
      })),
    }),
  });
  app.synth();
  return outdir;
}

const defaults = { ...awsPolicy };
afterEach(() => {
  Object.assign(awsPolicy, defaults);
  delete awsPolicy.delayMs;
});

describe('200 answers with nothing in them are errors, never empty results', () => {
  let endpoint: Awaited<ReturnType<typeof misbehaving>>;
  beforeAll(async () => {
    endpoint = await misbehaving();
  });
  afterAll(async () => endpoint.close());

  it.each([
    ['export (not 0 users, exit 0)', () => ['export', '--instance-arn', INSTANCE_ARN], /(DescribeInstance|ListUsers|ListRoutingProfiles|ListSecurityProfiles|ListUserHierarchyGroups) \(instance \S+, at URL\) answered without \w+, which it always returns/],
    ['import-mapping --lookup (not "no such user")', () => ['import-mapping', assembly(false), '--lookup', '--out', tmp()], /SearchUsers \(instance \S+, at URL\) answered without Users, which it always returns/],
    ['import-mapping --check-drift (not a TypeError)', () => ['import-mapping', assembly(true), '--check-drift'], /DescribeUser \(instance \S+, user u-1, at URL\) answered without User, which it always returns/],
    ['preflight', () => ['preflight', assembly(true, true), '--service-quotas-endpoint-url', endpoint.url], /(DescribeInstance|SearchUsers|List\w+) \(instance \S+, at URL\) answered without \w+, which it always returns/],
  ])('%s against Amazon Connect', async (_what, args, message) => {
    const result = await run([...args(), '--endpoint-url', endpoint.url]);
    expect(result.err).toMatch(new RegExp(message.source.replace('URL', endpoint.url.replace(/\./g, '\\.'))));
    expect(result.code).not.toBe(0);
    expect(result.out).not.toMatch(/"users": \[\]|0 differ/);
  });

  it('plan --deployed against CloudFormation (not every user CREATED)', async () => {
    const result = await run(['plan', assembly(true), '--deployed', '--endpoint-url', endpoint.url]);
    expect(result.err).toMatch(/GetTemplate \(stack Agents, at http:\/\/127\.0\.0\.1:\d+\) answered without TemplateBody, which it always returns/);
    expect(result.out).not.toMatch(/CREATED/);
    expect(result.code).not.toBe(0);
  });

  it('import-roster against CloudFormation (no stack created, no polling)', async () => {
    endpoint.requests.length = 0;
    const result = await run(['import-roster', assembly(true), '--endpoint-url', endpoint.url]);
    expect(result.err).toMatch(/DescribeStacks \(stack Agents, at http:\/\/127\.0\.0\.1:\d+\) answered without Stacks, which it always returns/);
    expect(endpoint.requests).toHaveLength(1);
    expect(result.code).not.toBe(0);
  });
});

describe('a server that never answers: every command ends within its timeouts, naming the operation', () => {
  let endpoint: Awaited<ReturnType<typeof misbehaving>>;
  beforeAll(async () => {
    endpoint = await misbehaving(true);
  });
  afterAll(async () => endpoint.close());

  it.each([
    ['import-mapping --lookup', () => ['import-mapping', assembly(false), '--lookup', '--out', tmp()], /SearchUsers \(instance \S+, at URL\) failed: .*requestTimeout/],
    ['import-mapping --check-drift', () => ['import-mapping', assembly(true), '--check-drift'], /DescribeUser \(instance \S+, user u-1, at URL\) failed: .*requestTimeout/],
    ['preflight', () => ['preflight', assembly(true, true), '--service-quotas-endpoint-url', endpoint.url], /\w+ \(instance \S+, at URL\) failed: .*requestTimeout/],
    ['plan --deployed', () => ['plan', assembly(true), '--deployed'], /GetTemplate \(stack Agents, at URL\)|requestTimeout/],
    ['import-roster', () => ['import-roster', assembly(true)], /requestTimeout/],
  ])('%s', async (_what, args, message) => {
    Object.assign(awsPolicy, { requestTimeoutMs: 300, maxAttempts: 1 });
    const result = await run([...args(), '--endpoint-url', endpoint.url]);
    expect(result.err).toMatch(new RegExp(message.source.replace('URL', endpoint.url.replace(/\./g, '\\.'))));
    expect(result.code).not.toBe(0);
    expect(result.ms).toBeLessThan(10_000);
  }, 20_000);
});

describe('a listing that never ends stops with an error naming the operation', () => {
  it.each([
    ['export', 'ListUsers', 'UserSummaryList', () => ['export', '--instance-arn', INSTANCE_ARN]],
    ['import-mapping --lookup', 'SearchUsers', 'Users', () => ['import-mapping', assembly(false), '--lookup', '--out', tmp()]],
    ['preflight', 'SearchUsers', 'Users', () => ['preflight', assembly(true, true)]],
  ] as const)('%s: %s handing out a new NextToken on every page stops after maxPages', async (_what, op, key, args) => {
    awsPolicy.maxPages = 5;
    const fake = await FakeConnect.start([generateInstance(3, 'SAML', { id: INSTANCE_ID })]);
    try {
      fake.answerEndless(op, key, 'new');
      // (--service-quotas-endpoint-url: nothing in a test reaches AWS; the fake answers 404, so the quota would be the documented one.)
      const given = args();
      const result = await run([...given, '--endpoint-url', fake.url, ...(given[0] === 'preflight' ? ['--service-quotas-endpoint-url', fake.url] : [])]);
      expect(result.err).toMatch(new RegExp(`${op} \\(instance ${INSTANCE_ID}[^)]*\\) was still handing out pages after 5: the listing would not end, so it stopped`));
      expect(fake.calls[op]).toBe(5);
      expect(result.code).not.toBe(0);
    } finally {
      await fake.close();
    }
  });

  it.each([
    ['export', 'ListRoutingProfiles', 'RoutingProfileSummaryList', () => ['export', '--instance-arn', INSTANCE_ARN]],
    ['preflight', 'ListPredefinedAttributes', 'PredefinedAttributeSummaryList', () => ['preflight', assembly(true, true)]],
  ] as const)('%s: %s handing out the same NextToken again stops at the second page', async (_what, op, key, args) => {
    const fake = await FakeConnect.start([generateInstance(3, 'SAML', { id: INSTANCE_ID })]);
    try {
      fake.answerEndless(op, key, 'same');
      const given = args();
      const result = await run([...given, '--endpoint-url', fake.url, ...(given[0] === 'preflight' ? ['--service-quotas-endpoint-url', fake.url] : [])]);
      expect(result.err).toContain(`${op} (instance ${INSTANCE_ID}) returned the same NextToken twice: the listing would never end, so it stopped`);
      expect(fake.calls[op]).toBe(2);
      expect(result.code).not.toBe(0);
    } finally {
      await fake.close();
    }
  });
});

describe('throttling and the rate limit', () => {
  it('export of 300 users completes with half of all requests throttled', async () => {
    const instance = generateInstance(300, 'CONNECT_MANAGED', { id: INSTANCE_ID });
    const fake = await FakeConnect.start([instance]);
    // The SDK's retries as configured, with 1 ms between attempts instead of seconds.
    awsPolicy.delayMs = () => 1;
    try {
      fake.throttle(0.5, 24);
      const result = await run(['export', '--instance-arn', instance.arn, '--endpoint-url', fake.url]);
      expect(result.err).not.toMatch(/Rate exceeded/);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.out).users).toHaveLength(300);
      expect(Object.values(fake.throttled).reduce((a, b) => a + b, 0)).toBeGreaterThan(500);
    } finally {
      await fake.close();
    }
  }, 60_000);

  it('export sends its per-user calls at most at the rate: 30 users at --rate 20 take at least (30 - burst 5) / 20 s', async () => {
    const instance = generateInstance(30, 'SAML', { id: INSTANCE_ID });
    const fake = await FakeConnect.start([instance], { documentedRate: true });
    try {
      const result = await run(['export', '--instance-arn', instance.arn, '--endpoint-url', fake.url, '--rate', '20']);
      expect(result.code).toBe(0);
      expect(fake.calls.DescribeUser).toBe(30);
      expect(result.ms).toBeGreaterThanOrEqual(((30 - 5) / 20) * 1000 - 50);
    } finally {
      await fake.close();
    }
  });

  it('the rate limiter lets a burst through at once, then one call per 1/rate seconds', async () => {
    const limiter = new RateLimiter(50, 3);
    const started = Date.now();
    const times: number[] = [];
    await Promise.all(Array.from({ length: 8 }, () => limiter.take().then(() => times.push(Date.now() - started))));
    expect(times.slice(0, 3).every(t => t < 15)).toBe(true);
    // Five more at 50 a second: the last no sooner than 5 / 50 s.
    expect(times[7]).toBeGreaterThanOrEqual(100 - 5);
    expect(() => new RateLimiter(0, 1)).toThrow(/a rate above 0/);
  });

  it('--rate takes a positive number', async () => {
    const result = await run(['export', '--instance-arn', INSTANCE_ARN, '--rate', 'fast']);
    expect(result.err).toMatch(/--rate must be a number of calls a second above 0 and at most 1000, got 'fast'/);
    expect(result.code).toBe(2);
  });
});
