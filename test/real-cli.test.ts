/**
 * The whole chain a user runs to bring a contact center under code, on what the real `cdk` CLI
 * writes (`cdk synth` with its defaults: version reporting, path and asset metadata), against a
 * fake Amazon Connect endpoint on 127.0.0.1: export → an adopted roster → cdk synth →
 * preflight → plan → import-roster --dry-run → import-mapping (and its --check-drift).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdkSynth } from './util/cdk-cli';
import { useDummyCredentials } from './util/credentials';
import { startFakeCloudFormation } from './util/fake-cloudformation';
import { FakeConnect, generateInstance } from './util/fake-connect';
import { awsPolicy } from '../src/cli/aws/policy';
import { main } from '../src/cli/main';

useDummyCredentials();

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: l => out.push(l), err: l => err.push(l) });
  return { code, out, err };
}

describe('the adoption chain on real cdk synth output', () => {
  const instance = generateInstance(40, 'CONNECT_MANAGED');
  let fake: FakeConnect;
  let dir: string;
  let out: string;
  beforeAll(async () => {
    awsPolicy.delayMs = () => 1;
    fake = await FakeConnect.start([instance]);
    // One directory for the whole chain (tempDirs removes a test's directories after it), removed in afterAll.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'real-cli-'));
    const exported = await run(['export', '--instance-arn', instance.arn, '--endpoint-url', fake.url, '--out', path.join(dir, 'roster.json')]);
    expect(exported.code, exported.err.join('\n')).toBe(0);
    out = path.join(dir, 'cdk.out');
    const [, , , , account, rest] = instance.arn.split(':');
    expect(rest).toMatch(/^instance\//);
    cdkSynth('test/apps/adopted-roster.ts', out, { ROSTER_DOCUMENT: path.join(dir, 'roster.json'), APP_ACCOUNT: account, APP_REGION: instance.arn.split(':')[3] });
  }, 240_000);
  afterAll(async () => {
    awsPolicy.delayMs = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
    await fake.close();
  });

  it('the assembly is the CLI\'s: version reporting and asset metadata', () => {
    const parent = JSON.parse(fs.readFileSync(path.join(out, 'Agents.template.json'), 'utf8'));
    expect(parent.Resources.CDKMetadata.Type).toBe('AWS::CDK::Metadata');
    const shards = Object.values<any>(parent.Resources).filter(r => r.Type === 'AWS::CloudFormation::Stack');
    expect(shards.length).toBe(2);
    expect(shards.every(r => r.Metadata['aws:asset:path'].endsWith('.nested.template.json'))).toBe(true);
  });

  it('preflight: every agent is adopted (imported, not created), so the deploy creates none: exit 0', async () => {
    const result = await run(['preflight', out, '--endpoint-url', fake.url]);
    expect(result.out).toEqual(['0 user(s) to create checked: 0 fail, 0 warning(s), 0 note(s); 40 not created (adopted, or deployed already), 0 not checked (tokens)']);
    expect(result.code).toBe(0);
  });

  it('plan against the same assembly: every user unchanged, exit 0', async () => {
    const result = await run(['plan', out, '--baseline', out]);
    expect(result.out.at(-1)).toBe('40 users: 0 fail, 0 moved, 0 to import first, 0 may fail, 0 may be skipped, 0 update in place, 0 created, 0 removed, 40 unchanged');
    expect(result.code).toBe(0);
  });

  it('plan --deployed before the import: every adopted agent is IMPORT FIRST (its create would fail on the username), exit 1', async () => {
    const cfn = await startFakeCloudFormation({ liveUsers: [], account: instance.arn.split(':')[4], region: instance.arn.split(':')[3] });
    try {
      const result = await run(['plan', out, '--deployed', '--endpoint-url', cfn.endpoint]);
      expect(result.out.filter(l => /^IMPORT FIRST +\S+ {2}Agents\/RosterShard\d/.test(l))).toHaveLength(40);
      expect(result.out).toContain(`${' '.repeat(15)}- adopted (adopt: true), but its stack does not hold it yet: cdk deploy would create it, and CreateUser `
        + 'refuses the username the instance already has. Import it first: \'cdk-connect-user import-roster\' (a roster\'s agents, in nested stacks), '
        + 'then deploy [model.duplicateUsername, documented.import]');
      expect(result.out.at(-1)).toBe('40 users: 0 fail, 0 moved, 40 to import first, 0 may fail, 0 may be skipped, 0 update in place, 0 created, 0 removed, 0 unchanged');
      expect(result.code).toBe(1);
    } finally {
      await cfn.close();
    }
  });

  it('import-roster --dry-run: two shards, every agent with its ARN, exit 0', async () => {
    const result = await run(['import-roster', out, '--dry-run']);
    expect(result.err).toEqual([]);
    expect(result.out[0]).toMatch(/^40 adopted agent\(s\) in 2 shard\(s\) of Agents/);
    expect(result.code).toBe(0);
  });

  it('import-mapping counts the roster\'s agents in nested stacks and points to import-roster, exit 1', async () => {
    const result = await run(['import-mapping', out, '--out', path.join(dir, 'mappings')]);
    expect(result.err.join('\n')).toMatch(/40 adopted user\(s\) are in nested stacks[\s\S]*import-roster/);
    expect(result.code).toBe(1);
  });

  it('import-mapping --check-drift: the exported settings are the live ones, exit 0', async () => {
    const result = await run(['import-mapping', out, '--check-drift', '--endpoint-url', fake.url]);
    expect(result.out).toEqual(['40 adopted user(s) checked: 0 differ from the template']);
    expect(result.code).toBe(0);
  });
});

describe('acknowledging a warning by the id the cdk CLI prints', () => {
  /** The library's usernameCharacters warnings in a synthesized assembly's manifest. */
  const warnings = (out: string) => JSON.stringify(JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')))
    .split('cdk-connect-user:usernameCharacters').length - 1;

  it("takes the id without the CLI's 'Annotation::' prefix (aws-cdk-lib's acknowledgeWarning), as the README says", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'real-cli-ack-'));
    try {
      cdkSynth('test/apps/warned-user.ts', path.join(dir, 'ack'), { ACK: 'cdk-connect-user:usernameCharacters' });
      expect(warnings(path.join(dir, 'ack'))).toBe(0);
      // What the CLI prints after "Acknowledge with": acknowledges nothing in aws-cdk-lib's acknowledgeWarning.
      cdkSynth('test/apps/warned-user.ts', path.join(dir, 'prefixed'), { ACK: 'Annotation::cdk-connect-user:usernameCharacters' });
      expect(warnings(path.join(dir, 'prefixed'))).toBeGreaterThan(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
