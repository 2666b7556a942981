import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it, vi } from 'vitest';
import { ConnectInstance, ConnectUser } from '../src';
import { INSTANCE_ARN, newStack } from './util/fixtures';
import { LOOKUP_FIXED_DEADLINE_MS, LOOKUP_HANDLER_CODE, LOOKUP_RESPONSE_MARGIN_MS } from '../src/private/lookup-handler';

function lookup(stack: Stack, id = 'Supervisor', username = 'jane.smith') {
  const instance = ConnectInstance.fromInstanceArn(stack, `${id}Instance`, INSTANCE_ARN);
  return ConnectUser.fromUsername(stack, id, { instance, username });
}

describe('ConnectUser.fromUsername: what it synthesizes', () => {
  it('a custom resource with the instance and username, whose attributes are the user ARN and id', () => {
    const stack = newStack();
    const user = lookup(stack);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::ConnectUserLookup', { InstanceArn: INSTANCE_ARN, Username: 'jane.smith' });
    const [crId] = Object.keys(template.findResources('Custom::ConnectUserLookup'));
    expect(stack.resolve(user.userArn)).toEqual({ 'Fn::GetAtt': [crId, 'UserArn'] });
    expect(stack.resolve(user.userId)).toEqual({ 'Fn::GetAtt': [crId, 'UserId'] });
    expect(user.instanceArn).toBe(INSTANCE_ARN);
  });

  it('a Lambda with the inline SearchUsers code and a least-privilege policy', () => {
    const stack = newStack();
    lookup(stack);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x', Handler: 'index.handler', Code: { ZipFile: Match.stringLikeRegexp('ComparisonType: .EXACT.') },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['connect:SearchUsers', 'connect:DescribeUser', 'connect:ListUserProficiencies'], Resource: [INSTANCE_ARN, `${INSTANCE_ARN}/agent/*`] }] },
    });
  });

  it('shares one Lambda between the lookups of a stack', () => {
    const stack = newStack();
    lookup(stack, 'A', 'a.one');
    lookup(stack, 'B', 'b.two');
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.resourceCountIs('Custom::ConnectUserLookup', 2);
  });

  it('rejects a malformed username or instance ARN at synth', () => {
    const stack = newStack();
    expect(() => lookup(stack, 'X', '!!')).toThrow(/ConnectUser.fromUsername\('X'\) has 1 problem:\n {2}- username: '!!' has none of the characters the registry schema requires/);
    const bad = { instanceRef: { instanceArn: 'i-123' }, node: stack.node, env: stack.env } as any;
    expect(() => ConnectUser.fromUsername(stack, 'Y', { instance: bad, username: 'ok' })).toThrow(/instance: 'i-123' is not an Amazon Connect instance ARN/);
  });
});

/** Runs the Lambda's inline code with a fake Connect client and a fake HTTPS response endpoint. */
type Page = { Users: Array<{ Username: string; Arn: string; Id: string }>; NextToken?: string };
/** A fake Connect client's `send`, given the SearchUsers input and the number of earlier calls. */
type Send = (input: any, call: number) => Promise<Page>;
/** The part of the Lambda context the handler reads. */
type Context = { getRemainingTimeInMillis(): number };
async function invoke(pages: Page[] | Send, event: Record<string, unknown>, context?: Context) {
  const requests: any[] = [];
  let responseBody = '';
  const send: Send = typeof pages === 'function' ? pages : async (_input, call) => pages[call];
  const fakeRequire = (name: string) => {
    if (name === 'https') {
      return {
        request: (_url: string, _opts: unknown, cb: (res: any) => void) => ({
          on: () => undefined,
          end: (body: string) => {
            responseBody = body;
            cb({ resume: () => undefined, on: (_e: string, done: () => void) => done() });
          },
        }),
      };
    }
    if (name === '@aws-sdk/client-connect') {
      return {
        SearchUsersCommand: class { constructor(public readonly input: any) {} },
        ConnectClient: class { async send(cmd: any) { requests.push(cmd.input); return send(cmd.input, requests.length - 1); } },
      };
    }
    throw new Error(`unexpected require ${name}`);
  };
  const module = { exports: {} as any };
  new Function('require', 'module', 'exports', LOOKUP_HANDLER_CODE)(fakeRequire, module, module.exports);
  await module.exports.handler({ RequestType: 'Create', ResponseURL: 'https://example.invalid/r', StackId: 's', RequestId: 'r', LogicalResourceId: 'L', ...event }, context);
  return { requests, response: JSON.parse(responseBody) };
}

const props = { ResourceProperties: { InstanceArn: INSTANCE_ARN, Username: 'jane' } };
const user = (Username: string, id = Username) => ({ Username, Arn: `${INSTANCE_ARN}/agent/${id}`, Id: id });

