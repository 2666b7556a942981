/**
 * Creation pacing (src/private/pacing.ts, src/pacing.ts): from the synthesized assembly (nested templates read
 * through the parent's AWS::CloudFormation::Stack resources), a simulated deploy over the dependency graph, where
 * each user takes one step and a nested stack starts when its dependencies are done, never has more than N user
 * creations in flight.
 */
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { ConnectUser, ConnectUserPacing, ConnectUserRoster, IdentityManagementType, UserPassword } from '../src';
import { simulateDeploy, templatesOfAssembly } from './util/assembly-graph';
import { ACCOUNT, minimalProps, REGION, refs } from './util/fixtures';
import { BULK_HEADER, bulkRoster, bulkRow } from './util/roster';
import { DEFAULT_MAX_CONCURRENT_CREATIONS } from '../src/private/pacing';

const rows = (n: number, prefix = 'agent') => Array.from({ length: n }, (_, i) => bulkRow(`${prefix}.${i}`));
/** Generated passwords on a CONNECT_MANAGED instance. */
const generated = { passwords: UserPassword.generate(), identityManagementType: IdentityManagementType.CONNECT_MANAGED };
const env = { account: ACCOUNT, region: REGION };

/** `n` ConnectUsers with generated passwords in `stack`. */
function plainUsers(stack: Stack, n: number, prefix = 'plain') {
  const r = refs(stack, IdentityManagementType.CONNECT_MANAGED);
  for (let i = 0; i < n; i++) {
    new ConnectUser(stack, `${prefix}${i}`, minimalProps(r, { username: `${prefix}.${i}`, identityInfo: { firstName: 'A', lastName: 'B' }, password: UserPassword.generate() }));
  }
}

describe('a roster paces its creations', () => {
  it(`by default at most ${DEFAULT_MAX_CONCURRENT_CREATIONS} at once (at most 10), over all shards of a 2,000-agent roster`, () => {
    expect(DEFAULT_MAX_CONCURRENT_CREATIONS).toBeLessThanOrEqual(10);
    const { app } = bulkRoster({ rows: rows(2000), ...generated });
    const sim = simulateDeploy(app.synth().directory, 'Agents');
    expect(sim.users).toBe(2000);
    expect(sim.maxInFlight).toBe(DEFAULT_MAX_CONCURRENT_CREATIONS);
    // Lanes are balanced: the deploy takes about 2,000 / N steps, not much more.
    expect(sim.steps).toBeLessThan(2000 / DEFAULT_MAX_CONCURRENT_CREATIONS * 1.3);
  });

  it.each([[8, 20], [10, 3], [1, 20], [3, 1]])('at most maxConcurrentCreations: %i at once (%i shards)', (n, shardCount) => {
    const { app } = bulkRoster({ rows: rows(300), maxConcurrentCreations: n, shardCount });
    const sim = simulateDeploy(app.synth().directory, 'Agents');
    expect(sim.users).toBe(300);
    expect(sim.maxInFlight).toBeLessThanOrEqual(n);
    // And uses what it may: shards chained min(n, shards) at a time, each with floor(n / chains) lanes.
    const chains = Math.min(n, shardCount);
    expect(sim.maxInFlight).toBe(chains * Math.floor(n / chains));
  });

  it('puts agents in lanes by logical id, not by row order', () => {
    const forward = rows(40);
    const a = bulkRoster({ rows: forward, shardCount: 1, maxConcurrentCreations: 3 });
    const b = bulkRoster({ rows: [...forward].reverse(), shardCount: 1, maxConcurrentCreations: 3 });
    const dependsOn = (app: App) => {
      const templates = [...templatesOfAssembly(app.synth().directory).values()].flat();
      return Object.fromEntries(templates.flatMap(t => Object.entries(t.template.Resources ?? {}))
        .filter(([, r]) => r.Type === 'AWS::Connect::User').map(([id, r]) => [id, (r as { DependsOn?: unknown }).DependsOn]));
    };
    const first = dependsOn(a.app);
    expect(Object.values(first).filter(d => d === undefined)).toHaveLength(3);
    expect(dependsOn(b.app)).toEqual(first);
  });

  it("keeps a dependency added to a paced agent beside its lane's (the lane's DependsOn is written as text)", () => {
    const { app, roster } = bulkRoster({ rows: rows(10), shardCount: 1, maxConcurrentCreations: 1 });
    const users = Object.values(roster.cfnUsers);
    const paced = users.find(u => (u as unknown as { rawOverrides: { DependsOn?: unknown } }).rawOverrides.DependsOn !== undefined)!;
    const other = new CfnResource(paced.stack, 'Extra', { type: 'AWS::SNS::Topic' });
    paced.addDependency(other);
    const templates = [...templatesOfAssembly(app.synth().directory).values()].flat();
    const shard = templates.find(t => t.path.includes('/'))!.template;
    const dependsOn = (shard.Resources![paced.logicalId.startsWith('${') ? Stack.of(paced).resolve(paced.logicalId) : paced.logicalId] as { DependsOn?: string[] }).DependsOn!;
    expect(dependsOn).toHaveLength(2);
    expect(dependsOn).toContain(Stack.of(other).resolve(other.logicalId));
    // Still one chain: 10 agents, one at a time.
    expect(simulateDeploy(app.synth({ force: true }).directory, 'Agents').steps).toBe(10);
  });

  it('leaves adopted agents out (they are imported, not created)', () => {
    const csv = [`${BULK_HEADER},adopt`, ...rows(6).map(r => `${r},yes`)].join('\n');
    const { app } = bulkRoster({ csv, shardCount: 1, maxConcurrentCreations: 1 });
    const users = [...templatesOfAssembly(app.synth().directory).values()].flat()
      .flatMap(t => Object.values(t.template.Resources ?? {})).filter(r => r.Type === 'AWS::Connect::User');
    expect(users).toHaveLength(6);
    for (const user of users) expect((user as { DependsOn?: unknown }).DependsOn).toBeUndefined();
  });
});

