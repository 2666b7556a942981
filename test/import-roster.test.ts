/**
 * `cdk-connect-user import-roster` against a fake CloudFormation endpoint on
 * 127.0.0.1 (test/util/fake-cloudformation.ts), which enforces what
 * CloudFormation enforces on imports and on nesting an existing stack.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Aws, CfnOutput, CfnResource, NestedStack, Stack, Tags } from 'aws-cdk-lib';
import { CfnInstance } from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectInstance, ConnectUser, ConnectUserRoster, IdentityManagementType, PhoneConfig, RoutingProfile, SecurityProfile } from '../src';
import { cdkSynth } from './util/cdk-cli';
import { useDummyCredentials } from './util/credentials';
import { FakeCloudFormation, startFakeCloudFormation } from './util/fake-cloudformation';
import { FakeConnect, generateInstance } from './util/fake-connect';
import { ACCOUNT, INSTANCE_ARN, REGION, routingProfileArn, securityProfileArn, userArn } from './util/fixtures';
import { tempDirs } from './util/tmp';
import { readStacks } from '../src/cli/assembly';
import { ImportCfn, sdkImportCfn } from '../src/cli/aws/cloudformation';
import { IMPORTING_TAG_KEY, planRosterImport, resolveUrl, RosterImportPlan, shardStackName } from '../src/cli/import-roster-plan';
import { importPolling, PLACEHOLDER_LOGICAL_ID, runRosterImport } from '../src/cli/import-roster-run';
import { main } from '../src/cli/main';

const tmp = tempDirs('import-roster');
useDummyCredentials();
importPolling.delayMs = 1;

let fake: FakeCloudFormation | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: l => out.push(l), err: l => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A roster document of `n` adopted agents with their ARNs, as `export` writes them. */
function document(n: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    version: 1,
    instanceArn: INSTANCE_ARN,
    identityManagementType: 'SAML',
    routingProfiles: { Basic: routingProfileArn() },
    securityProfiles: { Agent: securityProfileArn() },
    users: Array.from({ length: n }, (_, i) => ({
      username: `agent.${String(i).padStart(5, '0')}`,
      routingProfile: 'Basic',
      securityProfiles: ['Agent'],
      firstName: 'Agent',
      lastName: `Number${i}`,
      phoneType: 'SOFT_PHONE',
      tags: { Team: i % 2 ? 'billing' : 'support' },
      adopt: true,
      existingUserArn: userArn(`u-${i}`),
      ...extra,
    })),
  });
}

/** Synthesizes `build` into a temporary cloud assembly; the app's stack is 'Agents'. */
function synth(build: (stack: Stack) => void): string {
  const outdir = tmp();
  const app = new App({ outdir });
  build(new Stack(app, 'Agents', { env: { account: ACCOUNT, region: REGION } }));
  app.synth();
  return outdir;
}

/** What `cdk publish-assets` does for the file assets of an assembly: each file to its bucket and key. */
function publishAssets(assembly: string, cfn: FakeCloudFormation): number {
  let count = 0;
  for (const file of fs.readdirSync(assembly).filter(f => f.endsWith('.assets.json'))) {
    const manifest = JSON.parse(fs.readFileSync(path.join(assembly, file), 'utf8'));
    for (const asset of Object.values<any>(manifest.files ?? {})) {
      for (const d of Object.values<any>(asset.destinations)) {
        const bucket = String(d.bucketName).replace('${AWS::AccountId}', ACCOUNT).replace('${AWS::Region}', REGION);
        cfn.objects.set(`${bucket}/${d.objectKey}`, fs.readFileSync(path.join(assembly, asset.source.path), 'utf8'));
        count++;
      }
    }
  }
  return count;
}

function templateOf(assembly: string, file = 'Agents.template.json'): any {
  return JSON.parse(fs.readFileSync(path.join(assembly, file), 'utf8'));
}

/** The synthesized shard resources of the parent, by logical id. */
function shardRows(assembly: string): Record<string, any> {
  return Object.fromEntries(Object.entries<any>(templateOf(assembly).Resources).filter(([, r]) => r.Type === 'AWS::CloudFormation::Stack'));
}

/** A roster with one adopted agent whose instance is an L1 of the stack: its ARN is a token, which the shard takes as a parameter. */
function rosterOnL1Instance(s: Stack): void {
  const l1 = new CfnInstance(s, 'Instance', { attributes: { inboundCalls: true, outboundCalls: true }, identityManagementType: 'SAML' });
  new ConnectUserRoster(s, 'Roster', {
    instance: ConnectInstance.fromInstanceAttributes(s, 'I', { instanceArn: l1.attrArn, identityManagementType: IdentityManagementType.SAML }),
    routingProfiles: { Basic: RoutingProfile.fromRoutingProfileArn(s, 'Rp', routingProfileArn()) },
    securityProfiles: { Agent: SecurityProfile.fromSecurityProfileArn(s, 'Sp', securityProfileArn()) },
    users: [{ username: 'agent.a', routingProfile: 'Basic', securityProfiles: ['Agent'], adopt: true, existingUserArn: userArn('u-a') }],
    shardCount: 1,
  });
}

/** Creates a stack on the fake through the SDK, and waits until it is made (the fake finishes at the next DescribeStacks). */
async function createSettled(cfn: FakeCloudFormation, name: string, template: unknown): Promise<void> {
  const api = sdkImportCfn({ region: REGION, endpoint: cfn.endpoint });
  await api.createStack({ StackName: name, TemplateBody: JSON.stringify(template), Tags: [], Capabilities: ['CAPABILITY_IAM'] });
  while ((await api.describeStack(name))!.status.endsWith('_IN_PROGRESS'));
}

