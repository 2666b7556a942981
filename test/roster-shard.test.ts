import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { App, NestedStack, Stack } from 'aws-cdk-lib';
import { CfnUser } from 'aws-cdk-lib/aws-connect';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, INSTANCE_ARN, REGION, routingProfileArn, securityProfileArn } from './util/fixtures';
import { RosterShard } from '../src/private/roster-shard';

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
});
