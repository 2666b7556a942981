/**
 * CloudFormation's quotas per template, counted at synth: a roster sizes its shards to them (counted here in the
 * synthesized assembly, nested templates included), and a plain stack over one gets a warning.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ConnectUser, IdentityManagementType, UserPassword } from '../src';
import { countTemplate, templatesOfAssembly } from './util/assembly-graph';
import { ACCOUNT, minimalProps, REGION, refs } from './util/fixtures';
import { bulkRoster, bulkRow } from './util/roster';
import { shardOf } from '../src/private/roster/layout';
import { countDynamicReferences, MAX_DYNAMIC_REFERENCES_PER_TEMPLATE, MAX_OUTPUTS_PER_TEMPLATE, MAX_RESOURCES_PER_TEMPLATE, MAX_TEMPLATE_BYTES, overQuotas, templateQuotaWarning } from '../src/private/rules/quotas';

const rows = (n: number, prefix = 'agent') => Array.from({ length: n }, (_, i) => bulkRow(`${prefix}.${i}`));
/** Generated passwords on a CONNECT_MANAGED instance. */
const generated = { passwords: UserPassword.generate(), identityManagementType: IdentityManagementType.CONNECT_MANAGED };

/** Every template of an app's assembly with its counts. */
function countsOf(app: App) {
  const dir = app.synth().directory;
  return [...templatesOfAssembly(dir).values()].flat().map(t => ({ path: t.path, ...countTemplate(t.template) }));
}

describe('the quotas (rules/quotas.ts)', () => {
  it('are the user guide\'s figures', () => {
    expect([MAX_RESOURCES_PER_TEMPLATE, MAX_DYNAMIC_REFERENCES_PER_TEMPLATE, MAX_OUTPUTS_PER_TEMPLATE, MAX_TEMPLATE_BYTES])
      .toEqual([500, 60, 200, 1_000_000]);
  });

  it('count dynamic references, resources, outputs and bytes of a template', () => {
    expect(countDynamicReferences('{{resolve:ssm:a}} and {{resolve:secretsmanager:b:SecretString:password::}}')).toBe(2);
    const counts = countTemplate({
      Resources: { A: { Properties: { P: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'S' }, ':SecretString:password::}}']] } } }, S: {} },
      Outputs: { O: {} },
    });
    expect(counts).toMatchObject({ resources: 2, outputs: 1, dynamicReferences: 1 });
    expect(counts.bytes).toBeGreaterThan(50);
    expect(overQuotas({ resources: 501, dynamicReferences: 61, outputs: 201, bytes: 1_000_001 })).toEqual([
      '501 resources (quota 500)', '61 dynamic references (quota 60)', '201 outputs (quota 200)', '1000001 bytes (quota 1,000,000)',
    ]);
    expect(overQuotas({ resources: 500, dynamicReferences: 60, outputs: 200, bytes: 1_000_000 })).toEqual([]);
    expect(templateQuotaWarning("stack 'S'", { resources: 1, dynamicReferences: 70 })).toMatch(/stack 'S' holds 70 dynamic references \(quota 60\)[\s\S]*Split it/);
  });
});

