/**
 * `cdk-connect-user plan`: baseline/new assembly pairs for each kind of change,
 * with the verdicts and exit codes the CloudFormation handler's behaviour implies;
 * `--deployed` against a fake CloudFormation endpoint on 127.0.0.1 (test/util/fake-cloudformation.ts).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, SecretValue, Stack } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { ConnectInstance, ConnectUser, ConnectUserPacing, ConnectUserProps, ConnectUserRoster, IdentityManagementType, PhoneConfig, RoutingProfile, SecurityProfile, UserPassword } from '../src';
import { templatesOfAssembly } from './util/assembly-graph';
import { useDummyCredentials } from './util/credentials';
import { FakeCloudFormation, startFakeCloudFormation } from './util/fake-cloudformation';
import { ACCOUNT, INSTANCE_ARN, minimalProps, OTHER_INSTANCE_ARN, REGION, refs, routingProfileArn, securityProfileArn } from './util/fixtures';
import { main } from '../src/cli/main';

/** Each user of an assembly (nested stacks included) and its DependsOn. */
function usersDependsOn(dir: string): Array<[string, unknown]> {
  return [...templatesOfAssembly(dir).values()].flat().flatMap(t => Object.entries(t.template.Resources ?? {})
    .filter(([, r]) => r.Type === 'AWS::Connect::User').map(([id, r]) => [`${t.path}/${id}`, (r as { DependsOn?: unknown }).DependsOn] as [string, unknown]));
}

const env = { account: ACCOUNT, region: REGION };
const dirs: string[] = [];
afterAll(() => dirs.forEach(d => fs.rmSync(d, { recursive: true, force: true })));

/** Synthesizes an app with one stack 'Agents' built by `build` into a temporary cloud assembly. */
function synth(build: (stack: Stack) => void): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-'));
  dirs.push(outdir);
  const app = new App({ outdir });
  build(new Stack(app, 'Agents', { env }));
  app.synth();
  return outdir;
}

