import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { App, NestedStack, Stack } from 'aws-cdk-lib';
import { CfnInstance, CfnRoutingProfile, CfnSecurityProfile, CfnUser } from 'aws-cdk-lib/aws-connect';
import { describe, expect, it } from 'vitest';
import { ConnectUserRoster, UserPassword } from '../src';
import { ACCOUNT, INSTANCE_ARN, REGION, routingProfileArn, securityProfileArn } from './util/fixtures';
import { RosterShard } from '../src/private/roster/shard';

/** An app with two nested stacks of two agents each, of the given class; synthesized. */
function synth(Shard: typeof NestedStack) {
  const app = new App();
  const stack = new Stack(app, 'Agents', { env: { account: ACCOUNT, region: REGION } });
  for (const s of [0, 1]) {
    const shard = new Shard(stack, `Shard${s}`);
    for (const a of [0, 1]) {
      new CfnUser(shard, `agent${s}${a}`, {
        instanceArn: INSTANCE_ARN,
        username: `agent${s}${a}`,
        routingProfileArn: routingProfileArn('rp-basic'),
        securityProfileArns: [securityProfileArn('sp-agent')],
        phoneConfig: { phoneType: 'SOFT_PHONE' },
      });
    }
  }
  const assembly = app.synth();
  const dir = assembly.directory;
  const files = fs.readdirSync(dir).filter(f => f.endsWith('.json') && f !== 'manifest.json' && f !== 'tree.json').sort();
  return { dir, files: Object.fromEntries(files.map(f => [f, JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))])) };
}

describe('RosterShard', () => {
  it('writes the same templates and asset manifest as a NestedStack', () => {
    expect(synth(RosterShard).files).toEqual(synth(NestedStack).files);
  });

  it('writes the very template whose hash names the asset', () => {
    const { dir, files } = synth(RosterShard);
    const assets = files['Agents.assets.json'].files as Record<string, { source: { path: string } }>;
    const nested = Object.entries(assets).filter(([, a]) => a.source.path.endsWith('.nested.template.json'));
    expect(nested).toHaveLength(2);
    for (const [hash, asset] of nested) {
      const written = JSON.parse(fs.readFileSync(path.join(dir, asset.source.path), 'utf8'));
      expect(crypto.createHash('sha256').update(JSON.stringify(written)).digest('hex')).toBe(hash);
    }
  });

  it('renders afresh in a later synth', () => {
    const app = new App();
    const stack = new Stack(app, 'Agents', { env: { account: ACCOUNT, region: REGION } });
    const shard = new RosterShard(stack, 'Shard0');
    new CfnUser(shard, 'agent', {
      instanceArn: INSTANCE_ARN, username: 'agent', routingProfileArn: routingProfileArn('rp-basic'), securityProfileArns: [securityProfileArn('sp-agent')],
    });
    app.synth();
    new CfnUser(shard, 'late', {
      instanceArn: INSTANCE_ARN, username: 'late', routingProfileArn: routingProfileArn('rp-basic'), securityProfileArns: [securityProfileArn('sp-agent')],
    });
    const again = app.synth({ force: true });
    const template = JSON.parse(fs.readFileSync(path.join(again.directory, shard.templateFile), 'utf8'));
    expect(Object.keys(template.Resources)).toEqual(['agent', 'late']);
  });

  it('in a roster whose instance and profiles are L1s of the parent (nested-stack parameters), writes what NestedStack writes', () => {
    const roster = () => {
      const app = new App();
      const stack = new Stack(app, 'Agents', { env: { account: ACCOUNT, region: REGION } });
      const instance = new CfnInstance(stack, 'Instance', { identityManagementType: 'CONNECT_MANAGED', attributes: { inboundCalls: true, outboundCalls: true } });
      const rp = new CfnRoutingProfile(stack, 'Rp', {
        instanceArn: instance.attrArn,
        name: 'Basic',
        description: 'Basic',
        defaultOutboundQueueArn: `${INSTANCE_ARN}/queue/q-1`,
        mediaConcurrencies: [{ channel: 'VOICE', concurrency: 1 }],
      });
      const sp = new CfnSecurityProfile(stack, 'Sp', { instanceArn: instance.attrArn, securityProfileName: 'Agent' });
      new ConnectUserRoster(stack, 'Roster', {
        instance,
        routingProfiles: { Basic: rp },
        securityProfiles: { Agent: sp },
        shardCount: 3,
        users: ['a', 'b', 'c', 'd', 'e'].map(u => ({ username: `agent.${u}`, routingProfile: 'Basic', securityProfiles: ['Agent'], identityInfo: { firstName: 'A', lastName: u }, password: UserPassword.generate() })),
      });
      const dir = app.synth().directory;
      return Object.fromEntries(fs.readdirSync(dir).filter(f => f.endsWith('.json') && f !== 'tree.json').sort().map(f => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
    };
    const withShard = roster();
    expect(Object.values(withShard).join('\n')).toContain('referencetoAgentsInstance');
    // The same app with RosterShard's two overrides taken away: a plain NestedStack's behaviour.
    const own = { prepare: RosterShard.prototype._prepareTemplateAsset, render: (RosterShard.prototype as any)._toCloudFormation };
    (RosterShard.prototype as any)._prepareTemplateAsset = NestedStack.prototype._prepareTemplateAsset;
    (RosterShard.prototype as any)._toCloudFormation = (NestedStack.prototype as any)._toCloudFormation;
    try {
      expect(withShard).toEqual(roster());
    } finally {
      (RosterShard.prototype as any)._prepareTemplateAsset = own.prepare;
      (RosterShard.prototype as any)._toCloudFormation = own.render;
    }
  });
});
