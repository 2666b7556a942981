/**
 * `cdk-connect-user export` against a fake Amazon Connect endpoint on 127.0.0.1
 * (test/util/fake-connect.ts): 2,000 users per identity type, paged and
 * throttled; the document, the CSV, the notes on stderr and the calls made.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { App, Stack } from 'aws-cdk-lib';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectUserRoster } from '../src';
import { useDummyCredentials } from './util/credentials';
import { FakeConnect, FakeInstance, generateInstance } from './util/fake-connect';
import { tempDirs } from './util/tmp';
import { ConnectApi, listAll, loadConnectSdk } from '../src/cli/aws/connect';
import { awsPolicy } from '../src/cli/aws/policy';
import { CSV_COLUMNS, LiveInstance, minimalCalls, RosterDocument, toCsv, toRosterDocument } from '../src/cli/export';
import { main } from '../src/cli/main';

const tmp = tempDirs('export');
const validateRosterDocument = new Ajv({ strict: true }).compile(JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'roster.schema.json'), 'utf8')));

useDummyCredentials();

async function run(args: string[]): Promise<{ code: number; out: string; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: l => out.push(l), err: l => err.push(l) });
  return { code, out: out.join('\n'), err };
}

/** The calls per operation the CLI reported on stderr. */
function reportedCalls(err: string[]): Record<string, { calls: number; retries: number }> {
  const start = err.findIndex(l => /^API calls: \d+$/.test(l));
  expect(start).toBeGreaterThanOrEqual(0);
  const counts: Record<string, { calls: number; retries: number }> = {};
  for (const line of err.slice(start + 1)) {
    const m = /^ {2}(\w+): (\d+)(?: \(\+(\d+) retried: throttled, timed out or failed\))?$/.exec(line);
    if (m) counts[m[1]] = { calls: Number(m[2]), retries: Number(m[3] ?? 0) };
  }
  return counts;
}

/** The fewest calls for a fake instance (see src/cli/export.ts). */
function minimum(instance: FakeInstance): Record<string, number> {
  return minimalCalls(instance.users.length, instance.users.map(u => u.proficiencies.length),
    instance.routingProfiles.length, instance.securityProfiles.length, instance.hierarchyGroups.length);
}

/** A fake endpoint holding `instance`, whose clients retry as the SDK does but back off 1 ms, not seconds. */
async function startFake(instance: FakeInstance): Promise<FakeConnect> {
  awsPolicy.delayMs = () => 1;
  return FakeConnect.start([instance]);
}

/** Closes what {@link startFake} started, and restores the SDK's own backoff. */
async function stopFake(fake: FakeConnect): Promise<void> {
  awsPolicy.delayMs = undefined;
  await fake.close();
}