/** One ConnectUser 'Agent' with the minimal props and `overrides`. */
function agent(overrides: (stack: Stack) => Partial<ConnectUserProps> = () => ({}), id = 'Agent'): (stack: Stack) => void {
  return stack => {
    const r = refs(stack, IdentityManagementType.CONNECT_MANAGED);
    new ConnectUser(stack, id, minimalProps(r, {
      identityInfo: { firstName: 'A', lastName: 'B' }, password: UserPassword.fromSecretValue(SecretValue.secretsManager('connect/agent')), ...overrides(stack),
    }));
  };
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: l => out.push(l), err: l => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function planOf(baseline: string, current: string, ...more: string[]) {
  return run(['plan', current, '--baseline', baseline, ...more]);
}

describe('plan --baseline', () => {
  const base = () => synth(agent());

  it.each([
    ['a renamed user', agent(() => ({ username: 'agent.renamed' })), /FAILS +agent.renamed {2}Agents\/Agent\w+\n +- Username cannot be updated \(the handler's message; from "agent.one" to "agent.renamed"\)\. Instead: Amazon Connect has no rename/],
    ['a changed password secret', agent(() => ({ password: UserPassword.fromSecretValue(SecretValue.secretsManager('connect/other')) })), /FAILS[\s\S]*Password cannot be updated \(the handler's message; from '\{\{resolve:secretsmanager:connect\/agent[^']*' to '\{\{resolve:secretsmanager:connect\/other[\s\S]*reset passwords in the Amazon Connect admin website/],
    ['a user moved to another instance', agent(s => ({
      instance: ConnectInstance.fromInstanceAttributes(s, 'Other', { instanceArn: OTHER_INSTANCE_ARN, identityManagementType: IdentityManagementType.CONNECT_MANAGED }),
      routingProfile: RoutingProfile.fromRoutingProfileArn(s, 'OtherRp', routingProfileArn('rp-1', OTHER_INSTANCE_ARN)),
      securityProfiles: [SecurityProfile.fromSecurityProfileArn(s, 'OtherSp', securityProfileArn('sp-1', OTHER_INSTANCE_ARN))],
    })), /FAILS[\s\S]*- InstanceArn cannot be updated[\s\S]*updates in place: RoutingProfileArn, SecurityProfileArns/],
    ['a changed directory user id', agent(() => ({ directoryUserId: 'u-2' })), /FAILS[\s\S]*DirectoryUserId cannot be updated/],
  ])('%s FAILS, exit 1', async (_what, change, expected) => {
    const result = await planOf(base(), synth(change));
    expect(result.out).toMatch(expected);
    expect(result.out).toMatch(/1 users: 1 fail, 0 moved, 0 may be skipped, 0 update in place, 0 created, 0 removed, 0 unchanged/);
    expect(result.code).toBe(1);
  });

  it('a security profile added MAY BE SKIPPED (the handler updates profiles only when one is removed), exit 0', async () => {
    const added = synth(agent(s => ({ securityProfiles: [refs(s).securityProfile, SecurityProfile.fromSecurityProfileArn(s, 'Sup', securityProfileArn('sp-sup'))] })));
    const result = await planOf(base(), added);
    expect(result.out).toMatch(/MAY BE SKIPPED +agent.one[\s\S]*SecurityProfileArns: profiles only added; the handler calls UpdateUserSecurityProfiles only when one is removed/);
    expect(result.code).toBe(0);
    // Removing one is an update in place.
    const back = await planOf(added, base());
    expect(back.out).toMatch(/UPDATES +agent.one[\s\S]*updates in place: SecurityProfileArns/);
    expect(back.code).toBe(0);
  });

  it('a persistent connection changed alone MAY BE SKIPPED; with ACW it UPDATES', async () => {
    const before = synth(agent(() => ({ phoneConfig: PhoneConfig.softPhone({ persistentConnection: false }) })));
    const only = await planOf(before, synth(agent(() => ({ phoneConfig: PhoneConfig.softPhone({ persistentConnection: true }) }))));
    expect(only.out).toMatch(/MAY BE SKIPPED[\s\S]*PhoneConfig.PersistentConnection alone changed/);
    expect(only.code).toBe(0);
    const both = await planOf(before, synth(agent(() => ({ phoneConfig: PhoneConfig.softPhone({ persistentConnection: true, autoAccept: true }) }))));
    expect(both.out).toMatch(/UPDATES[\s\S]*updates in place: PhoneConfig/);
  });

  it('a changed routing profile UPDATES in place, exit 0; an unchanged user is counted, not listed', async () => {
    const result = await planOf(base(), synth(agent(s => ({ routingProfile: RoutingProfile.fromRoutingProfileArn(s, 'Sales', routingProfileArn('rp-sales')) }))));
    expect(result.out).toMatch(/^UPDATES +agent.one {2}Agents\/Agent\w+\n +- updates in place: RoutingProfileArn\n1 users: .* 1 update in place/);
    expect(result.code).toBe(0);
    const same = await planOf(base(), base());
    expect(same.out).toBe('1 users: 0 fail, 0 moved, 0 may be skipped, 0 update in place, 0 created, 0 removed, 1 unchanged');
  });

  it('a renamed construct id is MOVED (the create fails on the username), exit 1', async () => {
    const result = await planOf(base(), synth(agent(() => ({}), 'Renamed')));
    expect(result.out).toMatch(/MOVED +agent.one {2}Agents\/Renamed\w+\n +- the logical id or stack changed \(from Agents\/Agent\w+\)[\s\S]*the create fails because the instance already has the username \(the old one is retained\)[\s\S]*stack refactoring/);
    expect(result.code).toBe(1);
  });

  it('a user added is CREATED and one taken out REMOVED (retained), exit 0', async () => {
    const two = synth(stack => {
      agent()(stack);
      agent(() => ({ username: 'agent.two' }), 'Second')(stack);
    });
    const added = await planOf(base(), two);
    expect(added.out).toMatch(/CREATED +agent.two/);
    expect(added.code).toBe(0);
    const removed = await planOf(two, base());
    expect(removed.out).toMatch(/REMOVED +agent.two {2}Agents\/Second\w+\n +- leaves the stack and stays in the instance \(RETAIN\)/);
    expect(removed.code).toBe(0);
  });

  it('prints JSON for CI', async () => {
    const result = await planOf(base(), synth(agent(() => ({ username: 'agent.renamed' }))), '--json');
    const parsed = JSON.parse(result.out);
    expect(parsed.fails).toBe(true);
    expect(parsed.summary).toMatchObject({ FAILS: 1, unchanged: 0 });
    expect(parsed.users[0]).toMatchObject({ fate: 'FAILS', username: 'agent.renamed' });
  });
});

describe('plan: rosters (nested stacks)', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ username: `agent.${i}`, routingProfile: 'Basic', securityProfiles: ['Agent'] }));
  function roster(n: number, shardCount?: number, maxConcurrentCreations?: number, also?: (stack: Stack) => void): string {
    return synth(stack => {
      also?.(stack);
      const r = refs(stack, IdentityManagementType.SAML);
      new ConnectUserRoster(stack, 'Roster', {
        instance: r.instance,
        routingProfiles: { Basic: r.routingProfile },
        securityProfiles: { Agent: r.securityProfile },
        users: rows(n).map(u => ({ ...u, identityInfo: { firstName: 'A', lastName: 'B' } })),
        shardCount,
        maxConcurrentCreations,
      });
    });
  }

  /** The DependsOn of every user of an assembly, by logical id. */
  const dependsOnOf = (dir: string) => Object.fromEntries(usersDependsOn(dir));

  it('pacing added to a deployed roster and to plain users changes only DependsOn: nothing fails, moves or is removed, exit 0', async () => {
    // Without pacing, as today's main renders them: the roster with more lanes than agents, the users without the aspect.
    const plainUsers = (stack: Stack) => {
      for (const i of [1, 2, 3, 4, 5, 6, 7]) agent(() => ({ username: `plain.${i}` }), `Plain${i}`)(stack);
    };
    const before = roster(200, undefined, 1_000_000, plainUsers);
    const after = roster(200, undefined, undefined, stack => {
      plainUsers(stack);
      ConnectUserPacing.of(stack);
    });
    const result = await planOf(before, after);
    expect(result.out).toMatch(/^207 users: 0 fail, 0 moved, 0 may be skipped, 0 update in place, 0 created, 0 removed, 207 unchanged$/);
    expect(result.code).toBe(0);
    // Not because nothing changed: the users' DependsOn did.
    const was = dependsOnOf(before);
    const now = dependsOnOf(after);
    expect(Object.values(was).every(d => d === undefined)).toBe(true);
    // All but the first agent of each of the 20 shards (its shard waits instead); the plain users' first five wait for the roster.
    expect(Object.values(now).filter(d => d !== undefined).length).toBe(207 - 20);
  });

  it('a roster grown by 10% with the same shardCount moves no agent: only CREATED, exit 0', async () => {
    const result = await planOf(roster(200, 8), roster(220, 8));
    expect(result.out).toMatch(/220 users: 0 fail, 0 moved, 0 may be skipped, 0 update in place, 20 created, 0 removed, 200 unchanged/);
    expect(result.code).toBe(0);
  });

  it('the default shard count does not change as the roster grows', async () => {
    const result = await planOf(roster(30), roster(300));
    expect(result.out).toMatch(/300 users: 0 fail, 0 moved, .* 270 created, 0 removed, 30 unchanged/);
  });

  it('a changed shardCount MOVES agents between nested stacks, exit 1', async () => {
    const result = await planOf(roster(40, 4), roster(40, 5));
    expect(result.out).toMatch(/MOVED +agent\.\d+ {2}Agents\/RosterShard\d\w*NestedStack\w*\/User/);
    expect(result.out).toMatch(/40 users: 0 fail, [1-9]\d* moved/);
    expect(result.code).toBe(1);
  });
});

describe('plan: usage', () => {
  it.each([
    [['plan', 'cdk.out'], /expected exactly one of --baseline <cdk.out> and --deployed/],
    [['plan', '--baseline', 'a', '--deployed'], /expected exactly one of --baseline/],
    [['plan', '--baseline'], /Option '--baseline <value>' argument missing/],
    [['plan', '--frobnicate'], /Unknown option '--frobnicate'/],
    [['plan', 'a', 'b', '--baseline', 'c'], /expected at most one cloud assembly directory, got 'a' and 'b'/],
    [['plan', '--baseline', 'a', '--region', 'us-east-1'], /--region and --endpoint-url go with --deployed/],
    [['import-mapping', '--out'], /Option '--out <value>' argument missing/],
  ])('%j is a usage error on stderr, exit 2', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.err).toMatch(/usage: cdk-connect-user/);
    expect(result.out).toBe('');
  });

  it.each([
    ['a corrupt manifest', (d: string) => fs.writeFileSync(path.join(d, 'manifest.json'), '{ nope'), /manifest.json is not valid JSON/],
    ['a manifest of []', (d: string) => fs.writeFileSync(path.join(d, 'manifest.json'), '[]'), /manifest.json is not a cloud assembly manifest/],
    ['a templateFile that is not a string', (d: string) => fs.writeFileSync(path.join(d, 'manifest.json'),
      JSON.stringify({ artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 42 } } } })), /artifact 'S' has no templateFile string \(got 42\)/],
    ['a corrupt template', (d: string) => {
      fs.writeFileSync(path.join(d, 'manifest.json'), JSON.stringify({ artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' } } } }));
      fs.writeFileSync(path.join(d, 'S.template.json'), '{"Resources": ');
    }, /S.template.json is not valid JSON/],
    ['a missing assembly', (d: string) => fs.rmSync(d, { recursive: true }), /is not a cloud assembly \(no manifest.json\); run 'cdk synth' first/],
    ['a nested template the asset manifest does not list', (d: string) => {
      fs.writeFileSync(path.join(d, 'manifest.json'), JSON.stringify({
        artifacts: {
          'S.assets': { type: 'cdk:asset-manifest', properties: { file: 'S.assets.json' } },
          'S': { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' } },
        },
      }));
      fs.writeFileSync(path.join(d, 'S.assets.json'), JSON.stringify({ version: '39.0.0', files: {} }));
      const url = `https://s3.us-east-1.amazonaws.com/bucket/${'ab'.repeat(32)}.json`;
      fs.writeFileSync(path.join(d, 'S.template.json'), JSON.stringify({ Resources: { Shard: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: url } } } }));
    }, /the nested stack Shard of S names the template asset (ab){32}, which the stack's asset manifest does not list: synthesize again/],
  ])('%s: one line on stderr naming the file, exit 1, no files written', async (_what, spoil, message) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spoilt-'));
    dirs.push(dir);
    spoil(dir);
    const out = path.join(os.tmpdir(), `mappings-${path.basename(dir)}`);
    for (const args of [['import-mapping', dir, '--out', out], ['plan', dir, '--baseline', dir]]) {
      const result = await run(args);
      expect(result.code).toBe(1);
      expect(result.err.split('\n')).toHaveLength(1);
      expect(result.err).toMatch(message);
      expect(result.out).toBe('');
    }
    expect(fs.existsSync(out)).toBe(false);
  });

  it('--help describes each command on stdout, exit 0; no command is a usage error', async () => {
    const plan = await run(['plan', '--help']);
    expect(plan.code).toBe(0);
    expect(plan.out).toMatch(/^usage: cdk-connect-user plan [\s\S]*--deployed[\s\S]*Exit 1 when any change fails at deploy/);
    const all = await run(['--help']);
    expect(all.out).toMatch(/commands:\n {2}import-mapping +write[\s\S]*\n {2}plan +say what the next `cdk deploy` does/);
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^usage: cdk-connect-user <command>/);
  });
});