describe('the lookup Lambda', () => {
  it('answers with the ARN and id of the one exact match, searching with an EXACT condition', async () => {
    const { requests, response } = await invoke([{ Users: [user('jane', 'j-1')] }], props);
    expect(requests[0]).toEqual({
      InstanceId: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
      MaxResults: 100,
      NextToken: undefined,
      SearchCriteria: { StringCondition: { FieldName: 'Username', Value: 'jane', ComparisonType: 'EXACT' } },
    });
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: `${INSTANCE_ARN}/agent/j-1`, Data: { UserArn: `${INSTANCE_ARN}/agent/j-1`, UserId: 'j-1' } });
  });

  it('follows every page', async () => {
    const { requests, response } = await invoke([{ Users: [], NextToken: 't1' }, { Users: [user('jane')] }], props);
    expect(requests.map(r => r.NextToken)).toEqual([undefined, 't1']);
    expect(response.Status).toBe('SUCCESS');
  });

  it('fails the deployment with a clear reason when no user matches, naming users that differ only in case', async () => {
    const { response } = await invoke([{ Users: [user('Jane')] }], props);
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toBe(`No Amazon Connect user has the username 'jane' in instance ${INSTANCE_ARN} (usernames that differ only in case: Jane); expected exactly one`);
  });

  it('fails the deployment when more than one user matches', async () => {
    const { response } = await invoke([{ Users: [user('jane', 'a')] }, { Users: [user('jane', 'b')] }].map((p, i) => (i === 0 ? { ...p, NextToken: 'n' } : p)), props);
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toMatch(/^2 Amazon Connect users have the username 'jane' in instance .* \(.*agent\/a, .*agent\/b\); expected exactly one$/);
  });

  it('does nothing on delete', async () => {
    const { requests, response } = await invoke([], { ...props, RequestType: 'Delete', PhysicalResourceId: 'arn-x' });
    expect(requests).toEqual([]);
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'arn-x' });
  });

  describe('answers FAILED before the Lambda times out when SearchUsers does not end', () => {
    /** A context whose deadline (the remaining time less the handler's margin) is `ms` away. */
    const context = (ms: number): Context => {
      const end = Date.now() + LOOKUP_RESPONSE_MARGIN_MS + ms;
      return { getRemainingTimeInMillis: () => end - Date.now() };
    };
    /** A real client does I/O between pages: yield to the event loop, as it would. */
    const io = () => new Promise<void>(resolve => setImmediate(resolve));

    it('stops when SearchUsers hands back a NextToken it already returned', async () => {
      const { requests, response } = await invoke(async () => {
        await io();
        return { Users: [], NextToken: 'same' };
      }, props, context(60_000));
      expect(requests.map(r => r.NextToken)).toEqual([undefined, 'same']);
      expect(response.Status).toBe('FAILED');
      expect(response.Reason).toBe(`SearchUsers returned the NextToken 'same' a second time (page 2) while looking for the username 'jane' in instance ${INSTANCE_ARN}: the search would never end, so it stopped`);
    }, 5_000);

    it('gives up when a SearchUsers call never answers', async () => {
      const start = Date.now();
      const { requests, response } = await invoke(() => new Promise<Page>(() => undefined), props, context(100));
      const elapsed = Date.now() - start;
      expect(requests).toHaveLength(1);
      expect(response.Status).toBe('FAILED');
      expect(response.Reason).toMatch(new RegExp(`^Gave up looking for the username 'jane' in instance ${INSTANCE_ARN} after \\d+ ms, to answer CloudFormation before the Lambda times out: SearchUsers call 1 had not answered$`));
      expect(elapsed).toBeGreaterThanOrEqual(90);
      expect(elapsed).toBeLessThan(2_000);
    }, 5_000);

    it('gives up when the pages never end (a new NextToken each time)', async () => {
      const { requests, response } = await invoke(async (_input, call) => {
        await io();
        return { Users: [], NextToken: `t${call}` };
      }, props, context(100));
      expect(requests.length).toBeGreaterThan(1);
      expect(response.Status).toBe('FAILED');
      // The deadline falls between two calls or during one, as the machine's speed has it: either reason is right.
      expect(response.Reason).toMatch(new RegExp("^Gave up looking for the username 'jane' in instance .* after \\d+ ms, to answer CloudFormation before the Lambda times out: "
        + `(the search had not finished after ${requests.length} SearchUsers calls|SearchUsers call ${requests.length} had not answered)$`));
    }, 5_000);

    it('without a context, gives up at a fixed deadline that leaves the margin within the function\'s timeout', async () => {
      const stack = newStack();
      lookup(stack);
      const [fn] = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'));
      expect(LOOKUP_FIXED_DEADLINE_MS + LOOKUP_RESPONSE_MARGIN_MS).toBeLessThanOrEqual(fn.Properties.Timeout * 1000);

      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      try {
        let done = false;
        const result = invoke(() => new Promise<Page>(() => undefined), props).finally(() => { done = true; });
        await vi.advanceTimersByTimeAsync(LOOKUP_FIXED_DEADLINE_MS - 1);
        expect(done).toBe(false);
        await vi.advanceTimersByTimeAsync(1);
        const { response } = await result;
        expect(response.Status).toBe('FAILED');
        expect(response.Reason).toContain(`after ${LOOKUP_FIXED_DEADLINE_MS} ms`);
      } finally {
        vi.useRealTimers();
      }
    }, 5_000);
  });
});