describe.each(['CONNECT_MANAGED', 'SAML', 'EXISTING_DIRECTORY'] as const)('export of 2,000 users on a %s instance, 5 percent of requests throttled', (type) => {
  const instance = generateInstance(2000, type);
  let fake: FakeConnect;
  let exported: RosterDocument | undefined;
  beforeAll(async () => {
    fake = await startFake(instance);
  });
  afterAll(() => stopFake(fake));

  it('writes every user, sorted, marked for adoption, with the minimum of API calls', async () => {
    fake.resetCounts();
    fake.throttle(0.05, 7);
    const file = path.join(tmp(), 'roster.json');
    const result = await run(['export', '--instance-arn', instance.arn, '--endpoint-url', fake.url, '--out', file]);
    expect(result.err.filter(l => /^cdk-connect-user/.test(l))).toEqual([]);
    expect(result.code).toBe(0);
    const text = fs.readFileSync(file, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    const doc = JSON.parse(text) as RosterDocument;
    exported = doc;
    expect(text).toBe(`${JSON.stringify(doc, null, 2)}\n`);
    expect(doc).toMatchObject({ version: 1, instanceArn: instance.arn, identityManagementType: type });
    expect(doc.users).toHaveLength(2000);
    expect(doc.users.map(u => u.username)).toEqual(instance.users.map(u => u.user.Username).sort());
    expect(doc.users.every(u => u.adopt === true && u.existingUserArn === fake.user(instance.arn, u.username).user.Arn)).toBe(true);
    expect(text).not.toMatch(/password/i);
    expect(text).not.toContain('null');
    expect(doc.routingProfiles).toEqual(Object.fromEntries(instance.routingProfiles.map(r => [r.Name, r.Arn])));
    expect(Object.keys(doc.hierarchyGroups)).toHaveLength(30);

    // The calls: the minimum, as the fake counted them and as the CLI reported them; each throttled request retried.
    const expected = minimum(instance);
    expect(expected).toMatchObject({ DescribeInstance: 1, ListUsers: 2, DescribeUser: 2000, ListRoutingProfiles: 1 });
    expect(fake.calls).toEqual(expected);
    const reported = reportedCalls(result.err);
    expect(Object.fromEntries(Object.entries(reported).map(([op, c]) => [op, c.calls]))).toEqual(expected);
    const throttled = Object.values(fake.throttled).reduce((a, b) => a + b, 0);
    expect(throttled).toBeGreaterThan(50);
    expect(Object.values(reported).reduce((a, c) => a + c.retries, 0)).toBe(throttled);
    expect(fake.unknown).toEqual([]);
    // Every list call asked for the largest page the model allows.
    expect(fake.inputs.ListUsers!.every(i => i.MaxResults === 1000)).toBe(true);
    expect(fake.inputs.ListUserProficiencies!.every(i => i.MaxResults === 100)).toBe(true);

    // Progress on stderr, every 500 users.
    expect(result.err).toEqual(expect.arrayContaining(['exported 500/2000 users', 'exported 2000/2000 users']));
    expect(result.err).toContain(`wrote 2000 user(s) to ${file}`);

    // Representative users.
    const user = (name: string) => doc.users.find(u => u.username === name)!;
    const email = type === 'SAML' ? {} : { email: 'agent.00001@example.com' };
    const dir = (i: number) => (type === 'EXISTING_DIRECTORY' ? { directoryUserId: `dir-${i}` } : {});
    // i = 0: PhoneConfig only (no per-channel lists), secondary email, mobile, two security profiles, tags.
    expect(user('agent.00001')).toEqual({
      username: 'agent.00001',
      routingProfile: 'Basic Routing Profile',
      securityProfiles: ['Agent', 'CallCenterManager'],
      hierarchyGroup: 'Team 0',
      firstName: 'First0',
      lastName: 'Last0',
      ...email,
      secondaryEmail: 'agent.00001@backup.example.com',
      mobile: '+15551000000',
      ...dir(0),
      phoneType: 'SOFT_PHONE',
      autoAccept: true,
      afterContactWorkTimeLimit: 0,
      persistentConnection: true,
      tags: { site: 'north', team: 'team-0' },
      adopt: true,
      existingUserArn: `${instance.arn}/agent/u-${instance.id.slice(0, 8)}-0`,
    });
    // i = 1: a desk phone in per-channel lists (mirrored in PhoneConfig, which the document then leaves out).
    expect(user('agent.00002')).toEqual({
      username: 'agent.00002',
      routingProfile: 'Sales',
      securityProfiles: ['Agent'],
      firstName: 'First1',
      lastName: 'Last1',
      ...(type === 'SAML' ? {} : { email: 'agent.00002@example.com' }),
      ...dir(1),
      channelSettings: {
        voice: { autoAccept: false, afterContactWorkTimeLimit: 10, phoneType: 'DESK_PHONE', phoneNumber: '+16661000001', persistentConnection: false, voiceEnhancementMode: 'NOISE_SUPPRESSION' },
        chat: { autoAccept: true },
        task: { afterContactWorkTimeLimit: 60 },
      },
      proficiencies: [{ attributeName: 'Language', attributeValue: 'Lang0', level: 2 }],
      adopt: true,
      existingUserArn: `${instance.arn}/agent/u-${instance.id.slice(0, 8)}-1`,
    });
    // i = 7: 120 proficiencies (two pages); i = 11: agent-first callback settings.
    expect(user('agent.00008').proficiencies).toHaveLength(120);
    expect(user('agent.00012').channelSettings!.voice).toMatchObject({ agentFirstCallbackAutoAccept: true, agentFirstCallbackAfterContactWorkTimeLimit: 5 });
    // A JSON document expresses every setting: nothing is listed as lost.
    expect(result.err.filter(l => /cannot express/.test(l))).toEqual([]);
  }, 120_000); // 2,000 users take seconds; a machine busy with other work may need more than the default 30 s

  // The round trip of issue 16: export -> roster document -> cdk synth -> drift check, with no difference. (A user
  // changed after the export is reported: tested once below, on a small instance.)
  it('round trip: the exported document is a valid roster; synthesized, it shows no drift', async () => {
    expect(exported).toBeDefined();
    expect(validateRosterDocument(exported), JSON.stringify(validateRosterDocument.errors)).toBe(true);
    const outdir = roundTripApp(exported!);
    fake.throttle(0.05, 11);
    const clean = await run(['import-mapping', outdir, '--lookup', '--check-drift', '--endpoint-url', fake.url]);
    expect(clean.out).toBe('2000 adopted user(s) checked: 0 differ from the template');
    expect(clean.code).toBe(0);
  }, 240_000);

  // The CSV of the same 2,000 users, through the converter the CLI's --format csv uses (the CLI path itself is
  // tested below on a small instance: a second export of 2,000 users would cost seconds of CPU for nothing new).
  it('as CSV: the bulk-upload columns and the extra ones; channel settings listed as not expressible', () => {
    expect(exported).toBeDefined();
    const { csv, notes } = toCsv(exported!);
    const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0])).toEqual(CSV_COLUMNS);
    expect(rows).toHaveLength(2000);
    expect(rows.every(r => r.password === '' && r.adopt === 'yes')).toBe(true);
    const row = (name: string) => rows.find(r => r['user login'] === name)!;
    expect(row('agent.00001')).toMatchObject({
      'first name': 'First0',
      'routing profile name': 'Basic Routing Profile',
      'security_profile_name_1|security_profile_name_2': 'Agent|CallCenterManager',
      'phone type (soft/desk)': 'soft',
      'soft phone auto accept (yes/no)': 'yes',
      'ACW timeout (seconds)': '0',
      'user hierarchy': 'Team 0',
      'mobile': '+15551000000',
      'tags': 'site=north|team=team-0',
      'proficiencies': '',
    });
    // The voice channel's settings travel in the phone columns.
    expect(row('agent.00002')).toMatchObject({
      'phone type (soft/desk)': 'desk',
      'phone number': '+16661000001',
      'soft phone auto accept (yes/no)': 'no',
      'ACW timeout (seconds)': '10',
      'proficiencies': 'Language:Lang0:2',
    });
    expect(notes).toContain('agent.00001: persistentConnection: not expressible in CSV');
    expect(notes).toContain('agent.00002: channelSettings.voice.persistentConnection, channelSettings.voice.voiceEnhancementMode, '
      + 'channelSettings.chat.autoAccept, channelSettings.task.afterContactWorkTimeLimit: not expressible in CSV');
  });
});