describe('a 2,000-agent CONNECT_MANAGED roster with UserPassword.generate()', () => {
  it('synthesizes with default props, every template (nested ones included) at or under 60 dynamic references and 500 resources', () => {
    const { app, roster } = bulkRoster({ rows: rows(2000), ...generated });
    const counts = countsOf(app);
    const shards = counts.filter(c => c.path.includes('/'));
    expect(shards.length).toBe(Object.keys(roster.shards).length);
    expect(shards.length).toBeGreaterThan(20);
    // Every agent and its secret are in the templates counted.
    expect(counts.reduce((n, c) => n + c.dynamicReferences, 0)).toBe(2000);
    for (const c of counts) {
      expect(c.dynamicReferences, c.path).toBeLessThanOrEqual(60);
      expect(c.resources, c.path).toBeLessThanOrEqual(500);
      expect(c.outputs ?? 0, c.path).toBeLessThanOrEqual(200);
      expect(c.bytes ?? 0, c.path).toBeLessThanOrEqual(1_000_000);
    }
    // The default did not fit: a warning names the count it uses, to set.
    const shardCount = shards.length;
    Annotations.fromStack(Stack.of(roster)).hasWarning('/Agents/Roster', Match.stringLikeRegexp(
      `does not fit CloudFormation's quotas per template in the default 20 shards \\(.*dynamic references \\(quota 60\\).*so it uses ${shardCount} shards\\. Set shardCount: ${shardCount}[\\s\\S]*cdk-connect-user:templateQuota`));
  });

  it('with an explicit shardCount too small for the dynamic references, warns (a documented quota) naming the count to set', () => {
    const { app, roster } = bulkRoster({ rows: rows(2000), ...generated, shardCount: 20 });
    expect(Object.keys(roster.shards).length).toBe(20);
    Annotations.fromStack(Stack.of(roster)).hasWarning('/Agents/Roster', Match.stringLikeRegexp(
      "shards would be over CloudFormation's quotas per template \\(shard \\d+: \\d+ dynamic references \\(quota 60\\); it holds \\d+ of 500 resources, \\d+ of 60 dynamic references\\); "
      + 'the roster has 4020 resources and 2000 dynamic references .*Expected shardCount: 56 or more'));
    // Each over-quota shard says so at synth too, from its rendered template.
    const fromShards = Annotations.fromStack(Stack.of(roster)).findWarning('*', Match.stringLikeRegexp("the shard '.*' holds \\d+ dynamic references \\(quota 60\\)"));
    expect(fromShards.length).toBeGreaterThan(0);
    expect(fromShards.every(w => /^\/Agents\/Roster\/Shard\d+$/.test(w.id))).toBe(true);
    expect(countsOf(app).some(c => c.dynamicReferences > 60)).toBe(true);
  });
});

describe('a roster deployable today keeps its layout', () => {
  it('a roster whose default 20 shards fit the quotas puts every agent where shardOf(username, 20) did, with no warning', () => {
    const { roster, stack } = bulkRoster({ rows: rows(600), ...generated });
    expect(Object.keys(roster.shards).length).toBe(20);
    for (let i = 0; i < 600; i++) {
      const user = roster.cfnUsers[`agent.${i}`];
      expect(user.stack).toBe(roster.shards[shardOf(`agent.${i}`, 20)]);
    }
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('templateQuota'))).toEqual([]);
  });

  it('without generated passwords, 8,000 agents still fit the default 20 shards', () => {
    const { roster } = bulkRoster({ rows: rows(8000) });
    expect(Object.keys(roster.shards).length).toBe(20);
  });
});

describe('a plain stack of ConnectUsers', () => {
  /** A stack with `n` ConnectUsers with generated passwords. */
  function plain(n: number) {
    const app = new App();
    const stack = new Stack(app, 'Plain', { env: { account: ACCOUNT, region: REGION } });
    const r = refs(stack, IdentityManagementType.CONNECT_MANAGED);
    for (let i = 0; i < n; i++) {
      new ConnectUser(stack, `Agent${i}`, minimalProps(r, { username: `agent.${i}`, identityInfo: { firstName: 'A', lastName: 'B' }, password: UserPassword.generate() }));
    }
    return stack;
  }

  it('over the 60 dynamic references (70 generated passwords) warns naming the quota, the count and how to split', () => {
    const stack = plain(70);
    Annotations.fromStack(stack).hasWarning('/Plain', Match.stringLikeRegexp(
      "stack 'Plain' holds 70 dynamic references \\(quota 60\\) \\(dynamic references counted in its ConnectUsers' passwords only\\);.*Split it: move ConnectUsers to another stack.*cdk-connect-user:templateQuota"));
    // The count is in the template CloudFormation gets.
    expect(countTemplate(Template.fromStack(stack).toJSON()).dynamicReferences).toBe(70);
  });

  it('within it (50) does not warn', () => {
    const stack = plain(50);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('templateQuota'))).toEqual([]);
  });
});