/** The requests the fake answered, counted per action. */
const actions = (cfn: FakeCloudFormation) => cfn.requests.map(r => r.Action)
  .reduce<Record<string, number>>((n, a) => ({ ...n, [a]: (n[a] ?? 0) + 1 }), {});

describe('import-roster: a 2,000-agent roster', () => {
  it('imports each shard as a stack, nests them into a new parent, and leaves nothing for cdk deploy to change in them', async () => {
    const assembly = synth(s => new ConnectUserRoster(s, 'Roster', { json: document(2000) }));
    const users = Array.from({ length: 2000 }, (_, i) => userArn(`u-${i}`));
    fake = await startFakeCloudFormation({ liveUsers: users, account: ACCOUNT, region: REGION });
    const rows = shardRows(assembly);
    expect(Object.keys(rows)).toHaveLength(20);
    // The 20 shard templates and the parent's own.
    expect(publishAssets(assembly, fake)).toBe(21);

    const result = await run(['import-roster', assembly, '--endpoint-url', fake.endpoint]);
    expect(result.err).not.toMatch(/problem/);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^2000 adopted agent\(s\) in 20 shard\(s\) of Agents \(stack Agents, us-east-1\):/);
    expect(result.out).toMatch(/Imported 20 shard\(s\) into Agents\.\nNext: npx cdk deploy --app \S+ Agents brings Agents to its synthesized template \(and removes the placeholder\)/);
    expect(result.err).toMatch(/\[20\/20\] Agents-RosterShard\w+: \d+ agents imported, ready to nest/);

    // The calls: one IMPORT per shard and one to nest them all, one tag update per shard, the parent made once.
    expect(actions(fake)).toMatchObject({ CreateChangeSet: 21, ExecuteChangeSet: 21, UpdateStack: 20, CreateStack: 1 });

    const parent = fake.stacks.get('Agents')!;
    expect(parent.status).toBe('IMPORT_COMPLETE');
    const deployed = JSON.parse(parent.template);
    // The parent holds the shards exactly as synthesized: cdk deploy changes nothing in them (it removes the placeholder).
    expect(Object.keys(deployed.Resources).sort()).toEqual([PLACEHOLDER_LOGICAL_ID, ...Object.keys(rows)].sort());
    for (const [id, row] of Object.entries(rows)) {
      expect(deployed.Resources[id]).toEqual(row);
      expect(row.DeletionPolicy).toBe('Retain');
    }
    // Every shard's stack is nested, holds its template as synthesized, and has the tags the parent gives it.
    let imported = 0;
    const stack = readStacks(assembly)[0];
    for (const [id, row] of Object.entries(rows)) {
      const child = fake.stacks.get(`Agents-${id}`)!;
      expect(child.parentId).toBe(parent.stackId);
      expect(child.tags).toEqual(row.Properties.Tags ?? []);
      expect(JSON.parse(child.template)).toEqual(stack.nestedTemplate(stack.template, id));
      imported += child.resources.size;
      expect(parent.resources.get(id)).toEqual({ type: 'AWS::CloudFormation::Stack', physicalId: child.stackId });
    }
    expect(imported).toBe(2000);
    // No agent belongs to two stacks.
    const owners = [...fake.stacks.values()].flatMap(st => [...st.resources.values()].filter(r => r.type === 'AWS::Connect::User').map(r => r.physicalId));
    expect(new Set(owners)).toEqual(new Set(users));

    // Run again: everything is nested already, nothing is imported twice.
    const before = fake.requests.length;
    const again = await run(['import-roster', assembly, '--endpoint-url', fake.endpoint]);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/Imported 0 shard\(s\) into Agents \(20 were nested already\)/);
    expect(fake.requests.slice(before).map(r => r.Action)).toEqual(['DescribeStacks', 'GetTemplate']);
  });
});

describe('import-roster on what the real cdk CLI writes', () => {
  it('an adopted roster synthesized by `cdk synth` with its defaults passes --dry-run and imports to the end', async () => {
    const dir = tmp();
    const doc = path.join(dir, 'roster.json');
    fs.writeFileSync(doc, document(30));
    const out = path.join(dir, 'cdk.out');
    cdkSynth('test/apps/adopted-roster.ts', out, { ROSTER_DOCUMENT: doc, APP_ACCOUNT: ACCOUNT, APP_REGION: REGION });
    // What the CLI adds and an in-process App does not: version reporting in the parent, path and asset metadata.
    const parent = templateOf(out);
    expect(parent.Resources.CDKMetadata?.Type).toBe('AWS::CDK::Metadata');
    const rows = shardRows(out);
    expect(Object.keys(rows)).toHaveLength(2);
    for (const row of Object.values(rows)) expect(row.Metadata['aws:asset:property']).toBe('TemplateURL');
    // The shards of adopted agents hold the agents alone: nothing an import would have to create.
    const stack = readStacks(out)[0];
    for (const id of Object.keys(rows)) {
      const types = Object.values(stack.nestedTemplate(stack.template, id)!.Resources ?? {}).map(r => r.Type);
      expect(types.length).toBeGreaterThan(0);
      expect(types.filter(t => t !== 'AWS::Connect::User')).toEqual([]);
    }

    const dry = await run(['import-roster', out, '--dry-run']);
    expect(dry.err).toBe('');
    expect(dry.code).toBe(0);

    fake = await startFakeCloudFormation({ liveUsers: Array.from({ length: 30 }, (_, i) => userArn(`u-${i}`)), account: ACCOUNT, region: REGION });
    publishAssets(out, fake);
    const result = await run(['import-roster', out, '--endpoint-url', fake.endpoint]);
    expect(result.err).not.toMatch(/problem/);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Imported 2 shard\(s\) into Agents\./);
    for (const id of Object.keys(rows)) expect(fake.stacks.get(`Agents-${id}`)!.parentId).toBe(fake.stacks.get('Agents')!.stackId);
  }, 240_000);
});

