/**
 * `cdk-connect-user plan`: baseline/new assembly pairs for each kind of change,
 * with the verdicts and exit codes the CloudFormation handler's behaviour implies;
 * `--deployed` against a fake CloudFormation endpoint on 127.0.0.1 (test/util/fake-cloudformation.ts).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnResource, RemovalPolicy, SecretValue, Stack, StackProps } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AfterContactWorkMode, ConnectInstance, ConnectUser, ConnectUserPacing, ConnectUserProps, ConnectUserRoster, IdentityManagementType, PhoneConfig,
  ProficiencyLevel, RoutingProfile, SecurityProfile, UserPassword, UserProficiency,
} from '../src';
import { buildPlanApp, PlanVariant } from './apps/plan-app';
import { templatesOfAssembly } from './util/assembly-graph';
import { cdkSynth } from './util/cdk-cli';
import { useDummyCredentials } from './util/credentials';
import { FakeCloudFormation, startFakeCloudFormation } from './util/fake-cloudformation';
import {
  ACCOUNT, INSTANCE_ARN, minimalProps, OTHER_INSTANCE_ARN, REGION, refs, routingProfileArn, securityProfileArn, userArn,
} from './util/fixtures';
import { main } from '../src/cli/main';
import { EVIDENCE } from '../src/private/user/evidence';

/** Each user of an assembly (nested stacks included) and its DependsOn. */
function usersDependsOn(dir: string): Array<[string, unknown]> {
  return [...templatesOfAssembly(dir).values()].flat().flatMap(t => Object.entries(t.template.Resources ?? {})
    .filter(([, r]) => r.Type === 'AWS::Connect::User').map(([id, r]) => [`${t.path}/${id}`, (r as { DependsOn?: unknown }).DependsOn] as [string, unknown]));
}

const env = { account: ACCOUNT, region: REGION };
const dirs: string[] = [];
afterAll(() => dirs.forEach(d => fs.rmSync(d, { recursive: true, force: true })));

/** Synthesizes an app with one stack 'Agents' (with `props`) built by `build` into a temporary cloud assembly. */
function synth(build: (stack: Stack) => void, props: StackProps = {}): string {
  return synthApp(app => build(new Stack(app, 'Agents', { env, ...props })));
}

/** Synthesizes an app built by `build` into a temporary cloud assembly. */
function synthApp(build: (app: App) => void): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-'));
  dirs.push(outdir);
  const app = new App({ outdir });
  build(app);
  app.synth();
  return outdir;
}

