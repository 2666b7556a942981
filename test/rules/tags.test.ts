/** The rules of src/private/rules/tags.ts: the number of tags, and each key and value, from the tags prop and Tags.of(). */
import { Tags } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { ConnectUser } from '../../src';
import { minimalProps, newStack, refs } from '../util/fixtures';
import { AcceptCase, RejectCase, repeat, ruleCases, synth } from '../util/rules';

/** `n` distinct tags. */
function manyTags(n: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`Key${i}`, `value-${i}`]));
}

const reject: RejectCase[] = [
  // checkTagCount
  { rule: 'more than 50 tags', build: (_s, r) => minimalProps(r, { tags: manyTags(51) }), error: /tags: 51 tags \(from the tags property and Tags.of\(\)\); expected at most 50/ },
  // checkTag
  { rule: 'tag key longer than 128', build: (_s, r) => minimalProps(r, { tags: { [repeat(129)]: 'v' } }), error: /key .* is 129 characters long; expected 1-128/ },
  { rule: 'tag value longer than 256', build: (_s, r) => minimalProps(r, { tags: { Note: repeat(257) } }), error: /tags.Note: value .* is 257 characters long; expected at most 256/ },
  { rule: "tag key with the 'aws:' prefix", build: (_s, r) => minimalProps(r, { tags: { 'aws:owner': 'me' } }), error: /tags.aws:owner: key 'aws:owner' starts with the reserved prefix 'aws:'/ },
  { rule: 'tag key with a space (the schema rejects it)', build: (_s, r) => minimalProps(r, { tags: { 'Cost Center': 'cc' } }), error: /tags.Cost Center: key 'Cost Center' has characters CloudFormation or Amazon Connect rejects/ },
  { rule: 'tag key with @ (the schema rejects it)', build: (_s, r) => minimalProps(r, { tags: { 'owner@team': 'cc' } }), error: /key 'owner@team' has characters/ },
  { rule: 'tag key with ; (the model rejects it)', build: (_s, r) => minimalProps(r, { tags: { 'a;b': 'cc' } }), error: /key 'a;b' has characters/ },
  { rule: 'an ssm-secure reference in a tag value', build: (_s, r) => minimalProps(r, { tags: { Secret: '{{resolve:ssm-secure:/x:1}}' } }), error: /tags.Secret: value is an SSM SecureString dynamic reference/ },
];

const accept: AcceptCase[] = [
  { name: '50 tags', build: (_s, r) => minimalProps(r, { tags: manyTags(50) }) },
  { name: 'tag key of 128 and value of 256 characters, empty value', build: (_s, r) => minimalProps(r, { tags: { [repeat(128)]: repeat(256), 'team:name/part=1+2.x_y-z': '' } }) },
  { name: 'tag value of 256 emoji', build: (_s, r) => minimalProps(r, { tags: { Mood: repeat(256, '\u{1F600}') } }) },
];

ruleCases({ reject, accept });

describe('tags added with Tags.of() (checked at synth)', () => {
  it('count against the limit of 50 (checkTagCount)', () => {
    const stack = newStack();
    new ConnectUser(stack, 'Agent', minimalProps(refs(stack), { tags: manyTags(50) }));
    Tags.of(stack).add('Extra', 'one-too-many');
    expect(() => synth(stack)).toThrow(/tags: 51 tags/);
  });

  it('have their keys checked (checkTag)', () => {
    const stack = newStack();
    new ConnectUser(stack, 'Agent', minimalProps(refs(stack)));
    Tags.of(stack).add('Cost Center', 'cc');
    expect(() => synth(stack)).toThrow(/tags.Cost Center: key 'Cost Center' has characters CloudFormation or Amazon Connect rejects/);
  });

  it('have their values checked for ssm-secure references (checkTag)', () => {
    const stack = newStack();
    new ConnectUser(stack, 'User', minimalProps(refs(stack)));
    Tags.of(stack).add('Secret', '{{resolve:ssm-secure:/x:1}}');
    expect(() => synth(stack)).toThrow(/tags.Secret: value is an SSM SecureString dynamic reference/);
  });
});

describe('when the tag checks run', () => {
  it("checks the tags prop when the user is made, with the user's other problems", () => {
    const stack = newStack();
    // No synth: the error comes from the constructor, with the username's problem beside it.
    expect(() => new ConnectUser(stack, 'U', minimalProps(refs(stack), { username: '', tags: { 'aws:owner': 'me' } })))
      .toThrow(/has 2 problems:[\s\S]*username: '' is 0 characters long[\s\S]*tags.aws:owner: key 'aws:owner' starts with the reserved prefix/);
  });

  it('names the file and line that made a user whose Tags.of() tag fails at synth', () => {
    const stack = newStack();
    const user = new ConnectUser(stack, 'U', minimalProps(refs(stack)));
    Tags.of(user).add('aws:team', 'x');
    expect(() => synth(stack)).toThrow(/ConnectUser 'Stack\/U' \(created at [^)]*tags\.test\.ts:\d+:\d+\) has 1 problem:\n {2}- tags.aws:team/);
  });
});