describe('import-roster: a run that stops half way', () => {
  it('says what CloudFormation said; the next run goes on (a shard left REVIEW_IN_PROGRESS takes a new change set) and imports no shard twice', async () => {
    const assembly = synth(s => new ConnectUserRoster(s, 'Roster', { json: document(60), shardCount: 6 }));
    fake = await startFakeCloudFormation({ liveUsers: Array.from({ length: 60 }, (_, i) => userArn(`u-${i}`)), account: ACCOUNT, region: REGION });
    publishAssets(assembly, fake);
    const ids = Object.keys(shardRows(assembly)).sort();
    fake.failNextChangeSet(`Agents-${ids[3]}`, 'Internal Failure');

    const first = await run(['import-roster', assembly, '--endpoint-url', fake.endpoint]);
    expect(first.code).toBe(1);
    expect(first.err).toMatch(new RegExp(`Agents-${ids[3]}: the IMPORT change set cdk-connect-user-import-\\d+ failed: Internal Failure`));
    expect(first.err).toMatch(/shard\(s\) are imported and ready to nest; run import-roster again once the cause is fixed/);
    expect(fake.stacks.has('Agents')).toBe(false);
    expect(fake.stacks.get(`Agents-${ids[3]}`)!.status).toBe('REVIEW_IN_PROGRESS');

    const second = await run(['import-roster', assembly, '--endpoint-url', fake.endpoint]);
    expect(second.code).toBe(0);
    const imports = fake.requests.filter(r => r.Action === 'CreateChangeSet').map(r => r.StackName);
    // Each shard imported once (the failed one twice: the failure, then the import), the parent nested once.
    expect(imports.filter(n => n === 'Agents')).toHaveLength(1);
    for (const id of ids) expect(imports.filter(n => n === `Agents-${id}`)).toHaveLength(id === ids[3] ? 2 : 1);
    expect([...fake.stacks.values()].filter(s => s.parentId)).toHaveLength(6);
  });

  it('a tag update that rolls back is said, and done again by the next run (the shard is not imported again)', async () => {
    const assembly = synth(s => new ConnectUserRoster(s, 'Roster', { json: document(8), shardCount: 2 }));
    fake = await startFakeCloudFormation({ liveUsers: Array.from({ length: 8 }, (_, i) => userArn(`u-${i}`)), account: ACCOUNT, region: REGION });
    publishAssets(assembly, fake);
    const [id] = Object.keys(shardRows(assembly)).sort();
    fake.failNextUpdate(`Agents-${id}`, 'Resource handler returned message: "Rate exceeded"');

    const first = await run(['import-roster', assembly, '--endpoint-url', fake.endpoint, '--concurrency', '1']);
    expect(first.code).toBe(1);
    expect(first.err).toMatch(new RegExp(`expected UPDATE_COMPLETE: Agents-${id} is UPDATE_ROLLBACK_COMPLETE \\(Resource handler returned message: "Rate exceeded"\\): `
      + 'its update rolled back; fix the cause \\(see its events\\), then run import-roster again'));

    const second = await run(['import-roster', assembly, '--endpoint-url', fake.endpoint]);
    expect(second.code).toBe(0);
    const forShard = (action: string) => fake!.requests.filter(r => r.Action === action && r.StackName === `Agents-${id}`);
    expect(forShard('CreateChangeSet')).toHaveLength(1);
    expect(forShard('UpdateStack')).toHaveLength(2);
    expect(fake.stacks.get(`Agents-${id}`)!.parentId).toBe(fake.stacks.get('Agents')!.stackId);
  });
});

