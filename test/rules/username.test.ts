/** The rules of src/private/rules/username.ts: the username's length and characters, and its uniqueness in an instance. */
import { App, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { ConnectUser } from '../../src';
import { minimalProps, newStack, refs, warningsOf } from '../util/fixtures';
import { AcceptCase, CM, DIR, names, RejectCase, repeat, ruleCases, SAML, samlInfo, secretPassword, WarnCase } from '../util/rules';

const reject: RejectCase[] = [
  { rule: 'username without any character of the schema pattern', build: (_s, r) => minimalProps(r, { username: 'öö !' }), error: /username: 'öö !' has none of the characters the registry schema requires/ },
  { rule: 'username length: empty', build: (_s, r) => minimalProps(r, { username: '' }), error: /username: '' is 0 characters long; expected 1-64/ },
  { rule: 'username length: 65', build: (_s, r) => minimalProps(r, { username: repeat(65) }), error: /is 65 characters long; expected 1-64 \(registry schema Username\)/ },
  { rule: 'username length: 65 on SAML', type: SAML, build: (_s, r) => minimalProps(r, { username: repeat(65), identityInfo: samlInfo }), error: /expected 1-64 \(registry schema Username\)/ },
];

const warn: WarnCase[] = [
  { rule: 'username with a space', build: (_s, r) => minimalProps(r, { username: 'john doe' }), id: 'usernameCharacters', text: /username: 'john doe' contains " "; Amazon Connect documents only letters/ },
  { rule: 'username with a non-ASCII letter', build: (_s, r) => minimalProps(r, { username: 'jöhn' }), id: 'usernameCharacters', text: /contains "ö"/ },
  { rule: "'@' outside an email shape, CONNECT_MANAGED", type: CM, build: (_s, r) => minimalProps(r, { username: 'testuser@example', password: secretPassword, identityInfo: names }), id: 'usernameAt', text: /^username: 'testuser@example' has '@' outside an email shape .* on CONNECT_MANAGED instances/ },
  { rule: "two '@', EXISTING_DIRECTORY", type: DIR, build: (_s, r) => minimalProps(r, { username: 'a@b@example.com' }), id: 'usernameAt', text: /'a@b@example.com' has '@' outside an email shape/ },
  { rule: "'@' outside an email shape, identity type unknown", build: (_s, r) => minimalProps(r, { username: 'agent@corp' }), id: 'usernameAt', text: /\(the identity-management type is unknown; SAML instances take such names\)/ },
];

const accept: AcceptCase[] = [
  { name: '64-character SAML username', type: SAML, build: (_s, r) => minimalProps(r, { username: repeat(64), identityInfo: samlInfo }) },
  { name: '20-character CONNECT_MANAGED username', type: CM, build: (_s, r) => minimalProps(r, { username: repeat(20), password: secretPassword, identityInfo: names }) },
  { name: "43-character CONNECT_MANAGED username (Terraform's acceptance tests)", type: CM, build: (_s, r) => minimalProps(r, { username: 'resource-test-terraform-5713493260832418617', password: secretPassword, identityInfo: names }) },
  { name: '64-character EXISTING_DIRECTORY username', type: DIR, build: (_s, r) => minimalProps(r, { username: repeat(64) }) },
  { name: 'email-style CONNECT_MANAGED username of 22 characters', type: CM, build: (_s, r) => minimalProps(r, { username: 'jane.smith@example.com', password: secretPassword, identityInfo: names }) },
  { name: "SAML username with two '@' and no domain (Service Cloud Voice)", type: SAML, build: (_s, r) => minimalProps(r, { username: 'mjone@005Ah000000XY1Z@00DAu000000a123', identityInfo: names }) },
  { name: '1-character username', build: (_s, r) => minimalProps(r, { username: 'a' }) },
  { name: 'email-shaped username', build: (_s, r) => minimalProps(r, { username: 'jane_doe-1.x@example.co.uk' }) },
  { name: "an adopted CONNECT_MANAGED user with '@' outside an email shape (it exists: Amazon Connect took the name)", type: CM, build: (_s, r) => minimalProps(r, { username: 'jo@corp', adopt: true, identityInfo: names }) },
];

ruleCases({ reject, warn, accept });

describe('a username is unique in its instance (checkUniqueUsername)', () => {
  it('rejects two users with the same username in one instance', () => {
    const stack = newStack();
    const r = refs(stack);
    new ConnectUser(stack, 'First', minimalProps(r));
    expect(() => new ConnectUser(stack, 'Second', minimalProps(r, { username: 'agent.one' })))
      .toThrow(/ConnectUser 'Stack\/Second' has 1 problem:\n {2}- username: .* is already used in the same instance by 'Stack\/First'/);
  });

  it('warns of two users whose usernames differ only in case, and still rejects an exact third', () => {
    const stack = newStack();
    const r = refs(stack);
    new ConnectUser(stack, 'First', minimalProps(r));
    new ConnectUser(stack, 'Second', minimalProps(r, { username: 'Agent.One' }));
    expect(warningsOf(stack, 'usernameCase')).toEqual([expect.stringMatching(/username: 'Agent.One' differs only in case from 'agent.one' of 'Stack\/First'/)]);
    expect(() => new ConnectUser(stack, 'Third', minimalProps(r, { username: 'Agent.One' }))).toThrow(/is already used in the same instance by 'Stack\/Second'/);
  });

  it('rejects the same username twice in one instance across stacks', () => {
    const app = new App();
    const env = { account: '111122223333', region: 'us-east-1' };
    const a = new Stack(app, 'A', { env });
    const b = new Stack(app, 'B', { env });
    new ConnectUser(a, 'U', minimalProps(refs(a)));
    expect(() => new ConnectUser(b, 'U', minimalProps(refs(b)))).toThrow(/already used in the same instance by 'A\/U'/);
  });
});
