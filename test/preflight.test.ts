/**
 * `cdk-connect-user preflight` against a fake Amazon Connect endpoint and a fake
 * Service Quotas endpoint on 127.0.0.1: each check, what is not created, the
 * exit codes and the JSON; one assembly written by the real `cdk synth`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, SecretValue, Stack, Token } from 'aws-cdk-lib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ConnectUser, ConnectUserProps, IdentityManagementType, ProficiencyLevel, RoutingProfile, SecurityProfile, UserHierarchyGroup,
  UserPassword, UserProficiency,
} from '../src';
import { cdkSynth } from './util/cdk-cli';
import { useDummyCredentials } from './util/credentials';
import { FakeConnect, FakeInstance, FakeUser, generateInstance } from './util/fake-connect';
import { FakeServiceQuotas } from './util/fake-service-quotas';
import { ACCOUNT, hierarchyGroupArn, INSTANCE_ARN, INSTANCE_ID, REGION, refs, routingProfileArn, securityProfileArn, userArn } from './util/fixtures';
import { tempDirs } from './util/tmp';
import { loadServiceQuotasSdk } from '../src/cli/aws/service-quotas';
import { main } from '../src/cli/main';

useDummyCredentials();
const tmp = tempDirs('preflight');

/** A live user of the fake instance, made by hand or by CloudFormation (`tags`). */
function liveUser(username: string, id: string, tags: Record<string, string> = {}): FakeUser {
  return {
    user: {
      Id: id,
      Arn: userArn(id),
      Username: username,
      IdentityInfo: { FirstName: 'F', LastName: 'L' },
      PhoneConfig: { PhoneType: 'SOFT_PHONE' },
      SecurityProfileIds: ['sp-1'],
      RoutingProfileId: 'rp-1',
      Tags: tags,
    },
    proficiencies: [],
  };
}

/** The fake instance: rp-1, sp-1, sp-2, hg-1, the attribute Language (English, French), and some users. */
function instance(identityManagementType: FakeInstance['identityManagementType'] = 'CONNECT_MANAGED', users: FakeUser[] = []): FakeInstance {
  const named = (kind: string, ids: string[]) => ids.map(id => ({ Id: id, Arn: `${INSTANCE_ARN}/${kind}/${id}`, Name: `${kind} ${id}` }));
  return {
    id: INSTANCE_ID,
    arn: INSTANCE_ARN,
    identityManagementType,
    users: [liveUser('taken.one', 'u-10'), liveUser('taken.two', 'u-11'), liveUser('Mixed.Case', 'u-12'), ...users],
    routingProfiles: named('routing-profile', ['rp-1']),
    securityProfiles: named('security-profile', ['sp-1', 'sp-2']),
    hierarchyGroups: named('agent-group', ['hg-1']),
    predefinedAttributes: [{ Name: 'Language', Values: ['English', 'French'] }],
  };
}

const secret = () => UserPassword.fromSecretValue(SecretValue.secretsManager('connect/agents'));

/** Synthesizes (in process) a stack 'Agents' holding a ConnectUser per entry of `users` (username, then prop overrides). */
function app(users: Array<[string, (stack: Stack) => Partial<ConnectUserProps>]>, type = IdentityManagementType.CONNECT_MANAGED): string {
  const outdir = tmp();
  const a = new App({ outdir });
  const stack = new Stack(a, 'Agents', { env: { account: ACCOUNT, region: REGION } });
  const r = refs(stack, type);
  users.forEach(([username, more], i) => new ConnectUser(stack, `User${i}`, {
    instance: r.instance,
    username,
    routingProfile: r.routingProfile,
    securityProfiles: [r.securityProfile],
    identityInfo: { firstName: 'A', lastName: 'B' },
    ...(type === IdentityManagementType.CONNECT_MANAGED ? { password: secret() } : {}),
    ...more(stack),
  }));
  a.synth();
  return outdir;
}

let connect: FakeConnect | undefined;
let quotas: FakeServiceQuotas;
beforeAll(async () => {
  quotas = await FakeServiceQuotas.start({ value: 500 });
});
afterAll(async () => quotas.close());
afterEach(async () => {
  await connect?.close();
  connect = undefined;
  quotas.answer = { value: 500 };
  quotas.inputs.length = 0;
});