describe('import-roster: a parent that exists', () => {
  it('adds the shards to its deployed template, keeping its resources and parameters', async () => {
    const assembly = synth(s => new ConnectUserRoster(s, 'Roster', { json: document(10), shardCount: 2 }));
    fake = await startFakeCloudFormation({ liveUsers: Array.from({ length: 10 }, (_, i) => userArn(`u-${i}`)), account: ACCOUNT, region: REGION });
    publishAssets(assembly, fake);
    // A parent deployed before, holding an IAM role: CloudFormation asks for the IAM capability on any change set of it.
    const existing = {
      Parameters: { BootstrapVersion: { Type: 'String', Default: '/cdk-bootstrap/hnb659fds/version' } },
      Resources: { Handle: { Type: 'AWS::CloudFormation::WaitConditionHandle' }, Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } } },
    };
    await createSettled(fake, 'Agents', existing);

    const result = await run(['import-roster', assembly, '--endpoint-url', fake.endpoint]);
    expect(result.code).toBe(0);
    expect(result.out).not.toMatch(/placeholder/);
    expect(actions(fake).CreateStack).toBe(1);
    const deployed = JSON.parse(fake.stacks.get('Agents')!.template);
    expect(deployed.Parameters).toEqual(existing.Parameters);
    expect(Object.keys(deployed.Resources).sort()).toEqual(['Handle', 'Role', ...Object.keys(shardRows(assembly))].sort());
    const nest = fake.requests.find(r => r.Action === 'CreateChangeSet' && r.StackName === 'Agents')!;
    expect(nest['Capabilities.member.1']).toBe('CAPABILITY_IAM');
    expect(nest['Parameters.member.1.ParameterKey']).toBe('BootstrapVersion');
    expect(nest['Parameters.member.1.UsePreviousValue']).toBe('true');
  });

  it('checks the size of the template that nests the shards before importing anything', async () => {
    const assembly = synth(s => new ConnectUserRoster(s, 'Roster', { json: document(10), shardCount: 2 }));
    fake = await startFakeCloudFormation({ liveUsers: Array.from({ length: 10 }, (_, i) => userArn(`u-${i}`)), account: ACCOUNT, region: REGION });
    publishAssets(assembly, fake);
    // A deployed parent just under CreateChangeSet's 51,200 bytes inline, which the two shards' resources take over it.
    const handles: Record<string, unknown> = {};
    for (let i = 0; JSON.stringify({ Resources: handles }).length < 51_200 - 200; i++) handles[`Handle${i}`] = { Type: 'AWS::CloudFormation::WaitConditionHandle' };
    await createSettled(fake, 'Agents', { Resources: handles });
    expect(JSON.stringify({ Resources: { ...handles, ...shardRows(assembly) } }).length).toBeGreaterThan(51_200);

    const result = await run(['import-roster', assembly, '--endpoint-url', fake.endpoint]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/the template that nests the shards into Agents would be \d+ bytes, and CreateChangeSet takes at most 51200 inline \(import-roster does not upload it\)\. Nothing was imported\. Put the roster in a stack of its own/);
    expect(fake.requests.filter(r => r.Action !== 'DescribeStacks' && r.Action !== 'GetTemplate' && r.StackName !== 'Agents')).toEqual([]);
    expect(actions(fake).CreateChangeSet).toBeUndefined();
  });

  it('says that adopted ConnectUsers of the parent itself are left to cdk import', async () => {
    const assembly = synth(s => {
      new ConnectUserRoster(s, 'Roster', { json: document(2), shardCount: 1 });
      new ConnectUser(s, 'Old', {
        instance: ConnectInstance.fromInstanceAttributes(s, 'I', { instanceArn: INSTANCE_ARN, identityManagementType: IdentityManagementType.SAML }),
        username: 'old.agent',
        routingProfile: RoutingProfile.fromRoutingProfileArn(s, 'Rp', routingProfileArn()),
        securityProfiles: [SecurityProfile.fromSecurityProfileArn(s, 'Sp', securityProfileArn())],
        phoneConfig: PhoneConfig.softPhone(),
        adopt: true,
        existingUserArn: userArn('u-old'),
      });
    });
    fake = await startFakeCloudFormation({ liveUsers: [], account: ACCOUNT, region: REGION });
    const result = await run(['import-roster', assembly, '--dry-run', '--endpoint-url', fake.endpoint]);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/1 adopted ConnectUser\(s\) are in Agents itself, not in a shard: import-roster leaves them; import them with cdk import/);
  });

  it('gives each shard stack the tags the parent gives its resource, and moves it to UPDATE_COMPLETE by removing its own', async () => {
    const assembly = synth(s => {
      new ConnectUserRoster(s, 'Roster', { json: document(4), shardCount: 1 });
      Tags.of(s).add('CostCenter', 'cc-42');
    });
    fake = await startFakeCloudFormation({ liveUsers: Array.from({ length: 4 }, (_, i) => userArn(`u-${i}`)), account: ACCOUNT, region: REGION });
    publishAssets(assembly, fake);
    const [id, row] = Object.entries(shardRows(assembly))[0];
    expect(row.Properties.Tags).toEqual([{ Key: 'CostCenter', Value: 'cc-42' }]);

    expect((await run(['import-roster', assembly, '--endpoint-url', fake.endpoint])).code).toBe(0);
    const create = fake.requests.find(r => r.Action === 'CreateChangeSet' && r.StackName === `Agents-${id}`)!;
    expect([create['Tags.member.1.Key'], create['Tags.member.2.Key']]).toEqual(['CostCenter', IMPORTING_TAG_KEY]);
    const update = fake.requests.find(r => r.Action === 'UpdateStack')!;
    expect(update).toMatchObject({ 'StackName': `Agents-${id}`, 'UsePreviousTemplate': 'true', 'Tags.member.1.Key': 'CostCenter', 'Tags.member.1.Value': 'cc-42' });
    expect(update['Tags.member.2.Key']).toBeUndefined();
    expect(fake.stacks.get(`Agents-${id}`)!.tags).toEqual([{ Key: 'CostCenter', Value: 'cc-42' }]);
    expect(fake.stacks.get('Agents')!.tags).toEqual([{ Key: 'CostCenter', Value: 'cc-42' }]);
  });
});

describe('import-roster --lookup', () => {
  it('finds the ARN of agents without one by username (SearchUsers on a fake Connect endpoint), and imports each by it', async () => {
    const instance = generateInstance(6, 'SAML');
    const connect = await FakeConnect.start([instance]);
    try {
      const json = {
        version: 1,
        instanceArn: instance.arn,
        identityManagementType: 'SAML',
        routingProfiles: { Basic: instance.routingProfiles[0].Arn },
        securityProfiles: { Agent: instance.securityProfiles[0].Arn },
        users: instance.users.map(u => ({ username: u.user.Username, routingProfile: 'Basic', securityProfiles: ['Agent'], adopt: true })),
      };
      const assembly = synth(s => new ConnectUserRoster(s, 'Roster', { json: JSON.stringify(json), shardCount: 2 }));
      fake = await startFakeCloudFormation({ liveUsers: instance.users.map(u => u.user.Arn), account: ACCOUNT, region: REGION });
      publishAssets(assembly, fake);
      const result = await run(['import-roster', assembly, '--lookup', '--connect-endpoint-url', connect.url, '--endpoint-url', fake.endpoint]);
      expect(result.code).toBe(0);
      expect(connect.calls.SearchUsers).toBe(6);
      // Each agent was imported by its own ARN.
      const stack = readStacks(assembly)[0];
      for (const [id] of Object.entries(shardRows(assembly))) {
        const template = stack.nestedTemplate(stack.template, id)!;
        for (const [logicalId, r] of Object.entries(template.Resources!)) {
          const live = instance.users.find(u => u.user.Username === r.Properties!.Username)!;
          expect(fake.stacks.get(`Agents-${id}`)!.resources.get(logicalId)!.physicalId).toBe(live.user.Arn);
        }
      }
    } finally {
      await connect.close();
    }
  });
});