/** The exported document as a roster in a synthesized app: its cloud assembly's directory. */
function roundTripApp(document: RosterDocument): string {
  const outdir = tmp();
  const app = new App({ outdir });
  const stack = new Stack(app, 'Agents', { env: { account: '111122223333', region: 'us-east-1' } });
  const roster = new ConnectUserRoster(stack, 'Roster', { json: JSON.stringify(document) });
  expect(Object.keys(roster.cfnUsers)).toHaveLength(document.users.length);
  app.synth();
  return outdir;
}

describe('round trip: a user changed on the endpoint after the export', () => {
  const instance = generateInstance(60, 'CONNECT_MANAGED', { id: 'eeeeeeee-1111-2222-3333-444455556666' });
  let fake: FakeConnect;
  beforeAll(async () => {
    fake = await startFake(instance);
  });
  afterAll(() => stopFake(fake));

  it('is reported by the drift check with its username and property, and nothing else is', async () => {
    const file = path.join(tmp(), 'roster.json');
    expect((await run(['export', '--instance-arn', instance.arn, '--endpoint-url', fake.url, '--out', file])).code).toBe(0);
    const outdir = roundTripApp(JSON.parse(fs.readFileSync(file, 'utf8')));
    fake.user(instance.arn, 'agent.00042').user.IdentityInfo.LastName = 'Renamed';
    const drifted = await run(['import-mapping', outdir, '--lookup', '--check-drift', '--endpoint-url', fake.url]);
    expect(drifted.code).toBe(1);
    expect(drifted.out).toEqual([
      'agent.00042: IdentityInfo.LastName: template Last41, live Renamed',
      '60 adopted user(s) checked: 1 differ from the template (CloudFormation does not correct this: change the template or the live user)',
    ].join('\n'));
  });
});

