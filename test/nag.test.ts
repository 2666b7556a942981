import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { addExampleStacks } from '../examples/stacks';
import { ConnectUser, IdentityManagementType } from '../src';
import { minimalProps, refs } from './util/fixtures';

/** Every unsuppressed AwsSolutions finding (errors and warnings) of the stacks. */
function nagFindings(app: App, stacks: Stack[]): string[] {
  Aspects.of(app).add(new AwsSolutionsChecks());
  app.synth();
  return stacks.flatMap(stack => {
    const annotations = Annotations.fromStack(stack);
    return [
      ...annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
      ...annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')),
    ].map(m => `${m.id}: ${m.entry.data}`);
  });
}

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unsuppressed in the example app', () => {
    const app = new App();
    const stacks = addExampleStacks(app);
    expect(nagFindings(app, stacks)).toEqual([]);
  });

  it('does report findings (here: a generated password secret without rotation, unsuppressed)', () => {
    const app = new App();
    const stack = new Stack(app, 'Bare', { env: { account: '111122223333', region: 'us-east-1' } });
    new ConnectUser(stack, 'U', minimalProps(refs(stack, IdentityManagementType.CONNECT_MANAGED), {
      generatePassword: true, identityInfo: { firstName: 'A', lastName: 'B' },
    }));
    expect(nagFindings(app, [stack]).join('\n')).toMatch(/AwsSolutions-SMG4/);
  });
});