describe('import-roster: what stops it before any call', () => {
  const problemsOf = async (assembly: string, ...more: string[]) => {
    fake = await startFakeCloudFormation({ liveUsers: [], account: ACCOUNT, region: REGION });
    const result = await run(['import-roster', assembly, '--endpoint-url', fake.endpoint, ...more]);
    expect(result.code).toBe(1);
    expect(fake.requests).toEqual([]);
    return result.err;
  };

  it('an agent to create in a shard (an import creates nothing)', async () => {
    const json = JSON.parse(document(3));
    json.users[1].adopt = false;
    delete json.users[1].existingUserArn;
    const err = await problemsOf(synth(s => new ConnectUserRoster(s, 'Roster', { json: JSON.stringify(json), shardCount: 1 })));
    expect(err).toMatch(/RosterShard0\w+: an import creates nothing, and import-roster imports the shard's template as it is, but this shard also holds 1 resource\(s\) to create: \w+ \(AWS::Connect::User, not adopted\)/);
  });

  it('more than 200 agents in a shard (an IMPORT change set takes 200)', async () => {
    const err = await problemsOf(synth(s => new ConnectUserRoster(s, 'Roster', { json: document(201), shardCount: 1 })));
    expect(err).toMatch(/: 201 adopted agents; an IMPORT change set takes at most 200 resources: raise the roster's shardCount/);
  });

  it('outputs of a shard that the parent refers to (an import adds none)', async () => {
    const err = await problemsOf(synth(s => {
      const roster = new ConnectUserRoster(s, 'Roster', { json: document(2), shardCount: 1 });
      new CfnOutput(s, 'First', { value: roster.user('agent.00000').userArn });
    }));
    expect(err).toMatch(/the parent refers to agents of this shard \(outputs \w+\), and an import adds no outputs/);
  });

  it('parameters a shard takes from its parent (a stack imported on its own gets none)', async () => {
    const err = await problemsOf(synth(rosterOnL1Instance));
    expect(err).toMatch(/the shard takes parameters from its parent \(\w+\), which a stack imported on its own does not get/);
  });

  it('adopted agents in a nested stack of a nested stack (one level of nesting only)', async () => {
    const err = await problemsOf(synth(s => {
      const inner = new NestedStack(s, 'Team');
      new ConnectUserRoster(inner as unknown as Construct, 'Roster', { json: document(2), shardCount: 1 });
    }));
    expect(err).toMatch(/the adopted agents are in a nested stack of a nested stack; CloudFormation nests an existing stack one level deep only/);
  });

  it("an agent's tags, the shard stack's and import-roster's own past 50 keys (a key in two counts once)", async () => {
    const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
    const json = JSON.parse(document(2, { tags: tags(48) }));
    json.users[1].tags = tags(49);
    const assembly = synth(s => {
      new ConnectUserRoster(s, 'Roster', { json: JSON.stringify(json), shardCount: 1 });
      // A stack tag reaches the users' own Tags and the shard's stack resource: one key, counted once.
      Tags.of(s).add('CostCenter', 'cc-42');
    });
    const err = await problemsOf(assembly);
    expect(err).toMatch(/agent 'agent\.00001' would carry 51 tag keys while importing \(its own, the shard stack's and cdk-connect-user:importing\); Amazon Connect takes at most 50: drop 1/);
    // 48 + CostCenter + the import tag is 50: accepted.
    expect(err).not.toMatch(/agent\.00000/);
  });

  it("a shard's stack resource without a DeletionPolicy (a resource to import needs one)", async () => {
    const err = await problemsOf(synth(s => {
      const roster = new ConnectUserRoster(s, 'Roster', { json: document(2), shardCount: 1 });
      // An escape hatch that takes the roster's Retain away.
      (Object.values(roster.shards)[0].nestedStackResource as CfnResource).cfnOptions.deletionPolicy = undefined;
    }));
    expect(err).toMatch(/the shard's stack resource has no DeletionPolicy; a resource to import needs one/);
  });

  it("a shard stack's tags past 50 with import-roster's own, and tags that are not plain strings", async () => {
    const many = await problemsOf(synth(s => {
      new ConnectUserRoster(s, 'Roster', { json: document(1, { tags: undefined }), shardCount: 1 });
      for (let i = 0; i < 50; i++) Tags.of(s).add(`k${i}`, 'v', { includeResourceTypes: ['AWS::CloudFormation::Stack'] });
    }));
    expect(many).toMatch(/the shard's stack has 50 tags; while importing it also carries cdk-connect-user:importing, and a stack takes at most 50: drop a tag/);
    await fake!.close();
    const computed = await problemsOf(synth(s => {
      new ConnectUserRoster(s, 'Roster', { json: document(1), shardCount: 1 });
      Tags.of(s).add('Region', Aws.REGION, { includeResourceTypes: ['AWS::CloudFormation::Stack'] });
    }));
    expect(computed).toMatch(/the shard's stack tags are not all plain strings \(.*"Ref":"AWS::Region".*\); the shard's stack must be given the same tags, so they must be known/);
  });

  it('a stack without an env whose agents name no instance ARN: no account or region', async () => {
    const assembly = tmp();
    const app = new App({ outdir: assembly });
    rosterOnL1Instance(new Stack(app, 'Agents'));
    app.synth();
    const err = await problemsOf(assembly);
    expect(err).toMatch(/Agents names no account or region, and no agent's instance ARN gives them: pass --region, or give the stack an env/);
  });

  it('every problem at once: an agent without an ARN beside a shard problem', async () => {
    const json = JSON.parse(document(201));
    delete json.users[0].existingUserArn;
    const err = await problemsOf(synth(s => new ConnectUserRoster(s, 'Roster', { json: JSON.stringify(json), shardCount: 1 })));
    expect(err).toMatch(/2 problem\(s\) stop the import/);
    expect(err).toMatch(/201 adopted agents; an IMPORT change set takes at most 200/);
    expect(err).toMatch(/1 adopted agent\(s\) have no existingUserArn; set it, or pass --lookup to find them by username: 'agent\.00000'/);
  });

  it('--concurrency takes a whole number from 1 to 20', async () => {
    for (const bad of ['0', '21', 'many', '2.5']) {
      const result = await run(['import-roster', 'cdk.out', '--concurrency', bad]);
      expect(result.code).toBe(2);
      expect(result.err).toContain(`--concurrency takes a whole number from 1 to 20, got '${bad}'`);
    }
  });

  it('agents without an ARN, unless --lookup', async () => {
    const json = JSON.parse(document(2));
    json.users.forEach((u: any) => delete u.existingUserArn);
    const err = await problemsOf(synth(s => new ConnectUserRoster(s, 'Roster', { json: JSON.stringify(json), shardCount: 1 })));
    expect(err).toMatch(/1 problem\(s\) stop the import; nothing was called:\n {2}- 2 adopted agent\(s\) have no existingUserArn; set it, or pass --lookup to find them by username: 'agent.00000', 'agent.00001'/);
  });

  it('--dry-run with --lookup looks nothing up (it calls nothing)', async () => {
    const json = JSON.parse(document(2));
    json.users.forEach((u: any) => delete u.existingUserArn);
    const assembly = synth(s => new ConnectUserRoster(s, 'Roster', { json: JSON.stringify(json), shardCount: 1 }));
    // No Connect endpoint listens here: a lookup would fail.
    const result = await run(['import-roster', assembly, '--dry-run', '--lookup', '--connect-endpoint-url', 'http://127.0.0.1:9']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/2 agent\(s\) without existingUserArn will be looked up by username \(--lookup; not under --dry-run\)/);
  });

  it('--dry-run prints the shards and the steps, and calls nothing', async () => {
    const assembly = synth(s => new ConnectUserRoster(s, 'Roster', { json: document(5), shardCount: 2 }));
    fake = await startFakeCloudFormation({ liveUsers: [], account: ACCOUNT, region: REGION });
    const result = await run(['import-roster', assembly, '--dry-run', '--endpoint-url', fake.endpoint]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^5 adopted agent\(s\) in 2 shard\(s\) of Agents/);
    expect(result.out).toMatch(/1\. per shard: an IMPORT change set makes its stack from https:\/\/s3\.us-east-1\.amazonaws\.com\/cdk-hnb659fds-assets-111122223333-us-east-1\/[0-9a-f]{64}\.json/);
    expect(result.out).toMatch(/Before: npx cdk publish-assets --app \S+ Agents {4}After: npx cdk deploy --app \S+ Agents/);
    expect(fake.requests).toEqual([]);
  });
});

describe('the fake refuses what CloudFormation refuses when nesting a stack', () => {
  const oneShard = async () => {
    const assembly = synth(s => new ConnectUserRoster(s, 'Roster', { json: document(4), shardCount: 1 }));
    fake = await startFakeCloudFormation({ liveUsers: Array.from({ length: 4 }, (_, i) => userArn(`u-${i}`)), account: ACCOUNT, region: REGION });
    publishAssets(assembly, fake);
    return assembly;
  };

  it('a shard stack left in IMPORT_COMPLETE, or with other tags, is not nested', async () => {
    const assembly = await oneShard();
    const cfn = sdkImportCfn({ region: REGION, endpoint: fake!.endpoint });
    const [id, row] = Object.entries(shardRows(assembly))[0];
    const url = `https://s3.${REGION}.amazonaws.com/cdk-hnb659fds-assets-${ACCOUNT}-${REGION}/${/([0-9a-f]{64}\.json)/.exec(JSON.stringify(row.Properties.TemplateURL))![1]}`;
    const shard = JSON.parse(fake!.objects.get(url.split('.com/')[1])!);
    // Each user by its ARN: agent.0000N is u-N.
    const toImport = Object.entries<any>(shard.Resources).map(([logicalId, r]) => ({
      ResourceType: 'AWS::Connect::User', LogicalResourceId: logicalId, ResourceIdentifier: { UserArn: userArn(`u-${Number(r.Properties.Username.split('.')[1])}`) },
    }));
    const settle = async (name: string) => { while ((await cfn.describeStack(name))!.status.endsWith('_IN_PROGRESS')); };
    await cfn.createImportChangeSet({ StackName: 'Child', ChangeSetName: 'c1', TemplateURL: url, ResourcesToImport: toImport });
    expect(await cfn.describeChangeSet('Child', 'c1')).toEqual({ status: 'CREATE_PENDING', reason: undefined });
    expect(await cfn.describeChangeSet('Child', 'c1')).toEqual({ status: 'CREATE_COMPLETE', reason: undefined });
    await cfn.executeChangeSet('Child', 'c1');
    await settle('Child');
    await createSettled(fake!, 'Parent', { Resources: { H: { Type: 'AWS::CloudFormation::WaitConditionHandle' } } });
    const childId = (await cfn.describeStack('Child'))!.stackId;
    const nest = async (name: string) => {
      await cfn.createImportChangeSet({
        StackName: 'Parent',
        ChangeSetName: name,
        TemplateBody: JSON.stringify({ Resources: { H: { Type: 'AWS::CloudFormation::WaitConditionHandle' }, [id]: row } }),
        ResourcesToImport: [{ ResourceType: 'AWS::CloudFormation::Stack', LogicalResourceId: id, ResourceIdentifier: { StackId: childId } }],
      });
      await cfn.describeChangeSet('Parent', name);
      return cfn.describeChangeSet('Parent', name);
    };

    expect((await nest('n1')).reason).toMatch(/not in an importable status, current stack status is IMPORT_COMPLETE/);
    await cfn.updateTags('Child', [{ Key: 'Other', Value: 'x' }]);
    await settle('Child');
    expect((await nest('n2')).reason).toMatch(/Tags of resource \[\w+\] defined in the template don't match/);
    await cfn.updateTags('Child', []);
    await settle('Child');
    expect(await nest('n3')).toEqual({ status: 'CREATE_COMPLETE', reason: undefined });
    // And an IMPORT change set never includes nested stacks, nor more than 200 resources.
    await expect(cfn.createImportChangeSet({ StackName: 'X', ChangeSetName: 'x', TemplateBody: '{}', ResourcesToImport: Array.from({ length: 201 }, (_, i) => ({ ResourceType: 'AWS::Connect::User', LogicalResourceId: `U${i}`, ResourceIdentifier: { UserArn: `u${i}` } })) }))
      .rejects.toThrow(/less than or equal to 200/);
  });
});

/** An in-memory ImportCfn whose stacks stay as given, recording the calls made. */
function stubCfn(stacks: Record<string, { status: string; reason?: string; parentId?: string; template?: unknown }>) {
  const calls: Array<[string, unknown]> = [];
  const cfn: ImportCfn = {
    describeStack: async name => {
      calls.push(['describeStack', name]);
      const s = stacks[name];
      return s && { stackId: `id-${name}`, status: s.status, reason: s.reason, tags: [], parentId: s.parentId };
    },
    getTemplate: async name => JSON.stringify(stacks[name]?.template ?? {}),
    createStack: async input => { calls.push(['createStack', input]); },
    updateTags: async (name, tags) => { calls.push(['updateTags', { name, tags }]); },
    createImportChangeSet: async input => { calls.push(['createImportChangeSet', input]); },
    describeChangeSet: async () => ({ status: 'CREATE_PENDING' }),
    executeChangeSet: async () => { calls.push(['executeChangeSet', undefined]); },
  };
  return { cfn, calls };
}

/** A plan of one shard with two agents, as planRosterImport makes it. */
function onePlan(resource: Record<string, unknown> = { Type: 'AWS::CloudFormation::Stack', DeletionPolicy: 'Retain', Properties: { TemplateURL: 'https://s3.us-east-1.amazonaws.com/b/k.json' } }): RosterImportPlan {
  return {
    stack: 'Agents',
    stackName: 'Agents',
    region: REGION,
    stackTags: [],
    topLevelAdopted: 0,
    shards: [{
      logicalId: 'Shard0',
      stackName: 'Agents-Shard0',
      resource: resource as any,
      templateUrl: 'https://s3.us-east-1.amazonaws.com/b/k.json',
      tags: [],
      users: [{ logicalId: 'A', username: 'a', instanceArn: INSTANCE_ARN, userArn: userArn('u-a'), tagKeys: [] }],
    }],
  };
}

describe('import-roster: stacks in a status it cannot start from', () => {
  it.each([
    ['the parent', { Agents: { status: 'UPDATE_IN_PROGRESS' } }, /^Agents is UPDATE_IN_PROGRESS: wait until it finishes, then run import-roster again$/],
    ['the parent', { Agents: { status: 'REVIEW_IN_PROGRESS' } }, /^Agents is REVIEW_IN_PROGRESS: it was never created \(a change set waits to be executed\); delete that change set or the stack/],
    ['the parent', { Agents: { status: 'ROLLBACK_COMPLETE', reason: 'boom' } }, /^Agents is ROLLBACK_COMPLETE \(boom\): its creation failed and it holds nothing; delete it/],
    ['the parent', { Agents: { status: 'UPDATE_ROLLBACK_FAILED' } }, /^Agents is UPDATE_ROLLBACK_FAILED: see its events in the CloudFormation console, bring it to a \*_COMPLETE status/],
    ['the parent', { Agents: { status: 'UPDATE_COMPLETE', parentId: 'arn:root' } }, /^Agents is itself a nested stack; CloudFormation nests an existing stack one level deep only$/],
    ['a shard', { 'Agents-Shard0': { status: 'IMPORT_ROLLBACK_COMPLETE', reason: 'Resource x does not exist' } },
      /^Agents-Shard0 is IMPORT_ROLLBACK_COMPLETE \(Resource x does not exist\): its import rolled back; delete it \(its agents are retained: DeletionPolicy Retain\)/],
    ['a shard', { 'Agents-Shard0': { status: 'UPDATE_COMPLETE', parentId: 'arn:other' } }, /^Agents-Shard0 is nested in another stack \(arn:other\) already; CloudFormation nests a stack in one parent only/],
  ])('%s: %j says what to do, and changes nothing', async (_what, stacks, expected) => {
    const { cfn, calls } = stubCfn(stacks);
    const error = await runRosterImport(onePlan(), cfn, () => undefined).then(() => undefined, (e: Error) => e.message);
    expect(error).toMatch(expected);
    expect(calls.filter(([c]) => c !== 'describeStack')).toEqual([]);
  });

  it('gives up on a change set that stays pending past the timeout, naming it', async () => {
    const { cfn } = stubCfn({});
    const saved = importPolling.timeoutMs;
    importPolling.timeoutMs = 5;
    try {
      const error = await runRosterImport(onePlan(), cfn, () => undefined).then(() => undefined, (e: Error) => e.message);
      expect(error).toMatch(/^Agents-Shard0: the change set cdk-connect-user-import-\d+ is still CREATE_PENDING/);
    } finally {
      importPolling.timeoutMs = saved;
    }
  });

  it('nests a shard without the DependsOn entries the parent does not have yet (cdk deploy adds them back)', async () => {
    const stacks: Record<string, any> = {
      'Agents': { status: 'UPDATE_COMPLETE', template: { Resources: { Handle: { Type: 'AWS::CloudFormation::WaitConditionHandle' } } } },
      'Agents-Shard0': { status: 'UPDATE_COMPLETE' },
    };
    const { cfn, calls } = stubCfn(stacks);
    cfn.describeChangeSet = async () => ({ status: 'CREATE_COMPLETE' });
    cfn.executeChangeSet = async stackName => { stacks[stackName].status = 'IMPORT_COMPLETE'; };
    await runRosterImport(onePlan({ ...onePlan().shards[0].resource, DependsOn: ['Handle', 'NotYet'] }), cfn, () => undefined);
    const nest = calls.find(([c, input]) => c === 'createImportChangeSet' && (input as any).StackName === 'Agents')![1] as any;
    expect(JSON.parse(nest.TemplateBody).Resources.Shard0.DependsOn).toEqual(['Handle']);
    expect(nest.Capabilities).toEqual(['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND']);
  });
});

describe('import-roster: which stack, and where the templates are', () => {
  it('names the stack to import when several have adopted agents in shards, and refuses one without', async () => {
    const assembly = tmp();
    const app = new App({ outdir: assembly });
    for (const name of ['Agents', 'More']) {
      // Usernames are unique in an instance: each stack's agents have their own.
      const json = JSON.parse(document(2));
      json.users.forEach((u: any, i: number) => { u.username = `${name.toLowerCase()}.${i}`; u.existingUserArn = userArn(`${name}-${i}`); });
      new ConnectUserRoster(new Stack(app, name, { env: { account: ACCOUNT, region: REGION } }), 'Roster', { json: JSON.stringify(json), shardCount: 1 });
    }
    new Stack(app, 'Empty', { env: { account: ACCOUNT, region: REGION } }).node.addMetadata('x', 'y');
    app.synth();
    expect(planRosterImport(assembly).problems).toEqual(['several stacks have adopted agents in nested stacks: name one with --stack (Agents, More)']);
    expect(planRosterImport(assembly, { stack: 'Nope' }).problems[0]).toMatch(/^no stack 'Nope' in .* \(stacks: Agents, More, Empty\)$/);
    expect(planRosterImport(assembly, { stack: 'Empty' }).problems).toEqual(['Empty has no adopted agents in nested stacks (a roster\'s shards): nothing to import this way']);
    expect(planRosterImport(assembly, { stack: 'More' }).plan?.stackName).toBe('More');
    const none = synth(s => new ConnectUserRoster(s, 'Roster', { json: document(2, { adopt: false, existingUserArn: undefined }), shardCount: 1 }));
    expect(planRosterImport(none).problems[0]).toMatch(/^no stack of .* has adopted agents in nested stacks/);
  });

  it('works out template URLs from the intrinsics CDK writes, in every partition, and says when it cannot', () => {
    const env = { region: 'cn-north-1', account: '111122223333', partition: 'aws-cn' };
    expect(resolveUrl({ 'Fn::Join': ['', ['https://s3.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/', { 'Fn::Sub': 'cdk-${AWS::AccountId}-${AWS::Region}' }, '/k.json']] }, env))
      .toBe('https://s3.cn-north-1.amazonaws.com.cn/cdk-111122223333-cn-north-1/k.json');
    expect(resolveUrl({ 'Fn::Sub': 'https://${Bucket}/k.json' }, env)).toBeUndefined();
    expect(resolveUrl({ 'Fn::GetAtt': ['B', 'Arn'] }, env)).toBeUndefined();
    expect(resolveUrl({ 'Ref': 'AWS::Region', 'Fn::Sub': 'x' }, env)).toBeUndefined();
    expect(resolveUrl({ 'Fn::Join': ['', [{ Ref: 'Other' }]] }, env)).toBeUndefined();
    expect(resolveUrl(42, env)).toBeUndefined();
  });

  it('keeps stack names within 128 characters, and apart by the end of the logical id', () => {
    const long = shardStackName('P'.repeat(100), `Roster${'X'.repeat(40)}Shard1NestedStackResourceA1B2C3D4`);
    expect(long).toHaveLength(128);
    expect(long.endsWith('A1B2C3D4')).toBe(true);
    expect(shardStackName('Agents', 'Shard0')).toBe('Agents-Shard0');
  });

  it("says the shard's template may not be published when CloudFormation cannot read it", async () => {
    const assembly = synth(s => new ConnectUserRoster(s, 'Roster', { json: document(2), shardCount: 1 }));
    fake = await startFakeCloudFormation({ liveUsers: [userArn('u-0'), userArn('u-1')], account: ACCOUNT, region: REGION });
    const result = await run(['import-roster', assembly, '--endpoint-url', fake.endpoint]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/CloudFormation refused the IMPORT change set: TemplateURL must reference a valid S3 object to which you have access\. \(has the shard's template been published\? 'cdk publish-assets <stack>' uploads it\)/);
  });
});
