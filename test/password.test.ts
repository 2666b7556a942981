import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { describe, expect, it } from 'vitest';
import { ConnectUser, IdentityManagementType, UserPassword } from '../src';
import { assertLintClean } from './util/cfn-lint';
import { ACCOUNT, minimalProps, newStack, REGION, refs, warningsOf } from './util/fixtures';

const CM = IdentityManagementType.CONNECT_MANAGED;
const names = { firstName: 'Agent', lastName: 'One' };

describe('generatePassword', () => {
  it('generates a policy-compliant password into a secret and references it', () => {
    const stack = newStack();
    const user = new ConnectUser(stack, 'U', minimalProps(refs(stack, CM), { password: UserPassword.generate(), identityInfo: names }));
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
    // The secret is kept like the user is: deleted only if the operation that created it rolls back.
    template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'RetainExceptOnCreate', UpdateReplacePolicy: 'Retain' });
    assertLintClean([template.toJSON()]);
  });

  it('follows the removal policy of the user and encrypts with a given key', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key');
    new ConnectUser(stack, 'U', minimalProps(refs(stack, CM), {
      password: UserPassword.generate({ encryptionKey: key }), identityInfo: names, removalPolicy: RemovalPolicy.DESTROY,
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
    new ConnectUser(stack, 'U', minimalProps(refs(stack, type), { password: UserPassword.generate(), ...extra }));
    expect(warningsOf(stack, 'passwordNotAllowed')).toEqual([expect.stringMatching(text)]);
  });

  it("rejects the props UserPassword replaced, as a JavaScript caller's old code passes them", () => {
    const stack = newStack();
    expect(() => new ConnectUser(stack, 'U', minimalProps(refs(stack, CM), { generatePassword: true, passwordEncryptionKey: new kms.Key(stack, 'K') } as any)))
      .toThrow(/generatePassword: is no longer a prop; use password: UserPassword.generate\(\)\n.*passwordEncryptionKey: is no longer a prop; use password: UserPassword.generate\(\{ encryptionKey \}\)/);
  });

  it('rejects a bare SecretValue (the type before 0.x) and names the wrapper', () => {
    const stack = newStack();
    expect(() => new ConnectUser(stack, 'U', minimalProps(refs(stack, CM), { password: SecretValue.secretsManager('x') as any, identityInfo: names })))
      .toThrow(/password: is a SecretValue; expected a UserPassword: UserPassword.fromSecretValue\(value\)/);
  });
});

describe('UserPassword', () => {
  it.each([
    ['the whole secret string', undefined, '::}}'],
    ['a JSON field', 'pw', ':SecretString:pw::}}'],
  ])('fromSecret references %s', (_what, field, ending) => {
    const stack = newStack();
    const secret = new secretsmanager.Secret(stack, 'S');
    new ConnectUser(stack, 'U', minimalProps(refs(stack, CM), { password: UserPassword.fromSecret(secret, field), identityInfo: names }));
    const password = JSON.stringify(Template.fromStack(stack).findResources('AWS::Connect::User'));
    expect(password).toContain('{{resolve:secretsmanager:');
    expect(password).toContain(ending);
    expect(warningsOf(stack, 'plaintextPassword')).toEqual([]);
  });

  it('unsafePlainText writes the value and warns; toString never shows it', () => {
    const stack = newStack();
    const password = UserPassword.unsafePlainText('Sup3rSecret');
    new ConnectUser(stack, 'U', minimalProps(refs(stack, CM), { password, identityInfo: names }));
    Template.fromStack(stack).hasResourceProperties('AWS::Connect::User', { Password: 'Sup3rSecret' });
    expect(warningsOf(stack, 'plaintextPassword')).toHaveLength(1);
    expect(`${password}`).toBe('UserPassword(plaintext)');
  });

  it('fromSecretValue of a plaintext SecretValue is plaintext too (the warning and the policy check)', () => {
    const stack = newStack();
    expect(() => new ConnectUser(stack, 'U', minimalProps(refs(stack, CM), { password: UserPassword.fromSecretValue(SecretValue.unsafePlainText('short')), identityInfo: names })))
      .toThrow(/password: the plaintext password \(5 characters, value not shown\)/);
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
      new ConnectUser(stack, 'Referenced', minimalProps(r, { username: 'referenced', password: UserPassword.fromSecretValue(SecretValue.secretsManager('agents/referenced')), identityInfo: names }));
      new ConnectUser(stack, 'Generated', minimalProps(r, { username: 'generated', password: UserPassword.generate(), identityInfo: names }));
      new ConnectUser(stack, 'Plain', minimalProps(r, { username: 'plain', password: UserPassword.fromSecretValue(SecretValue.unsafePlainText(plaintext)), identityInfo: names }));
      app.synth();

      // The deliberate plaintext is where the user put it (the template's Password, and the L1's
      // properties in tree.json) and nowhere else: not in metadata, warnings or the manifest.
      expect(filesContaining(outdir, plaintext)).toEqual(['Agents.template.json', 'tree.json']);
      const template = JSON.parse(fs.readFileSync(path.join(outdir, 'Agents.template.json'), 'utf8'));
      const occurrences = JSON.stringify(template).split(plaintext).length - 1;
      expect(occurrences).toBe(1);
      const manifest = fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8');
      expect(manifest).toMatch(/password is plaintext \(UserPassword.unsafePlainText\(\), or a plaintext SecretValue\)/);
      // The other two users' passwords are references only.
      const passwords = Object.values<any>(template.Resources).filter(x => x.Type === 'AWS::Connect::User').map(x => JSON.stringify(x.Properties.Password));
      expect(passwords.filter(p => p.includes('{{resolve:secretsmanager:'))).toHaveLength(2);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