/** The summary line's counts, in its order. */
function summary(n: number, counts: Partial<Record<'fail' | 'moved' | 'import' | 'mayFail' | 'skipped' | 'updates' | 'created' | 'removed' | 'unchanged', number>>): string {
  const c = (k: keyof typeof counts) => counts[k] ?? 0;
  return `${n} users: ${c('fail')} fail, ${c('moved')} moved, ${c('import')} to import first, ${c('mayFail')} may fail, ${c('skipped')} may be skipped, `
    + `${c('updates')} update in place, ${c('created')} created, ${c('removed')} removed, ${c('unchanged')} unchanged`;
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
    ['a renamed user', agent(() => ({ username: 'agent.renamed' })),
      /FAILS +agent.renamed {2}Agents\/Agent\w+\n +- Username cannot be updated \(the handler's message; from "agent.one" to "agent.renamed"\)\. Instead: Amazon Connect has no rename[^\n]*\[handler.username\]\nevidence:\n {2}handler.username: handler, aws-connect-user\/src\/main\/java\/software\/amazon\/connect\/user\/UpdateHandler.java:57-59 \(newest public source, 2023-02-02\), dated 2022-10-27: fails with "Username cannot be updated."/],
    ['a changed password secret', agent(() => ({ password: UserPassword.fromSecretValue(SecretValue.secretsManager('connect/other')) })), /FAILS[\s\S]*Password cannot be updated \(the handler's message; from '\{\{resolve:secretsmanager:connect\/agent[^']*' to '\{\{resolve:secretsmanager:connect\/other[\s\S]*reset passwords in the Amazon Connect admin website/],
    ['a user moved to another instance', agent(s => ({
      instance: ConnectInstance.fromInstanceAttributes(s, 'Other', { instanceArn: OTHER_INSTANCE_ARN, identityManagementType: IdentityManagementType.CONNECT_MANAGED }),
      routingProfile: RoutingProfile.fromRoutingProfileArn(s, 'OtherRp', routingProfileArn('rp-1', OTHER_INSTANCE_ARN)),
      securityProfiles: [SecurityProfile.fromSecurityProfileArn(s, 'OtherSp', securityProfileArn('sp-1', OTHER_INSTANCE_ARN))],
    })), /FAILS[\s\S]*- InstanceArn cannot be updated[\s\S]*\[handler.instanceArn\]\n +- RoutingProfileArn: updates in place \[handler.routingProfile\]\n +- SecurityProfileArns: updates in place \[handler.securityProfiles, schema.perChannel\]/],
    ['a changed directory user id', agent(() => ({ directoryUserId: 'u-2' })), /FAILS[\s\S]*DirectoryUserId cannot be updated/],
  ])('%s FAILS, with its evidence, exit 1', async (_what, change, expected) => {
    const result = await planOf(base(), synth(change));
    expect(result.out).toMatch(expected);
    expect(result.out.split('\n').at(-1)).toBe(summary(1, { fail: 1 }));
    expect(result.code).toBe(1);
  });

  it('a security profile added MAY BE SKIPPED (the handler updates profiles only when one is removed), exit 0', async () => {
    const added = synth(agent(s => ({ securityProfiles: [refs(s).securityProfile, SecurityProfile.fromSecurityProfileArn(s, 'Sup', securityProfileArn('sp-sup'))] })));
    const result = await planOf(base(), added);
    expect(result.out).toMatch(/MAY BE SKIPPED +agent.one[\s\S]*SecurityProfileArns: profiles only added; the public handler calls UpdateUserSecurityProfiles only when one is removed[^\n]*\[handler.securityProfiles, schema.perChannel\]/);
    expect(result.out).toMatch(/\n {2}handler.securityProfiles: handler, [^\n]*UpdateHandler.java:221-226 [\s\S]*\n {2}schema.perChannel: schema, AWS::Connect::User registry schema of 2026-02-11 \(terraform-provider-awscc ba18bef\)[^\n]*UpdateUserConfig/);
    expect(result.code).toBe(0);
    // Removing one is an update in place.
    const back = await planOf(added, base());
    expect(back.out).toMatch(/UPDATES +agent.one[\s\S]*SecurityProfileArns: updates in place/);
    expect(back.code).toBe(0);
  });

  it('a persistent connection changed alone MAY BE SKIPPED; with ACW it UPDATES', async () => {
    const before = synth(agent(() => ({ phoneConfig: PhoneConfig.softPhone({ persistentConnection: false }) })));
    const only = await planOf(before, synth(agent(() => ({ phoneConfig: PhoneConfig.softPhone({ persistentConnection: true }) }))));
    expect(only.out).toMatch(/MAY BE SKIPPED[\s\S]*PhoneConfig.PersistentConnection alone changed[^\n]*\[handler.phoneConfig, schema.persistentConnection\]/);
    expect(only.out).toMatch(/schema.persistentConnection: schema, AWS::Connect::User registry schema of 2025-08-14/);
    expect(only.code).toBe(0);
    const both = await planOf(before, synth(agent(() => ({ phoneConfig: PhoneConfig.softPhone({ persistentConnection: true, autoAccept: true }) }))));
    expect(both.out).toMatch(/UPDATES[\s\S]*PhoneConfig \(AutoAccept, PersistentConnection\): updates in place \[handler.phoneConfig, schema.persistentConnection\]/);
  });

  it('a per-channel ACW mode set or changed UPDATES in place (its row in the field table), exit 0', async () => {
    const before = synth(agent(() => ({ channelSettings: { chat: { afterContactWorkMode: AfterContactWorkMode.ON } } })));
    const after = synth(agent(() => ({ channelSettings: { chat: { afterContactWorkMode: AfterContactWorkMode.ON_DEMAND } } })));
    const result = await planOf(before, after);
    expect(result.out).toMatch(/^UPDATES +agent.one {2}Agents\/Agent\w+\n +- AfterContactWorkConfigs[^\n]*: updates in place \[schema.perChannel, schema.afterContactWorkMode\]\n/);
    expect(result.code).toBe(0);
    expect((await planOf(base(), before)).out).toMatch(/^UPDATES[\s\S]*AfterContactWorkConfigs[^\n]*: updates in place/);
  });

  it('a changed routing profile UPDATES in place, exit 0; an unchanged user is counted, not listed', async () => {
    const result = await planOf(base(), synth(agent(s => ({ routingProfile: RoutingProfile.fromRoutingProfileArn(s, 'Sales', routingProfileArn('rp-sales')) }))));
    expect(result.out).toMatch(/^UPDATES +agent.one {2}Agents\/Agent\w+\n +- RoutingProfileArn: updates in place \[handler.routingProfile\]\nevidence:\n {2}handler.routingProfile: handler, [^\n]*UpdateHandler.java:161-166[^\n]*: calls UpdateUserRoutingProfile when RoutingProfileArn differs\n {4}https:\/\/github.com\/aws-cloudformation\/aws-cloudformation-resource-providers-connect\/blob\/41031384ae4ea4c1c3223c053e93425176ba81d4\/aws-connect-user\/src\/main\/java\/software\/amazon\/connect\/user\/UpdateHandler.java#L161\n1 users: .* 1 update in place/);
    expect(result.code).toBe(0);
    const same = await planOf(base(), base());
    expect(same.out).toBe(summary(1, { unchanged: 1 }));
  });

  it('a renamed construct id is MOVED (the create fails on the username), exit 1', async () => {
    const result = await planOf(base(), synth(agent(() => ({}), 'Renamed')));
    expect(result.out).toMatch(/MOVED +agent.one {2}Agents\/Renamed\w+\n +- the logical id or nested stack changed \(from Agents\/Agent\w+\) within stack Agents: CloudFormation creates the user in its new place before it deletes the old one[\s\S]*CreateUser refuses the username the old one still holds \(and the old one is retained\)[\s\S]*stack refactoring[^\n]*\[documented.cleanup, model.duplicateUsername\]/);
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
    expect(removed.out).toMatch(/REMOVED +agent.two {2}Agents\/Second\w+\n +- leaves the stack and stays in the instance \(DeletionPolicy RetainExceptOnCreate\) \[documented.deletionPolicy\]/);
    expect(removed.code).toBe(0);
  });

  it('lists the worst first: a failure before a user created ahead of it in the template', async () => {
    const result = await planOf(base(), synth(stack => {
      agent(() => ({ username: 'aaa.new' }), 'Aaa')(stack);
      agent(() => ({ username: 'agent.renamed' }))(stack);
    }));
    expect(result.out.split('\n').filter(l => /^[A-Z]/.test(l)).map(l => l.split(/ {2,}/)[0])).toEqual(['FAILS', 'CREATED']);
  });

  it('prints JSON for CI, each finding with its evidence whole', async () => {
    const result = await planOf(base(), synth(agent(() => ({ username: 'agent.renamed' }))), '--json');
    const parsed = JSON.parse(result.out);
    expect(parsed.fails).toBe(true);
    expect(parsed.summary).toMatchObject({ 'FAILS': 1, 'IMPORT FIRST': 0, 'MAY FAIL': 0, 'unchanged': 0 });
    expect(parsed.users[0]).toMatchObject({ fate: 'FAILS', username: 'agent.renamed' });
    expect(parsed.users[0].findings).toEqual([{
      verdict: 'fails',
      property: 'Username',
      text: expect.stringMatching(/^Username cannot be updated/),
      evidence: [{
        id: 'handler.username',
        level: 'handler',
        where: 'aws-connect-user/src/main/java/software/amazon/connect/user/UpdateHandler.java:57-59 (newest public source, 2023-02-02)',
        date: '2022-10-27',
        url: expect.stringMatching(/^https:\/\/github.com\/aws-cloudformation\/aws-cloudformation-resource-providers-connect\/blob\/[0-9a-f]{40}\/.*UpdateHandler.java#L57$/),
        says: expect.stringMatching(/Username cannot be updated/),
      }],
    }]);
    expect(result.code).toBe(1);
  });
});

describe('plan: what the 2023 handler, the schema history and CloudFormation say (issue 24)', () => {
  const base = () => synth(agent());

  it('a stack renamed (same construct id, new stackName) MOVES its users: the new stack\'s create fails on the username, exit 1', async () => {
    const result = await planOf(base(), synth(agent(), { stackName: 'AgentsProd' }));
    expect(result.out).toMatch(/MOVED +agent.one {2}Agents\/Agent\w+\n +- moved from stack Agents \(Agents\/Agent\w+\) to stack AgentsProd, and the old one is retained \(DeletionPolicy RetainExceptOnCreate\): it stays in the instance, so the create in AgentsProd fails on its username[^\n]*\[documented.deletionPolicy, model.duplicateUsername\]/);
    expect(result.code).toBe(1);
    // With DESTROY, the old stack is no longer in the app: cdk deploy never deletes it.
    const destroy = () => agent(() => ({ removalPolicy: RemovalPolicy.DESTROY }));
    const renamed = await planOf(synth(destroy()), synth(destroy(), { stackName: 'AgentsProd' }));
    expect(renamed.out).toMatch(/MOVED +agent.one[^\n]*\n +- stack Agents \(Agents\/Agent\w+\) is no longer in the app \(renamed, or taken out\), and the user is now in stack AgentsProd: cdk deploy neither updates nor deletes Agents[^\n]*keep the stack's name \(stackName\)[^\n]*\[documented.deployOrder, model.duplicateUsername\]/);
    expect(renamed.code).toBe(1);
    // The construct id of the stack changes, its CloudFormation name does not: the same stack, no move.
    const sameName = await planOf(synth(agent(), { stackName: 'Agents' }), synthApp(app => agent()(new Stack(app, 'Renamed', { env, stackName: 'Agents' }))));
    expect(sameName.out).toBe(summary(1, { unchanged: 1 }));
    expect(sameName.code).toBe(0);
  });

  it('a user moved to another top-level stack with DESTROY is MOVED, with the stack order as the risk; with RETAIN its create fails', async () => {
    const two = (where: 'A' | 'B', policy: RemovalPolicy) => synthApp(app => {
      const a = new Stack(app, 'AgentsA', { env });
      const b = new Stack(app, 'AgentsB', { env });
      agent(() => ({ username: 'agent.stays' }), 'Stays')(b);
      agent(() => ({ removalPolicy: policy }))(where === 'A' ? a : b);
    });
    const destroy = await planOf(two('A', RemovalPolicy.DESTROY), two('B', RemovalPolicy.DESTROY));
    expect(destroy.out).toMatch(/MOVED +agent.one {2}AgentsB\/Agent\w+\n +- moved from stack AgentsA \(AgentsA\/Agent\w+\) to stack AgentsB, and the old one is deleted \(DeletionPolicy Delete\): the create in AgentsB succeeds only if AgentsA's update, which deletes the old user in its cleanup phase, has finished first\. Nothing in the templates fixes that order unless AgentsB depends on AgentsA: [^\n]*'cdk deploy AgentsB'[^\n]*\[documented.deployOrder, documented.cleanup, model.duplicateUsername\]/);
    expect(destroy.code).toBe(1);
    const retain = await planOf(two('A', RemovalPolicy.RETAIN), two('B', RemovalPolicy.RETAIN));
    expect(retain.out).toMatch(/MOVED +agent.one[^\n]*\n +- moved from stack AgentsA \(AgentsA\/Agent\w+\) to stack AgentsB, and the old one is retained/);
    expect(retain.code).toBe(1);
  });

  it('first name, last name or email changed on an EXISTING_DIRECTORY instance MAY FAIL (documented: a warning, exit 0); unknown type: a note', async () => {
    const renamed = synth(agent(() => ({ identityInfo: { firstName: 'Ann', lastName: 'B' } })));
    const directory = await planOf(base(), renamed, '--identity-management-type', 'EXISTING_DIRECTORY');
    expect(directory.out).toMatch(/^MAY FAIL +agent.one[^\n]*\n +- IdentityInfo \(FirstName\): updates in place \[handler.identityInfo\]\n +- IdentityInfo \(FirstName\) changed on an EXISTING_DIRECTORY instance: AWS documents that these cannot be updated from within Amazon Connect[^\n]*\[documented.existingDirectory\]/);
    expect(directory.out).toMatch(/\n {2}documented.existingDirectory: documented, Amazon Connect API Reference, UserIdentityInfo: [^\n]*\n {4}https:\/\/docs.aws.amazon.com\/connect\/latest\/APIReference\/API_UserIdentityInfo.html/);
    expect(directory.out.split('\n').at(-1)).toBe(summary(1, { mayFail: 1 }));
    expect(directory.code).toBe(0);
    const unknown = await planOf(base(), renamed);
    expect(unknown.out).toMatch(/^UPDATES +agent.one[^\n]*\n[^\n]*\n +- note: if the instance is EXISTING_DIRECTORY, AWS documents that FirstName cannot be updated/);
    expect(unknown.code).toBe(0);
    const managed = await planOf(base(), renamed, '--identity-management-type', 'CONNECT_MANAGED');
    expect(managed.out).not.toMatch(/EXISTING_DIRECTORY/);
    // A mobile number is not one of the three.
    const mobile = await planOf(base(), synth(agent(() => ({ identityInfo: { firstName: 'A', lastName: 'B', mobile: '+15555550100' } }))), '--identity-management-type', 'EXISTING_DIRECTORY');
    expect(mobile.out).toMatch(/^UPDATES +agent.one/);
  });

  it('IdentityInfo removed FAILS (the 2023 handler sends none, the API requires it), exit 1', async () => {
    const result = await planOf(base(), synth(agent(() => ({ identityInfo: undefined }))));
    expect(result.out).toMatch(/^FAILS +agent.one[^\n]*\n +- IdentityInfo removed: the public handler then calls UpdateUserIdentityInfo without IdentityInfo, which the API requires\. Instead: keep IdentityInfo[^\n]*\[handler.identityInfoRemoved, model.updateUserIdentityInfo\]/);
    expect(result.out).toMatch(/handler.identityInfoRemoved: handler, [^\n]*UpdateHandler.java:96-97/);
    expect(result.code).toBe(1);
  });

  it('PhoneConfig removed (or added) MAY FAIL: the 2023 handler fails, the 2026-02 schema made it optional; exit 0', async () => {
    const phone = synth(agent(() => ({ phoneConfig: PhoneConfig.softPhone({ autoAccept: true }) })));
    const perChannel = synth(agent(() => ({ channelSettings: { voice: { autoAccept: true } } })));
    const removed = await planOf(phone, perChannel);
    expect(removed.out).toMatch(/^MAY FAIL +agent.one[^\n]*\n[\s\S]*- PhoneConfig removed: the public handler refuses an update without PhoneConfig; PhoneConfig is optional since the schema of 2026-02[^\n]*\[handler.phoneConfigRemoved, schema.perChannel\]/);
    expect(removed.out).toMatch(/handler.phoneConfigRemoved: handler, [^\n]*UpdateHandler.java:122 [^\n]*Required parameter missing UserPhoneConfig/);
    expect(removed.out).toMatch(/\n +- AutoAcceptConfigs \(VOICE.AutoAccept\): updates in place \[schema.perChannel\]\n/);
    expect(removed.code).toBe(0);
    const added = await planOf(perChannel, phone);
    expect(added.out).toMatch(/^MAY FAIL[\s\S]*- PhoneConfig added: the public handler reads the previous PhoneConfig without checking there is one[^\n]*\[handler.phoneConfigAdded, schema.perChannel\]/);
  });

  it('security profiles only reordered: no change (a set in the schema), exit 0', async () => {
    const sup = (s: Stack) => SecurityProfile.fromSecurityProfileArn(s, 'Sup', securityProfileArn('sp-sup'));
    const ab = synth(agent(s => ({ securityProfiles: [refs(s).securityProfile, sup(s)] })));
    const ba = synth(agent(s => ({ securityProfiles: [sup(s), refs(s).securityProfile] })));
    const result = await planOf(ab, ba);
    expect(result.out).toBe(summary(1, { unchanged: 1 }));
    expect(result.code).toBe(0);
  });

  it('proficiencies, tags and per-channel lists only reordered: no change', async () => {
    const p1 = UserProficiency.of('Language', 'English', ProficiencyLevel.ONE);
    const p2 = UserProficiency.of('Skill', 'Billing', ProficiencyLevel.TWO);
    const channels = { voice: { autoAccept: true }, chat: { autoAccept: false } };
    const build = (reversed: boolean) => synth(stack => {
      agent(() => ({ proficiencies: reversed ? [p2, p1] : [p1, p2], channelSettings: channels }))(stack);
      const cfn = stack.node.findChild('Agent').node.defaultChild as CfnResource;
      const order = <T>(xs: T[]) => (reversed ? [...xs].reverse() : xs);
      cfn.addPropertyOverride('Tags', order([{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }]));
      cfn.addPropertyOverride('AutoAcceptConfigs', order([{ Channel: 'VOICE', AutoAccept: true }, { Channel: 'CHAT', AutoAccept: false }]));
    });
    const result = await planOf(build(false), build(true));
    expect(result.out).toBe(summary(1, { unchanged: 1 }));
    // A real change in one of them still shows.
    const changed = await planOf(build(false), synth(agent(() => ({ proficiencies: [p1], channelSettings: channels }))));
    expect(changed.out).toMatch(/UserProficiencies: updates in place \[schema.proficiencies\]/);
  });

  it.each([
    ['Username', 'FAILS'],
    ['RoutingProfileArn', 'FAILS'],
    ['SecurityProfileArns', 'FAILS'],
    ['InstanceArn', 'FAILS'],
  ])('a required property removed (%s, by an override) %s: the schema requires it and synth refuses it first, exit 1', async (prop) => {
    const result = await planOf(base(), synth(stack => {
      agent()(stack);
      (stack.node.findChild('Agent').node.defaultChild as CfnResource).addPropertyDeletionOverride(prop);
    }));
    expect(result.out).toMatch(new RegExp(`^FAILS +[^\\n]*\\n +- ${prop} removed: the registry schema requires it, so CloudFormation refuses the template before any handler runs; `
      + 'this library\'s synth refuses such a user first[^\\n]*\\[schema.required, library.required\\]'));
    expect(result.code).toBe(1);
  });

  it('Password or DirectoryUserId removed: the live user keeps it (MAY BE SKIPPED), exit 0', async () => {
    const withId = synth(agent(() => ({ directoryUserId: 'u-1' })));
    const result = await planOf(withId, synth(agent(() => ({ password: undefined }))));
    expect(result.out).toMatch(/- DirectoryUserId removed: the handler checks a non-empty DirectoryUserId only, and nothing clears it, so the live user keeps it \[handler.emptyIgnored\]\n +- Password removed: [^\n]*so the live user keeps it \[handler.emptyIgnored\]/);
    expect(result.code).toBe(0);
  });

  it('a DependsOn, DeletionPolicy, UpdateReplacePolicy or metadata difference alone changes no user, exit 0', async () => {
    const pair = (variant: boolean) => synth(stack => {
      agent()(stack);
      agent(() => ({ username: 'agent.two' }), 'Second')(stack);
      if (!variant) return;
      const second = stack.node.findChild('Second');
      second.node.addDependency(stack.node.findChild('Agent'));
      const cfn = second.node.defaultChild as CfnResource;
      cfn.cfnOptions.deletionPolicy = undefined;
      cfn.addOverride('DeletionPolicy', 'RetainExceptOnCreate');
      cfn.addOverride('UpdateReplacePolicy', 'Delete');
      cfn.addMetadata('something', 'else');
    });
    const before = pair(false);
    const after = pair(true);
    const template = JSON.parse(fs.readFileSync(path.join(after, 'Agents.template.json'), 'utf8'));
    const second = Object.entries<any>(template.Resources).find(([id]) => id.startsWith('Second'))![1];
    expect(second).toMatchObject({ DependsOn: [expect.stringMatching(/^Agent/)], DeletionPolicy: 'RetainExceptOnCreate', UpdateReplacePolicy: 'Delete' });
    for (const [a, b] of [[before, after], [after, before]]) {
      const result = await planOf(a, b);
      expect(result.out).toBe(summary(2, { unchanged: 2 }));
      expect(result.code).toBe(0);
    }
  });

  it('a user with DeletionPolicy RetainExceptOnCreate taken out stays in the instance', async () => {
    const two = synth(stack => {
      agent()(stack);
      agent(() => ({ username: 'agent.two' }), 'Second')(stack);
      (stack.node.findChild('Second').node.defaultChild as CfnResource).addOverride('DeletionPolicy', 'RetainExceptOnCreate');
    });
    const result = await planOf(two, base());
    expect(result.out).toMatch(/REMOVED +agent.two[^\n]*\n +- leaves the stack and stays in the instance \(DeletionPolicy RetainExceptOnCreate\) \[documented.deletionPolicy\]/);
    const destroyed = await planOf(synth(stack => {
      agent()(stack);
      agent(() => ({ username: 'agent.two', removalPolicy: RemovalPolicy.DESTROY }), 'Second')(stack);
    }), base());
    expect(destroyed.out).toMatch(/REMOVED +agent.two[^\n]*\n +- leaves the stack and is DELETED from the instance \(DeletionPolicy Delete\)/);
  });

  it('an adopted user the baseline does not hold is IMPORT FIRST (its create would fail on the username), exit 1', async () => {
    const adopted = synth(agent(() => ({ adopt: true, existingUserArn: userArn('u-9'), password: undefined })));
    const result = await planOf(synthApp(app => new Stack(app, 'Agents', { env })), adopted);
    expect(result.out).toMatch(/^IMPORT FIRST +agent.one {2}Agents\/Agent\w+\n +- adopted \(adopt: true\), but its stack does not hold it yet: cdk deploy would create it, and CreateUser refuses the username the instance already has\. Import it first: 'cdk import'[^\n]*\[model.duplicateUsername, documented.import\]/);
    expect(result.out.split('\n').at(-1)).toBe(summary(1, { import: 1 }));
    expect(result.code).toBe(1);
    // Once imported (the baseline holds it), the same assembly is unchanged.
    const imported = await planOf(adopted, adopted);
    expect(imported.out).toBe(summary(1, { unchanged: 1 }));
  });

  it('--identity-management-type takes the three types only (exit 2)', async () => {
    const result = await run(['plan', 'cdk.out', '--baseline', 'x', '--identity-management-type', 'AD']);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--identity-management-type takes CONNECT_MANAGED, SAML, EXISTING_DIRECTORY, not 'AD'/);
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
    expect(result.out).toBe(summary(207, { unchanged: 207 }));
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
    expect(result.out.split('\n').at(-1)).toBe(summary(220, { created: 20, unchanged: 200 }));
    expect(result.code).toBe(0);
  });

  it('the default shard count does not change as the roster grows', async () => {
    const result = await planOf(roster(30), roster(300));
    expect(result.out.split('\n').at(-1)).toBe(summary(300, { created: 270, unchanged: 30 }));
  });

  it('a changed shardCount MOVES agents between nested stacks, exit 1', async () => {
    const result = await planOf(roster(40, 4), roster(40, 5));
    expect(result.out).toMatch(/MOVED +agent\.\d+ {2}Agents\/RosterShard\d\w*NestedStack\w*\/User/);
    expect(result.out).toMatch(/40 users: 0 fail, [1-9]\d* moved/);
    expect(result.code).toBe(1);
  });
});

describe('plan: RetainExceptOnCreate as the default removal policy', () => {
  /**
   * A user with a generated password, a user with a secret, an adopted user, and a roster with generated passwords
   * (an adopted roster agent takes no password: its Retain is tested in roster-complete.test.ts). `removalPolicy` RETAIN renders exactly what the default rendered before (Retain on the
   * user and its secret); undefined renders the new default.
   */
  function app(removalPolicy: RemovalPolicy | undefined): string {
    return synth(stack => {
      const r = refs(stack, IdentityManagementType.CONNECT_MANAGED);
      const names = { identityInfo: { firstName: 'A', lastName: 'B' } };
      new ConnectUser(stack, 'Generated', minimalProps(r, { username: 'generated', ...names, password: UserPassword.generate(), removalPolicy }));
      new ConnectUser(stack, 'FromSecret', minimalProps(r, {
        username: 'from.secret', ...names, password: UserPassword.fromSecretValue(SecretValue.secretsManager('connect/agent')), removalPolicy,
      }));
      new ConnectUser(stack, 'Adopted', minimalProps(r, { username: 'adopted', adopt: true, existingUserArn: `${INSTANCE_ARN}/agent/u-1` }));
      new ConnectUserRoster(stack, 'Roster', {
        instance: r.instance,
        routingProfiles: { Basic: r.routingProfile },
        securityProfiles: { Agent: r.securityProfile },
        users: Array.from({ length: 30 }, (_, i) => ({ username: `agent.${i}`, routingProfile: 'Basic', securityProfiles: ['Agent'], ...names })),
        passwords: UserPassword.generate(),
        shardCount: 3,
        removalPolicy,
      });
    });
  }

  /** Every template of an assembly by file name, without DeletionPolicy and with nested templates' asset hashes masked. */
  function templates(dir: string, keepPolicies = false): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.template.json'))) {
      const template = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8').replace(/[0-9a-f]{64}/g, '<hash>'));
      if (!keepPolicies) for (const r of Object.values<any>(template.Resources ?? {})) delete r.DeletionPolicy;
      out[file.replace(/[0-9a-f]{64}/g, '<hash>')] = template;
    }
    return out;
  }

  it("today's assemblies (Retain) to the new default: nothing fails, moves or leaves; only DeletionPolicy changes", async () => {
    const before = app(RemovalPolicy.RETAIN);
    const after = app(undefined);
    const result = await planOf(before, after);
    expect(result.out).toBe(summary(33, { unchanged: 33 }));
    expect(result.code).toBe(0);
    // What differs is the DeletionPolicy, and only Retain to RetainExceptOnCreate on created users and their secrets.
    expect(templates(after)).toEqual(templates(before));
    const changed: string[] = [];
    const old = templates(before, true);
    for (const [file, template] of Object.entries(templates(after, true))) {
      for (const [id, r] of Object.entries<any>((template as any).Resources)) {
        const was = (old[file] as any).Resources[id];
        if (was.DeletionPolicy !== r.DeletionPolicy) changed.push(`${r.Type} ${was.DeletionPolicy}->${r.DeletionPolicy}`);
        expect(r.UpdateReplacePolicy, id).toBe(was.UpdateReplacePolicy);
      }
    }
    const count = (what: string) => changed.filter(c => c === what).length;
    expect(count('AWS::Connect::User Retain->RetainExceptOnCreate')).toBe(32);
    expect(count('AWS::SecretsManager::Secret Retain->RetainExceptOnCreate')).toBe(31);
    expect(changed).toHaveLength(63);
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
  ])('%s: one line on stderr naming the file, no files written; plan exits 3, import-mapping 1', async (_what, spoil, message) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spoilt-'));
    dirs.push(dir);
    spoil(dir);
    const out = path.join(os.tmpdir(), `mappings-${path.basename(dir)}`);
    for (const [args, code] of [[['import-mapping', dir, '--out', out], 1], [['plan', dir, '--baseline', dir], 3]] as const) {
      const result = await run([...args]);
      expect(result.code).toBe(code);
      expect(result.err.split('\n')).toHaveLength(1);
      expect(result.err).toMatch(message);
      expect(result.out).toBe('');
    }
    expect(fs.existsSync(out)).toBe(false);
  });

  it('--help describes each command on stdout, exit 0; no command is a usage error', async () => {
    const plan = await run(['plan', '--help']);
    expect(plan.code).toBe(0);
    expect(plan.out).toMatch(/^usage: cdk-connect-user plan [\s\S]*--deployed[\s\S]*--identity-management-type[\s\S]*DependsOn, DeletionPolicy, UpdateReplacePolicy/);
    expect(plan.out).toMatch(/\nExit codes:\n {2}0 {2}no change fails at deploy or moves a user[^\n]*\n {2}1 {2}a change fails at deploy or moves a user: FAILS, MOVED or IMPORT FIRST\n {2}2 {2}bad usage[^\n]*\n {2}3 {2}no plan: an input could not be read/);
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
      expect(result.out.split('\n').at(-1)).toBe(summary(2, { fail: 1, unchanged: 1 }));
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
      expect(first.out.split('\n').at(-1)).toBe(summary(2, { created: 2 }));
      expect(first.code).toBe(0);
    } finally {
      await fresh.close();
    }
  });

  it('an adopted user that the deployed stack does not hold yet is IMPORT FIRST, not CREATED: exit 1; once imported, unchanged', async () => {
    const adopted = synth(stack => {
      agent(() => ({ username: 'agent.new' }), 'New')(stack);
      agent(() => ({ adopt: true, existingUserArn: userArn('u-7'), password: undefined }))(stack);
    });
    const cfn = await startFakeCloudFormation({ liveUsers: [userArn('u-7')], account: ACCOUNT, region: REGION });
    try {
      // Not deployed at all, then deployed without the adopted user.
      const none = await run(['plan', adopted, '--deployed', '--endpoint-url', cfn.endpoint]);
      expect(none.out).toMatch(/^IMPORT FIRST +agent.one {2}Agents\/Agent\w+\n +- adopted \(adopt: true\), but its stack does not hold it yet/);
      expect(none.out).toMatch(/\nCREATED +agent.new/);
      expect(none.out.split('\n').at(-1)).toBe(summary(2, { import: 1, created: 1 }));
      expect(none.code).toBe(1);
      cfn.deploy('Agents', JSON.parse(fs.readFileSync(path.join(synth(agent(() => ({ username: 'agent.new' }), 'New')), 'Agents.template.json'), 'utf8')));
      const partly = await run(['plan', adopted, '--deployed', '--endpoint-url', cfn.endpoint]);
      expect(partly.out.split('\n').at(-1)).toBe(summary(2, { import: 1, unchanged: 1 }));
      expect(partly.code).toBe(1);
      // Imported: the deployed template holds it.
      cfn.deploy('Agents', JSON.parse(fs.readFileSync(path.join(adopted, 'Agents.template.json'), 'utf8')));
      const imported = await run(['plan', adopted, '--deployed', '--endpoint-url', cfn.endpoint]);
      expect(imported.out).toBe(summary(2, { unchanged: 2 }));
      expect(imported.code).toBe(0);
    } finally {
      await cfn.close();
    }
  });
});

describe('plan on what the real cdk CLI writes (version reporting, path and asset metadata)', () => {
  /** An in-process synth of test/apps/plan-app.ts (no CDKMetadata, no metadata). */
  const inProcess = (variant: PlanVariant) => synthApp(app => buildPlanApp(app, variant));
  let real: string;
  beforeAll(() => {
    real = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-real-'));
    dirs.push(real);
    cdkSynth('test/apps/plan-app.ts', real, { PLAN_VARIANT: 'base' });
  }, 240_000);

  it('the assembly is the CLI\'s: CDKMetadata and path metadata, which plan ignores', async () => {
    const template = JSON.parse(fs.readFileSync(path.join(real, 'Agents.template.json'), 'utf8'));
    expect(template.Resources.CDKMetadata.Type).toBe('AWS::CDK::Metadata');
    expect(Object.values<any>(template.Resources).filter(r => r.Type === 'AWS::Connect::User').every(r => r.Metadata['aws:cdk:path'])).toBe(true);
    for (const [a, b] of [[real, inProcess('base')], [inProcess('base'), real], [real, real]]) {
      const result = await planOf(a, b);
      expect(result.out).toBe(summary(2, { unchanged: 2 }));
      expect(result.code).toBe(0);
    }
  });

  it('reordered sets, a DependsOn and other policies change no user; a renamed user FAILS', async () => {
    const quiet = await planOf(real, inProcess('quiet'));
    expect(quiet.out).toBe(summary(2, { unchanged: 2 }));
    expect(quiet.code).toBe(0);
    const renamed = await planOf(real, inProcess('renamed'));
    expect(renamed.out).toMatch(/^FAILS +ann.other {2}Agents\/First\w+\n +- Username cannot be updated[^\n]*\[handler.username\]/);
    expect(renamed.out.split('\n').at(-1)).toBe(summary(2, { fail: 1, unchanged: 1 }));
    expect(renamed.code).toBe(1);
  });
});

describe('docs/cli-plan.md', () => {
  const doc = fs.readFileSync(path.join(__dirname, '..', 'docs', 'cli-plan.md'), 'utf8');

  it('lists every piece of evidence plan cites, with its level, date and link, and every fate', () => {
    for (const [id, e] of Object.entries(EVIDENCE)) {
      const row = doc.split('\n').find(l => l.startsWith(`| \`${id}\` | ${e.level} |`));
      expect(row, id).toBeDefined();
      if (e.url) expect(row, id).toContain(`](${e.url})`);
      if (e.date) expect(row, id).toContain(`| ${e.date} |`);
    }
    for (const fate of ['FAILS', 'MOVED', 'IMPORT FIRST', 'MAY FAIL', 'MAY BE SKIPPED', 'UPDATES', 'CREATED, REMOVED']) expect(doc).toContain(`| ${fate} |`);
  });
});