async function preflight(assembly: string, fake: FakeInstance, ...more: string[]): Promise<{ code: number; out: string; err: string }> {
  connect = await FakeConnect.start([fake]);
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['preflight', assembly, '--endpoint-url', connect.url, '--service-quotas-endpoint-url', quotas.url, ...more],
    { out: l => out.push(l), err: l => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('preflight: what the live instance refuses', () => {
  it('two usernames the instance has and a routing profile it does not: exit 1, naming all three', async () => {
    const missing = routingProfileArn('rp-missing');
    const result = await preflight(app([
      ['taken.one', () => ({})],
      ['taken.two', () => ({})],
      ['new.agent', s => ({ routingProfile: RoutingProfile.fromRoutingProfileArn(s, 'Missing', missing) })],
    ]), instance());
    expect(result.out).toMatch(/FAILS +taken\.one {2}Agents\/User0\w+\n +- username 'taken\.one' is taken in the instance by \S+\/agent\/u-10: CreateUser fails with DuplicateResourceException\. To take that user over instead, mark it adopt: true/);
    expect(result.out).toMatch(/FAILS +taken\.two {2}Agents\/User1\w+\n +- username 'taken\.two' is taken/);
    expect(result.out).toContain(`'cdk-connect-user export --instance-arn ${INSTANCE_ARN}' writes the instance's users as a roster`);
    expect(result.out).toContain('FAILS    new.agent');
    expect(result.out).toContain(`RoutingProfileArn ${missing} is not a routing profile of the instance: CreateUser fails with ResourceNotFoundException`);
    expect(result.out).toMatch(/3 user\(s\) to create checked: 3 fail, 0 warning\(s\), 0 note\(s\); 0 not created/);
    expect(result.code).toBe(1);
    // The quota was read for the instance, and the calls are counted on stderr.
    expect(quotas.inputs).toEqual([{ ServiceCode: 'connect', QuotaCode: 'L-9A46857E', ContextId: INSTANCE_ARN }]);
    expect(result.err).toMatch(/API calls: \d+\n {2}DescribeInstance: 1\n/);
  });

  it('two users the instance can take: exit 0, nothing found', async () => {
    const result = await preflight(app([['new.one', () => ({})], ['new.two', () => ({})]]), instance());
    expect(result.out).not.toMatch(/FAILS|WARNING|NOTE/);
    expect(result.out).toContain(`${INSTANCE_ARN}: CONNECT_MANAGED, 3 user(s), 2 to create, users quota 500 (Service Quotas)`);
    expect(result.out).toMatch(/2 user\(s\) to create checked: 0 fail, 0 warning\(s\), 0 note\(s\)/);
    expect(result.code).toBe(0);
  });

  it('a security profile and a hierarchy group the instance does not have: FAILS each', async () => {
    const result = await preflight(app([['new.one', s => ({
      securityProfiles: [SecurityProfile.fromSecurityProfileArn(s, 'Sp', securityProfileArn('sp-1')), SecurityProfile.fromSecurityProfileArn(s, 'Gone', securityProfileArn('sp-gone'))],
      hierarchyGroup: UserHierarchyGroup.fromUserHierarchyGroupArn(s, 'Hg', hierarchyGroupArn('hg-gone')),
    })]]), instance());
    expect(result.out).toContain(`SecurityProfileArns[1] ${securityProfileArn('sp-gone')} is not a security profile of the instance`);
    expect(result.out).not.toContain('SecurityProfileArns[0]');
    expect(result.out).toContain(`HierarchyGroupArn ${hierarchyGroupArn('hg-gone')} is not a hierarchy group of the instance`);
    expect(result.code).toBe(1);
  });

  it('an existing hierarchy group and an existing second security profile pass', async () => {
    const result = await preflight(app([['new.one', s => ({
      securityProfiles: [SecurityProfile.fromSecurityProfileArn(s, 'Sp', securityProfileArn('sp-1')), SecurityProfile.fromSecurityProfileArn(s, 'Sp2', securityProfileArn('sp-2'))],
      hierarchyGroup: UserHierarchyGroup.fromUserHierarchyGroupArn(s, 'Hg', hierarchyGroupArn('hg-1')),
      proficiencies: [UserProficiency.of('Language', 'French', ProficiencyLevel.THREE)],
    })]]), instance());
    expect(result.out).not.toMatch(/FAILS|WARNING/);
    expect(result.code).toBe(0);
  });

  it('a proficiency attribute the instance does not define, and a value its attribute lacks: FAILS each', async () => {
    const result = await preflight(app([['new.one', () => ({
      proficiencies: [UserProficiency.of('Skill', 'Billing', ProficiencyLevel.TWO), UserProficiency.of('Language', 'German', ProficiencyLevel.FOUR)],
    })]]), instance());
    expect(result.out).toContain("UserProficiencies: 'Skill' is not a predefined attribute of the instance (it has: Language)");
    expect(result.out).toContain("UserProficiencies: 'German' is not a value of the predefined attribute 'Language' (it has: English, French)");
    expect(result.code).toBe(1);
    // One DescribePredefinedAttribute, for the attribute the instance has.
    expect(connect!.inputs.DescribePredefinedAttribute).toEqual([{ InstanceId: INSTANCE_ID, Name: 'Language' }]);
  });

  it('an app that assumes SAML (no password) on a CONNECT_MANAGED instance: a WARNING (documented only), exit 0', async () => {
    const result = await preflight(app([['new.one', () => ({})]], IdentityManagementType.SAML), instance('CONNECT_MANAGED'));
    expect(result.out).toMatch(/WARNING +new\.one[\s\S]*has no Password, as on a SAML or EXISTING_DIRECTORY instance, but the instance is CONNECT_MANAGED/);
    expect(result.code).toBe(0);
  });

  it('an app that assumes CONNECT_MANAGED (a password) on a SAML instance: a WARNING', async () => {
    const result = await preflight(app([['new.one', () => ({})]]), instance('SAML'));
    expect(result.out).toContain('has a Password, as on a CONNECT_MANAGED instance, but the instance is SAML, where the API reference says a password is an error');
    expect(result.code).toBe(0);
  });

  it('a directory user id on a SAML instance: a WARNING', async () => {
    const result = await preflight(app([['new.one', () => ({ directoryUserId: 'dir-1' })]], IdentityManagementType.EXISTING_DIRECTORY), instance('SAML'));
    expect(result.out).toContain('has a DirectoryUserId, as on an EXISTING_DIRECTORY instance, but the instance is SAML');
    expect(result.code).toBe(0);
  });

  it('a username that differs only in case from a live one: a WARNING, exit 0', async () => {
    const result = await preflight(app([['mixed.case', () => ({})]]), instance());
    expect(result.out).toMatch(/WARNING +mixed\.case[\s\S]*username 'mixed\.case' differs only in case from 'Mixed\.Case'/);
    expect(result.code).toBe(0);
  });
});

describe('preflight: the users quota', () => {
  it('existing plus created over the applied quota: FAILS', async () => {
    quotas.answer = { value: 4 };
    const result = await preflight(app([['new.one', () => ({})], ['new.two', () => ({})]]), instance());
    expect(result.out).toContain('3 user(s) in the instance and 2 to create make 5, over its users quota of 4 (Service Quotas): CreateUser fails with LimitExceededException');
    expect(result.code).toBe(1);
  });

  it('a quota for the account only (no per-instance value): asked again without the instance', async () => {
    quotas.answer = { accountValue: 4 };
    const result = await preflight(app([['new.one', () => ({})], ['new.two', () => ({})]]), instance());
    expect(quotas.inputs.map(i => i.ContextId)).toEqual([INSTANCE_ARN, undefined]);
    expect(result.out).toContain('over its users quota of 4 (Service Quotas)');
    expect(result.code).toBe(1);
  });

  it('credentials that may not read quotas: the documented default with a NOTE; over it, a WARNING only', async () => {
    quotas.answer = { error: 'AccessDeniedException' };
    const crowded = instance('CONNECT_MANAGED', generateInstance(498, 'CONNECT_MANAGED', { id: INSTANCE_ID }).users.map(u => ({ ...u, proficiencies: [] })));
    const result = await preflight(app([['new.one', () => ({})]]), crowded);
    expect(result.out).toMatch(/NOTE +\S+\n +- users quota: the documented default of 500 is assumed, as the applied value could not be read \(the credentials may not call servicequotas:GetServiceQuota/);
    expect(result.out).toMatch(/WARNING[\s\S]*501 user\(s\) in the instance and 1 to create make 502, over its users quota of 500 \(the documented default\)/);
    expect(result.code).toBe(0);
  });

  it('without @aws-sdk/client-service-quotas: the documented default, with how to install it', async () => {
    const load = loadServiceQuotasSdk.load;
    loadServiceQuotasSdk.load = () => { throw new Error('Cannot find module'); };
    try {
      const result = await preflight(app([['new.one', () => ({})]]), instance());
      expect(result.out).toContain("preflight needs the AWS SDK for JavaScript v3 Service Quotas client: 'npm install --save-dev @aws-sdk/client-service-quotas' to read the applied quota");
      expect(result.code).toBe(0);
    } finally {
      loadServiceQuotasSdk.load = load;
    }
  });
});

describe('preflight: what the deploy does not create', () => {
  it('an adopted user (imported, not created) is not checked, though the instance has its username', async () => {
    const result = await preflight(app([['taken.one', () => ({ adopt: true, existingUserArn: userArn('u-10'), password: undefined })]]), instance());
    expect(result.out).not.toMatch(/FAILS|WARNING/);
    expect(result.out).toMatch(/0 user\(s\) to create checked: .*; 1 not created \(adopted, or deployed already\)/);
    expect(result.code).toBe(0);
  });

  it('a user the instance holds as this very resource (CloudFormation\'s tags name this stack and logical id) is deployed already', async () => {
    const assembly = app([['deployed.one', () => ({})], ['taken.one', () => ({})]]);
    const template = JSON.parse(fs.readFileSync(path.join(assembly, 'Agents.template.json'), 'utf8'));
    const logicalId = Object.keys(template.Resources).find(k => template.Resources[k].Properties?.Username === 'deployed.one')!;
    const live = instance('CONNECT_MANAGED', [liveUser('deployed.one', 'u-20', { 'aws:cloudformation:stack-name': 'Agents', 'aws:cloudformation:logical-id': logicalId })]);
    const result = await preflight(assembly, live);
    expect(result.out).not.toContain('deployed.one');
    expect(result.out).toMatch(/1 user\(s\) to create checked: 1 fail.*; 1 not created/);
    // Tags of another logical id are not this resource: the username is taken.
    live.users.at(-1)!.user.Tags = { 'aws:cloudformation:stack-name': 'Agents', 'aws:cloudformation:logical-id': 'SomethingElse' };
    await connect!.close();
    const again = await preflight(assembly, live);
    expect(again.out).toMatch(/username 'deployed\.one' is taken in the instance by \S+u-20, made by CloudFormation stack Agents as SomethingElse/);
  });

  it('a username that is a token is not checked, with a NOTE', async () => {
    const result = await preflight(app([['placeholder', () => ({ username: Token.asString({ Ref: 'Name' }) })]]), instance());
    expect(result.out).toMatch(/NOTE +Agents\/User0\w+\n +- not checked: its Username \{"Ref":"Name"\} is not a literal/);
    expect(result.code).toBe(0);
  });
});

describe('preflight: exit codes and output', () => {
  it('--json carries the findings with their evidence', async () => {
    const result = await preflight(app([['taken.one', () => ({})]]), instance(), '--json');
    const json = JSON.parse(result.out);
    expect(json).toMatchObject({ fails: true, created: 1, notCreated: 0, skipped: 0 });
    expect(json.findings).toEqual([expect.objectContaining({
      severity: 'fails', check: 'usernameTaken', username: 'taken.one', instanceArn: INSTANCE_ARN, evidence: expect.stringMatching(/^model: CreateUser declares DuplicateResourceException/),
    })]);
    expect(json.instances).toEqual([{ instanceArn: INSTANCE_ARN, identityManagementType: 'CONNECT_MANAGED', existingUsers: 3, created: 1, usersQuota: { value: 500, source: 'applied' } }]);
    expect(result.code).toBe(1);
  });

  it('an assembly it cannot read: exit 3', async () => {
    const result = await preflight(path.join(tmp(), 'nowhere'), instance());
    expect(result.err).toMatch(/cdk-connect-user preflight: \S+nowhere is not a cloud assembly \(no manifest\.json\)/);
    expect(result.code).toBe(3);
  });

  it('an endpoint that answers 200 with nothing: exit 3, naming the operation, the instance and the endpoint', async () => {
    connect = await FakeConnect.start([instance()]);
    connect.answerEmpty(['DescribeInstance']);
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['preflight', app([['new.one', () => ({})]]), '--endpoint-url', connect.url, '--service-quotas-endpoint-url', quotas.url],
      { out: l => out.push(l), err: l => err.push(l) });
    expect(err.join('\n')).toContain(`DescribeInstance (instance ${INSTANCE_ID}, at ${connect.url}) answered without Instance, which it always returns`);
    expect(code).toBe(3);
  });

  it('an unknown option is bad usage: exit 2', async () => {
    const out: string[] = [];
    const err: string[] = [];
    expect(await main(['preflight', '--instance-arn', 'x'], { out: l => out.push(l), err: l => err.push(l) })).toBe(2);
    expect(await main(['preflight', '--region', 'Mars'], { out: l => out.push(l), err: l => err.push(l) })).toBe(2);
    expect(err.join('\n')).toMatch(/--region must be a region such as us-east-1, got 'Mars'/);
  });

  it('--help states the exit codes and the policy\'s timeouts', async () => {
    const out: string[] = [];
    expect(await main(['preflight', '--help'], { out: l => out.push(l), err: () => undefined })).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/AWS calls: 10 s to connect, 30 s an attempt, up to 20 attempts .* at most 180 s a call in all/s);
    expect(text).toMatch(/ {2}3 {2}could not check/);
  });
});

describe('preflight on what the real cdk synth writes', () => {
  it('a roster (nested shards, version reporting) with one username taken: exit 1 naming it; the other agent passes', async () => {
    const dir = tmp();
    const doc = {
      version: 1,
      instanceArn: INSTANCE_ARN,
      identityManagementType: 'SAML',
      routingProfiles: { Basic: routingProfileArn('rp-1') },
      securityProfiles: { Agent: securityProfileArn('sp-1') },
      hierarchyGroups: {},
      users: [
        { username: 'taken.two', routingProfile: 'Basic', securityProfiles: ['Agent'], firstName: 'T', lastName: 'T' },
        { username: 'fresh.agent', routingProfile: 'Basic', securityProfiles: ['Agent'], firstName: 'F', lastName: 'F' },
      ],
    };
    fs.writeFileSync(path.join(dir, 'roster.json'), JSON.stringify(doc));
    const out = path.join(dir, 'cdk.out');
    cdkSynth('test/apps/adopted-roster.ts', out, { ROSTER_DOCUMENT: path.join(dir, 'roster.json'), APP_ACCOUNT: ACCOUNT, APP_REGION: REGION });
    expect(JSON.parse(fs.readFileSync(path.join(out, 'Agents.template.json'), 'utf8')).Resources.CDKMetadata.Type).toBe('AWS::CDK::Metadata');
    const result = await preflight(out, instance('SAML'));
    expect(result.out).toMatch(/FAILS +taken\.two {2}Agents\/\w+NestedStack\w*\/\w+\n +- username 'taken\.two' is taken/);
    expect(result.out).not.toContain('fresh.agent');
    expect(result.out).toMatch(/2 user\(s\) to create checked: 1 fail, 0 warning\(s\)/);
    expect(result.code).toBe(1);
  }, 240_000);
});