describe('ConnectUserPacing paces plain ConnectUsers', () => {
  it('without it, every user of a stack may be created at once (the simulation sees it)', () => {
    const app = new App();
    plainUsers(new Stack(app, 'Plain', { env }), 30);
    expect(simulateDeploy(app.synth().directory, 'Plain').maxInFlight).toBe(30);
  });

  it(`with it, at most ${DEFAULT_MAX_CONCURRENT_CREATIONS} by default, or the given number`, () => {
    const app = new App();
    plainUsers(new Stack(app, 'Plain', { env }), 30);
    plainUsers(new Stack(app, 'Other', { env }), 30, 'other');
    ConnectUserPacing.of(app);
    const custom = new App();
    plainUsers(new Stack(custom, 'Plain', { env }), 30);
    ConnectUserPacing.of(custom, { maxConcurrentCreations: 7 });
    const dir = app.synth().directory;
    expect(simulateDeploy(dir, 'Plain').maxInFlight).toBe(DEFAULT_MAX_CONCURRENT_CREATIONS);
    expect(simulateDeploy(dir, 'Other').maxInFlight).toBe(DEFAULT_MAX_CONCURRENT_CREATIONS);
    expect(simulateDeploy(custom.synth().directory, 'Plain').maxInFlight).toBe(7);
    expect(() => ConnectUserPacing.of(custom, { maxConcurrentCreations: 0 })).toThrow(/ConnectUserPacing: maxConcurrentCreations 0 is not a whole number of at least 1/);
  });

  it('a roster and plain users in one stack stay within N together: the users wait for the roster', () => {
    const { app, stack } = bulkRoster({ rows: rows(200), maxConcurrentCreations: 4 });
    plainUsers(stack, 20);
    ConnectUserPacing.of(stack, { maxConcurrentCreations: 4 });
    const sim = simulateDeploy(app.synth().directory, 'Agents');
    expect(sim.users).toBe(220);
    expect(sim.maxInFlight).toBe(4);
  });

  it('a roster stack and a plain stack of one app each stay within N (the cdk CLI deploys stacks one at a time by default)', () => {
    const app = new App();
    const rosterStack = new Stack(app, 'Roster', { env });
    const r = refs(rosterStack);
    new ConnectUserRoster(rosterStack, 'Agents', { instance: r.instance, routingProfiles: { Basic: r.routingProfile }, securityProfiles: { Agent: r.securityProfile }, csv: [BULK_HEADER, ...rows(100)].join('\n') });
    plainUsers(new Stack(app, 'Plain', { env }), 25);
    ConnectUserPacing.of(app);
    const dir = app.synth().directory;
    expect(simulateDeploy(dir, 'Roster')).toMatchObject({ users: 100, maxInFlight: DEFAULT_MAX_CONCURRENT_CREATIONS });
    expect(simulateDeploy(dir, 'Plain')).toMatchObject({ users: 25, maxInFlight: DEFAULT_MAX_CONCURRENT_CREATIONS });
  });
});