describe('export: what a roster cannot express', () => {
  let fake: FakeConnect;
  const instance = generateInstance(12, 'CONNECT_MANAGED', { duplicateNames: true });
  beforeAll(async () => {
    fake = await FakeConnect.start([instance], { defaultPageSize: 3 });
    const odd = fake.user(instance.arn, 'agent.00002');
    // Live settings a document cannot hold: PhoneConfig disagreeing with the voice channel, an aws: tag, cell separators.
    odd.user.PhoneConfig.AutoAccept = true;
    odd.user.Tags = { 'aws:owner': 'x', 'team': 'a|b' };
    odd.proficiencies.push({ AttributeName: 'Skill', AttributeValue: 'Billing: L2', Level: 3 });
  });
  afterAll(async () => fake.close());

  it('two routing profiles sharing a name get unique names; every lost setting is listed by username and field', async () => {
    const result = await run(['export', '--instance-arn', instance.arn, '--endpoint-url', fake.url, '--format', 'csv']);
    expect(result.code).toBe(0);
    expect(result.err).toEqual(expect.arrayContaining([
      "  routingProfiles: 2 share the name 'Sales'; named 'Sales (routing-profile-1)', 'Sales (routing-profile-3)' in the document",
      '  agent.00002: PhoneConfig.AutoAccept: true differs from channelSettings.voice.autoAccept (false); the roster document cannot set both, so it keeps channelSettings.voice.autoAccept',
      '  agent.00002: Tags.aws:owner: a tag with the reserved aws: prefix cannot be set through CloudFormation',
      expect.stringMatching(/^ {2}agent\.00002: .*proficiencies\[Skill:Billing: L2\], tags\.team: not expressible in CSV$/),
    ]));
    const rows = parse(result.out, { columns: true }) as Array<Record<string, string>>;
    expect(rows.find(r => r['user login'] === 'agent.00002')!['routing profile name']).toBe('Sales (routing-profile-1)');
    expect(rows.find(r => r['user login'] === 'agent.00004')!['routing profile name']).toBe('Sales (routing-profile-3)');
    expect(result.err).toEqual(expect.arrayContaining([expect.stringMatching(/^\d+ setting\(s\) the CSV cannot express as Amazon Connect holds them:$/)]));

    // An --out ending in .csv writes CSV without --format.
    const file = path.join(tmp(), 'agents.csv');
    expect((await run(['export', '--instance-arn', instance.arn, '--endpoint-url', fake.url, '--out', file])).code).toBe(0);
    expect(fs.readFileSync(file, 'utf8').split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
  });
});

describe('export: pure mapping', () => {
  const live = (user: Record<string, any>): LiveInstance => ({
    instanceArn: 'arn:aws:connect:us-east-1:111122223333:instance/i-1',
    identityManagementType: 'SAML',
    routingProfiles: [{ Id: 'rp', Arn: 'arn:rp', Name: 'Basic' }],
    securityProfiles: [{ Id: 'sp', Arn: 'arn:sp', Name: 'Agent' }],
    hierarchyGroups: [],
    users: [{ user: { Id: 'u', Arn: 'arn:u', Username: 'jo', RoutingProfileId: 'rp', SecurityProfileIds: ['sp'], ...user }, proficiencies: [] }],
  });

  it('lists a field DescribeUser returns that the document has no place for, and ids the listings lack', () => {
    const { document, notes } = toRosterDocument(live({
      FutureSetting: 'x',
      IdentityInfo: { FirstName: 'J', Nickname: 'Jo' },
      PhoneConfig: { PhoneType: 'SOFT_PHONE', Ring: 3 },
      HierarchyGroupId: 'hg-gone',
      AutoAcceptConfigs: [{ Channel: 'FAX', AutoAccept: true }, { Channel: 'CHAT', AutoAccept: true, AgentFirstCallbackAutoAccept: true }],
      LastModifiedTime: new Date(),
      LastModifiedRegion: 'us-east-1',
    }));
    expect(notes).toEqual([
      'jo: FutureSetting: DescribeUser returns it; the roster document has no place for it',
      'jo: IdentityInfo.Nickname: the roster document has no place for it',
      'jo: PhoneConfig.Ring: the roster document has no place for it',
      'jo: HierarchyGroupId: hg-gone is not among the hierarchy groups the instance lists; named by its id',
      'jo: AutoAcceptConfigs[FAX]: a channel the roster document has no place for',
      'jo: AutoAcceptConfigs[CHAT].agentFirstCallbackAutoAccept: true: the roster document has agentFirstCallbackAutoAccept on the voice channel only',
    ]);
    expect(document.users[0]).toMatchObject({ hierarchyGroup: 'hg-gone', phoneType: 'SOFT_PHONE', channelSettings: { chat: { autoAccept: true } } });
    expect(document.hierarchyGroups).toEqual({ 'hg-gone': 'arn:aws:connect:us-east-1:111122223333:instance/i-1/agent-group/hg-gone' });
  });

  it('moves a PhoneConfig value the voice channel lacks into it (a per-channel list for another channel exists)', () => {
    const { document, notes } = toRosterDocument(live({
      PhoneConfig: { PhoneType: 'SOFT_PHONE', AfterContactWorkTimeLimit: 30 },
      AfterContactWorkConfigs: [{ Channel: 'CHAT', AfterContactWorkConfig: { AfterContactWorkTimeLimit: 5 } }],
    }));
    expect(notes).toEqual([]);
    expect(document.users[0]).toMatchObject({ phoneType: 'SOFT_PHONE', channelSettings: { voice: { afterContactWorkTimeLimit: 30 }, chat: { afterContactWorkTimeLimit: 5 } } });
    expect(document.users[0].afterContactWorkTimeLimit).toBeUndefined();
  });

  it('leaves out an identity-management type the document does not know, and says so', () => {
    const { document, notes } = toRosterDocument({ ...live({}), identityManagementType: 'FEDERATED_SOMETHING' });
    expect(document.identityManagementType).toBeUndefined();
    expect(notes).toContain('instance: identityManagementType "FEDERATED_SOMETHING" is not one the roster document knows; left out');
  });

  it("leaves out (and notes) a security profile whose name holds the CSV cell's separator '|', which the roster would read as two", () => {
    const { document } = toRosterDocument({
      ...live({ SecurityProfileIds: ['sp', 'sp2'] }),
      securityProfiles: [{ Id: 'sp', Arn: 'arn:sp', Name: 'Agent' }, { Id: 'sp2', Arn: 'arn:sp2', Name: 'Agent|Supervisor' }],
    });
    expect(document.users[0].securityProfiles).toEqual(['Agent', 'Agent|Supervisor']);
    const { csv, notes } = toCsv(document);
    expect((parse(csv, { columns: true }) as any[])[0]['security_profile_name_1|security_profile_name_2']).toBe('Agent');
    expect(notes).toEqual(['jo: securityProfiles[Agent|Supervisor]: not expressible in CSV']);
  });

  it('quotes CSV cells as RFC 4180 says', () => {
    const { document } = toRosterDocument(live({ IdentityInfo: { FirstName: 'Smith, "J"', LastName: 'Line\nTwo' } }));
    const { csv } = toCsv(document);
    expect(csv.split('\r\n')[1]).toMatch(/^"Smith, ""J""","Line\nTwo",,,jo,/);
    expect((parse(csv, { columns: true }) as any[])[0]['first name']).toBe('Smith, "J"');
  });
});

describe('export: retries with the SDK\'s own backoff', () => {
  it('a small export rides out 20% of requests throttled', async () => {
    const instance = generateInstance(15, 'SAML');
    const fake = await FakeConnect.start([instance]);
    try {
      fake.throttle(0.2, 3);
      const result = await run(['export', '--instance-arn', instance.arn, '--endpoint-url', fake.url]);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.out).users).toHaveLength(15);
      expect(Object.values(fake.throttled).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      expect(fake.calls).toEqual(minimum(instance));
    } finally {
      await fake.close();
    }
  }, 60_000);
});

