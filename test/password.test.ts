import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { describe, expect, it } from 'vitest';
import { ConnectUser, IdentityManagementType } from '../src';
import { assertLintClean } from './util/cfn-lint';
import { ACCOUNT, minimalProps, newStack, REGION, refs, warningsOf } from './util/fixtures';

const CM = IdentityManagementType.CONNECT_MANAGED;
const names = { firstName: 'Agent', lastName: 'One' };

describe('generatePassword', () => {
  it('generates a policy-compliant password into a secret and references it', () => {
    const stack = newStack();
    const user = new ConnectUser(stack, 'U', minimalProps(refs(stack, CM), { generatePassword: true, identityInfo: names }));
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: {
        SecretStringTemplate: '{"username":"agent.one"}',
        GenerateStringKey: 'password',
        PasswordLength: 32,
        ExcludePunctuation: true,
        IncludeSpace: false,
        RequireEachIncludedType: true,
      },
    });
    const secretId = stack.getLogicalId(user.passwordSecret!.node.defaultChild as secretsmanager.CfnSecret);
    template.hasResourceProperties('AWS::Connect::User', {
      Password: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:password::}}']] },
    });
    // The secret is kept like the user is.
    template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    assertLintClean([template.toJSON()]);
  });

  it('follows the removal policy of the user and encrypts with a given key', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key');
    new ConnectUser(stack, 'U', minimalProps(refs(stack, CM), {
      generatePassword: true, passwordEncryptionKey: key, identityInfo: names, removalPolicy: RemovalPolicy.DESTROY,
    }));
    Template.fromStack(stack).hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ KmsKeyId: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } }),
    });
  });

  it('exposes no secret when no password is generated', () => {
    const stack = newStack();
    expect(new ConnectUser(stack, 'U', minimalProps(refs(stack))).passwordSecret).toBeUndefined();
  });

  it.each([
    ['on a SAML instance', IdentityManagementType.SAML, { identityInfo: names }, /password: set on a SAML instance/],
    ['on an EXISTING_DIRECTORY instance', IdentityManagementType.EXISTING_DIRECTORY, {}, /password: set on a EXISTING_DIRECTORY instance/],
  ])('warns %s (only the API reference forbids it)', (_what, type, extra, text) => {
    const stack = newStack();
    new ConnectUser(stack, 'U', minimalProps(refs(stack, type), { generatePassword: true, ...extra }));
    expect(warningsOf(stack, 'passwordNotAllowed')).toEqual([expect.stringMatching(text)]);
  });

  it('is rejected together with a password', () => {
    const stack = newStack();
    expect(() => new ConnectUser(stack, 'U', minimalProps(refs(stack, CM), { generatePassword: true, password: SecretValue.secretsManager('x'), identityInfo: names })))
      .toThrow(/generatePassword: is true while password is set; expected one of them/);
  });

  it('rejects an encryption key without generatePassword', () => {
    const stack = newStack();
    expect(() => new ConnectUser(stack, 'U', minimalProps(refs(stack), { passwordEncryptionKey: new kms.Key(stack, 'K') })))
      .toThrow(/passwordEncryptionKey: is set without generatePassword/);
  });
});

describe('no password value leaks into the cloud assembly', () => {
  /** Every file of the synthesized assembly that contains `needle`. */
  function filesContaining(outdir: string, needle: string): string[] {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (fs.readFileSync(p, 'utf8').includes(needle)) found.push(path.relative(outdir, p));
      }
    };
    walk(outdir);
    return found.sort();
  }

  it('keeps referenced and generated passwords out, and a deliberate plaintext only in the resource', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'assembly-'));
    try {
      const app = new App({ outdir });
      const stack = new Stack(app, 'Agents', { env: { account: ACCOUNT, region: REGION } });
      const r = refs(stack, CM);
      const plaintext = 'Deliberate-Plaintext-9';
      new ConnectUser(stack, 'Referenced', minimalProps(r, { username: 'referenced', password: SecretValue.secretsManager('agents/referenced'), identityInfo: names }));
      new ConnectUser(stack, 'Generated', minimalProps(r, { username: 'generated', generatePassword: true, identityInfo: names }));
      new ConnectUser(stack, 'Plain', minimalProps(r, { username: 'plain', password: SecretValue.unsafePlainText(plaintext), identityInfo: names }));
      app.synth();

      // The deliberate plaintext is where the user put it (the template's Password, and the L1's
      // properties in tree.json) and nowhere else: not in metadata, warnings or the manifest.
      expect(filesContaining(outdir, plaintext)).toEqual(['Agents.template.json', 'tree.json']);
      const template = JSON.parse(fs.readFileSync(path.join(outdir, 'Agents.template.json'), 'utf8'));
      const occurrences = JSON.stringify(template).split(plaintext).length - 1;
      expect(occurrences).toBe(1);
      const manifest = fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8');
      expect(manifest).toMatch(/password is a plaintext SecretValue/);
      // The other two users' passwords are references only.
      const passwords = Object.values<any>(template.Resources).filter(x => x.Type === 'AWS::Connect::User').map(x => JSON.stringify(x.Properties.Password));
      expect(passwords.filter(p => p.includes('{{resolve:secretsmanager:'))).toHaveLength(2);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