describe('plan --deployed', () => {
  useDummyCredentials();

  /** Holds the deployed copy of an assembly's stack 'Agents' on the fake: the top stack and its nested stacks, as CloudFormation would. */
  function deployFrom(outdir: string, cfn: FakeCloudFormation): void {
    const top = JSON.parse(fs.readFileSync(path.join(outdir, 'Agents.template.json'), 'utf8'));
    cfn.deploy('Agents', top);
    const assets = JSON.parse(fs.readFileSync(path.join(outdir, 'Agents.assets.json'), 'utf8')).files as Record<string, { source: { path: string } }>;
    for (const [logicalId, r] of Object.entries<any>(top.Resources)) {
      if (r.Type !== 'AWS::CloudFormation::Stack') continue;
      const hash = Object.keys(assets).find(h => JSON.stringify(r.Properties.TemplateURL).includes(`${h}.json`))!;
      cfn.deploy(`Agents-${logicalId}`, JSON.parse(fs.readFileSync(path.join(outdir, assets[hash].source.path), 'utf8')), { parent: 'Agents', logicalId });
    }
  }

  it('reads the deployed templates (nested stacks included) through the SDK and an --endpoint-url', async () => {
    const build = (username: string) => (stack: Stack) => {
      agent(() => ({ username }))(stack);
      const r = refs(stack, IdentityManagementType.SAML, INSTANCE_ARN);
      new ConnectUserRoster(stack, 'Roster', {
        instance: r.instance,
        routingProfiles: { Basic: r.routingProfile },
        securityProfiles: { Agent: r.securityProfile },
        users: [{ username: 'rostered', routingProfile: 'Basic', securityProfiles: ['Agent'], identityInfo: { firstName: 'R', lastName: 'S' } }],
        shardCount: 1,
      });
    };
    const cfn = await startFakeCloudFormation({ liveUsers: [], account: ACCOUNT, region: REGION });
    try {
      deployFrom(synth(build('agent.one')), cfn);
      const result = await run(['plan', synth(build('agent.renamed')), '--deployed', '--endpoint-url', cfn.endpoint]);
      expect(result.out).toMatch(/FAILS +agent.renamed[\s\S]*Username cannot be updated/);
      expect(result.out).toMatch(/2 users: 1 fail, 0 moved, 0 may be skipped, 0 update in place, 0 created, 0 removed, 1 unchanged/);
      expect(result.code).toBe(1);
      expect(cfn.requests.map(r => `${r.Action} ${r.StackName}${r.LogicalResourceId ? `/${r.LogicalResourceId}` : ''}`)).toEqual([
        'GetTemplate Agents',
        expect.stringMatching(/^DescribeStackResource Agents\/RosterShard0NestedStack/),
        expect.stringMatching(/^GetTemplate arn:aws:cloudformation:/),
      ]);
    } finally {
      await cfn.close();
    }

    // A stack that is not deployed yet: every user is created.
    const fresh = await startFakeCloudFormation({ liveUsers: [], account: ACCOUNT, region: REGION });
    try {
      const first = await run(['plan', synth(build('agent.one')), '--deployed', '--endpoint-url', fresh.endpoint]);
      expect(first.out).toMatch(/2 users: 0 fail, 0 moved, 0 may be skipped, 0 update in place, 2 created/);
      expect(first.code).toBe(0);
    } finally {
      await fresh.close();
    }
  });
});