describe('export: usage and failures', () => {
  const sdk = loadConnectSdk.load;
  afterEach(() => {
    loadConnectSdk.load = sdk;
  });

  it.each([
    [['export'], /--instance-arn <arn> is required/],
    [['export', '--instance-arn', 'i-123'], /'i-123' is not an Amazon Connect instance ARN/],
    [['export', '--instance-arn', 'arn:aws:connect:us-east-1:111122223333:instance/i-1', '--format', 'xml'], /--format must be json or csv, got 'xml'/],
    [['export', 'extra', '--instance-arn', 'arn:aws:connect:us-east-1:111122223333:instance/i-1'], /export takes no positional argument/],
  ])('%j is a usage error, exit 2', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.err.join('\n')).toMatch(message);
  });

  it('--help describes the command on stdout', async () => {
    const result = await run(['export', '--help']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^usage: cdk-connect-user export --instance-arn <arn> [\s\S]*--format json\|csv[\s\S]*no\npassword is read or written/);
    expect((await run(['--help'])).out).toMatch(/\n {2}export +write the users of an Amazon Connect instance as a roster/);
  });

  it('with the default io (console), --help prints each line alone (forEach must not hand console.log its index and array)', async () => {
    const logged: unknown[][] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => { logged.push(args); };
    try {
      expect(await main(['export', '--help'])).toBe(0);
    } finally {
      console.log = log;
    }
    expect(logged.every(args => args.length === 1)).toBe(true);
    expect(logged[0][0]).toMatch(/^usage: cdk-connect-user export/);
  });

  it('a listing that hands back a NextToken a second time stops instead of paging forever', async () => {
    const api: ConnectApi = { counts: {}, call: async () => ({ UserSummaryList: [], NextToken: 'same' }) };
    await expect(listAll(api, 'ListUsers', {}, 'UserSummaryList', 1000)).rejects.toThrow('ListUsers returned the same NextToken twice: the listing would never end, so it stopped');
  });

  it('says how to install the SDK when it is missing', async () => {
    loadConnectSdk.load = () => { throw new Error('Cannot find module'); };
    const result = await run(['export', '--instance-arn', 'arn:aws:connect:us-east-1:111122223333:instance/i-1']);
    expect(result.code).toBe(1);
    expect(result.err).toEqual(["cdk-connect-user export: export needs the AWS SDK for JavaScript v3 Connect client: 'npm install --save-dev @aws-sdk/client-connect'"]);
  });

  it('an unknown instance fails with the service\'s error; an unknown route is a 404 the SDK understands', async () => {
    const fake = await FakeConnect.start([generateInstance(1, 'SAML')]);
    try {
      const result = await run(['export', '--instance-arn', 'arn:aws:connect:us-east-1:111122223333:instance/nope', '--endpoint-url', fake.url]);
      expect(result.code).toBe(1);
      // The message names the operation, the instance and the endpoint, then what the service said.
      expect(result.err.join('\n')).toMatch(new RegExp(`cdk-connect-user export: \\w+ \\(instance nope, at ${fake.url}\\) failed: instance nope not found`));
      const c = loadConnectSdk.load();
      const client = new c.ConnectClient({ region: 'us-east-1', endpoint: fake.url });
      await expect(client.send(new c.ListQueuesCommand({ InstanceId: 'x' }))).rejects.toMatchObject({ name: 'UnknownOperationException', $metadata: { httpStatusCode: 404 } });
      expect(fake.unknown).toEqual(['GET /queues-summary/x']);
    } finally {
      await fake.close();
    }
  });

  it('the fake refuses a fixture user the model has no field for', async () => {
    const instance = generateInstance(1, 'SAML');
    instance.users[0].user.Nickname = 'x';
    await expect(FakeConnect.start([instance])).rejects.toThrow(/agent.00001.Nickname: no such member/);
  });
});
