import { afterEach, describe, expect, it, vi } from 'vitest';
import { assertLintClean, cfnLint, lintEach } from './util/cfn-lint';

const user = (props: Record<string, unknown>) => ({
  Resources: {
    User: {
      Type: 'AWS::Connect::User',
      Properties: {
        InstanceArn: 'arn:aws:connect:us-east-1:111122223333:instance/i-1',
        RoutingProfileArn: 'arn:aws:connect:us-east-1:111122223333:instance/i-1/routing-profile/rp-1',
        SecurityProfileArns: ['arn:aws:connect:us-east-1:111122223333:instance/i-1/security-profile/sp-1'],
        Username: 'agent',
        ...props,
      },
    },
  },
});

describe('the cfn-lint helper', () => {
  it('reports errors per template, and none for a clean one', () => {
    const { result, perTemplate } = lintEach([user({}), user({ Username: 'x'.repeat(65) }), user({ PhoneConfig: { AfterContactWorkTimeLimit: -1 } })]);
    expect(result.ran).toBe(true);
    expect(perTemplate[0]).toEqual([]);
    expect(perTemplate[1].join('\n')).toMatch(/E3033.*Username/);
    expect(perTemplate[2].join('\n')).toMatch(/AfterContactWorkTimeLimit/);
  });

  it('assertLintClean throws on an error and passes a clean template', () => {
    expect(assertLintClean([user({})])).toBe(true);
    expect(() => assertLintClean([user({ SecurityProfileArns: [] })])).toThrow(/cfn-lint found 1 error/);
  });
});

describe('when cfn-lint is missing', () => {
  afterEach(() => {
    cfnLint.command = 'cfn-lint';
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('fails under CI', () => {
    cfnLint.command = 'cfn-lint-not-installed';
    vi.stubEnv('CI', 'true');
    expect(() => assertLintClean([user({})])).toThrow(/cfn-lint is not installed, so the templates were NOT linted/);
  });

  it('says so loudly outside CI, and reports that nothing was linted', () => {
    cfnLint.command = 'cfn-lint-not-installed';
    vi.stubEnv('CI', '');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(assertLintClean([user({})])).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/!!! cfn-lint is not installed/));
  });
});
